import { type DestinationStream, pino } from 'pino';

/** Where the gateway's log lines go, and how to push out what is buffered. */
export interface LogDestination {
  stream: DestinationStream;
  /** Writes what is buffered now (after the start-up lines, at shutdown). */
  flush(): void;
}

/** Lines are written at least this often when buffered. */
const FLUSH_EVERY_MS = 100;

/**
 * The process's stdout, buffered: pino through sonic-boom, written in blocks of at least 4 KiB or
 * every 100 ms, and everything left at exit. One write(2) per request line was the largest single
 * cost of a gateway request in the profile (about 50 us of ~450); a block holds dozens of lines.
 * Any other output (a test's buffer) is written line by line as before.
 */
export function logDestination(output: { write(text: string): unknown }): LogDestination {
  if (output !== process.stdout) {
    const stream = { write: (line: string) => output.write(line) };
    return { stream, flush: () => {} };
  }
  const boom = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  const flushSoon = () => {
    try {
      boom.flush();
    } catch {
      // Not ready yet (still opening) or a write in flight: the next tick or exit writes it.
    }
  };
  setInterval(flushSoon, FLUSH_EVERY_MS).unref();
  process.on('exit', () => {
    try {
      boom.flushSync();
    } catch {
      // Nothing more can be done while exiting.
    }
  });
  return { stream: boom, flush: flushSoon };
}
