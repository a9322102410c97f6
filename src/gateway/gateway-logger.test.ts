import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createGatewayLogger, loggedHeaders, requestLineLog } from './gateway-logger.js';

describe('the gateway request log line', () => {
  it('keeps the caller-describing headers and the credential headers, nothing else', () => {
    const kept = loggedHeaders({
      'user-agent': 'OpenAI/JS 6.29',
      authorization: 'Bearer sk-secret-123',
      'x-switchyard-tags': 'a,b',
      'x-internal-routing': 'ignored',
      host: 'localhost',
    });
    expect(kept).toEqual({
      'user-agent': 'OpenAI/JS 6.29',
      authorization: 'Bearer sk-secret-123',
      'x-switchyard-tags': 'a,b',
    });
  });

  it('writes the credential headers redacted', () => {
    const lines: string[] = [];
    const logger = createGatewayLogger({ write: (line: string) => lines.push(line) });
    logger.info(
      {
        headers: loggedHeaders({
          authorization: 'Bearer sk-secret-123',
          'x-api-key': 'sk-ant-456',
          cookie: 'session=1',
        }),
      },
      'request',
    );
    const line = lines.join('');
    expect(JSON.parse(line).headers).toEqual({
      authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      cookie: '[REDACTED]',
    });
    expect(line).not.toContain('sk-secret');
    expect(line).not.toContain('sk-ant');
  });
});

describe('the request line of a gateway logger', () => {
  const headers = {
    'user-agent': 'OpenAI/JS 6.29',
    authorization: 'Bearer sk-secret-123',
    'x-api-key': 'sk-ant-456',
    'set-cookie': ['a=1', 'b=2'],
    host: 'localhost',
  };

  it('writes the same line as the redacting serializer, without secrets', () => {
    const lines: string[] = [];
    const logger = createGatewayLogger({ write: (line: string) => lines.push(line) });
    const { logger: requestLogger, headers: pick } = requestLineLog(logger);
    expect(requestLogger).not.toBe(logger);
    requestLogger.info({ reqId: 'r1', headers: pick(headers) }, 'request');
    logger.info({ reqId: 'r1', headers: loggedHeaders(headers) }, 'request');
    const [fast, serialized] = lines.map((line) => ({ ...JSON.parse(line), time: 0 }));
    expect(fast).toEqual(serialized);
    expect(fast.headers).toEqual({
      'user-agent': 'OpenAI/JS 6.29',
      authorization: '[REDACTED]',
      'x-api-key': '[REDACTED]',
      'set-cookie': '[REDACTED]',
    });
    expect(lines[0]).not.toContain('sk-');
  });

  it("keeps a caller's own logger and its own redaction", () => {
    const own = pino({ redact: ['headers.authorization'] }, { write: () => {} });
    const line = requestLineLog(own);
    expect(line.logger).toBe(own);
    expect(line.headers(headers)).toEqual(loggedHeaders(headers));
  });
});
