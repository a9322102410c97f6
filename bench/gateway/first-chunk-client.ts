/**
 * Time to the first body byte of a stream, sequentially: `node --import tsx first-chunk-client.ts
 * <url> <body json> <headers json> <count>`. Prints the median in ms. Its own process, like wrk.
 */
import { Agent, request } from 'undici';

const [url, body, headers, count] = process.argv.slice(2) as [string, string, string, string];
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });
const times: number[] = [];
for (let i = 0; i < Number(count); i++) {
  const started = performance.now();
  const answer = await request(url, { method: 'POST', headers: JSON.parse(headers), body, dispatcher });
  let first = true;
  for await (const _ of answer.body) {
    if (first) times.push(performance.now() - started);
    first = false;
  }
}
times.sort((a, b) => a - b);
process.stdout.write(`${times[Math.floor(times.length / 2)]!.toFixed(4)}\n`);
