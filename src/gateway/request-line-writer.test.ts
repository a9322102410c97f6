import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGatewayLogger, requestLineLog } from './gateway-logger.js';
import { type RequestLineFields, requestLineWriter } from './request-line-writer.js';

const full: RequestLineFields = {
  reqId: 'req_0123',
  method: 'POST',
  path: '/v1/chat/completions',
  status: 200,
  ms: 1.234,
  provider: 'openai',
  model: 'gpt-4o-mini',
  stream: false,
  errorKind: 'rate_limit',
  key: 'vk_1',
  clientClosed: true,
  headers: { 'user-agent': 'OpenAI/JS 6.29', authorization: '[REDACTED]', 'set-cookie': ['a=1', 'b=2'] },
};

const sparse: RequestLineFields = {
  reqId: 'req_0124',
  method: undefined,
  path: '/v1/messages',
  status: 499,
  ms: Number.NaN,
  provider: undefined,
  model: 'claude "quoted" \\ \n\u0001 é 😀 \ud800',
  stream: true,
  errorKind: undefined,
  key: undefined,
  clientClosed: undefined,
  headers: {},
};

/** Lines written by the hand-built writer and by pino's own `info`, on one logger each. */
function bothLines(fields: RequestLineFields, make: (write: (line: string) => void) => pino.Logger) {
  const fast: string[] = [];
  const slow: string[] = [];
  const writer = requestLineWriter(make((line) => fast.push(line)));
  expect(writer).toBeDefined();
  writer!(fields);
  make((line) => slow.push(line)).info(fields, 'request');
  const untimed = (lines: string[]) => lines.map((line) => line.replace(/"time":\d+/, '"time":0'));
  return { fast: untimed(fast), slow: untimed(slow) };
}

describe('the hand-built request line', () => {
  const gatewayLogger = (write: (line: string) => void) =>
    requestLineLog(createGatewayLogger({ write })).logger;

  it.each([
    ['every field', full],
    ['undefined fields left out, odd strings escaped, a non-finite number as null', sparse],
  ])('is byte for byte the line pino writes: %s', (_, fields) => {
    const { fast, slow } = bothLines(fields, gatewayLogger);
    expect(fast).toHaveLength(1);
    expect(fast).toEqual(slow);
  });

  it("keeps a child's bindings", () => {
    const { fast, slow } = bothLines(full, (write) =>
      requestLineLog(createGatewayLogger({ write })).logger.child({ worker: 2 }),
    );
    expect(fast[0]).toContain('"worker":2');
    expect(fast).toEqual(slow);
  });

  it("writes nothing below the logger's level, and follows a level changed later", () => {
    const lines: string[] = [];
    const logger = requestLineLog(createGatewayLogger({ write: (line) => lines.push(line) }, 'warn')).logger;
    const write = requestLineWriter(logger)!;
    write(full);
    expect(lines).toEqual([]);
    logger.level = 'debug';
    write(full);
    expect(lines).toHaveLength(1);
  });

  it('is not used for a logger whose line it cannot know', () => {
    const sink = { write: () => {} };
    expect(requestLineWriter(pino({ mixin: () => ({ a: 1 }) }, sink))).toBeUndefined();
    expect(requestLineWriter(pino({ redact: ['headers.authorization'] }, sink))).toBeUndefined();
    expect(requestLineWriter(pino({ serializers: { path: (p: string) => p } }, sink))).toBeUndefined();
    expect(
      requestLineWriter(pino({ formatters: { log: (o: Record<string, unknown>) => o } }, sink)),
    ).toBeUndefined();
    expect(requestLineWriter(pino({ nestedKey: 'payload' }, sink))).toBeUndefined();
    expect(requestLineWriter(pino({ messageKey: 'message' }, sink))).toBeUndefined();
    expect(requestLineWriter(pino({ hooks: { streamWrite: (s: string) => s } }, sink))).toBeUndefined();
    expect(requestLineWriter(pino(sink))).toBeDefined();
  });

  it('goes through pino for a caller-made logger, with its own redaction', () => {
    const lines: string[] = [];
    const own = pino({ redact: ['headers.authorization'] }, { write: (line: string) => lines.push(line) });
    requestLineLog(own).write({ ...full, headers: { authorization: 'Bearer sk-secret' } });
    expect(JSON.parse(lines[0]!).headers).toEqual({ authorization: '[Redacted]' });
  });
});
