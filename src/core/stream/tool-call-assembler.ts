import type { ToolCall, Warning } from '../types/chat-result.js';

interface PendingCall {
  index: number;
  id: string;
  name: string;
  arguments: string;
  signature?: string;
}

/**
 * Assembles streamed tool calls from fragments keyed by index (OpenAI `index`, Anthropic content
 * block index), with several calls interleaved. Providers that send whole calls use `add` directly.
 */
export class ToolCallAssembler {
  readonly #calls = new Map<number, PendingCall>();

  /** Records a fragment; id and name usually arrive with the first fragment only. */
  append(
    index: number,
    fragment: { id?: string; name?: string; argumentsDelta?: string; signature?: string },
  ): void {
    let call = this.#calls.get(index);
    if (!call) {
      call = { index, id: fragment.id ?? '', name: fragment.name ?? '', arguments: '' };
      this.#calls.set(index, call);
    } else {
      if (fragment.id && !call.id) call.id = fragment.id;
      if (fragment.name && !call.name) call.name = fragment.name;
    }
    if (fragment.argumentsDelta) call.arguments += fragment.argumentsDelta;
    if (fragment.signature) call.signature = fragment.signature;
  }

  get size(): number {
    return this.#calls.size;
  }

  has(index: number): boolean {
    return this.#calls.has(index);
  }

  /** Completes one call (Anthropic `content_block_stop`), removing it from the pending set. */
  complete(index: number, warnings?: Warning[]): { index: number; toolCall: ToolCall } | undefined {
    const call = this.#calls.get(index);
    if (!call) return undefined;
    this.#calls.delete(index);
    return { index, toolCall: finalizeToolCall(call, warnings) };
  }

  /** Completes every pending call in index order. */
  completeAll(warnings?: Warning[]): Array<{ index: number; toolCall: ToolCall }> {
    const indexes = [...this.#calls.keys()].sort((a, b) => a - b);
    return indexes.map((index) => this.complete(index, warnings)!);
  }
}

/** Parses argument text; empty text means no arguments (`{}`), as several providers send. */
export function finalizeToolCall(
  call: { id: string; name: string; arguments: string; signature?: string },
  warnings?: Warning[],
): ToolCall {
  const text = call.arguments.trim() === '' ? '{}' : call.arguments;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    warnings?.push({
      type: 'invalid-tool-arguments',
      message: `tool call ${call.id || call.name} has arguments that are not valid JSON`,
    });
  }
  const toolCall: ToolCall = { id: call.id, name: call.name, arguments: text, input };
  if (call.signature) toolCall.signature = call.signature;
  return toolCall;
}
