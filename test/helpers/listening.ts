import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Starts `cmd` in `dir` (a server in another runtime: Deno, Bun, another Node) and resolves with its URL on
 * 127.0.0.1 once it prints `LISTENING <port>`; rejects with what it printed if it exits first or takes 60 s. The
 * child goes into `children`, for the test file to kill after each test.
 */
export function listening(cmd: string, args: string[], dir: string, children: ChildProcess[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const child = spawn(cmd, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start in 60 s:\n${out}\n${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}:\n${out}\n${err}`));
    });
  });
}
