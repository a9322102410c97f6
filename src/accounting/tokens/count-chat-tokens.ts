import type { ChatRequest, ToolDefinition } from '../../core/types/chat-request.js';
import type { ImagePart, Message } from '../../core/types/messages.js';
import type { TokenCounter } from './token-counter.js';

/** OpenAI's framing per message (`<|start|>role<|message|>...<|end|>`), and the reply's priming. */
const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
/** Tool definitions are rendered into the prompt; this is the framing around them (estimate). */
const PER_TOOL = 8;
const TOOLS_BLOCK = 12;
/** OpenAI's image cost without knowing the size: 85 for low detail, 765 for a 1024x1024 image. */
const IMAGE_LOW = 85;
const IMAGE_DEFAULT = 765;

export type CountableRequest = Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat'>;

/**
 * The prompt tokens a request will take: messages with their framing, tool definitions and a
 * response schema. Exact in the OpenAI way for OpenAI models' text; images and tool framing are
 * estimates for every provider.
 */
export function countChatTokens(request: CountableRequest, counter: TokenCounter): number {
  let total = REPLY_PRIMING;
  for (const message of request.messages) total += countMessage(message, counter);
  if (request.tools?.length) total += countTools(request.tools, counter);
  if (request.responseFormat?.type === 'json_schema') {
    total += counter.count(JSON.stringify(request.responseFormat.schema)) + PER_TOOL;
  }
  return total;
}

function countMessage(message: Message, counter: TokenCounter): number {
  let total = PER_MESSAGE + counter.count(message.role);
  if (message.role === 'user' && message.name) total += PER_NAME + counter.count(message.name);
  if (message.role === 'tool') total += counter.count(message.toolCallId);
  if (typeof message.content === 'string') return total + counter.count(message.content);
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
        total += counter.count(part.text);
        break;
      case 'image':
        total += imageTokens(part);
        break;
      case 'tool-call':
        total += counter.count(part.name) + counter.count(JSON.stringify(part.input ?? {})) + PER_MESSAGE;
        break;
    }
  }
  return total;
}

function imageTokens(part: ImagePart): number {
  return part.detail === 'low' ? IMAGE_LOW : IMAGE_DEFAULT;
}

function countTools(tools: ToolDefinition[], counter: TokenCounter): number {
  let total = TOOLS_BLOCK;
  for (const tool of tools) {
    total += PER_TOOL + counter.count(tool.name) + counter.count(tool.description ?? '');
    total += counter.count(JSON.stringify(tool.parameters));
  }
  return total;
}
