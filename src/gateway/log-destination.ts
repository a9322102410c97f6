import { openSync } from 'node:fs';
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
 * How much sonic-boom gathers before a write, and the most one write takes. Each asynchronous
 * write is a round trip through libuv's thread pool (a pool thread woken, then the loop), and a
 * wake-up costs 60-75 us of CPU on the 2-core VM (docs/costs.md): in 4 KiB blocks a write came
 * every ~7 requests of the gateway bench (strace), about 0.15 round trips a request; in 32 KiB
 * blocks, one every ~55 requests. The 100 ms flush still bounds how long a line waits.
 */
export const LOG_BLOCK = { minLength: 32 * 1024, maxWrite: 64 * 1024 } as const;

/**
 * The process's stdout, buffered (`blockLogDestination`). Any other output (a test's buffer) is
 * written line by line.
 */
export function logDestination(output: { write(text: string): unknown }): LogDestination {
  if (output !== process.stdout) {
    const stream = { write: (line: string) => output.write(line) };
    return { stream, flush: () => {} };
  }
  return blockLogDestination(1);
}

/**
 * Log lines to a file descriptor or path, buffered: pino's sonic-boom, written in blocks of at
 * least 32 KiB (`LOG_BLOCK`) or every 100 ms, and everything left at exit. One write(2) per request
 * line was the largest single cost of a gateway request in the profile (about 50 us of ~450); a
 * block holds dozens of lines.
 *
 * sonic-boom is fed bytes (its `buffer` content mode), each line encoded here. In its text mode it
 * appends each line to the block as one growing string and takes that string's byte length on
 * every write, which flattens it: a copy of the whole block per line. Measured in one process, the
 * request line cost 6.5-7.7 us and left 18.7 KB of garbage a line that way, against 2.7-4.0 us and
 * 2 KB as bytes (1.3 us with no destination at all).
 */
export function blockLogDestination(dest: number | string): LogDestination {
  // A path is opened here, not by sonic-boom (which opens it later): a process that exits at once
  // must still find its destination ready to take the lines it wrote.
  const fd = typeof dest === 'number' ? dest : openSync(dest, 'a');
  const boom = pino.destination({ dest: fd, sync: false, contentMode: 'buffer', ...LOG_BLOCK });
  const stream = { write: (line: string) => boom.write(Buffer.from(line) as unknown as string) };
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
  return { stream, flush: flushSoon };
}
