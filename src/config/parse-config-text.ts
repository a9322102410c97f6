import { parse as parseToml } from 'smol-toml';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';

export type ConfigFormat = 'yaml' | 'toml' | 'json';

export function formatOf(path: string): ConfigFormat | undefined {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.toml$/i.test(path)) return 'toml';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

/**
 * Parses config text into a plain object. Parser messages quote the offending source line, which
 * may hold a key, so only the parser's reason and the position are kept.
 */
export function parseConfigText(text: string, format: ConfigFormat, source: string): unknown {
  if (format === 'yaml') {
    const document = parseDocument(text, { uniqueKeys: true });
    if (document.errors.length > 0) {
      throw new ConfigError(
        document.errors.map((error) => ({
          path: position(error.linePos?.[0]?.line, error.linePos?.[0]?.col),
          message: `YAML syntax error: ${reason(error.message)}`,
        })),
        { source },
      );
    }
    return document.toJS();
  }
  try {
    return format === 'toml' ? parseToml(text) : JSON.parse(text);
  } catch (error) {
    const details = error as { message?: string; line?: number; column?: number };
    const at =
      format === 'json'
        ? jsonPosition(text, details.message)
        : { line: details.line, column: details.column };
    const why =
      format === 'json' ? reason(details.message).replace(/ in JSON.*$/, '') : reason(details.message);
    throw new ConfigError(
      [{ path: position(at.line, at.column), message: `${format.toUpperCase()} syntax error: ${why}` }],
      {
        source,
      },
    );
  }
}

function position(line: number | undefined, column: number | undefined): string {
  return line === undefined ? '(file)' : `line ${line}, column ${column ?? 1}`;
}

/** The first line of a parser message, without its `at line ...` suffix or quoted source. */
function reason(message = 'unreadable'): string {
  return (message.split('\n')[0] ?? '')
    .replace(/^Invalid TOML document: /, '')
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/, ".*$/, '')
    .trim();
}

function jsonPosition(text: string, message = ''): { line?: number; column?: number } {
  const match = message.match(/at position (\d+)/);
  if (!match) return {};
  const before = text.slice(0, Number(match[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
