/**
 * Opens N streams at once and keeps them open: `node --import tsx open-streams-client.ts <url>
 * <body json> <headers json> <n>`. Prints how many got their first chunk, then waits for SIGTERM.
 */
import { request } from 'node:http';

const [url, body, headers, n] = process.argv.slice(2) as [string, string, string, string];
let opened = 0;
let failed = 0;
const total = Number(n);
for (let i = 0; i < total; i++) {
  const req = request(url, { method: 'POST', headers: JSON.parse(headers), agent: false });
  req.on('response', (res) => {
    res.once('data', () => {
      opened++;
      report();
    });
    res.on('error', () => {});
  });
  req.on('error', () => {
    failed++;
    report();
  });
  req.end(body);
}
const deadline = setTimeout(() => {
  process.stdout.write(`${opened} ${failed}\n`);
}, 15_000);
function report(): void {
  if (opened + failed === total) {
    clearTimeout(deadline);
    process.stdout.write(`${opened} ${failed}\n`);
  }
}
setInterval(() => {}, 60_000);
