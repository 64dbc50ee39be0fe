import type { GenerateOptions } from '../config/options.js';
import { generate, type GenerateResult } from '../generate.js';
import { hasDrift } from '../write/output.js';
import { EXIT } from './io.js';
import type { Reporter } from './reporter.js';

/**
 * One output of the run: generate (or check) it, report, and return its exit code. `generated` is called once
 * the work is done, before anything is reported (`--watch` traps Ctrl-C again there: see Io.trapSignals).
 */
export async function runEntry(
  options: GenerateOptions,
  args: { check: boolean; timings?: boolean },
  out: Reporter,
  generated?: () => void,
): Promise<{ code: number; result: GenerateResult }> {
  const started = performance.now();
  const dir = out.rel(options.output!);
  const result = await generate({ ...options, check: args.check, onStage: (stage) => out.progress.show(`specforge: ${dir}: ${stage}…`) });
  generated?.();
  out.diagnostics(result.diagnostics);
  const ms = Math.round(performance.now() - started);
  // A run that failed before its first stage ended (a spec that does not parse) has no timings to print.
  if (args.timings && Object.keys(result.timings).length > 0) out.say(`specforge: ${dir}: ${Object.entries(result.timings).map(([stage, t]) => `${stage} ${t} ms`).join(', ')}`);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    out.fail(`specforge: ${dir}: ${errors} error${errors === 1 ? '' : 's'}; nothing written.`);
    return { code: EXIT.invalid, result };
  }
  if (args.check) {
    const drift = result.drift!;
    if (!hasDrift(drift)) {
      out.say(`specforge: ${dir} is up to date (${result.files.length} files, ${ms} ms)`);
      return { code: EXIT.ok, result };
    }
    const lines = [
      ...drift.drifted.map((p) => `  drifted  ${p}`),
      ...drift.missing.map((p) => `  missing  ${p}`),
      ...drift.extra.map((p) => `  extra    ${p}`),
    ];
    out.progress.clear();
    out.fail(`specforge: ${dir} is out of date (${drift.drifted.length} drifted, ${drift.missing.length} missing, ${drift.extra.length} extra); run specforge generate to update it`);
    for (const l of lines) out.fail(l);
    return { code: EXIT.drift, result };
  }
  const s = result.scaffold;
  const scaffolded = s ? `; scaffold ${out.rel(s.file)}: ${s.created ? 'created' : `${s.added.length} handler${s.added.length === 1 ? '' : 's'} added`}` : '';
  out.say(
    `specforge: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed in ${dir}${scaffolded} ${out.style.dim(`(${ms} ms)`)}`,
  );
  return { code: EXIT.ok, result };
}
