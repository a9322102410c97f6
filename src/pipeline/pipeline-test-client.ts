import { MemoryLedger } from '../accounting/ledger/memory-ledger.js';
import type { CatalogEntry } from '../catalog/catalog-entry.js';
import { createCatalog } from '../catalog/create-catalog.js';
import { Switchyard } from '../client/switchyard.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import type { MockReply } from '../testing/mock-reply.js';

/** The built-in catalog, plus windows small enough for a test prompt to overflow. */
export function testCatalog() {
  const base = createCatalog();
  const mini = base.get('gpt-4o-mini', 'openai')!;
  const sized = (provider: string, id: string, contextWindow: number): CatalogEntry => ({
    ...mini,
    provider,
    id,
    aliases: [],
    contextWindow,
  });
  return createCatalog({ entries: [sized('small', 'tiny', 40), sized('big', 'large', 128_000)] });
}

/**
 * A client over scripted MockProviders named `openai`, `small` and `big` (so the catalog prices
 * them), with an in-memory ledger to read rows back from.
 */
export function testClient(
  config: Record<string, unknown> = {},
  script: { openai?: MockReply[]; small?: MockReply[]; big?: MockReply[]; defaultReply?: MockReply } = {},
) {
  const catalog = testCatalog();
  const ledger = new MemoryLedger();
  const providers = {
    openai: new MockProvider({ id: 'openai', replies: script.openai, defaultReply: script.defaultReply }),
    small: new MockProvider({ id: 'small', replies: script.small }),
    big: new MockProvider({ id: 'big', replies: script.big }),
  };
  const sy = new Switchyard({
    env: {},
    config: { policies: { retry: { max_retries: 0 } }, ...config },
    customProviders: Object.values(providers),
    catalog,
    ledger,
  });
  return { sy, ledger, catalog, providers };
}

export const hi = [{ role: 'user' as const, content: 'hi' }];
