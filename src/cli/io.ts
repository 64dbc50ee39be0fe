/** What the CLI talks to: the process in `main.ts`, a fake in tests. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (colour, progress). Default false. */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Aborted on Ctrl-C / SIGTERM while they are trapped (`trapSignals`): `--watch` stops watching and returns. */
  signal?: AbortSignal;
  /**
   * Whether Ctrl-C / SIGTERM abort `signal` (true) or end the process at once (false, the default). `--watch`
   * traps them while it waits for changes and lets them go while a run processes the spec: a run can be stuck in
   * a long synchronous or blocked step, where a handler never gets to run, and only the default action ends it.
   */
  trapSignals?: (on: boolean) => void;
}

/** Exit codes: 0 success, 1 drift found by --check, 2 invalid input or usage. */
export const EXIT = { ok: 0, drift: 1, invalid: 2 } as const;
