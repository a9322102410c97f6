import type { ServerResponse } from 'node:http';
import { MockHttpServer, type MockRoute, writeFrames, writeJson } from '../mock-http-server.js';
import type { MockReply } from '../mock-reply.js';
import { ollamaChatBody, ollamaChatLines, ollamaEmbedBody, ollamaErrorText } from './render-ollama-reply.js';

export interface OllamaMockModel {
  name: string;
  size?: number;
  parameterSize?: string;
  family?: string;
  contextLength?: number;
  capabilities?: string[];
}

export interface OllamaMockServerOptions {
  /** Models listed by `/api/tags` and described by `/api/show`. */
  models?: OllamaMockModel[];
  version?: string;
  port?: number;
}

const DEFAULT_MODELS: OllamaMockModel[] = [
  {
    name: 'llama3.2:latest',
    size: 2019393189,
    parameterSize: '3.2B',
    family: 'llama',
    contextLength: 131072,
  },
  {
    name: 'all-minilm:latest',
    size: 45960996,
    parameterSize: '23M',
    family: 'bert',
    contextLength: 512,
    capabilities: ['embedding'],
  },
];

const MODIFIED_AT = '2025-05-04T17:37:44.706015396-07:00';

function details(model: OllamaMockModel) {
  const family = model.family ?? 'llama';
  return {
    parent_model: '',
    format: 'gguf',
    family,
    families: [family],
    parameter_size: model.parameterSize ?? '3.2B',
    quantization_level: 'Q4_K_M',
  };
}

function writeOllamaError(res: ServerResponse, reply: MockReply, model: unknown): void {
  const error = reply.error!;
  const body = error.body ?? { error: error.message ?? ollamaErrorText(error.status, model) };
  writeJson(res, error.status, body, error.headers);
}

function ollamaRoutes(options: OllamaMockServerOptions): MockRoute[] {
  const models = options.models ?? DEFAULT_MODELS;
  return [
    {
      method: 'GET',
      path: /^\/$/,
      scripted: false,
      handle: ({ res }) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Ollama is running');
      },
    },
    {
      method: 'GET',
      path: /^\/api\/version$/,
      scripted: false,
      handle: ({ res }) => writeJson(res, 200, { version: options.version ?? '0.13.2' }),
    },
    {
      method: 'GET',
      path: /^\/api\/tags$/,
      scripted: false,
      handle: ({ res }) =>
        writeJson(res, 200, {
          models: models.map((m, i) => ({
            name: m.name,
            model: m.name,
            modified_at: MODIFIED_AT,
            size: m.size ?? 1_000_000_000,
            digest: `a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b7${i}`,
            details: details(m),
          })),
        }),
    },
    {
      method: 'POST',
      path: /^\/api\/show$/,
      scripted: false,
      handle: ({ res, body }) => {
        const name = String((body as { model?: unknown })?.model ?? '');
        const model = models.find((m) => m.name === name || m.name === `${name}:latest`);
        if (!model) return writeJson(res, 404, { error: `model '${name}' not found` });
        const arch = model.family ?? 'llama';
        writeJson(res, 200, {
          license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT',
          modelfile: `FROM ${model.name}`,
          parameters: 'stop "<|eot_id|>"',
          template: '{{ .Prompt }}',
          details: details(model),
          model_info: {
            'general.architecture': arch,
            [`${arch}.context_length`]: model.contextLength ?? 8192,
          },
          capabilities: model.capabilities ?? ['completion', 'tools'],
          modified_at: MODIFIED_AT,
        });
      },
    },
    {
      method: 'POST',
      path: /^\/api\/chat$/,
      scripted: true,
      handle: async ({ res, body, reply }) => {
        const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
        if (!request.model) return writeJson(res, 400, { error: 'model is required' });
        if (reply.error) return writeOllamaError(res, reply, request.model);
        // The server streams unless told otherwise (the npm client always says).
        if (request.stream === false)
          return writeJson(res, 200, ollamaChatBody(reply, request), reply.headers);
        await writeFrames(res, 'application/x-ndjson', ollamaChatLines(reply, request), reply);
      },
    },
    {
      method: 'POST',
      path: /^\/api\/embed$/,
      scripted: true,
      handle: ({ res, body, reply }) => {
        const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
        if (!request.model) return writeJson(res, 400, { error: 'model is required' });
        if (reply.error) return writeOllamaError(res, reply, request.model);
        writeJson(res, 200, ollamaEmbedBody(reply, request), reply.headers);
      },
    },
  ];
}

/**
 * A loopback server speaking Ollama's native API: NDJSON streams (`application/x-ndjson`, streaming
 * when `stream` is absent), the `done: true` line with ns durations and counts, tool calls with
 * object arguments, `{"error": "..."}` bodies and mid-stream error lines. Script replies with
 * `enqueue`; works with the official `ollama` npm client (`new Ollama({ host: mock.origin })`).
 */
export function startOllamaMockServer(options: OllamaMockServerOptions = {}): Promise<MockHttpServer> {
  return new MockHttpServer(ollamaRoutes(options)).listen(options.port);
}
