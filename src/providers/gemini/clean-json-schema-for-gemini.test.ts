import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import { cleanJsonSchemaForGemini, isEmptyObjectSchema } from './clean-json-schema-for-gemini.js';

describe('cleanJsonSchemaForGemini', () => {
  it('drops keywords Gemini rejects and keeps the author order of properties', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        city: { type: 'string', description: 'City name', minLength: 1 },
        days: { type: 'integer', minimum: 1, maximum: 7, format: 'int32' },
      },
      required: ['city'],
    };
    expect(cleanJsonSchemaForGemini(schema)).toEqual({
      type: 'OBJECT',
      properties: {
        city: { type: 'STRING', description: 'City name', minLength: '1' },
        days: { type: 'INTEGER', minimum: 1, maximum: 7, format: 'int32' },
      },
      propertyOrdering: ['city', 'days'],
      required: ['city'],
    });
  });

  it('turns type arrays with null and anyOf-with-null into nullable', () => {
    expect(cleanJsonSchemaForGemini({ type: ['string', 'null'] })).toEqual({
      type: 'STRING',
      nullable: true,
    });
    expect(
      cleanJsonSchemaForGemini({ anyOf: [{ type: 'number' }, { type: 'null' }], description: 'd' }),
    ).toEqual({
      type: 'NUMBER',
      nullable: true,
      description: 'd',
    });
    expect(cleanJsonSchemaForGemini({ type: ['string', 'number'] })).toEqual({
      anyOf: [{ type: 'STRING' }, { type: 'NUMBER' }],
    });
  });

  it('maps const and non-string enums to string enums', () => {
    expect(cleanJsonSchemaForGemini({ const: 'fixed' })).toEqual({ type: 'STRING', enum: ['fixed'] });
    expect(cleanJsonSchemaForGemini({ type: 'integer', enum: [1, 2, 3] })).toEqual({
      type: 'INTEGER',
      enum: ['1', '2', '3'],
      format: 'enum',
    });
    expect(cleanJsonSchemaForGemini({ type: 'string', enum: ['a', null] })).toEqual({
      type: 'STRING',
      enum: ['a'],
      nullable: true,
    });
  });

  it('keeps only the formats Gemini documents for each type', () => {
    expect(cleanJsonSchemaForGemini({ type: 'string', format: 'email' })).toEqual({ type: 'STRING' });
    expect(cleanJsonSchemaForGemini({ type: 'string', format: 'date-time' })).toEqual({
      type: 'STRING',
      format: 'date-time',
    });
    expect(cleanJsonSchemaForGemini({ type: 'number', format: 'double' })).toEqual({
      type: 'NUMBER',
      format: 'double',
    });
  });

  it('inlines local $ref from $defs and definitions, and merges allOf', () => {
    const schema = {
      type: 'object',
      properties: {
        home: { $ref: '#/$defs/address' },
        work: { $ref: '#/definitions/address', description: 'Office' },
        tagged: {
          allOf: [
            { $ref: '#/$defs/address' },
            { properties: { tag: { type: 'string' } }, required: ['tag'] },
          ],
        },
      },
      $defs: {
        address: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] },
      },
      definitions: { address: { type: 'object', properties: { street: { type: 'string' } } } },
    };
    const out = cleanJsonSchemaForGemini(schema) as { properties: Record<string, unknown> };
    expect(out).not.toHaveProperty('$defs');
    expect(out.properties.home).toEqual({
      type: 'OBJECT',
      properties: { street: { type: 'STRING' } },
      propertyOrdering: ['street'],
      required: ['street'],
    });
    expect(out.properties.work).toMatchObject({ type: 'OBJECT', description: 'Office' });
    expect(out.properties.tagged).toEqual({
      type: 'OBJECT',
      properties: { street: { type: 'STRING' }, tag: { type: 'STRING' } },
      propertyOrdering: ['street', 'tag'],
      required: ['street', 'tag'],
    });
  });

  it('rejects recursive and remote $ref by name instead of sending what Gemini would refuse', () => {
    const recursive = {
      type: 'object',
      properties: { children: { type: 'array', items: { $ref: '#' } } },
    };
    const remote = { type: 'object', properties: { a: { $ref: 'https://example.com/schema.json' } } };
    for (const [schema, feature] of [
      [recursive, 'recursive JSON Schema'],
      [remote, 'JSON Schema $ref'],
    ] as const) {
      try {
        cleanJsonSchemaForGemini(schema);
        expect.unreachable();
      } catch (error) {
        expect(isSwitchyardError(error) && error.kind).toBe('unsupported');
        expect(isSwitchyardError(error) && error.feature).toBe(feature);
      }
    }
  });

  it('converts arrays, oneOf and exclusive bounds', () => {
    expect(
      cleanJsonSchemaForGemini({
        type: 'array',
        items: { oneOf: [{ type: 'string' }, { type: 'integer', exclusiveMinimum: 0 }] },
        minItems: 1,
      }),
    ).toEqual({
      type: 'ARRAY',
      minItems: '1',
      items: { anyOf: [{ type: 'STRING' }, { type: 'INTEGER', minimum: 0 }] },
    });
  });

  it('knows an argument-less tool schema', () => {
    expect(isEmptyObjectSchema({ type: 'object', properties: {} })).toBe(true);
    expect(isEmptyObjectSchema({ type: 'object', properties: { a: { type: 'string' } } })).toBe(false);
  });
});
