import type { ServerResponse } from 'node:http';

/** A frame to write: encoded text, or upstream bytes passed through. */
type Frame = string | Uint8Array;

/**
 * Writes a stream's frames in bursts: frames given while events keep arriving through promise hops
 * alone (the events one upstream read decodes to) are joined and written once, on the next tick,
 * as a plain proxy forwards one read in one write. Written one `res.write` per event, a 20-chunk
 * stream went out as one `writev` of ~66 slices (chunk size, data, CRLF each): measured as the
 * largest single cost of a stream request (~100 us of ~500 in the profile). No frame waits longer
 * than the current tick. The caller waits for `drained()` when `needsDrain`, so a slow reader
 * holds at most one burst past the socket's high-water mark.
 */
export class FrameWriter {
  #pending: Frame[] = [];
  #scheduled = false;

  constructor(readonly res: ServerResponse) {}

  write(frames: Frame[]): void {
    if (frames.length === 0) return;
    for (const frame of frames) this.#pending.push(frame);
    if (this.#scheduled) return;
    this.#scheduled = true;
    process.nextTick(flushBurst, this);
  }

  /** Writes what is pending now. */
  flush(): void {
    this.#scheduled = false;
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#pending = [];
    if (this.res.destroyed) return;
    this.res.write(join(pending));
  }

  /** Writes what is pending with the end of the response, in one write. */
  end(): void {
    const pending = this.#pending;
    this.#pending = [];
    if (this.res.destroyed) return;
    if (pending.length > 0) this.res.end(join(pending));
    else this.res.end();
  }

  get needsDrain(): boolean {
    return this.res.writableNeedDrain;
  }

  /** Resolves once the socket drained or closed. */
  drained(): Promise<void> {
    const { res } = this;
    return new Promise((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  }
}

function flushBurst(writer: FrameWriter): void {
  writer.flush();
}

function join(frames: Frame[]): Frame {
  if (frames.length === 1) return frames[0]!;
  let text = true;
  for (const frame of frames) if (typeof frame !== 'string') text = false;
  if (text) return frames.join('');
  return Buffer.concat(frames.map((frame) => (typeof frame === 'string' ? Buffer.from(frame) : frame)));
}
