// Child process for bench/server-load.mjs: serves either the generated Whop server or a bare node:http
// handler on 127.0.0.1, reports its port and then its memory every 500 ms over IPC.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, mode] = process.argv.slice(2);
const member = { id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'requested', last_viewed_at: null, notification_preference: 'all' };
let server;
if (mode === 'bare') {
  // The baseline: parse the JSON body and answer, no routing, auth or validation.
  server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...member, user_id: body.user_id }));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
} else {
  const srv = await import(pathToFileURL(join(dir, 'server.js')).href);
  const node = await import(pathToFileURL(join(dir, 'server-node.js')).href);
  const handler = srv.createHandler(
    {
      createDmMember: ({ body }) => ({ status: 200, body: { ...member, user_id: body.user_id, channel_id: body.channel_id } }),
      updateDmMember: () => ({ status: 200, body: member }),
    },
    { authenticate: ({ credentials }) => credentials === 'bench' && { ok: true } },
  );
  server = await node.serve(handler, { port: 0, host: '127.0.0.1' });
}
process.send({ port: server.address().port });
setInterval(() => process.send({ rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed }), 500).unref();
process.on('message', (m) => m === 'stop' && process.exit(0));
