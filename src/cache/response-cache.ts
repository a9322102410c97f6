import { ChatStream } from '../core/stream/chat-stream.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { ChatResult } from '../core/types/chat-result.js';
import { copyObject } from '../core/types/copy-object.js';
import type { StreamEvent } from '../core/types/stream-events.js';
import type { Clock } from '../policies/clock.js';
import { cacheKey } from './cache-key.js';
import type { CacheStorage } from './cache-storage.js';
import { decideCacheUse } from './cacheability.js';
import { LruCacheStorage } from './lru-cache-storage.js';
import { recordStream } from './record-stream.js';
import { type RecordedStream, replayStream } from './replay-stream.js';

export interface ResponseCacheOptions {
  /** Default true; false turns every lookup into a miss without touching storage. */
  enabled?: boolean;
  /** How long an answer is served. Default one hour; 0 keeps it until evicted. */
  ttlMs?: number;
  /** Cache requests that sample (temperature > 0 or unset). Default false. */
  cacheNonDeterministic?: boolean;
  /** Bound of the default in-memory storage. Default 64 MiB. */
  maxBytes?: number;
  /** Another storage (a shared store); `maxBytes` then does not apply. */
  storage?: CacheStorage;
  clock?: Clock;
}

export interface CacheCallOptions {
  /** Skip the cache for this one request: no lookup, no store. */
  bypass?: boolean;
  /** Keeps answers apart between callers that must not share them (a tenant, a route). */
  scope?: string;
}

export interface CacheCounters {
  hits: number;
  misses: number;
  stores: number;
  skipped: number;
  /** Storage reads or writes that failed; each was treated as a miss or not stored. */
  storageErrors: number;
}

type StoredEntry = { type: 'chat'; result: ChatResult } | ({ type: 'stream' } & RecordedStream);

/**
 * Exact-match response cache over the normalized request. Chat answers and streams are kept apart
 * (`chat` and `stream` keys), so a streamed call is always answered with a stream of the events
 * the provider really sent, never with a stream made up from a finished answer.
 */
export class ResponseCache {
  readonly #storage: CacheStorage;
  readonly #ttlMs: number;
  readonly #enabled: boolean;
  readonly #cacheNonDeterministic: boolean;
  readonly counters: CacheCounters = { hits: 0, misses: 0, stores: 0, skipped: 0, storageErrors: 0 };

  constructor(options: ResponseCacheOptions = {}) {
    this.#storage =
      options.storage ?? new LruCacheStorage({ maxBytes: options.maxBytes, clock: options.clock });
    this.#ttlMs = options.ttlMs ?? 3_600_000;
    this.#enabled = options.enabled ?? true;
    this.#cacheNonDeterministic = options.cacheNonDeterministic ?? false;
  }

  /** Whether this request takes part in the cache at all. */
  applies(request: ChatRequest, options: CacheCallOptions = {}): boolean {
    return decideCacheUse(request, {
      enabled: this.#enabled,
      cacheNonDeterministic: this.#cacheNonDeterministic,
      bypass: options.bypass,
    }).use;
  }

  /** What this cache will do with a request before looking: `bypass`, `skipped`, or undefined (it looks). */
  statusBefore(request: ChatRequest, options: CacheCallOptions = {}): 'bypass' | 'skipped' | undefined {
    if (this.applies(request, options)) return undefined;
    return options.bypass ? 'bypass' : 'skipped';
  }

  /** A cached answer for a chat call, or undefined. */
  async getChat(request: ChatRequest, options: CacheCallOptions = {}): Promise<ChatResult | undefined> {
    const key = this.chatKey(request, options);
    return key === undefined ? undefined : this.getChatAt(key);
  }

