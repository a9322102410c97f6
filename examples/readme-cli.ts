/**
 * The README's CLI example: the command lines exactly as the README shows them (readme.test.ts
 * checks they match and runs each through the built bin). Run: npx tsx examples/readme-cli.ts
 */
import { fileURLToPath } from 'node:url';
import { processContext } from '../src/cli/cli-context.js';
import { runCli } from '../src/cli/run-cli.js';

export const README_CLI_LINES = [
  'npx switchyard providers                 # every provider: configured or not, and why',
  'npx switchyard chat -m mock/echo "hello" # one answer; --stream, --json, --system, --image, --schema',
  'npx switchyard models openai             # live model list from the provider',
];

/** A README line's arguments: after `npx switchyard`, before the comment, double quotes removed. */
export function argumentsOf(line: string): string[] {
  const command = line.replace(/\s+#.*$/, '').trim();
  const words = command.match(/"[^"]*"|\S+/g) ?? [];
  if (words[0] !== 'npx' || words[1] !== 'switchyard') throw new Error(`not a switchyard command: ${line}`);
  return words.slice(2).map((word) => word.replace(/^"(.*)"$/, '$1'));
}

/** Runs each README command in this process, as the bin would; returns their exit codes. */
export async function main(context = processContext()): Promise<number[]> {
  const codes: number[] = [];
  for (const line of README_CLI_LINES) codes.push(await runCli(argumentsOf(line), context));
  return codes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const codes = await main();
  process.exitCode = codes.some((code) => code !== 0) ? 1 : 0;
}
