/** Where the three endpoints live for one base URL, and whether the model travels in the URL. */
export interface OpenAIEndpoints {
  chatUrl(model: string): string;
  embeddingsUrl(model: string): string;
  modelsUrl(): string;
  /** Azure deployments: the model id is the deployment name in the path, not a body field. */
  readonly modelInUrl: boolean;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Plain OpenAI layout: the base URL includes the version (`https://api.openai.com/v1`). */
export function standardEndpoints(baseUrl: string): OpenAIEndpoints {
  const base = trimSlashes(baseUrl);
  return {
    chatUrl: () => `${base}/chat/completions`,
    embeddingsUrl: () => `${base}/embeddings`,
    modelsUrl: () => `${base}/models`,
    modelInUrl: false,
  };
}

/** Azure's current v1 API (`https://{resource}.openai.azure.com/openai/v1`) uses the plain layout. */
export function isAzureV1BaseUrl(baseUrl: string): boolean {
  return /\/openai\/v1\/?$/.test(baseUrl);
}

/**
 * Azure OpenAI deployments: `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version=`.
 * The endpoint may be given with or without the `/openai` suffix the openai SDK's `baseURL` carries.
 */
export function azureEndpoints(baseUrl: string, apiVersion: string): OpenAIEndpoints {
  if (isAzureV1BaseUrl(baseUrl)) return standardEndpoints(baseUrl);
  const root = `${trimSlashes(baseUrl).replace(/\/openai$/, '')}/openai`;
  const query = `api-version=${encodeURIComponent(apiVersion)}`;
  const deployment = (model: string) => `${root}/deployments/${encodeURIComponent(model)}`;
  return {
    chatUrl: (model) => `${deployment(model)}/chat/completions?${query}`,
    embeddingsUrl: (model) => `${deployment(model)}/embeddings?${query}`,
    modelsUrl: () => `${root}/models?${query}`,
    modelInUrl: true,
  };
}
