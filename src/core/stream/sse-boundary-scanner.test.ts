import { describe, expect, it } from 'vitest';
import { SseBoundaryScanner } from './sse-boundary-scanner.js';

const encoder = new TextEncoder();

function ends(chunks: string[]): number[] {
  const scanner = new SseBoundaryScanner();
  const found: number[] = [];
  let offset = 0;
  for (const chunk of chunks) {
    const bytes = encoder.encode(chunk);
    for (let end = scanner.next(bytes, 0); end !== -1; end = scanner.next(bytes, end))
      found.push(offset + end);
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
});
