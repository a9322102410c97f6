import type { ServerResponse } from 'node:http';

// The JSON writer is shared with the test kit's mock servers; its callers keep importing it here.
export { writeJsonResponse } from '../../core/http/write-json-response.js';

/**
 * Writes stream frames (encoded text, or upstream bytes passed through), waiting for the socket to
 * drain so a slow reader cannot grow our memory.
 */
export function writeFrames(
  res: ServerResponse,
  frames: Array<string | Uint8Array>,
): Promise<void> | undefined {
  if (frames.length === 0 || res.destroyed) return undefined;
  let ok: boolean;
  if (frames.length === 1) ok = res.write(frames[0]!);
  else if (frames.every((frame) => typeof frame === 'string')) ok = res.write(frames.join(''));
  else
    ok = res.write(
      Buffer.concat(frames.map((frame) => (typeof frame === 'string' ? Buffer.from(frame) : frame))),
    );
  if (ok) return undefined;
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
