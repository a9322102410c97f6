import { isPlainObject } from '../core/types/is-plain-object.js';
import type { Environment } from '../providers/registry/provider-overrides.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { formatPath } from './config-path.js';
import { checkReferences } from './config-references.js';
import { configSchema } from './config-schema.js';
import { closestOption, describeIssue, UNKNOWN_KEYS_MARKER } from './describe-issue.js';
import { interpolateEnv } from './interpolate-env.js';
import { type KeyStyle, styled, toRawPath } from './raw-path.js';
import { SwitchyardConfig } from './switchyard-config.js';

export interface ParseConfigOptions {
  /** Variables for `${VAR}` (default `process.env`). */
  env?: Environment;
  /** Named in error messages: the file path, or `config` for an object given in code. */
  source?: string;
  /**
   * How to spell option names in messages about missing or unknown options. Default: snake_case
   * for files, camelCase for objects given in code.
   */
  keyStyle?: KeyStyle;
  /** Ids of the built-in providers, to check `preset` values (the registry checks them again). */
  presets?: readonly string[];
}

/**
 * Validates a configuration object (parsed from a file, or written in code) into a SwitchyardConfig:
 * `${VAR}` interpolation, schema validation, then references between sections. Throws one
 * ConfigError listing every problem, each with its path as written.
 */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): SwitchyardConfig {
  if (input instanceof SwitchyardConfig) return input;
  const env = options.env ?? process.env;
  const style = options.keyStyle ?? (options.source ? 'snake' : 'camel');
  const raw = input ?? {};
  const { value, issues: envIssues, substituted } = interpolateEnv(raw, env);
  const secrets = [...substituted, ...apiKeysIn(raw)];
  const fail = (issues: ConfigIssue[]) => new ConfigError(issues, { source: options.source, secrets });
  if (envIssues.length > 0) {
    throw fail(envIssues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }

  const result = configSchema.safeParse(value, { error: describeIssue });
  if (!result.success) {
    throw fail(
      result.error.issues.flatMap((issue) => {
        const path = toRawPath(raw, issue.path, style);
        if (issue.code !== 'unrecognized_keys' || !issue.message.startsWith(UNKNOWN_KEYS_MARKER)) {
          return [{ path: formatPath(path), message: issue.message }];
        }
        const known = issue.message
          .slice(UNKNOWN_KEYS_MARKER.length)
          .split(',')
          .filter((key) => key && !key.startsWith('$'))
          .map((key) => styled(key, style));
        return issue.keys.map((key) => ({
          path: formatPath([...path, key]),
          message: unknownOption(key, known),
        }));
      }),
    );
  }
  const referenceIssues = checkReferences(result.data, { presets: options.presets });
  if (referenceIssues.length > 0) {
    throw fail(
      referenceIssues.map((issue) => ({
        path: formatPath(toRawPath(raw, issue.path, style)),
        message: issue.message,
      })),
    );
  }
  return new SwitchyardConfig(result.data, options.source);
}

function unknownOption(key: string, known: string[]): string {
  const guess = closestOption(key, known);
  return guess
    ? `unknown option; did you mean ${guess}?`
    : `unknown option; expected one of ${known.join(', ')}`;
}

/** Keys written literally in the input, scrubbed from messages along with interpolated values. */
function apiKeysIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) apiKeysIn(item, found);
  else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (/^api[_-]?key$/i.test(key) && typeof item === 'string') found.push(item);
      else apiKeysIn(item, found);
    }
  }
  return found;
}
