import { isPlainObject } from '../core/types/is-plain-object.js';
import { camelize, type PathSegment, snakeCase } from './config-path.js';

export type KeyStyle = 'snake' | 'camel';

/**
 * Maps a path in the normalized config back to the keys the user wrote. Normalization renames keys
 * (`timeout_ms` -> `timeoutMs`, `reset_timeout` -> `resetTimeoutMs`), turns a providers list into a
 * map and wraps shorthands (`smart: openai/gpt-4o` becomes `{chain: [{group: [{model}]}]}`), so
 * the walk follows the raw value: renamed keys are found by their normalized form, list entries by
 * id, and wrapper segments a shorthand does not have are skipped.
 */
export function toRawPath(raw: unknown, path: readonly PropertyKey[], style: KeyStyle): PathSegment[] {
  const out: PathSegment[] = [];
  let node: unknown = raw;
  let lost = false;
  for (const segment of path) {
    if (lost) {
      out.push(typeof segment === 'number' ? segment : styled(String(segment), style));
      continue;
    }
    if (typeof segment === 'number') {
      if (Array.isArray(node)) {
        out.push(segment);
        node = node[segment];
      }
      continue;
    }
    const key = String(segment);
    if (Array.isArray(node)) {
      const index = node.findIndex(
        (entry) => isPlainObject(entry) && (entry.id === key || entry.name === key),
      );
      if (index !== -1) {
        out.push(index);
        node = node[index];
      } else if (/^\d+$/.test(key)) {
        out.push(Number(key));
        node = node[Number(key)];
      }
      continue;
    }
    if (isPlainObject(node)) {
      const rawKey =
        key in node
          ? key
          : Object.keys(node).find((name) => camelize(name) === key || `${camelize(name)}Ms` === key);
      if (rawKey !== undefined) {
        out.push(rawKey);
        node = node[rawKey];
        continue;
      }
      // `{model, weight}` written as a chain step stands for `{group: [...]}`.
      if (key === 'group') continue;
      out.push(styled(key, style));
      lost = true;
      continue;
    }
    // A string shorthand stands for its wrapper objects: nothing to add.
    if (typeof node === 'string' && (key === 'group' || key === 'chain' || key === 'model')) continue;
    out.push(styled(key, style));
    lost = true;
  }
  return out;
}

export function styled(key: string, style: KeyStyle): string {
  return style === 'snake' ? snakeCase(key) : key;
}
