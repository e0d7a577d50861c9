import type { Schema } from './schema.js';
import { API_VERSION, scenarioSchema, worldSchema } from './schema-v1.js';
import { fieldDescription } from './schema-descriptions.js';

/** A JSON Schema (draft-07) value. */
export type JsonSchema = { [key: string]: unknown };

/** Null is accepted where a field is optional: the loader reads `field:` with no value as absent. */
function nullable(s: JsonSchema): JsonSchema {
  if (typeof s.type === 'string') return { ...s, type: [s.type, 'null'] };
  if (Array.isArray(s.type)) return { ...s, type: [...(s.type as string[]), 'null'] };
  if (Array.isArray(s.anyOf)) return { ...s, anyOf: [...(s.anyOf as JsonSchema[]), { type: 'null' }] };
  return { anyOf: [s, { type: 'null' }] };
}

/** A label's name part, 63 characters at most (k8s-names.ts: qualifiedNameErrors). */
const LABEL_NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
/** A label key for editors: an optional DNS subdomain prefix and `/`, then the name part (the prefix's 253-character limit is the loader's to check). */
const LABEL_KEY_PATTERN = `^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?${LABEL_NAME}$`;
/** A label value: empty, or a name part. */
const LABEL_VALUE_PATTERN = `^(${LABEL_NAME})?$`;

/** The JSON Schema of one node of the loader's schema (src/scenario/schema.ts), accepting what checkSchema accepts. */
export function toJsonSchema(schema: Schema): JsonSchema {
  switch (schema.type) {
    case 'any':
      return {};
    case 'string': {
      const description = [schema.patternHint, schema.description].filter(Boolean).join('; ');
      return {
        type: 'string',
        ...(schema.enum ? { enum: [...schema.enum] } : {}),
        ...(schema.pattern ? { pattern: schema.pattern.source } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(description ? { description } : {}),
      };
    }
    case 'int':
      return {
        type: 'integer',
        ...(schema.min !== undefined ? { minimum: schema.min } : {}),
        ...(schema.max !== undefined ? { maximum: schema.max } : {}),
      };
    case 'bool':
      return { type: 'boolean' };
    case 'intOrString':
      return { type: ['integer', 'string'] };
    case 'stringMap': {
      const value: JsonSchema = { type: schema.nullValues ? ['string', 'null'] : 'string' };
      if (!schema.labels) return { type: 'object', additionalProperties: value };
      return {
        type: 'object',
        propertyNames: { type: 'string', pattern: LABEL_KEY_PATTERN, maxLength: 317 },
        additionalProperties: { ...value, pattern: LABEL_VALUE_PATTERN },
      };
    }
    case 'list':
      return {
        type: 'array',
        items: nullable(toJsonSchema(schema.items)),
        ...(schema.nonEmpty ? { minItems: 1 } : {}),
      };
    case 'listOrOne': {
      const item = toJsonSchema(schema.items);
      return { anyOf: [item, { type: 'array', items: nullable(item) }] };
    }
    case 'stringOrObject':
      return {
        anyOf: [{ type: schema.allowInt ? ['string', 'integer'] : 'string' }, toJsonSchema(schema.object)],
        ...(schema.description ? { description: schema.description } : {}),
      };
    case 'object': {
      const required = schema.required ?? [];
      const properties: Record<string, JsonSchema> = {};
      for (const [name, field] of Object.entries(schema.fields)) {
        const s = toJsonSchema(field);
        properties[name] = required.includes(name) ? s : nullable(s);
      }
      for (const name of schema.ignore ?? []) properties[name] = {};
      return {
        type: 'object',
        properties,
        ...(required.length ? { required: [...required] } : {}),
        additionalProperties: false,
      };
    }
  }
}

/** Puts each field's description (schema-descriptions.ts) first in its `description`, before any pattern hint. */
function describeFields(s: unknown, path: string): void {
  if (typeof s !== 'object' || s === null) return;
  const o = s as JsonSchema;
  for (const [name, field] of Object.entries((o.properties ?? {}) as Record<string, JsonSchema>)) {
    const at = path ? `${path}.${name}` : name;
    const said = fieldDescription(at);
    if (said) field.description = typeof field.description === 'string' ? `${said} (${field.description})` : said;
    describeFields(field, at);
  }
  for (const key of ['items', 'anyOf', 'additionalProperties'] as const) {
    const inner = o[key];
    const next = key === 'items' ? `${path}[]` : path;
    if (Array.isArray(inner)) for (const x of inner) describeFields(x, next);
    else describeFields(inner, next);
  }
}

/** A schema file editors read, generated from one of the loader's schemas, every field described. */
function generatedJsonSchema(schema: Schema, title: string, description: string): JsonSchema {
  const out: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from src/scenario/schema-v1.ts by `npm run schema`; do not edit by hand.',
    title: `${title} (${API_VERSION})`,
    description,
    ...toJsonSchema(schema),
  };
  describeFields(out, '');
  return out;
}

/** schema/scenario.schema.json: the scenario format as editors read it, generated from the loader's schema. */
export function scenarioJsonSchema(): JsonSchema {
  return generatedJsonSchema(
    scenarioSchema,
    'netpol-harness scenario',
    'One documented NetworkPolicy example as a test: docs/scenario-format.md. Compact expectation rows (FROM -> TO RESULT ...) are checked by the loader, not by this schema.',
  );
}

export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + '\n';
}

/** schema/world.schema.json: a world file (kind: World) as editors read it, generated from the loader's schema. */
export function worldJsonSchema(): JsonSchema {
  const schema = generatedJsonSchema(
    worldSchema,
    'netpol-harness world',
    'The namespaces, pods and services that scenarios name with world: instead of declaring their own: docs/scenario-format.md.',
  );
  const top = schema.properties as Record<string, { description?: string }>;
  if (top.name) top.name.description = "The world's name, for reports.";
  if (top.description) top.description.description = 'Free text about the world: what it is and where it comes from.';
  return schema;
}

export function worldJsonSchemaText(): string {
  return JSON.stringify(worldJsonSchema(), null, 2) + '\n';
}
