/**
 * The floor: a pass-through proxy in a few lines of Node (`http` + `undici`), no parsing at all.
 * Run: `node --import tsx bench/gateway/floor-proxy.ts <upstream origin>`; prints its port.
 */
import { createServer } from 'node:http';
import { Agent, request } from 'undici';

const upstream = process.argv[2]!;
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 1024 });
const server = createServer(async (req, res) => {
  try {
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const answer = await request(`${upstream}${req.url}`, {
      method: req.method as 'POST',
      headers,
      body: req.method === 'GET' ? undefined : req,
      dispatcher,
    });
    res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? '') });
    for await (const part of answer.body) res.write(part);
    res.end();
  } catch {
    res.destroy();
  }
});
server.keepAliveTimeout = 60_000;
// --cpu-prof writes its profile only on a clean exit.
process.on('SIGINT', () => process.exit(0));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
