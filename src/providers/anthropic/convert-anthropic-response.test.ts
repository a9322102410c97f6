import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../core/errors/retry-hints.js';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { jsonFixture } from './__fixtures__/load-anthropic-fixture.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

const noHeaders = headerLookup({});
const request: ChatRequest = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] };
const convert = (name: string, req: ChatRequest = request, headers = noHeaders) =>
  convertAnthropicResponse('anthropic', jsonFixture(name), headers, req);

describe('convertAnthropicResponse', () => {
  it('reads a text message with its id, model, finish reason, usage and request id', () => {
    const result = convert('anthropic-text', request, headerLookup({ 'request-id': 'req_011CSHoE' }));
    expect(result).toEqual({
      id: 'msg_01QC4g3HwBThD4BaNtBckFDJ',
      model: 'claude-sonnet-4-5-20250929',
      text: "Hello! I'm doing well, thank you for asking. How are you doing today?",
      toolCalls: [],
      reasoning: '',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: {
        inputTokens: 12,
        outputTokens: 21,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalTokens: 33,
      },
      requestId: 'req_011CSHoE',
    });
  });

  it('turns tool_use blocks into tool calls with JSON text and parsed input', () => {
    const result = convert('anthropic-tool-calls');
    expect(result.text).toBe('Checking.');
    expect(result.finishReason).toBe('tool_calls');
    expect(result.toolCalls).toEqual([
      {
        id: 'toolu_01A09q90qw90lq917835lq9',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
        input: { city: 'Paris' },
      },
      { id: 'toolu_017R7ACrx7NF7sLDDtvdQ1u9', name: 'get_time', arguments: '{}', input: {} },
    ]);
  });

  it('makes the JSON answer tool of a json_schema request the text, and the turn a normal stop', () => {
    const schemaRequest: ChatRequest = {
      ...request,
      responseFormat: { type: 'json_schema', schema: { type: 'object' } },
    };
    const result = convert('anthropic-json-tool', schemaRequest);
    expect(result.toolCalls).toEqual([]);
    expect(JSON.parse(result.text)).toEqual({
      elements: [
        { location: 'San Francisco', temperature: -5, condition: 'snowy' },
        { location: 'London', temperature: 0, condition: 'snowy' },
      ],
    });
    expect(result.finishReason).toBe('stop');
    expect(result.rawFinishReason).toBe('tool_use');
    // Without the json_schema request, a tool named `json` is just a tool.
    expect(convert('anthropic-json-tool').toolCalls).toHaveLength(1);
  });

  it('keeps thinking with its signature and redacted thinking for the round trip', () => {
    const result = convert('anthropic-thinking');
    expect(result.text).toBe('925 ÷ 5 = 185');
    expect(result.reasoning).toBe('The user wants 925 divided by 5. 925 ÷ 5 = 185.');
    expect(result.reasoningParts).toEqual([
      { text: 'The user wants 925 divided by 5. 925 ÷ 5 = 185.', signature: expect.stringMatching(/^EqQB/) },
      { text: '', redactedData: expect.stringMatching(/^EmwK/) },
    ]);
  });

  it('counts cache reads and writes inside inputTokens', () => {
    expect(convert('anthropic-cache-usage').usage).toEqual({
      inputTokens: 21 + 188 + 4096,
      outputTokens: 393,
      cachedInputTokens: 4096,
      cacheWriteTokens: 188,
      reasoningTokens: 0,
      totalTokens: 21 + 188 + 4096 + 393,
    });
  });

  it('reports a thinking token count when the API gives one', () => {
    const body = {
      ...(jsonFixture('anthropic-text') as object),
      usage: { input_tokens: 5, output_tokens: 59, output_tokens_details: { thinking_tokens: 18 } },
    };
    expect(convertAnthropicResponse('anthropic', body, noHeaders).usage.reasoningTokens).toBe(18);
  });

  it('warns about server-tool blocks it does not convert', () => {
    const body = {
      ...(jsonFixture('anthropic-text') as object),
      content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } }],
    };
    expect(convertAnthropicResponse('anthropic', body, noHeaders).warnings).toEqual([
      expect.objectContaining({ message: expect.stringContaining('server_tool_use') }),
    ]);
  });

  it.each([
    ['end_turn', null, 'stop'],
    ['stop_sequence', 'END', 'stop'],
    ['max_tokens', null, 'length'],
    ['model_context_window_exceeded', null, 'length'],
    ['tool_use', null, 'tool_calls'],
    ['refusal', null, 'content_filter'],
    ['pause_turn', null, 'other'],
  ])('maps a message that stopped with %s', (stopReason, stopSequence, finishReason) => {
    const body = {
      ...(jsonFixture('anthropic-text') as object),
      stop_reason: stopReason,
      stop_sequence: stopSequence,
    };
    expect(convertAnthropicResponse('anthropic', body, noHeaders)).toMatchObject({
      finishReason,
      rawFinishReason: stopReason,
    });
  });

  it('rejects a body that is not a message', () => {
    try {
      convertAnthropicResponse('anthropic', { hello: 'world' }, noHeaders);
      expect.unreachable();
    } catch (error) {
      expect(isSwitchyardError(error) && error.kind).toBe('server_error');
    }
  });
});

describe('mapAnthropicFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'other'],
    ['something_new', 'other'],
    [null, 'other'],
  ] as const)('%s -> %s', (raw, unified) => {
    expect(mapAnthropicFinishReason(raw)).toBe(unified);
  });
});
