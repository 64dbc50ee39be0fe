#!/usr/bin/env node
// npm run bench:server: a bounded load run on loopback. The generated Whop server (types, validators, server)
// and a bare node:http handler, each in its own child process, get the same traffic: C concurrent keep-alive
// clients for S seconds, half of the requests invalid (bad JSON, wrong types, missing fields, wrong method,
// no credentials). Records req/s, status counts (5xx must be 0), crashes (must be 0) and the server's memory.
// Usage: node bench/server-load.mjs [--seconds 10] [--concurrency 32] [--no-write]
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results.mjs';
import { generate } from '../dist/index.js';
import { transpiledFolder } from './generated.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? Number(args[args.indexOf(n) + 1]) : d);
const seconds = opt('--seconds', 10);
const concurrency = opt('--concurrency', 32);

const r = await generate({ input: join(root, 'specs/whop-dm-members.yaml'), targets: ['server'], write: false });
if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
const dir = transpiledFolder(r.files, 'specforge-load-');

const valid = { method: 'POST', path: '/dm_members', headers: { authorization: 'Bearer bench', 'content-type': 'application/json' }, body: JSON.stringify({ channel_id: 'ch_1', user_id: 'user_1' }) };
const invalid = [
  { ...valid, body: '{"channel_id": ' },
  { ...valid, body: JSON.stringify({ channel_id: 5 }) },
  { ...valid, body: JSON.stringify({}) },
  { ...valid, method: 'DELETE' },
  { ...valid, headers: { 'content-type': 'application/json' } },
];

async function run(mode) {
  const child = fork(join(root, 'bench/server-child.mjs'), [dir, mode], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let crashed = false;
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) crashed = true;
  });
  const memory = [];
  const port = await new Promise((resolve) => child.on('message', (m) => (m.port ? resolve(m.port) : memory.push(m))));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const statuses = new Map();
  let done = 0;
  let errors = 0;
  let i = 0;
  const end = Date.now() + seconds * 1000;
  const one = (spec) =>
    new Promise((resolve) => {
      // An explicit content-length: Node's client sends DELETE bodies unframed otherwise.
      const headers = { ...spec.headers, 'content-length': String(Buffer.byteLength(spec.body ?? '')) };
      const req = request({ host: '127.0.0.1', port, method: spec.method, path: spec.path, headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(spec.body);
    });
  const worker = async () => {
    while (Date.now() < end) {
      const n = i++;
      await one(n % 2 === 0 ? valid : invalid[(n >> 1) % invalid.length]);
      done++;
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - t0) / 1000;
  agent.destroy();
  child.send('stop');
  await new Promise((r) => child.on('exit', r));
  const rss = memory.map((m) => m.rss / 2 ** 20);
  const third = Math.max(1, Math.floor(rss.length / 3));
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    mode, rps: done / elapsed, done, errors, crashed, statuses: Object.fromEntries([...statuses].sort()),
    fivexx: [...statuses].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0),
    rssStart: avg(rss.slice(0, third)), rssEnd: avg(rss.slice(-third)), rssMax: Math.max(...rss),
  };
}

const spec = await run('specforge');
const bare = await run('bare');
const fmt = (x) => Math.round(x).toLocaleString('en-US');
const table = [
  `${seconds} s per server, ${concurrency} concurrent keep-alive clients on 127.0.0.1, half of the requests invalid; Node ${process.version}.`,
  '',
  '| server | req/s | requests | statuses | 5xx | client errors | crashed | RSS first third → last third (max), MB |',
  '| --- | ---: | ---: | --- | ---: | ---: | --- | --- |',
  ...[spec, bare].map((x) => `| ${x.mode === 'bare' ? 'bare node:http (parse JSON, answer)' : 'specforge server (Whop)'} | ${fmt(x.rps)} | ${fmt(x.done)} | ${Object.entries(x.statuses).map(([s, n]) => `${s}: ${fmt(n)}`).join(', ')} | ${x.fivexx} | ${x.errors} | ${x.crashed ? 'yes' : 'no'} | ${x.rssStart.toFixed(0)} → ${x.rssEnd.toFixed(0)} (${x.rssMax.toFixed(0)}) |`),
  '',
  `specforge / bare: **${(spec.rps / bare.rps).toFixed(2)}×** the requests per second, with routing, bearer auth, parameter and body validation and problem+json errors.`,
].join('\n');
console.log(table);
if (spec.fivexx > 0 || spec.crashed || spec.errors > 0) {
  console.error('FAILED: the specforge server answered 5xx, crashed or dropped connections');
  process.exitCode = 1;
}
if (!args.includes('--no-write')) {
  writeResults('server', table, { heading: 'Server under load', reproduce: '`npm run bench:server` (`node bench/server-load.mjs`; `--seconds S`, `--concurrency C`, `--no-write`).' });
}
