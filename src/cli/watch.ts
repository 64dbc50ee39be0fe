import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { resolveEntries, type GenerateArgs, type ResolvedEntries } from './entries.js';
import type { Reporter } from './reporter.js';
import { runEntry } from './run-entry.js';
import { EXIT, type Io } from './io.js';
import { createGenerateCache, prepareCache, type GenerateCache } from '../cache.js';

/** A folder and the folders below it (a templates tree is shallow; at most 4 levels are followed). */
function foldersUnder(dir: string, depth = 0): string[] {
  if (depth > 4) return [];
  try {
    const subs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
    return [dir, ...subs.flatMap((e) => foldersUnder(join(dir, e.name), depth + 1))];
  } catch {
    return [];
  }
}

/** How long a burst of file events (an editor's save, a git checkout) is allowed to settle. */
const DEBOUNCE_MS = 30;

/**
 * `--watch`: generates, then regenerates whenever the root spec, a file of its `$ref` graph, the config file or a
 * template changes. Events are debounced; a change during a run queues exactly one more run. A run that fails
 * prints its diagnostics and leaves the last good output (generation is all-or-nothing). The watched set is
 * recomputed after every run, since a `$ref` may have been added or the config may name other files. Returns
 * (exit 0) when `io.signal` aborts (Ctrl-C while waiting; during a run, Ctrl-C ends the process: Io.trapSignals).
 */
export async function watchEntries(args: GenerateArgs, io: Io, explicit: ReadonlySet<string>, out: Reporter, first: ResolvedEntries): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  // One watcher per folder; what is relevant in it is looked up at event time, so the watched set can change
  // without closing and reopening watchers (which would leave a moment where an edit is missed).
  const watchers = new Map<string, FSWatcher>();
  let watchedFiles = new Set<string>();
  let templateDirs = new Set<string>();
  let relevant = new Map<string, (name: string) => boolean>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const caches = new Map<string, GenerateCache>();

  const runAll = async (resolved?: ResolvedEntries): Promise<void> => {
    const r = resolved ?? (await resolveEntries(args, cwd, explicit));
    const files = new Set<string>();
    const dirs = new Set<string>();
    if (r.configFile) files.add(r.configFile);
    if (r.diagnostics.length > 0) {
      out.diagnostics(r.diagnostics);
      out.fail('specforge: the config is invalid; keeping the last output, watching for a fix');
      rewatch(new Set([...watchedFiles, ...files]), templateDirs);
      return;
    }
    // What is known before the run is watched before it, so that an edit during the run is not lost.
    for (const entry of r.entries) {
      if (typeof entry.input === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(entry.input)) files.add(resolve(cwd, entry.input));
      for (const t of entry.templates ?? []) dirs.add(resolve(cwd, t));
    }
    rewatch(new Set([...watchedFiles, ...files]), new Set([...templateDirs, ...dirs]));
    for (const entry of r.entries) {
      // One cache per spec and output: a run after an edit redoes only what the edit changed.
      const key = `${typeof entry.input === 'string' ? entry.input : ''}\u0000${entry.output}\u0000${(entry.targets ?? []).join(',')}`;
      let cache = caches.get(key);
      if (!cache) caches.set(key, (cache = createGenerateCache()));
      // Ctrl-C ends the process while the spec is processed (which may be stuck where no handler runs), and stops
      // the watch (exit 0) from the moment the result is in, before it is reported.
      io.trapSignals?.(false);
      const { result } = await runEntry({ ...entry, cache, durable: false }, args, out, () => io.trapSignals?.(true));
      // What the next edit needs is prepared while the user edits (not while they wait).
      const ready = cache;
      setImmediate(() => prepareCache(ready));
      for (const f of result.inputs) files.add(f);
      // A broken file of the $ref graph is not in `inputs` (reading it failed): watch it for its fix.
      for (const d of result.diagnostics) if (d.file && isAbsolute(d.file)) files.add(d.file);
    }
    rewatch(files, dirs);
  };

  const rewatch = (files: Set<string>, dirs: Set<string>): void => {
    watchedFiles = files;
    templateDirs = dirs;
    const next = new Map<string, (name: string) => boolean>();
    const byDir = new Map<string, Set<string>>();
    for (const f of files) byDir.set(dirname(f), (byDir.get(dirname(f)) ?? new Set()).add(basename(f)));
    // Folders are watched, not files: editors save by writing a new file and renaming it over the old one.
    for (const [dir, names] of byDir) next.set(dir, (name) => names.has(name));
    // Template folders: each folder of the tree on its own (a recursive watch is set up asynchronously on
    // Linux and can miss an edit made right after it starts).
    for (const dir of dirs) {
      for (const d of foldersUnder(dir)) {
        const other = next.get(d);
        next.set(d, other ? (name) => name.endsWith('.hbs') || other(name) : (name) => name.endsWith('.hbs'));
      }
    }
    relevant = next;
    for (const [dir, w] of watchers) {
      if (!next.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of next.keys()) if (!watchers.has(dir)) add(dir);
  };

  const add = (dir: string): void => {
    try {
      const w = watch(dir, (_event, name) => {
        const isRelevant = relevant.get(dir);
        if (name === null || (isRelevant && isRelevant(basename(name.toString())))) schedule();
      });
      w.on('error', () => {}); // a folder that disappears; the next run re-watches what exists
      watchers.set(dir, w);
    } catch {
      // the folder does not exist (yet)
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          io.trapSignals?.(false); // the config is loaded again too
          await runAll();
        } while (again && !stopped);
        running = undefined;
        io.trapSignals?.(true);
      })();
    }, DEBOUNCE_MS);
  };

  running = runAll(first).then(() => {
    running = undefined;
    out.say(out.style.dim(`specforge: watching ${watchedFiles.size} file${watchedFiles.size === 1 ? '' : 's'}${templateDirs.size > 0 ? ` and ${templateDirs.size} template folder${templateDirs.size === 1 ? '' : 's'}` : ''} (Ctrl-C to stop)`));
  });
  await running;
  // Waiting: Ctrl-C / SIGTERM stop the watch (a run lets them end the process, see Io.trapSignals).
  io.trapSignals?.(true);
  await new Promise<void>((done) => {
    if (!io.signal || io.signal.aborted) return done();
    io.signal.addEventListener('abort', () => done(), { once: true });
  });
  stopped = true;
  clearTimeout(timer);
  await running;
  for (const w of watchers.values()) w.close();
  return EXIT.ok;
}
