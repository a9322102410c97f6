import type { IncomingMessage, ServerResponse } from 'node:http';
import { MockHttpServer, type MockRoute, writeFrames, writeJson } from '../mock-http-server.js';
import type { MockReply } from '../mock-reply.js';
import {
  cohereChatBody,
  cohereChatFrames,
  cohereEmbedBody,
  cohereErrorText,
  cohereId,
} from './render-cohere-reply.js';

export interface CohereMockModel {
  name: string;
  endpoints?: string[];
  contextLength?: number;
}

export interface CohereMockServerOptions {
  /** When set, only this Bearer token is accepted; otherwise any non-empty token is. */
  apiKey?: string;
  /** Models listed by `/v1/models`. */
  models?: CohereMockModel[];
  port?: number;
}

const DEFAULT_MODELS: CohereMockModel[] = [
  { name: 'command-a-03-2025', endpoints: ['generate', 'chat', 'summarize'], contextLength: 256000 },
  { name: 'command-r7b-12-2024', endpoints: ['generate', 'chat', 'summarize'], contextLength: 128000 },
  { name: 'embed-v4.0', endpoints: ['embed'], contextLength: 128000 },
];

function object(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** Cohere answers a missing or wrong token with 401 before looking at the request. */
function unauthorized(
  req: IncomingMessage,
  res: ServerResponse,
  apiKey: string | undefined,
  seed: number,
): boolean {
  const token = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
  if (token && (apiKey === undefined || token === apiKey)) return false;
  writeJson(res, 401, { id: cohereId(seed), message: token ? 'invalid api token' : 'no api key supplied' });
  return true;
}

function writeCohereError(res: ServerResponse, reply: MockReply, model: unknown, seed: number): void {
  const error = reply.error!;
  const body = error.body ?? {
    id: cohereId(seed),
    message: error.message ?? cohereErrorText(error.status, model),
  };
  writeJson(res, error.status, body, error.headers);
}

function cohereRoutes(options: CohereMockServerOptions): MockRoute[] {
  const models = options.models ?? DEFAULT_MODELS;
  let seed = 0;
  return [
    {
      method: 'GET',
      path: /^\/v1\/models$/,
      scripted: false,
      handle: ({ req, res }) => {
        if (unauthorized(req, res, options.apiKey, ++seed)) return;
        writeJson(res, 200, {
          models: models.map((m) => ({
            name: m.name,
            endpoints: m.endpoints ?? ['chat'],
            default_endpoints: [
              (m.endpoints ?? ['chat']).includes('chat') ? 'chat' : (m.endpoints?.[0] ?? 'chat'),
            ],
            finetuned: false,
            context_length: m.contextLength ?? 128000,
            tokenizer_url: `https://storage.googleapis.com/cohere-public/tokenizers/${m.name}.json`,
            features: null,
          })),
          next_page_token: '',
        });
      },
    },
    {
      method: 'POST',
      path: /^\/v2\/chat$/,
      scripted: true,
      handle: async ({ req, res, body, reply }) => {
        const id = ++seed;
        if (unauthorized(req, res, options.apiKey, id)) return;
        const request = object(body);
        if (!request.model || !Array.isArray(request.messages)) {
          return writeJson(res, 400, {
            id: cohereId(id),
            message: 'invalid request: model and messages are required.',
          });
        }
        if (reply.error) return writeCohereError(res, reply, request.model, id);
        if (request.stream !== true)
          return writeJson(res, 200, cohereChatBody(reply, request, id), reply.headers);
        await writeFrames(res, 'text/event-stream', cohereChatFrames(reply, request, id), reply, {
          'x-accel-buffering': 'no',
        });
      },
    },
    {
      method: 'POST',
      path: /^\/v2\/embed$/,
      scripted: true,
      handle: ({ req, res, body, reply }) => {
        const id = ++seed;
        if (unauthorized(req, res, options.apiKey, id)) return;
        const request = object(body);
        if (typeof request.input_type !== 'string') {
          return writeJson(res, 400, {
            id: cohereId(id),
            message: 'invalid request: valid input_type must be provided with the provided model',
          });
        }
        if (reply.error) return writeCohereError(res, reply, request.model, id);
        writeJson(res, 200, cohereEmbedBody(reply, request, id), reply.headers);
      },
    },
  ];
}

/**
 * A loopback server speaking Cohere's v2 API: `/v2/chat` as JSON or SSE (`event:` lines and JSON
 * `type`, message-start ... message-end with usage), `/v2/embed` (input_type required),
 * `/v1/models`, Bearer auth, `{"id", "message"}` error bodies, mid-stream errors, drops and delays.
 */
export function startCohereMockServer(options: CohereMockServerOptions = {}): Promise<MockHttpServer> {
  return new MockHttpServer(cohereRoutes(options)).listen(options.port);
}
