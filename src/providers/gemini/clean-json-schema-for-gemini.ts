import { unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { JsonSchema } from '../../core/types/chat-request.js';
import type { GeminiSchema } from './gemini-api-types.js';

/**
 * Converts a JSON Schema to the OpenAPI-subset `Schema` Gemini accepts in `parameters` and
 * `responseSchema`. Gemini rejects unknown keywords with a 400 rather than ignoring them, so
 * everything outside its subset is translated (const -> enum, ["x","null"] -> nullable,
 * local $ref -> inlined, allOf -> merged, oneOf -> anyOf) or dropped when it only constrains
 * (additionalProperties, $schema, $id, examples). What cannot be expressed is rejected by name.
 */

const TYPES: Record<string, string> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
  null: 'NULL',
};

/** The formats Gemini documents per type; others fail the request, so they are dropped. */
const FORMATS: Record<string, ReadonlySet<string>> = {
  STRING: new Set(['enum', 'date-time']),
  NUMBER: new Set(['float', 'double']),
  INTEGER: new Set(['int32', 'int64']),
};

/** Keywords copied as they are (numbers for bounds, strings for text). */
const COPIED = ['title', 'description', 'pattern', 'minimum', 'maximum', 'default', 'example'];
/** Count bounds, which Gemini's proto types as int64 and so accepts as strings or numbers. */
const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties'];

interface Context {
  root: JsonSchema;
  /** $ref targets being expanded, to refuse recursive schemas rather than loop forever. */
  expanding: string[];
}

export function cleanJsonSchemaForGemini(schema: JsonSchema): GeminiSchema {
  return convert(schema, { root: schema, expanding: [] });
}

/** True for `{type:"object"}` with no properties: Gemini wants `parameters` left out then. */
export function isEmptyObjectSchema(schema: JsonSchema): boolean {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return (
    (schema.type === 'object' || schema.type === undefined) &&
    (properties === undefined || Object.keys(properties).length === 0) &&
    schema.anyOf === undefined &&
    schema.oneOf === undefined &&
    schema.allOf === undefined &&
    schema.$ref === undefined
  );
}

function convert(input: unknown, ctx: Context): GeminiSchema {
  if (input === true || input === undefined) return {};
  if (input === false || typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw unsupportedFeature('gemini', 'JSON Schema', `cannot express schema ${JSON.stringify(input)}`);
  }
  const schema = input as JsonSchema;
  if (typeof schema.$ref === 'string') return convertRef(schema, ctx);
  if (Array.isArray(schema.allOf)) return convert(mergeAllOf(schema, ctx), ctx);

  const out: GeminiSchema = {};
  for (const key of COPIED) if (schema[key] !== undefined) out[key] = schema[key];
  for (const key of COUNTS) if (typeof schema[key] === 'number') out[key] = String(schema[key]);
  if (typeof schema.exclusiveMinimum === 'number') out.minimum = schema.exclusiveMinimum;
  if (typeof schema.exclusiveMaximum === 'number') out.maximum = schema.exclusiveMaximum;

  applyType(schema, out, ctx);

  const enumValues = schema.const !== undefined ? [schema.const] : schema.enum;
  if (Array.isArray(enumValues)) applyEnum(enumValues, out);

  if (typeof schema.format === 'string' && out.format === undefined) {
    const allowed = FORMATS[out.type as string];
    if (allowed?.has(schema.format)) out.format = schema.format;
  }

  if (schema.properties && typeof schema.properties === 'object') {
    const properties: Record<string, GeminiSchema> = {};
    for (const [name, value] of Object.entries(schema.properties as Record<string, unknown>)) {
      properties[name] = convert(value, ctx);
    }
    if (Object.keys(properties).length > 0) {
      out.properties = properties;
      // Gemini orders generated keys alphabetically unless told; keep the author's order.
      out.propertyOrdering = Object.keys(properties);
    }
    out.type ??= 'OBJECT';
  }
  if (Array.isArray(schema.required) && schema.required.length > 0) out.required = schema.required;

  if (schema.items !== undefined) {
    if (Array.isArray(schema.items)) {
      throw unsupportedFeature('gemini', 'JSON Schema tuple items', 'use prefixItems-free arrays');
    }
    out.items = convert(schema.items, ctx);
    out.type ??= 'ARRAY';
  }

  const variants = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (Array.isArray(variants)) applyVariants(variants, out, ctx);
  return out;
}

