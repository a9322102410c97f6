/**
 * Removes secrets from text that may reach logs, errors or callers. Known key values are replaced
 * exactly; well-known key shapes (sk-..., AIza..., Bearer ...) are masked even when not known, since
 * providers echo partial keys in their error messages.
 */
const KEY_SHAPES: RegExp[] = [
  /\b(sk|pk|rk|gsk|xai|csk|sy)-[A-Za-z0-9_-]{6,}/g,
  /\bsk-ant-[A-Za-z0-9_-]{6,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /\bhf_[A-Za-z0-9]{10,}/g,
  /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /([?&]key=)[^&\s"']+/g,
];

export function redactSecrets(text: string, knownSecrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  }
  for (const shape of KEY_SHAPES) {
    out = out.replace(shape, (match, prefix: string | undefined) => {
      if (prefix && match.startsWith(prefix) && (prefix.endsWith('=') || /^bearer$/i.test(prefix))) {
        return `${prefix}${prefix.endsWith('=') ? '' : ' '}[REDACTED]`;
      }
      return '[REDACTED]';
    });
  }
  return out;
}

/** Headers whose values are credentials, in lower case. */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'proxy-authorization',
  'cookie',
  'set-cookie',
]);

/** Copies headers with secret values replaced, for logs and debugging output. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '[REDACTED]' : value;
  }
  return out;
}
