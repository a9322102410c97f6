/** OpenAI's real error bodies per status, for the mock's scripted and automatic errors. */
const DEFAULT_ERRORS: Record<number, { type: string; code: string | null; message: string; param?: string }> =
  {
    400: { type: 'invalid_request_error', code: null, message: "Invalid value for 'messages'." },
    401: {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      message:
        'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
    },
    403: {
      type: 'invalid_request_error',
      code: 'unsupported_country_region_territory',
      message: 'Country, region, or territory not supported',
    },
    404: {
      type: 'invalid_request_error',
      code: 'model_not_found',
      message: 'The model does not exist or you do not have access to it.',
      param: 'model',
    },
    408: { type: 'server_error', code: null, message: 'Request timed out.' },
    409: { type: 'invalid_request_error', code: null, message: 'Conflict.' },
    422: { type: 'invalid_request_error', code: null, message: 'Unprocessable entity.' },
    429: {
      type: 'requests',
      code: 'rate_limit_exceeded',
      message:
        'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
    },
    500: {
      type: 'server_error',
      code: null,
      message: 'The server had an error while processing your request. Sorry about that!',
    },
    503: {
      type: 'service_unavailable_error',
      code: 'server_is_overloaded',
      message: 'The server is overloaded or not ready yet.',
    },
  };

/** `{"error":{"message","type","param","code"}}` for a status, with an optional message. */
export function openAIErrorBody(status: number, message?: string, type?: string): unknown {
  const fallback = status >= 500 ? DEFAULT_ERRORS[500]! : DEFAULT_ERRORS[400]!;
  const known = DEFAULT_ERRORS[status] ?? fallback;
  return {
    error: {
      message: message ?? known.message,
      type: type ?? known.type,
      param: known.param ?? null,
      code: known.code,
    },
  };
}
