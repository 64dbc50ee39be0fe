import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { GenerateCache } from './cache.js';
import { DEFAULT_TARGETS, type GenerateOptions } from './config/options.js';
import { diagnostic, DiagnosticError, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { Engine, type Helper } from './emit/engine/engine.js';
import { builtinHelpers } from './emit/engine/helpers.js';
import { checkTemplateOverrides } from './emit/engine/overrides.js';
import { loadTemplateSet } from './emit/engine/templates.js';
import { EmitMemo } from './emit/memo.js';
import { representationOf } from './emit/representation.js';
import { sameInputs, targetContext } from './emit/reuse.js';
import { planScaffold, type ScaffoldPlan } from './emit/server/scaffold.js';
import { printContext } from './emit/shared.js';
import type { GeneratedFile } from './emit/target.js';
import { isTarget, oneOfEachRuntime, TARGETS, withRequirements } from './emit/targets.js';
import { buildIrFromDocument } from './ir/index.js';
import type { IrDocument } from './ir/types.js';
import { loadSpec, withPosition, type LoadedSpec } from './parse/index.js';
import { LIMITS } from './parse/limits.js';
import { formatFiles } from './write/format.js';
import { checkOutput, commitOutput, type DriftReport } from './write/output.js';
import { planFiles } from './write/plan.js';
import { applyScaffold, readScaffold } from './write/scaffold.js';

export interface GenerateResult {
  /** True when there was no error (warnings may remain). */
  ok: boolean;
  /** The generated files, sorted by path (empty when there were errors). */
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  /** Paths written, left unchanged, and removed (written by the previous run, no longer produced). */
  written: string[];
  unchanged: string[];
  removed: string[];
  /** The spec files that were read (absolute paths; the `$ref` graph), for watchers. */
  inputs: string[];
  /** With `check`: how the output folder differs from what would be written (nothing is written). */
  drift?: DriftReport;
  /** What `scaffold` did: the handlers it added (all of them when it created the file). */
  scaffold?: { file: string; created: boolean; added: string[]; orphaned: string[] };
  /** Milliseconds per stage (`parse`, `ir`, `emit` and `emit <target>` for each, `validate`, `write` or `check`). */
  timings: Record<string, number>;
}

/**
 * Spec → files. Never throws for bad input and never prints: problems come back as diagnostics, and nothing is
 * written unless every stage (including schema validation, which runs beside IR building) succeeded.
 */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const timings: Record<string, number> = {};
  const result: GenerateResult = { ok: false, files: [], diagnostics: [], written: [], unchanged: [], removed: [], inputs: [], timings };
  let t = performance.now();
  // Records the stage that just ended and announces the next one (for progress displays).
  const lap = (stage: string, next?: string) => {
    const now = performance.now();
    timings[stage] = Math.round(now - t);
    t = now;
    if (next) options.onStage?.(next);
  };
  try {
    const requested = options.targets ?? [...DEFAULT_TARGETS];
    const unknown = requested.filter((x) => !isTarget(x));
    if (unknown.length > 0) {
      result.diagnostics.push(diagnostic('SF4002', `unknown target(s): ${unknown.join(', ')} (available: ${Object.keys(TARGETS).join(', ')})`, ''));
      return result;
    }
    const targets = withRequirements(options.scaffold ? [...requested, 'server'] : requested);
    if (options.scaffold && !options.output) {
      result.diagnostics.push(diagnostic('SF9001', "'scaffold' needs 'output' (the folder of server.ts)", ''));
      return result;
    }
    if ((options.write === true || options.check) && !options.output) {
      result.diagnostics.push(diagnostic('SF9001', `'output' is required to ${options.check ? 'check' : 'write'} files`, ''));
      return result;
    }
    const maxMiB = options.maxDocumentMiB;
    if (maxMiB !== undefined && !(typeof maxMiB === 'number' && maxMiB > 0 && maxMiB <= LIMITS.maxDocumentMiBCeiling)) {
      result.diagnostics.push(diagnostic('SF9001', `'maxDocumentMiB' must be a number above 0 and at most ${LIMITS.maxDocumentMiBCeiling}`, ''));
      return result;
    }
    const overrides = checkTemplateOverrides(options.templates ?? []);
    if (overrides.length > 0) {
      result.diagnostics.push(...overrides);
      return result;
    }
    const writing = !!options.output && options.write !== false && !options.check;
    options.onStage?.('parse');
    const cache = options.cache;
    const spec = await loadSpec(options.input, {
      refs: options.refs ?? {},
      ...(maxMiB !== undefined ? { maxDocumentBytes: Math.floor(maxMiB * 1024 * 1024) } : {}),
      ...(cache ? { cache: cache.parse } : {}),
    });
    result.inputs = [...spec.files.keys()].filter((p) => isAbsolute(p)).sort();
    lap('parse', 'ir');
    const { ir, diagnostics } = buildIrFromDocument(spec.document, spec.openapiVersion, cache?.ir);
    lap('ir', 'emit');
    let files: GeneratedFile[] = [];
    if (!hasErrors(diagnostics)) {
      // Between stages, the event loop gets a turn: the validation worker's answer is taken as soon as it is
      // there (and a worker that is released when idle frees its memory before the output is built).
      await turn();
      const report = (d: Diagnostic) => diagnostics.push(d);
      const helpers = helpersFor(ir, options);
      for (const name of targets) {
        files.push(...emitTarget(ir, name, helpers, options, report, timings, cache));
        await turn();
      }
      files = oneOfEachRuntime(files);
    }
    lap('emit', 'validate');
    const validation = await spec.validation;
    lap('validate', options.check ? 'check' : 'write');
    result.diagnostics.push(...validation, ...positioned(diagnostics, spec));
    if (hasErrors(result.diagnostics)) return result;
    if (options.format) files = await formatFiles(files);
    result.files = planFiles(files);
    // The scaffold is planned before anything is written, so that its failure leaves everything untouched.
    let scaffoldPlan: ScaffoldPlan | undefined;
    if (options.scaffold && writing) {
      const file = resolvePath(options.scaffold);
      const existing = readScaffold(file);
      result.diagnostics.push(...existing.diagnostics);
      if (hasErrors(existing.diagnostics)) return result;
      const engine = new Engine(loadTemplateSet('server', options.templates ?? []), helpersFor(ir, options));
      scaffoldPlan = await planScaffold(ir, file, existing.text, resolvePath(options.output!), engine);
      result.diagnostics.push(...scaffoldPlan.diagnostics);
      if (hasErrors(scaffoldPlan.diagnostics)) return result;
    }
    if (options.check && options.output) {
      result.drift = await checkOutput(options.output, result.files);
      lap('check');
    }
    if (writing) {
      const report = await commitOutput(options.output!, result.files, { written: cache?.written, durable: options.durable });
      result.written = report.written;
      result.unchanged = report.unchanged;
      result.removed = report.removed;
      lap('write');
      if (scaffoldPlan) {
        const failures = applyScaffold(scaffoldPlan);
        result.diagnostics.push(...failures);
        const { created, added, orphaned } = scaffoldPlan;
        result.scaffold = { file: options.scaffold!, created, added, orphaned };
        if (hasErrors(failures)) return result;
      }
    }
    result.ok = true;
    return result;
  } catch (e) {
    if (e instanceof DiagnosticError) result.diagnostics.push(...e.diagnostics);
    else result.diagnostics.push(diagnostic('SF9002', `internal error: ${(e as Error).stack ?? String(e)}`, ''));
    return result;
  } finally {
    sortDiagnostics(result.diagnostics);
  }
}

