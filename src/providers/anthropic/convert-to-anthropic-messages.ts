import type { Warning } from '../../core/types/chat-result.js';
import {
  type AssistantMessage,
  contentParts,
  contentText,
  type Message,
  type ToolMessage,
  type UserMessage,
} from '../../core/types/messages.js';
import type {
  AnthropicAssistantBlock,
  AnthropicMessageParam,
  AnthropicToolResultBlock,
  AnthropicUserBlock,
} from './anthropic-api-types.js';
import { convertToAnthropicImage } from './convert-anthropic-image.js';

export interface AnthropicPrompt {
  /** All system messages, hoisted: the Messages API has no system role inside `messages`. */
  system?: string;
  messages: AnthropicMessageParam[];
  warnings: Warning[];
}

/**
 * Canonical messages -> Anthropic `system` + `messages`. Consecutive turns of one role are merged
 * (tool results are user turns on this wire), and within a user turn the `tool_result` blocks go
 * first, since the API requires them right after the assistant turn that made the calls.
 */
export function convertToAnthropicMessages(provider: string, messages: Message[]): AnthropicPrompt {
  const warnings: Warning[] = [];
  const system: string[] = [];
  const turns: AnthropicMessageParam[] = [];

  const userTurn = (): AnthropicUserBlock[] => {
    const last = turns[turns.length - 1];
    if (last?.role === 'user') return last.content;
    const content: AnthropicUserBlock[] = [];
    turns.push({ role: 'user', content });
    return content;
  };
  const assistantTurn = (): AnthropicAssistantBlock[] => {
    const last = turns[turns.length - 1];
    if (last?.role === 'assistant') return last.content;
    const content: AnthropicAssistantBlock[] = [];
    turns.push({ role: 'assistant', content });
    return content;
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system':
        system.push(contentText(message.content));
        break;
      case 'user':
        if (message.name !== undefined) {
          warnings.push({
            type: 'unsupported-setting',
            setting: 'name',
            message: 'message names are ignored',
          });
        }
        userTurn().push(...userBlocks(provider, message));
        break;
      case 'tool':
        userTurn().push(toolResultBlock(provider, message));
        break;
      case 'assistant':
        assistantTurn().push(...assistantBlocks(message, warnings));
        break;
    }
  }

  const joined = system.filter((text) => text !== '').join('\n\n');
  return { ...(joined ? { system: joined } : {}), messages: tidy(turns), warnings };
}

/**
 * The API rejects empty turns (an assistant turn whose only reasoning was left out), so they go, and
 * the turns they separated are merged; tool results then move to the front of each user turn.
 */
function tidy(turns: AnthropicMessageParam[]): AnthropicMessageParam[] {
  const out: AnthropicMessageParam[] = [];
  for (const turn of turns) {
    if (turn.content.length === 0) continue;
    const last = out[out.length - 1];
    if (last?.role === turn.role) (last.content as unknown[]).push(...turn.content);
    else out.push(turn);
  }
  for (const turn of out) {
    if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  }
  return out;
}

function userBlocks(provider: string, message: UserMessage): AnthropicUserBlock[] {
  const blocks: AnthropicUserBlock[] = [];
  for (const part of contentParts(message.content)) {
    // The API rejects empty text blocks.
    if (part.type === 'text') {
      if (part.text !== '') blocks.push({ type: 'text', text: part.text });
    } else blocks.push(convertToAnthropicImage(provider, part));
  }
  return blocks;
}

function toolResultBlock(provider: string, message: ToolMessage): AnthropicToolResultBlock {
  const content: AnthropicToolResultBlock['content'] =
    typeof message.content === 'string'
      ? message.content
      : message.content.map((part) =>
          part.type === 'text' ? { type: 'text', text: part.text } : convertToAnthropicImage(provider, part),
        );
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: message.toolCallId, content };
  if (message.isError) block.is_error = true;
  return block;
}

function assistantBlocks(message: AssistantMessage, warnings: Warning[]): AnthropicAssistantBlock[] {
  const blocks: AnthropicAssistantBlock[] = [];
  for (const part of contentParts(message.content)) {
    switch (part.type) {
      case 'text':
        if (part.text !== '') blocks.push({ type: 'text', text: part.text });
        break;
      case 'tool-call':
        blocks.push({ type: 'tool_use', id: part.id, name: part.name, input: toolInput(part.input) });
        break;
      case 'reasoning':
        // Thinking goes back unchanged with its signature; without one the API would reject it.
        if (part.redactedData !== undefined)
          blocks.push({ type: 'redacted_thinking', data: part.redactedData });
        else if (part.signature !== undefined) {
          blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
        } else {
          warnings.push({
            type: 'other',
            setting: 'reasoning',
            message: 'reasoning without a signature cannot be sent back to Anthropic and was left out',
          });
        }
        break;
    }
  }
  return blocks;
}

/** `tool_use.input` must be an object; canonical input may arrive as JSON text. */
function toolInput(input: unknown): unknown {
  if (typeof input === 'string') {
    try {
      return JSON.parse(input);
    } catch {
      return {};
    }
  }
  return input ?? {};
}

function toolResultsFirst(blocks: AnthropicUserBlock[]): AnthropicUserBlock[] {
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length === 0) return blocks;
  return [...results, ...blocks.filter((b) => b.type !== 'tool_result')];
}
