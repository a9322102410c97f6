import { redactSecrets } from '../core/errors/redact.js';
import { isSwitchyardError, type SwitchyardError } from '../core/errors/switchyard-error.js';
import type { Environment } from '../providers/registry/provider-overrides.js';
import type { ProviderStatus } from '../providers/registry/resolve-provider.js';
import { CliError } from './cli-error.js';

/** What the error line may say about the provider that failed (its variables and endpoint). */
export type ProviderLookup = (id: string) => ProviderStatus | undefined;

/**
 * One line for the terminal: who failed, what kind of failure, and what to do about it. Never a
 * stack trace; every known secret from the environment and every key-shaped string is masked.
 */
export function formatCliError(
  error: unknown,
  env: Environment,
  lookup: ProviderLookup = () => undefined,
): string {
  let line: string;
  if (error instanceof CliError) line = joinHint(error.message, error.hint);
  else if (isSwitchyardError(error)) line = describeProviderError(error, lookup);
  else
    line =
      error instanceof Error ? `unexpected error: ${error.message}` : `unexpected error: ${String(error)}`;
  const flat = line.replace(/\s*\n\s*/g, ' ').trim();
  return `switchyard: ${redactSecrets(flat, secretValues(env))}`;
}

function describeProviderError(error: SwitchyardError, lookup: ProviderLookup): string {
  const kind = error.kind.replaceAll('_', ' ');
  // No provider: the request was refused before any provider was chosen (a malformed model id),
  // or it names several (`all candidates failed for 'smart': ...`, which already says its kind).
  if (!error.provider) {
    return error.kind === 'all_candidates_failed' ? error.message : `${kind}: ${error.message}`;
  }
  const provider = error.provider;
  const status = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  const message = stripProviderPrefix(error.message, provider);
  const requestId = error.requestId ? ` [request id ${error.requestId}]` : '';
  return joinHint(`${provider}: ${kind}${status}: ${message}${requestId}`, hintFor(error, lookup(provider)));
}

/** Socket errors meaning nothing answered at the address, as opposed to a connection that broke. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The remedy for each kind of failure, naming the variable to set where one applies. */
export function hintFor(error: SwitchyardError, status: ProviderStatus | undefined): string | undefined {
  const provider = error.provider ?? 'the provider';
  const keyVar = status?.apiKeyEnv[0];
  const urlVar = status?.baseUrlEnv[0];
  switch (error.kind) {
    case 'authentication':
      if (/not configured/.test(error.message)) return undefined; // the reason already says what to set
      return keyVar
        ? `set ${keyVar} to a valid key for ${provider}`
        : `check the API key given for ${provider}`;
    case 'permission':
      return `the key for ${provider} may not use this model or region: check its permissions in the ${provider} console`;
    case 'billing':
      return `add credit or raise the spending limit of the ${provider} account`;
    case 'not_found':
      if (/unknown provider/.test(error.message))
        return 'run `switchyard providers` to list the provider ids';
      return `check the model id: \`switchyard models ${provider}\` lists what ${provider} serves`;
    case 'invalid_request':
      return 'the provider rejected the request: check the model id and options (--schema, --image, --max-tokens, --temperature)';
    case 'context_length_exceeded':
      return 'shorten the prompt or pick a model with a larger context window';
    case 'rate_limited':
      return error.retryAfterMs === undefined
        ? 'wait a moment and retry, or lower the request rate'
        : `wait ${Math.ceil(error.retryAfterMs / 1000)}s and retry`;
    case 'overloaded':
      return `${provider} is overloaded: retry shortly or use another provider`;
    case 'timeout':
      return `${provider} did not answer in time: retry${urlVar ? `, or check ${urlVar}` : ''}`;
    case 'content_filter':
      return `${provider}'s safety filter blocked the request: rephrase the prompt`;
    case 'server_error':
      return `${provider} failed on its side: retry later`;
    case 'network': {
      const where = status?.baseUrl ?? provider;
      if (error.code && UNREACHABLE_CODES.has(error.code)) {
        return `cannot reach ${where}: check that the server is up and the address is right${urlVar ? ` (${urlVar})` : ''}`;
      }
      // The server was reached and the connection broke off (often mid-stream): a retry is the remedy.
      return `the connection to ${where} broke off: retry, and check any proxy in between if it keeps happening`;
    }
    case 'unsupported':
      return `${provider} cannot do ${error.feature ?? 'this'}: drop that option or choose another provider`;
    case 'aborted':
      return undefined;
    default:
      return undefined;
  }
}

function joinHint(message: string, hint: string | undefined): string {
  if (!hint) return message;
  return `${message.replace(/[.\s]+$/, '')}. Fix: ${hint}.`;
}

/** Error messages often start with `provider:` already; the line names it once. */
function stripProviderPrefix(message: string, provider: string): string {
  return message.startsWith(`${provider}: `) ? message.slice(provider.length + 2) : message;
}

/** Values of variables that hold secrets, so they are masked even if a provider echoes them. */
export function secretValues(env: Environment): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value && /(KEY|TOKEN|SECRET|PASSWORD)/i.test(name)) out.push(value);
  }
  return out;
}
