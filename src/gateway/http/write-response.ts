import type { ServerResponse } from 'node:http';

export function writeJsonResponse(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

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
