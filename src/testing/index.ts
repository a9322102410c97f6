/** Test kit: faithful mock servers of each provider protocol, for Switchyard's tests and yours. */

export { startTestGateway, type TestGateway } from '../gateway/start-test-gateway.js';
export { ManualClock } from '../policies/manual-clock.js';
export { MockProvider, type MockProviderOptions } from '../providers/mock/mock-provider.js';
export { anthropicErrorBody, anthropicRateLimitHeaders } from './anthropic/anthropic-mock-errors.js';
export {
  type AnthropicMockModel,
  type AnthropicMockServerOptions,
  startAnthropicMockServer,
} from './anthropic/anthropic-mock-server.js';
export {
  type CohereMockModel,
  type CohereMockServerOptions,
  startCohereMockServer,
} from './cohere/cohere-mock-server.js';
export {
  type GeminiMockModel,
  type GeminiMockServerOptions,
  startGeminiMockServer,
} from './gemini/gemini-mock-server.js';
export {
  MockHttpServer,
  type MockRoute,
  type RecordedRequest,
  sleep,
  writeFrames,
  writeJson,
} from './mock-http-server.js';
export * from './mock-reply.js';
export {
  type OllamaMockModel,
  type OllamaMockServerOptions,
  startOllamaMockServer,
} from './ollama/ollama-mock-server.js';
export { type OpenAIMockServerOptions, startOpenAIMockServer } from './openai-mock-server.js';
