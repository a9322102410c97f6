import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { buildGeminiRequest } from './build-gemini-request.js';

const base: ChatRequest = { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }] };

describe('buildGeminiRequest', () => {
  it('maps sampling settings into generationConfig', () => {
    const { body, warnings } = buildGeminiRequest({
      ...base,
      temperature: 0.7,
      topP: 0.95,
      topK: 40,
      maxOutputTokens: 1024,
      stop: ['END'],
      seed: 7,
    });
    expect(body.generationConfig).toEqual({
      temperature: 0.7,
      topP: 0.95,
      topK: 40,
      maxOutputTokens: 1024,
      stopSequences: ['END'],
      seed: 7,
    });
    expect(warnings).toEqual([]);
  });

  it('maps tools and every tool choice, leaving argument-less tools without parameters', () => {
    const tools = [
      { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'now', description: 'Current time', parameters: { type: 'object', properties: {} } },
    ];
    const { body } = buildGeminiRequest({ ...base, tools, toolChoice: { type: 'tool', name: 'now' } });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            parameters: {
              type: 'OBJECT',
              properties: { city: { type: 'STRING' } },
              propertyOrdering: ['city'],
            },
          },
          { name: 'now', description: 'Current time' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['now'] },
    });
    const modes = (['auto', 'none', 'required'] as const).map(
      (toolChoice) =>
        buildGeminiRequest({ ...base, tools, toolChoice }).body.toolConfig?.functionCallingConfig.mode,
    );
    expect(modes).toEqual(['AUTO', 'NONE', 'ANY']);
  });

  it('asks for JSON, with a cleaned responseSchema for json_schema', () => {
    expect(buildGeminiRequest({ ...base, responseFormat: { type: 'json' } }).body.generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
    const { body } = buildGeminiRequest({
      ...base,
      responseFormat: {
        type: 'json_schema',
        name: 'weather',
        schema: {
          type: 'object',
          additionalProperties: false,
          properties: { temp: { type: ['number', 'null'] } },
        },
      },
    });
    expect(body.generationConfig).toEqual({
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'OBJECT',
        properties: { temp: { type: 'NUMBER', nullable: true } },
        propertyOrdering: ['temp'],
      },
    });
  });

  it('maps reasoning: budget on 2.x, level on 3, includeThoughts unless turned off, budget wins over effort', () => {
    const config = (request: Partial<ChatRequest>) =>
      buildGeminiRequest({ ...base, ...request }).body.generationConfig?.thinkingConfig;
    expect(config({ reasoning: { budgetTokens: 2048 } })).toEqual({
      includeThoughts: true,
      thinkingBudget: 2048,
    });
    expect(config({ reasoning: { effort: 'low' } })).toEqual({ includeThoughts: true, thinkingBudget: 1024 });
    expect(config({ model: 'gemini-3-pro-preview', reasoning: { effort: 'high', include: false } })).toEqual({
      thinkingLevel: 'HIGH',
    });
    const both = buildGeminiRequest({ ...base, reasoning: { effort: 'high', budgetTokens: 512 } });
    expect(both.body.generationConfig?.thinkingConfig).toEqual({
      includeThoughts: true,
      thinkingBudget: 512,
    });
    expect(both.warnings[0]).toMatchObject({ type: 'unsupported-setting', setting: 'reasoning.effort' });
  });

  it('merges providerOptions deeply: .gemini first, then the provider id wins', () => {
    const { body } = buildGeminiRequest(
      {
        ...base,
        temperature: 0.2,
        providerOptions: {
          gemini: {
            safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
            generationConfig: { candidateCount: 1, thinkingConfig: { thinkingBudget: 0 } },
          },
          'my-gemini': { generationConfig: { thinkingConfig: { thinkingBudget: 128 } } },
        },
      },
      'my-gemini',
    );
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' },
    ]);
    expect(body.generationConfig).toEqual({
      temperature: 0.2,
      candidateCount: 1,
      thinkingConfig: { thinkingBudget: 128 },
    });
  });

  it('warns that parallel tool calls cannot be turned off', () => {
    const { warnings } = buildGeminiRequest({ ...base, parallelToolCalls: false });
    expect(warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'parallelToolCalls' }),
    ]);
  });
});
