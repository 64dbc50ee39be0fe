/** Terminal styling: colour only on a TTY and only when NO_COLOR is unset or empty (https://no-color.org). */
export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
}

export function style(isTTY: boolean, env: Record<string, string | undefined>): Style {
  const on = isTTY && !env.NO_COLOR;
  const wrap = (open: number, close: number) => (s: string) => (on ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22) };
}

/** A one-line progress display on a TTY (rewritten in place, cleared at the end); silent elsewhere. */
export class Progress {
  private shown = false;
  constructor(
    private readonly write: (s: string) => void,
    private readonly enabled: boolean,
  ) {}

  show(text: string): void {
    if (!this.enabled) return;
    this.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.write('\r\x1b[K');
    this.shown = false;
  }
}
