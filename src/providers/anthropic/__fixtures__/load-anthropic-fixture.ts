import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A `<name>.json` fixture, parsed. */
export function jsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(here, `${name}.json`), 'utf8'));
}

/** The data payloads of a `<name>.chunks.txt` fixture, one per line. */
export function chunkLines(name: string): string[] {
  return readFileSync(join(here, `${name}.chunks.txt`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** The fixture as the bytes Anthropic sends: every event with its `event:` line, as the API does. */
export function sseBytes(name: string): Uint8Array {
  const text = chunkLines(name)
    .map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`)
    .join('');
  return new TextEncoder().encode(text);
}
