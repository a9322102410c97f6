/**
 * bench/stream-path-cpu: CPU per streamed call through the provider stream path, all in this process:
 * a fake undici dispatcher answers every request with the gateway bench's recorded 20-chunk OpenAI
 * SSE body with its usage chunk (every frame its own onData, all in one tick, as undici delivers a burst of writes), so
 * only Switchyard's own work (and undici's request/body plumbing) is measured, with no socket.
 * Cases: `provider` (HttpProvider.stream, the library path), `tap` (the same with tapRawBytes, the
 * gateway's pass-through), `client` (Switchyard.stream with tapRawBytes: executor + pipeline).
 * BURST=1 delivers the body in one read instead of a frame per read.
 * Run after `npm run build`: npx tsx bench/stream-path-cpu.ts [rounds=3] [calls=4000] [warm=4000]
 * A/B in one process, interleaved: DIST=/abs/a/dist/,/abs/b/dist/ (each build beside a node_modules)
 */

import { Dispatcher } from 'undici';
import type * as MemoryLedgerModule from '../src/accounting/ledger/memory-ledger.js';
import type * as CatalogModule from '../src/catalog/create-catalog.js';
import type * as ClientModule from '../src/client/switchyard.js';
import type { StreamEvent } from '../src/core/types/stream-events.js';
import type * as ProviderModule from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { fromBuild } from './support/load-build.js';

const rounds = Number(process.argv[2] ?? 3);
const calls = Number(process.argv[3] ?? 4000);
const warm = Number(process.argv[4] ?? 4000);

const WORDS =
  'The quick brown fox jumps over the lazy dog while the patient gateway counts every token it forwards'.split(
    ' ',
  );
function frame(delta: object, finish: string | null): Buffer {
  const body = {
    id: 'chatcmpl-bench-1',
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model: 'gpt-4o-mini',
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
  return Buffer.from(`data: ${JSON.stringify(body)}\n\n`);
}
/** CONTENT=n streams n content chunks instead of the gateway bench's 18 (a long stream). */
const CONTENT = Number(process.env.CONTENT ?? WORDS.length);
/**
 * The usage chunk the gateway always asks for (`stream_options.include_usage`), as OpenAI sends it;
 * USAGE=0 leaves it out, so the pipeline estimates the usage with the tokenizer instead.
 */
const USAGE_CHUNK = Buffer.from(
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench-1',
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model: 'gpt-4o-mini',
    system_fingerprint: 'fp_bench',
    choices: [],
    usage: { prompt_tokens: 12, completion_tokens: CONTENT, total_tokens: 12 + CONTENT },
  })}\n\n`,
);
const FRAMES: Buffer[] = [
  frame({ role: 'assistant', content: '' }, null),
  ...Array.from({ length: CONTENT }, (_, i) => frame({ content: ` ${WORDS[i % WORDS.length]}` }, null)),
  frame({}, 'stop'),
  ...(process.env.USAGE === '0' ? [] : [USAGE_CHUNK]),
  Buffer.from('data: [DONE]\n\n'),
];
/**
 * What each onData carries: a frame each (as a slow upstream's reads do), or with BURST=1 the whole
 * body at once (as the gateway bench's fast mock arrives: one read per stream).
 */
const READS: Buffer[] = process.env.BURST === '1' ? [Buffer.concat(FRAMES)] : FRAMES;
const HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' };
const RAW_HEADERS = [
  Buffer.from('content-type'),
  Buffer.from('text/event-stream'),
  Buffer.from('cache-control'),
  Buffer.from('no-cache'),
];

/** The callbacks undici's `request` still gives a dispatcher (the handler API before undici 7's). */
interface LegacyHandler {
  onConnect(abort: (error: Error) => void): void;
  onError(error: Error): void;
  onHeaders(status: number, headers: Buffer[], resume: () => void, statusText: string): boolean;
  onData(chunk: Buffer): boolean;
  onComplete(trailers: string[] | null): void;
}

/** Undici 7's handler API, which Switchyard's own handlers implement (`sendHttpStream`). */
interface CurrentHandler {
  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void;
  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: object): void;
  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void;
  onResponseEnd(controller: Dispatcher.DispatchController, trailers: object): void;
  onResponseError(controller: Dispatcher.DispatchController, error: Error): void;
}

/**
 * Answers every request with FRAMES, one data callback each, in one macrotask after the headers,
 * through whichever handler API the handler speaks (`request()`'s is the legacy one; older builds
 * compared with DIST use it).
 */
class FakeDispatcher extends Dispatcher {
  override dispatch(_options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    if (typeof (handler as Partial<CurrentHandler>).onRequestStart === 'function') {
      this.#current(handler as CurrentHandler);
      return true;
    }
    const legacy = handler as LegacyHandler;
    setImmediate(() => {
      let aborted = false;
      legacy.onConnect((error) => {
        aborted = true;
        legacy.onError(error);
      });
      if (aborted) return;
      legacy.onHeaders(200, RAW_HEADERS, () => {}, 'OK');
      setImmediate(() => {
        if (aborted) return;
        // Copies: undici hands out fresh buffers per read, and a consumer may keep them.
        for (const f of READS) legacy.onData(Buffer.from(f));
        legacy.onComplete([]);
      });
    });
    return true;
  }

  #current(handler: CurrentHandler): void {
    let aborted = false;
    const controller: Dispatcher.DispatchController = {
      get aborted() {
        return aborted;
      },
      paused: false,
      reason: null,
      abort(reason: Error) {
        if (aborted) return;
        aborted = true;
        handler.onResponseError(controller, reason);
      },
      pause() {},
      resume() {},
    };
    setImmediate(() => {
      handler.onRequestStart(controller, {});
      if (aborted) return;
      handler.onResponseStart(controller, 200, HEADERS);
      setImmediate(() => {
        for (const f of READS) {
          if (aborted) return;
          handler.onResponseData(controller, Buffer.from(f));
        }
        if (!aborted) handler.onResponseEnd(controller, {});
      });
    });
  }

  override async close(): Promise<void> {}
  override async destroy(): Promise<void> {}
}

/** Builds to compare in one process, interleaved (DIST=/abs/a/dist/,/abs/b/dist/); dist/ by default. */
const dists = process.env.DIST?.split(',') ?? [undefined];
const load = <T>(dist: string | undefined, path: string): Promise<T> =>
  dist ? import(new URL(path, `file://${dist}`).href) : fromBuild<T>(path);
