// Loaded with `node --import`: reports this process's peak RSS (KiB) on exit, for the benchmark.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const fd = Number(process.env.SPECFORGE_BENCH_FD ?? 2);
  writeSync(fd, `\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
