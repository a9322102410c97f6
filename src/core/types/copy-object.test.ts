import { describe, expect, it } from 'vitest';
import { copyObject } from './copy-object.js';

describe('copyObject', () => {
  it('copies own enumerable properties, in order, into a new object', () => {
    const source = { b: 1, a: { nested: true } };
    const copy = copyObject(source);
    expect(copy).not.toBe(source);
    expect(Object.keys(copy)).toEqual(['b', 'a']);
    expect(copy.a).toBe(source.a);
  });

  it('keeps an own __proto__ key a plain property, as a spread does', () => {
    const source = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const copy = copyObject(source);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
  });
});
