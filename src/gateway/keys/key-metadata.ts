import type { RequestMetadata } from '../../core/types/chat-request.js';
import type { VirtualKeyInfo } from './virtual-key.js';

/**
 * Adds who a virtual key belongs to onto a request's metadata, for the ledger and budgets: the key's
 * id (never the secret), user and team win over whatever the client sent, because a client must not
 * bill its calls to someone else; tags are joined.
 */
export function withKeyMetadata(
  key: VirtualKeyInfo | undefined,
  metadata: RequestMetadata | undefined,
): RequestMetadata | undefined {
  if (!key) return metadata;
  const merged: RequestMetadata = { ...metadata, key: key.id };
  if (key.user !== undefined) merged.user = key.user;
  if (key.team !== undefined) merged.team = key.team;
  const tags = [...new Set([...(key.tags ?? []), ...(metadata?.tags ?? [])])];
  if (tags.length > 0) merged.tags = tags;
  return merged;
}
