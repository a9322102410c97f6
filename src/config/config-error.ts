import { redactSecrets } from '../core/errors/redact.js';
import { SwitchyardError } from '../core/errors/switchyard-error.js';

export interface ConfigIssue {
  /** Where, as the user wrote it: `providers.openai.timeout_ms`, `provider_chain.fallback[1]`. */
  path: string;
  /** What is wrong and what is expected; never the offending value. */
  message: string;
}

/**
 * An invalid configuration. The message lists every issue with its path; known secrets (values
 * read from the environment, api keys) and key-shaped strings are scrubbed from it regardless.
 */
export class ConfigError extends SwitchyardError {
  readonly issues: ConfigIssue[];
  readonly source?: string;

  constructor(issues: ConfigIssue[], options: { source?: string; secrets?: string[] } = {}) {
    const where = options.source ?? 'config';
    const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
    const message =
      lines.length === 1
        ? `invalid ${where}: ${lines[0]}`
        : `invalid ${where} (${lines.length} problems):\n${lines.map((line) => `  - ${line}`).join('\n')}`;
    super({
      kind: 'invalid_request',
      code: 'invalid_config',
      retryable: false,
      fallbackable: false,
      message: redactSecrets(message, options.secrets),
    });
    this.name = 'ConfigError';
    this.source = options.source;
    this.issues = issues.map((issue) => ({
      ...issue,
      message: redactSecrets(issue.message, options.secrets),
    }));
  }
}