/**
 * Makes V8 hold a file's text as one flat string. Templates build it by many concatenations, and V8 keeps that
 * as a tree of pieces (GitHub's 9 MB validators.ts held 34 MB of them); converting the string to a number
 * flattens it. Peak RSS of all targets on GitHub's spec: about 10 MB less.
 */
function flatten(s: string): void {
  void Number(s);
}

/** One turn of the event loop (messages from the validation worker are handled). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The built-in helpers for this IR, with the caller's on top (a caller may replace a built-in). */
function helpersFor(ir: IrDocument, options: Pick<GenerateOptions, 'helpers' | 'dates' | 'int64'>): Record<string, Helper> {
  return { ...builtinHelpers(printContext(ir, '', representationOf(options))), ...(options.helpers ?? {}) };
}

/** Renders every requested target (each with an engine of its own, the helpers shared). */
export function emitTargets(
  ir: IrDocument,
  targets: readonly string[],
  options: Pick<GenerateOptions, 'templates' | 'helpers' | 'onStage' | 'dates' | 'int64'> = {},
  report: (d: Diagnostic) => void = () => {},
  timings: Record<string, number> = {},
): GeneratedFile[] {
  const helpers = helpersFor(ir, options);
  return oneOfEachRuntime(targets.flatMap((name) => emitTarget(ir, name, helpers, options, report, timings)));
}

