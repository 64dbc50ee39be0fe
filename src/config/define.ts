import type { Helper } from '../emit/engine/engine.js';
import type { TargetName } from '../emit/target.js';

/** One spec → one output folder, as written in `specforge.config.*`. Relative paths are from the config's folder. */
export interface ConfigEntry {
  /** The spec: a path (YAML or JSON). */
  input?: string;
  /** The output folder. */
  output?: string;
  targets?: TargetName[];
  /** Template override folders (later win). */
  templates?: string | string[];
  /** Extra Handlebars helpers (JavaScript and TypeScript configs only). */
  helpers?: Record<string, Helper>;
  format?: boolean;
  scaffold?: string;
  allowRemoteRefs?: boolean;
  allowRefDirs?: string[];
  /** The largest spec file read, in MiB (default 64, at most 500). */
  maxDocumentMiB?: number;
  /** `"Date"`: `date`/`date-time` strings are `Date`s in the output (default `"string"`). */
  dates?: 'string' | 'Date';
  /** `"bigint"`: `int64` integers are `bigint`s in the output (default `"number"`). */
  int64?: 'number' | 'bigint';
}

/**
 * The config file's shape: one entry, or defaults plus `generate: [...]`, one entry per spec/output (each
 * entry's own values win over the defaults).
 */
export interface SpecforgeConfig extends ConfigEntry {
  generate?: ConfigEntry[];
}

/** Types a config file: `export default defineConfig({ … })`. */
export function defineConfig(config: SpecforgeConfig): SpecforgeConfig {
  return config;
}