  /** Keeps a successful chat answer. */
  async putChat(request: ChatRequest, result: ChatResult, options: CacheCallOptions = {}): Promise<void> {
    if (!this.applies(request, options)) return;
    await this.putChatAt(this.#key('chat', request, options), result);
  }

  /**
   * The storage key of a chat call, or undefined when the request takes no part in the cache
   * (counted as skipped). With `getChatAt` and `putChatAt` the pipeline hashes a call once for its
   * lookup and its store: hashing the whole conversation twice per call was a tenth of the cache's
   * cost, and remembering the key per request object in a WeakMap cost about as much again.
   */
  chatKey(request: ChatRequest, options: CacheCallOptions = {}): string | undefined {
    return this.#callKey('chat', request, options);
  }

  /** The storage key of a stream call, as `chatKey` is for a chat call (`getStreamAt`, `recordStreamAt`). */
  streamKey(request: ChatRequest, options: CacheCallOptions = {}): string | undefined {
    return this.#callKey('stream', request, options);
  }

  /** The answer stored under a `chatKey`, or undefined. */
  async getChatAt(key: string): Promise<ChatResult | undefined> {
    const entry = await this.#readAt(key);
    if (entry?.type !== 'chat') return undefined;
    // Not `{ ...entry.result, attempts: [] }`: see copyObject.
    const result = copyObject(entry.result);
    result.attempts = [];
    return result;
  }

  /**
   * Keeps a successful chat answer under its `chatKey`; a failure is never kept. Kept without its
   * attempts, cost and cache status, which a replay does not share (no provider is called, it
   * costs nothing, it is a hit): the cost's ten fields were 40 % of the text written per store.
   */
  putChatAt(key: string, result: ChatResult): Promise<void> {
    if (result.finishReason === 'error') return DONE;
    const { attempts: _attempts, cost: _cost, cacheStatus: _cacheStatus, ...stored } = result;
    return this.#writeAt(key, { type: 'chat', result: stored });
  }

  /**
   * Chat through the cache: a hit answers without calling `call`; a miss calls it and keeps the
   * answer. A failed call throws as it would have and stores nothing.
   */
  async chat(
    request: ChatRequest,
    call: () => Promise<ChatResult>,
    options: CacheCallOptions = {},
  ): Promise<{ result: ChatResult; cacheHit: boolean }> {
    // One key for the lookup and the store, as the pipeline does.
    const key = this.chatKey(request, options);
    const hit = key === undefined ? undefined : await this.getChatAt(key);
    if (hit) return { result: hit, cacheHit: true };
    const result = await call();
    if (key !== undefined) await this.putChatAt(key, result);
    return { result, cacheHit: false };
  }

  /** A replay of the stream stored under a `streamKey`, or undefined. */
  async getStreamAt(key: string): Promise<ChatStream | undefined> {
    const entry = await this.#readAt(key);
    return entry?.type === 'stream' ? replayStream(entry) : undefined;
  }

  /** Passes `stream` through and keeps its events under `key` if, and only if, it finishes cleanly. */
  recordStreamAt(key: string, request: ChatRequest, stream: ChatStream): ChatStream {
    return recordStream(stream, { provider: 'switchyard', model: request.model }, (recorded) => {
      void this.#writeAt(key, { type: 'stream', ...recorded });
    });
  }

  /**
   * A stream through the cache, returned at once as the client's `stream()` must: the lookup runs
   * when the stream is first read. `cacheHit` settles once the lookup is done.
   */
  stream(
    request: ChatRequest,
    open: () => ChatStream,
    options: CacheCallOptions = {},
  ): { stream: ChatStream; cacheHit: Promise<boolean> } {
    let settleHit!: (hit: boolean) => void;
    const cacheHit = new Promise<boolean>((resolve) => {
      settleHit = resolve;
    });
    let outcome: ChatResult | undefined;
    const self = this;
    async function* events(): AsyncGenerator<StreamEvent> {
      const key = self.streamKey(request, options);
      const replay = key === undefined ? undefined : await self.getStreamAt(key).catch(() => undefined);
      settleHit(replay !== undefined);
      const chosen = replay ?? (key === undefined ? open() : self.recordStreamAt(key, request, open()));
      for await (const event of chosen) {
        // The chosen stream's result carries the provider and attempts; it is settled by now.
        if (event.type === 'finish') outcome = await chosen.result;
        yield event;
      }
    }
    const stream = new ChatStream(events(), {
      provider: 'switchyard',
      model: request.model,
      finalize: (result) => outcome ?? result,
    });
    return { stream, cacheHit };
  }

  /** A call's storage key, or undefined (counted as skipped) when it takes no part in the cache. */
  #callKey(mode: 'chat' | 'stream', request: ChatRequest, options: CacheCallOptions): string | undefined {
    if (!this.applies(request, options)) {
      this.counters.skipped++;
      return undefined;
    }
    return this.#key(mode, request, options);
  }

  async #readAt(key: string): Promise<StoredEntry | undefined> {
    // A cache that cannot be read is a miss: the provider still answers.
    let text: string | undefined;
    try {
      text = await this.#storage.get(key);
    } catch {
      this.counters.storageErrors++;
    }
    if (text === undefined) {
      this.counters.misses++;
      return undefined;
    }
    this.counters.hits++;
    return JSON.parse(text) as StoredEntry;
  }

  #key(mode: 'chat' | 'stream', request: ChatRequest, options: CacheCallOptions): string {
    return `${mode}:${cacheKey(request, options.scope)}`;
  }

  async #writeAt(key: string, entry: StoredEntry): Promise<void> {
    try {
      await this.#storage.set(key, JSON.stringify(entry), this.#ttlMs);
      this.counters.stores++;
    } catch {
      // An answer the caller already has must not fail because it could not be kept.
      this.counters.storageErrors++;
    }
  }
}

const DONE: Promise<void> = Promise.resolve();
