import { resolve } from 'node:path';
import type { ConfigEntry } from '../config/define.js';
import { findConfig, loadConfig } from '../config/load.js';
import type { GenerateOptions } from '../config/options.js';
import { configEntries } from '../config/validate.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { TargetName } from '../emit/target.js';

/** The flags of `specforge generate` that can also come from a config file. */
export interface EntryFlags {
  spec?: string;
  output?: string;
  target?: string;
  templates?: string[];
  format?: boolean;
  scaffold?: string;
  'allow-remote-refs'?: boolean;
  'allow-ref-dir'?: string[];
  'max-document-mib'?: number;
  dates?: 'string' | 'Date';
  int64?: 'number' | 'bigint';
  config?: string;
}

export interface ResolvedEntries {
  /** The config file used, if any. */
  configFile?: string;
  entries: GenerateOptions[];
  diagnostics: Diagnostic[];
}

/**
 * What to generate: with a spec on the command line, one entry (the config's top-level values as defaults);
 * without, the config's entries. Flags given on the command line override the config either way.
 */
export async function resolveEntries(flags: EntryFlags, cwd: string, explicit: ReadonlySet<string>): Promise<ResolvedEntries> {
  const configFile = flags.config ? resolve(cwd, flags.config) : findConfig(cwd);
  let entries: ConfigEntry[] = [{}];
  let defaults: ConfigEntry = {};
  if (configFile) {
    const loaded = await loadConfig(configFile);
    if (loaded.diagnostics.length > 0) return { configFile, entries: [], diagnostics: loaded.diagnostics };
    const checked = configEntries(loaded.config, configFile);
    if (checked.diagnostics.length > 0) return { configFile, entries: [], diagnostics: checked.diagnostics };
    entries = checked.entries;
    defaults = checked.defaults;
  }
  // The command line names the spec: one entry, the config's top-level values as its defaults.
  // (A URL stays a URL: `generate` refuses http(s) unless --allow-remote-refs.)
  if (flags.spec !== undefined) entries = [{ ...defaults, input: /^[a-z][a-z0-9+.-]+:/i.test(flags.spec) ? flags.spec : resolve(cwd, flags.spec) }];
  const given = (name: string) => explicit.has(name);
  if (entries.length > 1 && given('output')) {
    const message = `--output would send all ${entries.length} entries of ${configFile} to one folder: give the spec too, or set 'output' per entry`;
    return { ...(configFile ? { configFile } : {}), entries: [], diagnostics: [diagnostic('SF9001', message, '', configFile ? { file: configFile } : {})] };
  }
  const out: GenerateOptions[] = [];
  const diagnostics: Diagnostic[] = [];
  entries.forEach((e, i) => {
    const input = e.input;
    const output = given('output') && flags.output ? resolve(cwd, flags.output) : e.output;
    if (!input) {
      diagnostics.push(diagnostic('SF9001', configFile ? `no spec: give one on the command line or 'input' in ${configFile}` : 'no spec: give one (specforge generate <spec> -o <dir>) or write a specforge.config.*', configFile ? `/generate/${i}` : '', configFile ? { file: configFile } : {}));
      return;
    }
    const targets = given('target') && flags.target ? (flags.target.split(',').map((s) => s.trim()).filter(Boolean) as TargetName[]) : e.targets;
    const templates = given('templates') ? (flags.templates ?? []).map((t) => resolve(cwd, t)) : typeof e.templates === 'string' ? [e.templates] : e.templates;
    const scaffold = given('scaffold') && flags.scaffold ? resolve(cwd, flags.scaffold) : e.scaffold;
    const options: GenerateOptions = {
      input,
      refs: {
        allowRemoteRefs: given('allow-remote-refs') ? !!flags['allow-remote-refs'] : (e.allowRemoteRefs ?? false),
        allowedDirs: given('allow-ref-dir') ? (flags['allow-ref-dir'] ?? []).map((d) => resolve(cwd, d)) : (e.allowRefDirs ?? []),
      },
      format: given('format') ? !!flags.format : (e.format ?? false),
    };
    const maxMiB = given('max-document-mib') ? flags['max-document-mib'] : e.maxDocumentMiB;
    if (maxMiB !== undefined) options.maxDocumentMiB = maxMiB;
    const dates = given('dates') ? flags.dates : e.dates;
    if (dates !== undefined) options.dates = dates;
    const int64 = given('int64') ? flags.int64 : e.int64;
    if (int64 !== undefined) options.int64 = int64;
    if (output) options.output = output;
    if (targets) options.targets = targets;
    if (templates) options.templates = templates;
    if (e.helpers) options.helpers = e.helpers;
    if (scaffold) options.scaffold = scaffold;
    out.push(options);
  });
  return { ...(configFile ? { configFile } : {}), entries: out, diagnostics };
}

/** The flags of `specforge generate`. */
export interface GenerateArgs extends EntryFlags {
  'dump-ir': boolean;
  reporter: 'human' | 'json';
  check: boolean;
  watch: boolean;
  quiet: boolean;
  timings: boolean;
}
