import type { Switchyard } from '../../client/switchyard.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ChatResult } from '../../core/types/chat-result.js';
import type { ImagePart, Message, TextPart } from '../../core/types/messages.js';
import type { CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { parseFiniteNumber, parsePositiveInteger } from '../parse-number-option.js';
import { readImagePart } from '../read-image-part.js';
import { readPrompt } from '../read-prompt.js';
import { readSchemaFile } from '../read-schema-file.js';

export interface ChatOptions {
  model: string;
  system?: string;
  image?: string[];
  schema?: string;
  stream?: boolean;
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
}

/** `switchyard chat -m provider/model [prompt]`: one answer, printed whole or as it arrives. */
export const chatCommand: CliCommand = {
  name: 'chat',
  register(program, context) {
    program
      .command('chat')
      .description('send one prompt (argument or standard input) and print the answer')
      .argument('[prompt]', 'the prompt; read from standard input when absent')
      .requiredOption('-m, --model <provider/model>', 'model id, e.g. openai/gpt-4o-mini or mock/echo')
      .option('-s, --system <text>', 'system instructions')
      .option('--image <path|url>', 'attach an image (file sent as base64, or a URL); repeatable', collect)
      .option('--schema <file.json>', 'answer as JSON matching this JSON Schema')
      .option('--stream', 'print the text as it arrives')
      .option('--json', 'print the whole result (text, tool calls, usage, finish reason) as JSON')
      .option('-t, --temperature <number>', 'sampling temperature', parseFiniteNumber)
      .option('--max-tokens <n>', 'cap on output tokens', parsePositiveInteger)
      .action(async (prompt: string | undefined, options: ChatOptions) => {
        const request = await buildChatRequest(prompt, options, context);
        const switchyard = context.createSwitchyard(context.env);
        // Closing commits the call's ledger row (the ledger groups its commits) before the command ends.
        try {
          if (options.json) {
            const result = options.stream
              ? await switchyard.stream(request).result
              : await switchyard.chat(request);
            context.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
            return;
          }
          const result = options.stream
            ? await streamText(switchyard, request, context)
            : await printWhole(switchyard, request, context);
          reportNotes(result, context);
        } finally {
          await switchyard.close();
        }
      });
  },
};

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export async function buildChatRequest(
  argument: string | undefined,
  options: ChatOptions,
  context: Pick<CliContext, 'stdin' | 'cwd' | 'signal'>,
): Promise<ChatRequest> {
  const prompt = await readPrompt(argument, context.stdin);
  const images = await Promise.all((options.image ?? []).map((value) => readImagePart(value, context.cwd)));
  const messages: Message[] = [];
  if (options.system) messages.push({ role: 'system', content: options.system });
  const content: Array<TextPart | ImagePart> = [{ type: 'text', text: prompt }, ...images];
  messages.push({ role: 'user', content: images.length > 0 ? content : prompt });
  const request: ChatRequest = { model: options.model, messages };
  if (options.schema) request.responseFormat = await readSchemaFile(options.schema, context.cwd);
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.maxTokens !== undefined) request.maxOutputTokens = options.maxTokens;
  if (context.signal) request.signal = context.signal;
  return request;
}

async function printWhole(switchyard: Switchyard, request: ChatRequest, context: CliContext) {
  const result = await switchyard.chat(request);
  context.stdout.write(withNewline(result.text));
  return result;
}

/** Writes each text delta at once; a failure after some text ends the line before the error line. */
async function streamText(switchyard: Switchyard, request: ChatRequest, context: CliContext) {
  const stream = switchyard.stream(request);
  let last = '';
  try {
    for await (const event of stream) {
      if (event.type === 'text-delta' && event.text) {
        context.stdout.write(event.text);
        last = event.text;
      } else if (event.type === 'error') throw event.error;
    }
  } finally {
    if (last !== '' && !last.endsWith('\n')) context.stdout.write('\n');
  }
  return stream.result;
}

/** What a reader of plain text would otherwise miss: warnings and a cut-short answer. */
function reportNotes(result: ChatResult, context: CliContext): void {
  for (const warning of result.warnings) context.stderr.write(`switchyard: warning: ${warning.message}\n`);
  if (result.finishReason === 'length') {
    context.stderr.write('switchyard: note: the answer was cut at the output token limit (--max-tokens)\n');
  } else if (result.finishReason === 'content_filter') {
    context.stderr.write(`switchyard: note: ${result.provider}'s content filter stopped the answer\n`);
  }
  if (result.toolCalls.length > 0) {
    context.stderr.write(
      `switchyard: note: the model asked for ${result.toolCalls.length} tool call(s); use --json to see them\n`,
    );
  }
}

function withNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
