import { describe, expect, it } from 'vitest';
import { createGatewayLogger, loggedHeaders } from './gateway-logger.js';

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
