/** What the CLI talks to: the process in `main.ts`, a fake in tests. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (colour, progress). Default false. */
  isTTY?: boolean;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Aborted on Ctrl-C / SIGTERM: `--watch` stops watching and returns. */
  signal?: AbortSignal;
}

/** Exit codes: 0 success, 1 drift found by --check, 2 invalid input or usage. */
export const EXIT = { ok: 0, drift: 1, invalid: 2 } as const;
