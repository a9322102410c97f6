import { Agent, type Dispatcher } from 'undici';

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

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
