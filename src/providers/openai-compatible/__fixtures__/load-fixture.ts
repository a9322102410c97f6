import { readFileSync } from 'node:fs';

/**
 * Test helper, kept out of the build with its fixtures: a fixture body (`<name>.json`) or a stream
 * (`<name>.chunks.txt`, one SSE data payload a line).
 */
const dir = new URL('./', import.meta.url);

export function fixtureJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, dir), 'utf8'));
}

export function fixtureLines(name: string): string[] {
  return readFileSync(new URL(`${name}.chunks.txt`, dir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}
