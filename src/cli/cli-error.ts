/**
 * A mistake in how the CLI was called (missing prompt, unreadable file): printed as one line with
 * the fix, without the provider framing of a SwitchyardError.
 */
export class CliError extends Error {
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number } = {}) {
    super(message);
    this.name = 'CliError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}
