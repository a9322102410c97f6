const LF = 0x0a;
const CR = 0x0d;

/**
 * Finds where SSE messages end (a blank line: two line terminators in a row, each LF, CR or CRLF)
 * in a byte stream delivered in chunks of any size. Only the bytes are looked at, never decoded:
 * LF and CR never occur inside a multi-byte UTF-8 character.
 */
export class SseBoundaryScanner {
  /** The last byte ended a line and nothing has followed yet. */
  #afterLineEnd = false;
  /** The last byte was a CR, so an LF right after it belongs to the same line ending. */
  #afterCr = false;

  /** Index just past the next message end at or after `from` in `bytes`, or -1 if the chunk has none. */
  next(bytes: Uint8Array, from: number): number {
    for (let i = from; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte === LF) {
        if (this.#afterCr) {
          this.#afterCr = false;
          continue;
        }
        if (this.#afterLineEnd) {
          this.#afterLineEnd = false;
          return i + 1;
        }
        this.#afterLineEnd = true;
      } else if (byte === CR) {
        if (this.#afterLineEnd) {
          this.#afterLineEnd = false;
          // Keep a CRLF's LF with the message it ends when it is in the same chunk.
          if (bytes[i + 1] === LF) return i + 2;
          this.#afterCr = true;
          return i + 1;
        }
        this.#afterLineEnd = true;
        this.#afterCr = true;
      } else {
        this.#afterLineEnd = false;
        this.#afterCr = false;
      }
    }
    return -1;
  }

  /**
   * `next` for bytes known to hold no CR from `from` on: jumps between LFs with indexOf instead of
   * looking at every byte (measured: the byte loop was most of cutting a 20-chunk stream).
   */
  nextWithoutCr(bytes: Uint8Array, from: number): number {
    if (this.#afterCr) return this.next(bytes, from);
    const length = bytes.length;
    if (from >= length) return -1;
    let i = from;
    if (this.#afterLineEnd) {
      this.#afterLineEnd = false;
      if (bytes[i] === LF) return i + 1;
    }
    for (;;) {
      const lf = bytes.indexOf(LF, i);
      if (lf === -1) return -1;
      if (lf + 1 === length) {
        this.#afterLineEnd = true;
        return -1;
      }
      if (bytes[lf + 1] === LF) return lf + 2;
      // The byte after this LF is neither LF nor CR: the next line end is further on.
      i = lf + 2;
    }
  }
}
