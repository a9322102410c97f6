import { writeFileSync } from 'node:fs';
import type { Pinning } from './pinning.js';
import { run } from './processes.js';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Model name as this target wants it. */
  model: string;
}

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}

export function requestBody(model: string, stream: boolean): string {
  return JSON.stringify({
    model,
    messages: [
      { role: 'system', content: 'You are a concise assistant.' },
      { role: 'user', content: 'Write one sentence about a fox.' },
    ],
    max_tokens: 64,
    stream,
  });
}

function ms(value: string): number {
  const match = value.match(/([\d.]+)(us|ms|s)/);
  if (!match) return Number.NaN;
  const n = Number(match[1]);
  return match[2] === 'us' ? n / 1000 : match[2] === 's' ? n * 1000 : n;
}

/** One wrk round: one thread, `connections` connections, POST of the chat body. */
export async function runWrk(
  target: Target,
  stream: boolean,
  connections: number,
  seconds: number,
  scriptPath: string,
  pin?: Pinning,
): Promise<WrkResult> {
  const headers = { 'content-type': 'application/json', ...target.headers };
  const lua = [
    'wrk.method = "POST"',
    `wrk.body = ${JSON.stringify(requestBody(target.model, stream))}`,
    ...Object.entries(headers).map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`),
  ].join('\n');
  writeFileSync(scriptPath, lua);
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', '-s', scriptPath, target.url];
  const out = await run(...(pin ? pin.load('wrk', args) : (['wrk', args] as [string, string[]])));
  const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? 0);
  const requests = Number(out.match(/(\d+) requests in/)?.[1] ?? 0);
  const non2xx = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socketErrors = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const errors = non2xx + (socketErrors ? socketErrors.slice(1).reduce((s, n) => s + Number(n), 0) : 0);
  return {
    rps,
    requests,
    errors,
    p50: ms(out.match(/\s50%\s+(\S+)/)?.[1] ?? ''),
    p99: ms(out.match(/\s99%\s+(\S+)/)?.[1] ?? ''),
  };
}