const dispatcher = new FakeDispatcher();
const messages = [{ role: 'user' as const, content: 'benchmark' }];

const TEXT = Array.from({ length: CONTENT }, (_, i) => ` ${WORDS[i % WORDS.length]}`).join('');

/** Reads the stream through, checking its text came whole (in as many deltas as it was given). */
async function consume(stream: AsyncIterable<StreamEvent>): Promise<void> {
  let length = 0;
  for await (const event of stream) {
    if (event.type === 'text-delta') length += event.text.length;
    else if (event.type === 'error') throw event.error;
  }
  if (length !== TEXT.length) throw new Error(`read ${length} characters of text, not ${TEXT.length}`);
}

const cases: Record<string, () => Promise<void>> = {};
for (const [i, dist] of dists.entries()) {
  const { createOpenAICompatibleProvider } = await load<typeof ProviderModule>(
    dist,
    'providers/openai-compatible/create-openai-compatible-provider.js',
  );
  const { Switchyard } = await load<typeof ClientModule>(dist, 'client/switchyard.js');
  const { createCatalog } = await load<typeof CatalogModule>(dist, 'catalog/create-catalog.js');
  const { MemoryLedger } = await load<typeof MemoryLedgerModule>(dist, 'accounting/ledger/memory-ledger.js');
  const provider = createOpenAICompatibleProvider({
    id: 'openai',
    baseUrl: 'http://127.0.0.1:9/v1',
    apiKey: 'sk-bench',
    dispatcher,
  });
  const client = new Switchyard({
    env: {},
    customProviders: [provider],
    catalog: createCatalog(),
    ledger: new MemoryLedger(),
    config: { policies: { retry: { max_retries: 0 } } },
  });
  cases[`${i}:provider`] = () => consume(provider.stream({ model: 'gpt-4o-mini', messages }));
  cases[`${i}:tap`] = () => consume(provider.stream({ model: 'gpt-4o-mini', messages, tapRawBytes: true }));
  cases[`${i}:client`] = () =>
    consume(client.stream({ model: 'openai/gpt-4o-mini', messages, tapRawBytes: true }));
}
const only = process.env.CASES?.split(',');
const names = Object.keys(cases).filter((n) => !only || only.includes(n.slice(n.indexOf(':') + 1)));

for (const name of names) for (let i = 0; i < warm; i++) await cases[name]!();
const results: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (const name of names) {
    const before = process.cpuUsage();
    for (let i = 0; i < calls; i++) await cases[name]!();
    const used = process.cpuUsage(before);
    results[name]!.push((used.user + used.system) / calls);
  }
}
for (const name of names) {
  const v = results[name]!;
  const sorted = [...v].sort((a, b) => a - b);
  const median = sorted[v.length >> 1]!;
  console.log(
    `${name.padEnd(11)} us CPU/stream: median ${median.toFixed(1)}  min ${sorted[0]!.toFixed(1)}  rounds ${v.map((x) => x.toFixed(1)).join(' ')}`,
  );
}
