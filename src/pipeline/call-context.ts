import { randomUUID } from 'node:crypto';
import type { CallContext } from '../accounting/ledger/settled-row.js';
import type { ChatRequest } from '../core/types/chat-request.js';

/** Who a call is for, from its metadata (`user`, `team`, `task`, `tags`, `key`), with its request id (or a fresh one). */
export function callContext(
  request: Pick<ChatRequest, 'metadata' | 'requestId'>,
  route: string | undefined,
  stream: boolean,
): CallContext {
  const metadata = request.metadata;
  const context: CallContext = { requestId: request.requestId ?? randomUUID(), stream };
  if (route !== undefined) context.route = route;
  if (!metadata) return context;
  if (typeof metadata.user === 'string') context.user = metadata.user;
  if (typeof metadata.team === 'string') context.team = metadata.team;
  if (typeof metadata.task === 'string') context.task = metadata.task;
  if (typeof metadata.key === 'string') context.key = metadata.key;
  if (Array.isArray(metadata.tags)) context.tags = metadata.tags;
  return context;
}
