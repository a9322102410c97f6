import { describe, expect, it } from 'vitest';
import { SseBoundaryScanner } from './sse-boundary-scanner.js';

const encoder = new TextEncoder();

function ends(chunks: string[], withoutCr = false): number[] {
  const scanner = new SseBoundaryScanner();
  // As SseSpanCutter does: the jumping scan only where the bytes hold no CR.
  const next = (bytes: Uint8Array, from: number) =>
    withoutCr && !bytes.includes(0x0d) ? scanner.nextWithoutCr(bytes, from) : scanner.next(bytes, from);
  const found: number[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const bytes = encoder.encode(chunk);
    for (let end = next(bytes, 0); end !== -1; end = next(bytes, end)) found.push(offset + end);
    offset += bytes.length;
  }
  return found;
}

describe('SseBoundaryScanner', () => {
  it('finds message ends written with LF, CRLF and CR line endings', () => {
    expect(ends(['a\n\nb\r\n\r\nc\r\rd\n'])).toEqual([3, 8, 11]);
  });

  it('does not end a message at one CRLF, nor at a line ending split across chunks', () => {
    expect(ends(['data: x\r\n', 'data: y\r\n'])).toEqual([]);
    // A CRLF cut after its CR: the message ends at the CR, its LF opens the next chunk's bytes.
    expect(ends(['data: x\r', '\n\r', '\n'])).toEqual([10]);
    expect(ends(['data: x\n', '\n'])).toEqual([9]);
  });

  it('finds the same ends one byte at a time', () => {
    const text = ': ping\n\nevent: a\r\ndata: {"é":1}\r\n\ndata: [DONE]\n\n';
    expect(ends(Array.from(text))).toEqual(ends([text]));
  });

  it('finds the same ends jumping between LFs in bytes without CR, wherever the chunks are cut', () => {
    const text = ': ping\n\n\n\ndata: {"é":1}\nx\n\ndata: a\ndata: b\n\n\ndata: [DONE]\n\n';
    const expected = ends([text]);
    expect(ends([text], true)).toEqual(expected);
    expect(ends(Array.from(text), true)).toEqual(expected);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        const parts = [text.slice(0, i), text.slice(i, j), text.slice(j)];
        expect(ends(parts, true), `cut at ${i}, ${j}`).toEqual(expected);
      }
    }
  });

  it('keeps a CRLF cut after its CR whole when the chunk after it has no CR', () => {
    expect(ends(['data: x\r', '\n\n'], true)).toEqual(ends(['data: x\r', '\n\n']));
    expect(ends(['data: x\r\n\r', '\ndata: y\n\n'], true)).toEqual([10, 20]);
  });
});
