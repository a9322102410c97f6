import type { CliInput } from './cli-context.js';
import { CliError } from './cli-error.js';

/**
 * The prompt from the argument, or else all of standard input (`echo hi | switchyard chat ...`).
 * An interactive terminal with no argument is a usage mistake, not something to wait on.
 */
export async function readPrompt(argument: string | undefined, stdin: CliInput): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument;
  if (stdin.isTTY) {
    throw new CliError('no prompt given', { hint: 'pass it as an argument or pipe it on standard input' });
  }
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  text += decoder.decode();
  // A trailing newline comes from `echo`, not from the user's intent.
  const prompt = text.replace(/\r?\n$/, '');
  if (prompt.trim() === '') {
    throw new CliError('the prompt is empty', {
      hint: 'pass it as an argument or pipe it on standard input',
    });
  }
  return prompt;
}
