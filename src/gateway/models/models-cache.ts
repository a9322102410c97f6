import type { Switchyard } from '../../client/switchyard.js';

export interface GatewayModel {
  /** `provider/model`, the id callers send back. */
  id: string;
  provider: string;
  ownedBy: string;
  /** Unix seconds; the provider's when it says, otherwise when the gateway first listed it. */
  created: number;
  displayName?: string;
}

/**
 * The models this gateway can serve, gathered from every configured provider's live list. A slow or
 * failing provider is left out of this answer (and asked again next time) rather than failing the
 * whole list, and answers are reused for a while so `/v1/models` does not fan out on every call.
 */
export class ModelsCache {
  readonly #switchyard: Switchyard;
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  #cached: { at: number; models: GatewayModel[]; complete: boolean } | undefined;
  #pending: Promise<GatewayModel[]> | undefined;

  constructor(switchyard: Switchyard, options: { ttlMs?: number; timeoutMs?: number } = {}) {
    this.#switchyard = switchyard;
    this.#ttlMs = options.ttlMs ?? 60_000;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
  }

  async list(): Promise<GatewayModel[]> {
    const cached = this.#cached;
    // A list missing a provider that failed is reused briefly only, so the provider is asked again soon.
    const ttl = cached?.complete ? this.#ttlMs : Math.min(this.#ttlMs, 5_000);
    if (cached && performance.now() - cached.at < ttl) return cached.models;
    this.#pending ??= this.#load().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async find(id: string): Promise<GatewayModel | undefined> {
    return (await this.list()).find((model) => model.id === id);
  }

  async #load(): Promise<GatewayModel[]> {
    const now = Math.floor(Date.now() / 1000);
    const ids = this.#switchyard.registry.ids().sort();
    const lists = await Promise.allSettled(
      ids.map((id) => this.#switchyard.listModels(id, { signal: AbortSignal.timeout(this.#timeoutMs) })),
    );
    const models: GatewayModel[] = [];
    lists.forEach((list, i) => {
      if (list.status !== 'fulfilled') return;
      for (const info of list.value) {
        const model: GatewayModel = {
          id: `${ids[i]}/${info.id}`,
          provider: ids[i]!,
          ownedBy: info.ownedBy ?? ids[i]!,
          created: info.created ?? now,
        };
        if (info.displayName) model.displayName = info.displayName;
        models.push(model);
      }
    });
    // Aliases and routes are model names too: callers send them as `model` like any provider/model id.
    const { aliases, routes } = this.#switchyard.config;
    for (const name of [...Object.keys(aliases), ...Object.keys(routes)].sort()) {
      models.push({ id: name, provider: 'switchyard', ownedBy: 'switchyard', created: now });
    }
    this.#cached = { at: performance.now(), models, complete: lists.every((l) => l.status === 'fulfilled') };
    return models;
  }
}