function applyType(schema: JsonSchema, out: GeminiSchema, ctx: Context): void {
  const type = schema.type;
  if (type === undefined) return;
  const names = (Array.isArray(type) ? type : [type]) as unknown[];
  const nonNull = names.filter((name) => name !== 'null');
  if (nonNull.length < names.length && nonNull.length > 0) out.nullable = true;
  if (nonNull.length === 0) {
    out.type = 'NULL';
    return;
  }
  if (nonNull.length === 1) {
    out.type = geminiType(nonNull[0]);
    return;
  }
  // ["string","number"]: Gemini has one type per schema, so each becomes an anyOf branch.
  out.anyOf = nonNull.map((name) => convert({ ...schema, type: name, anyOf: undefined }, ctx));
}

function geminiType(name: unknown): string {
  const type = typeof name === 'string' ? TYPES[name] : undefined;
  if (!type) throw unsupportedFeature('gemini', 'JSON Schema', `unknown type ${JSON.stringify(name)}`);
  return type;
}

/** Gemini enums are strings; other values are sent as text with `format: enum`, as its docs show. */
function applyEnum(values: unknown[], out: GeminiSchema): void {
  const nonNull = values.filter((value) => value !== null);
  if (nonNull.length < values.length) out.nullable = true;
  out.enum = nonNull.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
  out.type ??= 'STRING';
  if (!nonNull.every((value) => typeof value === 'string')) out.format = 'enum';
}

function applyVariants(variants: unknown[], out: GeminiSchema, ctx: Context): void {
  const isNull = (v: unknown) => typeof v === 'object' && v !== null && (v as JsonSchema).type === 'null';
  const nonNull = variants.filter((v) => !isNull(v));
  if (nonNull.length < variants.length) out.nullable = true;
  if (nonNull.length === 1) {
    Object.assign(out, convert(nonNull[0], ctx), out.description ? { description: out.description } : {});
    return;
  }
  if (nonNull.length > 1) out.anyOf = nonNull.map((variant) => convert(variant, ctx));
}

function convertRef(schema: JsonSchema, ctx: Context): GeminiSchema {
  const ref = schema.$ref as string;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const definitions = match ? (ctx.root[match[1]!] as Record<string, unknown> | undefined) : undefined;
  const target = match ? definitions?.[decodePointer(match[2]!)] : ref === '#' ? ctx.root : undefined;
  if (target === undefined) {
    throw unsupportedFeature(
      'gemini',
      'JSON Schema $ref',
      `cannot resolve ${ref}; only local $defs are inlined`,
    );
  }
  if (ctx.expanding.includes(ref)) {
    throw unsupportedFeature('gemini', 'recursive JSON Schema', `${ref} refers to itself`);
  }
  const { $ref: _ref, ...siblings } = schema;
  const merged = { ...(target as JsonSchema), ...siblings };
  return convert(merged, { ...ctx, expanding: [...ctx.expanding, ref] });
}

function decodePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** allOf of object schemas is one object with every property and requirement. */
function mergeAllOf(schema: JsonSchema, ctx: Context): JsonSchema {
  const { allOf, ...rest } = schema;
  const merged: JsonSchema = { ...rest };
  for (const part of allOf as unknown[]) {
    let branch = part as JsonSchema;
    if (typeof branch?.$ref === 'string') branch = resolveForMerge(branch, ctx);
    if (typeof branch !== 'object' || branch === null) {
      throw unsupportedFeature('gemini', 'JSON Schema allOf', 'branches must be schemas');
    }
    for (const [key, value] of Object.entries(branch)) {
      if (key === 'properties') {
        merged.properties = { ...(merged.properties as object), ...(value as object) };
      } else if (key === 'required') {
        merged.required = [...new Set([...((merged.required as string[]) ?? []), ...(value as string[])])];
      } else if (merged[key] === undefined) {
        merged[key] = value;
      } else if (JSON.stringify(merged[key]) !== JSON.stringify(value) && key !== 'description') {
        throw unsupportedFeature('gemini', 'JSON Schema allOf', `conflicting "${key}" in branches`);
      }
    }
  }
  return merged;
}

function resolveForMerge(branch: JsonSchema, ctx: Context): JsonSchema {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(branch.$ref as string);
  const target = match
    ? (ctx.root[match[1]!] as Record<string, unknown> | undefined)?.[decodePointer(match[2]!)]
    : undefined;
  if (target === undefined) {
    throw unsupportedFeature('gemini', 'JSON Schema $ref', `cannot resolve ${String(branch.$ref)}`);
  }
  return target as JsonSchema;
}
