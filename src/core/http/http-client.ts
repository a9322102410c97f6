import { Agent, type Dispatcher, request } from 'undici';

/**
 * One keep-alive connection pool per origin (undici's Agent keeps a Pool per origin), shared by
 * every provider in the process so repeated calls reuse sockets.
 */
let sharedAgent: Agent | undefined;

export function defaultDispatcher(): Dispatcher {
  // No cap on connections per origin: each open stream holds one, and a gateway with a cap of 256
  // silently queued its 257th concurrent stream to a provider behind the others.
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
  return sharedAgent;
}

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** JSON-serializable body. */
  body?: unknown;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

export async function sendHttp(
  call: HttpCall,
  signal: AbortSignal | undefined,
  dispatcher?: Dispatcher,
): Promise<HttpResponse> {
  const hasBody = call.body !== undefined;
  const response = await request(call.url, {
    method: call.method,
    headers: hasBody ? { 'content-type': 'application/json', ...call.headers } : call.headers,
    body: hasBody ? JSON.stringify(call.body) : undefined,
    signal,
    dispatcher: dispatcher ?? defaultDispatcher(),
    // Providers can take minutes before the first byte of a long completion; our own timers govern.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  return { status: response.statusCode, headers: response.headers, body: response.body };
}

/**
 * Reads a body to text (a JSON answer, or an error body for classification), bounded so a hostile
 * upstream cannot exhaust memory. Plain stream events rather than `for await`: the async iterator
 * costs a promise per chunk, measurable on the gateway's hot path.
 */
export function readBodyText(body: HttpResponse['body'], limitBytes = 256 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      body.off('data', onData);
      body.off('end', finish);
      body.off('error', onError);
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      body.off('data', onData);
      body.off('end', finish);
      reject(error);
    };
    const onData = (buf: Buffer) => {
      size += buf.length;
      if (size <= limitBytes) {
        chunks.push(buf);
        return;
      }
      chunks.push(buf.subarray(0, Math.max(0, buf.length - (size - limitBytes))));
      finish();
      // undici's body reports its own destroy as an AbortError: nobody is listening any more.
      body.once('error', () => {});
      body.destroy();
    };
    body.on('data', onData);
    body.once('end', finish);
    body.once('error', onError);
  });
}

/**
 * A response body's chunks for `for await` that leaves the body alone when the loop stops early
 * (a stream's last event read). Node's default iterator destroys it with an AbortError, whose stack
 * capture was a measurable share of a streamed request; the caller dumps or destroys it instead.
 */
export function bodyChunks(body: HttpResponse['body']): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => body.iterator({ destroyOnReturn: false }) };
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
