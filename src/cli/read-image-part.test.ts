import { describe, expect, it } from 'vitest';
import { readImagePart, sniffImageType } from './read-image-part.js';

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('sniffImageType', () => {
  it('knows PNG, JPEG, GIF and WebP from their first bytes', () => {
    expect(sniffImageType(bytes(0x89, 'PNG', 0x0d, 0x0a))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(bytes('hello'))).toBeUndefined();
  });
});

describe('readImagePart', () => {
  it('passes http(s) and data: URLs through for the provider to fetch', async () => {
    expect(await readImagePart('https://example.test/a.png', '/')).toEqual({
      type: 'image',
      url: 'https://example.test/a.png',
    });
    expect(await readImagePart('data:image/png;base64,iVBORw0KGgo=', '/')).toEqual({
      type: 'image',
      url: 'data:image/png;base64,iVBORw0KGgo=',
    });
  });
});
