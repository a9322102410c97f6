import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { ImagePart } from '../core/types/messages.js';
import { CliError } from './cli-error.js';

const BY_EXTENSION: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
};

/**
 * `--image` as a message part: URLs (http, https, data:) pass through for the provider to fetch;
 * a path is read here and sent as base64 with its media type, since providers cannot see our disk.
 */
export async function readImagePart(value: string, cwd: string): Promise<ImagePart> {
  if (/^(https?:|data:)/i.test(value)) return { type: 'image', url: value };
  const path = resolve(cwd, value);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`cannot read image '${value}'${code ? ` (${code})` : ''}`, {
      hint: 'give a readable image file or an http(s) URL',
    });
  }
  const mediaType = sniffImageType(bytes) ?? BY_EXTENSION[extname(path).toLowerCase()];
  if (!mediaType) {
    throw new CliError(`cannot tell the image type of '${value}'`, {
      hint: 'use a PNG, JPEG, GIF or WebP file',
    });
  }
  return { type: 'image', data: bytes.toString('base64'), mediaType };
}

/** The type from the file's first bytes, which a wrong extension cannot fool. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const starts = (...prefix: number[]) => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}