function emitTarget(
  ir: IrDocument,
  name: string,
  helpers: Record<string, Helper>,
  options: Pick<GenerateOptions, 'templates' | 'onStage' | 'helpers' | 'dates' | 'int64'>,
  report: (d: Diagnostic) => void,
  timings: Record<string, number>,
  cache?: GenerateCache,
): GeneratedFile[] {
  const target = TARGETS[name as keyof typeof TARGETS]!;
  options.onStage?.(`emit ${name}`);
  const started = performance.now();
  const set = loadTemplateSet(name, options.templates ?? []);
  // With a cache, a target whose inputs are those of the last run gives the last run's files (not with helpers
  // of the caller's: a function's behaviour cannot be compared).
  const prev = cache?.targets.get(name);
  const reusable = cache !== undefined && Object.keys(options.helpers ?? {}).length === 0;
  const representation = representationOf(options);
  const context = reusable ? targetContext(ir, set, representation) : '';
  let files: GeneratedFile[];
  if (reusable && prev && sameInputs(prev, target, ir, context)) {
    for (const d of prev.diagnostics) report(d);
    files = prev.files;
    cache.targets.set(name, { ...prev, schemas: ir.schemas, operations: ir.operations });
  } else {
    const memo = reusable ? (prev?.memo ?? new EmitMemo()) : undefined;
    const found: Diagnostic[] = [];
    const engine = new Engine(set, helpers);
    files = [...target.emit(ir, engine, (d) => (found.push(d), report(d)), memo, representation), ...engine.takeExtraFiles()];
    for (const f of files) flatten(f.content);
    // Kept for the next run, which may give the same objects again (and knows them by identity): frozen.
    if (reusable) files = files.map((f) => Object.freeze({ ...f }));
    memo?.settle();
    if (reusable) cache.targets.set(name, { schemas: ir.schemas, operations: ir.operations, context, files, diagnostics: found, memo: memo! });
  }
  timings[`emit ${name}`] = Math.round(performance.now() - started);
  return files;
}

function positioned(ds: Diagnostic[], spec: LoadedSpec): Diagnostic[] {
  return ds.map((d) => withPosition(d, spec));
}

/** Loads a spec and builds its IR (for `--dump-ir` and library users); diagnostics instead of throws. */
export async function buildIr(input: string | URL | object, options: Pick<GenerateOptions, 'refs'> = {}): Promise<{ ir?: IrDocument; diagnostics: Diagnostic[] }> {
  try {
    const spec = await loadSpec(input, { refs: options.refs ?? {} });
    const { ir, diagnostics } = buildIrFromDocument(spec.document, spec.openapiVersion);
    const all = sortDiagnostics([...(await spec.validation), ...positioned(diagnostics, spec)]);
    return hasErrors(all) ? { diagnostics: all } : { ir, diagnostics: all };
  } catch (e) {
    if (e instanceof DiagnosticError) return { diagnostics: e.diagnostics };
    return { diagnostics: [diagnostic('SF9002', `internal error: ${(e as Error).stack ?? String(e)}`, '')] };
  }
}
