import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { ResponseFormat } from '../../core/types/chat-request.js';
import type { ProviderFeatures } from '../../core/types/provider.js';

export type OpenAIResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | {
      type: 'json_schema';
      json_schema: { name: string; description?: string; schema: Record<string, unknown>; strict?: boolean };
    };

/** OpenAI's rule for schema names: `[a-zA-Z0-9_-]{1,64}`. */
function schemaName(name: string | undefined): string {
  const cleaned = (name ?? 'response').replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned || 'response';
}

/** Canonical response format -> `response_format`. */
export function convertOpenAIResponseFormat(
  format: ResponseFormat | undefined,
  provider: string,
  features: Pick<ProviderFeatures, 'jsonMode' | 'structuredOutput'>,
): OpenAIResponseFormat | undefined {
  if (!format) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json':
      if (!features.jsonMode) throw unsupportedFeature(provider, 'json mode');
      return { type: 'json_object' };
    case 'json_schema': {
      if (!features.structuredOutput) throw unsupportedFeature(provider, 'structured output (json_schema)');
      const jsonSchema: Extract<OpenAIResponseFormat, { type: 'json_schema' }>['json_schema'] = {
        name: schemaName(format.name),
        schema: format.schema,
      };
      if (format.description) jsonSchema.description = format.description;
      if (format.strict !== undefined) jsonSchema.strict = format.strict;
      return { type: 'json_schema', json_schema: jsonSchema };
    }
  }
}
