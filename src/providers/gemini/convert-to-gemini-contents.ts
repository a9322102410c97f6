import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import { isPlainObject } from '../../core/types/is-plain-object.js';
import {
  type AssistantMessage,
  contentParts,
  contentText,
  type ImagePart,
  type Message,
  type ToolMessage,
} from '../../core/types/messages.js';
import type { GeminiContent, GeminiPart } from './gemini-api-types.js';

export interface GeminiPrompt {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
}

/**
 * Canonical messages -> Gemini `contents` + `systemInstruction`. Gemini has two roles (user, model);
 * tool results travel as `functionResponse` parts in a user turn and are matched by function name,
 * so the name comes from the result itself or from the assistant call it answers. Adjacent turns of
 * one role are merged: parallel calls must be answered in one turn.
 */
export function convertToGeminiContents(messages: Message[], provider = 'gemini'): GeminiPrompt {
  const system: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNames = new Map<string, string>();

  const push = (role: 'user' | 'model', parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents[contents.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const text = contentText(message.content);
        if (text) system.push({ text });
        break;
      }
      case 'user':
        push(
          'user',
          contentParts(message.content).map((part) =>
            part.type === 'text' ? { text: part.text } : imagePart(part, provider),
          ),
        );
        break;
      case 'assistant':
        push('model', assistantParts(message, toolNames));
        break;
      case 'tool':
        push('user', toolResultParts(message, toolNames, provider));
        break;
    }
  }

  const prompt: GeminiPrompt = { contents };
  if (system.length > 0) prompt.systemInstruction = { parts: system };
  return prompt;
}

function assistantParts(message: AssistantMessage, toolNames: Map<string, string>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  for (const part of contentParts(message.content)) {
    if (part.type === 'text') {
      if (part.text) parts.push({ text: part.text });
    } else if (part.type === 'reasoning') {
      // A signature-only part stands for the signature Gemini put on a text part: send it back bare.
      if (part.text) parts.push(withSignature({ text: part.text, thought: true }, part.signature));
      else if (part.signature) parts.push({ text: '', thoughtSignature: part.signature });
    } else {
      toolNames.set(part.id, part.name);
      const args = isPlainObject(part.input) ? part.input : {};
      parts.push(withSignature({ functionCall: { name: part.name, args } }, part.signature));
    }
  }
  return parts;
}

function toolResultParts(
  message: ToolMessage,
  toolNames: Map<string, string>,
  provider: string,
): GeminiPart[] {
  const name = message.toolName ?? toolNames.get(message.toolCallId);
  if (!name) {
    throw unsupportedFeature(
      provider,
      'tool results without a tool name',
      `set toolName on the result of ${message.toolCallId}, or include the assistant tool call it answers`,
    );
  }
  const text = contentText(message.content);
  const response = message.isError ? { error: text } : toResponseObject(text);
  const parts: GeminiPart[] = [{ functionResponse: { name, response } }];
  // Images a tool returned follow its response in the same turn, where the model can see them.
  for (const part of contentParts(message.content)) {
    if (part.type === 'image') parts.push(imagePart(part, provider));
  }
  return parts;
}

/** `response` must be an object: a JSON object result is sent as is, anything else is wrapped. */
function toResponseObject(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed) ? parsed : { result: parsed };
  } catch {
    return { result: text };
  }
}

const DATA_URL = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s;

/**
 * Inline base64 is universal; `fileData` works only for URIs Google can read itself (Files API
 * uploads, Cloud Storage). An arbitrary web URL would need a fetch the adapter does not make.
 */
export function imagePart(part: ImagePart, provider = 'gemini'): GeminiPart {
  if (part.data) {
    if (!part.mediaType) throw unsupportedFeature(provider, 'image data without a media type');
    return { inlineData: { mimeType: part.mediaType, data: part.data } };
  }
  const url = part.url ?? '';
  const dataUrl = DATA_URL.exec(url);
  if (dataUrl) return { inlineData: { mimeType: dataUrl[1]!, data: dataUrl[2]! } };
  if (isGoogleFileUri(url)) {
    return { fileData: { fileUri: url, ...(part.mediaType ? { mimeType: part.mediaType } : {}) } };
  }
  throw unsupportedFeature(
    provider,
    'image URLs',
    'Gemini reads only inline data, gs:// or Files API URIs; send the image as base64 data',
  );
}

function isGoogleFileUri(url: string): boolean {
  return (
    url.startsWith('gs://') || /^https:\/\/generativelanguage\.googleapis\.com\/v1(beta)?\/files\//.test(url)
  );
}

function withSignature(part: GeminiPart, signature: string | undefined): GeminiPart {
  return signature ? { ...part, thoughtSignature: signature } : part;
}
