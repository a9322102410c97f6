/** Per-provider settings given in code or config; each field overrides the environment. */
export interface ProviderOverride {
  apiKey?: string;
  baseUrl?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Protocol-specific options (Azure api-version, OpenRouter attribution, quirks). */
  options?: Record<string, unknown>;
  /** `false` turns a provider off even when its key is in the environment. */
  enabled?: boolean;
  /**
   * For an id that is not a built-in: the built-in it is an instance of (`openai-eu` with
   * `preset: openai`), with its own key, URL and headers. Its environment variables are
   * `<ID>_API_KEY` / `<ID>_BASE_URL` (`OPENAI_EU_API_KEY`), never the preset's own.
   */
  preset?: string;
}

export type Environment = Record<string, string | undefined>;
