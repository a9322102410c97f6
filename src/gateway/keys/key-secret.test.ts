import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../core/errors/redact.js';
import {
  generateKeyId,
  generateKeySecret,
  hashKeySecret,
  lookupPrefix,
  secretMatches,
} from './key-secret.js';

describe('virtual key secrets', () => {
  it('are sk-sy- and 32 random bytes in base64url, each different', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateKeySecret));
    expect(secrets.size).toBe(50);
    for (const secret of secrets) {
      expect(secret).toMatch(/^sk-sy-[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(secret.slice(6), 'base64url')).toHaveLength(32);
    }
    expect(generateKeyId()).toMatch(/^key_[A-Za-z0-9_-]{12}$/);
    expect(generateKeyId()).not.toBe(generateKeyId());
  });

  it('keep a short clear prefix for lookup, and only for virtual keys', () => {
    const secret = generateKeySecret();
    expect(lookupPrefix(secret)).toBe(secret.slice(0, 14));
    expect(lookupPrefix('sk-sy-tooshort')).toBeUndefined();
    expect(lookupPrefix('sk-proj-0123456789012345678901234567890123')).toBeUndefined();
  });

  it('match only their own digest', () => {
    const secret = generateKeySecret();
    const hash = hashKeySecret(secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(`${secret}x`, hash)).toBe(false);
    expect(secretMatches(secret, 'abcd')).toBe(false);
  });

  it('are masked by redactSecrets wherever they turn up', () => {
    const secret = generateKeySecret();
    expect(redactSecrets(`bad key ${secret} sent`)).not.toContain(secret.slice(6, 20));
  });
});
