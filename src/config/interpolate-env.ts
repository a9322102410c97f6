import type { Environment } from '../providers/registry/provider-overrides.js';
import type { PathSegment } from './config-path.js';

export interface InterpolationIssue {
  path: PathSegment[];
  message: string;
}

export interface Interpolation {
  value: unknown;
  issues: InterpolationIssue[];
  /** Every value taken from the environment, so error messages can be scrubbed of them. */
  substituted: string[];
}

const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}|\$\{/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value (keys are left alone); `$${` is a
 * literal `${`. An unset variable without a default is an issue naming the path and the variable;
 * values are never echoed, since they are usually keys.
 */
export function interpolateEnv(value: unknown, env: Environment): Interpolation {
  const state: Interpolation = { value: undefined, issues: [], substituted: [] };
  state.value = walk(value, env, [], state);
  return state;
}

function walk(value: unknown, env: Environment, path: PathSegment[], state: Interpolation): unknown {
  if (typeof value === 'string') return interpolateString(value, env, path, state);
  if (Array.isArray(value)) return value.map((item, index) => walk(item, env, [...path, index], state));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, env, [...path, key], state);
    return out;
  }
  return value;
}

function interpolateString(
  text: string,
  env: Environment,
  path: PathSegment[],
  state: Interpolation,
): string {
  const issues = state.issues;
  return text.replace(PLACEHOLDER, (match, body: string | undefined) => {
    if (match === '$${') return '${';
    if (body === undefined) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the placeholder syntax
      issues.push({ path, message: 'unclosed ${ placeholder; expected ${NAME} or ${NAME:-default}' });
      return match;
    }
    const separator = body.indexOf(':-');
    const name = separator === -1 ? body : body.slice(0, separator);
    if (!NAME.test(name)) {
      issues.push({
        path,
        message: `invalid placeholder \${${name}}; expected \${NAME} or \${NAME:-default} with NAME made of letters, digits and _`,
      });
      return match;
    }
    const current = env[name];
    if (separator !== -1) {
      if (current === undefined || current === '') return body.slice(separator + 2);
      state.substituted.push(current);
      return current;
    }
    if (current === undefined) {
      issues.push({
        path,
        message: `environment variable ${name} is not set; set it, or write \${${name}:-default} to give a default`,
      });
      return '';
    }
    state.substituted.push(current);
    return current;
  });
}
