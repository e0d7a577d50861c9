import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { labelValueErrors, qualifiedNameErrors } from '../manifest/k8s-names.js';
import { excerpt } from '../excerpt.js';
import type { PathSegment } from '../problems.js';
import type { YamlSource } from './yaml-source.js';

/** A small strict schema: unknown fields, wrong types and missing required fields are all reported. */
export type Schema =
  | {
      type: 'string';
      enum?: readonly string[];
      pattern?: RegExp;
      patternHint?: string;
      /** The API server's rules for the value (src/manifest/k8s-names.ts), checked once the pattern matches. */
      rules?: (value: string) => string[];
      /** For editors (the JSON Schema's maxLength); `rules` says it to the loader. */
      maxLength?: number;
      /** For editors only (the JSON Schema's description). */ description?: string;
    }
  | { type: 'int'; min?: number; max?: number }
  | { type: 'bool' }
  | { type: 'intOrString' }
  | {
      type: 'stringMap';
      nullValues?: boolean;
      /** Keys and values are labels: checked as the API server checks a label's key and value. */
      labels?: boolean;
    }
  | { type: 'list'; items: Schema; nonEmpty?: boolean }
  | { type: 'object'; fields: Record<string, Schema>; required?: readonly string[]; ignore?: readonly string[] }
  | { type: 'stringOrObject'; object: Schema & { type: 'object' }; allowInt?: boolean; description?: string }
  | { type: 'listOrOne'; items: Schema }
  | { type: 'any' };

type StringOptions = Omit<Extract<Schema, { type: 'string' }>, 'type'>;

/*
 * The builders keep what they are given in their types (an enum's values, the required fields), so
 * that SchemaData below can say what data a schema accepts: the loader's raw types (raw.ts) are
 * derived from the one schema that also checks the files and makes the JSON Schema.
 */
export const str = <const O extends StringOptions = Record<never, never>>(
  opts: O = {} as O,
): { type: 'string' } & O => ({
  type: 'string',
  ...opts,
});
export const int = (min?: number, max?: number): { type: 'int'; min?: number; max?: number } => ({
  type: 'int',
  min,
  max,
});
export const list = <const I extends Schema>(
  items: I,
  nonEmpty = false,
): { type: 'list'; items: I; nonEmpty: boolean } => ({
  type: 'list',
  items,
  nonEmpty,
});
export const obj = <const F extends Record<string, Schema>, const R extends readonly (keyof F & string)[] = []>(
  fields: F,
  required: R = [] as unknown as R,
): { type: 'object'; fields: F; required: NoInfer<R> } => ({
  type: 'object',
  fields,
  required,
});

/** The data a value checked against `S` is, once nulls are read as absent (decode.ts). */
export type SchemaData<S> = S extends { type: 'string'; enum: readonly (infer E)[] }
  ? E
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'int' }
      ? number
      : S extends { type: 'bool' }
        ? boolean
        : S extends { type: 'intOrString' }
          ? number | string
          : S extends { type: 'stringMap'; nullValues: true }
            ? Record<string, string | null>
            : S extends { type: 'stringMap' }
              ? Record<string, string>
              : S extends { type: 'list'; items: infer I }
                ? SchemaData<I>[]
                : S extends { type: 'listOrOne'; items: infer I }
                  ? SchemaData<I> | SchemaData<I>[]
                  : S extends { type: 'stringOrObject'; object: infer O; allowInt: true }
                    ? string | number | SchemaData<O>
                    : S extends { type: 'stringOrObject'; object: infer O }
                      ? string | SchemaData<O>
                      : S extends { type: 'object'; fields: infer F; required: readonly (infer R)[] }
                        ? ObjectData<F, R>
                        : unknown;

/** An object's fields: the required ones always there, the others optional. */
type ObjectData<F, R> = {
  -readonly [K in keyof F as K extends R ? K : never]: SchemaData<F[K]>;
} & {
  -readonly [K in keyof F as K extends R ? never : K]?: SchemaData<F[K]>;
} extends infer D
  ? { [K in keyof D]: D[K] }
  : never;

function describe(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'null';
    if (typeof v === 'string') return `the string "${excerpt(v)}"`;
    return `${typeof v} ${String(v)}`;
  }
  return 'something else';
}

type SchemaOf<T extends Schema['type']> = Extract<Schema, { type: T }>;

/** Checks `node` against `schema`; every problem goes to `src`. Null values count as absent. */
export function checkSchema(
  src: YamlSource,
  aliasOrNode: Node | null | undefined,
  schema: Schema,
  path: PathSegment[],
): void {
  const node = src.deref(aliasOrNode);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
  switch (schema.type) {
    case 'any':
      return;
    case 'string':
      return checkString(src, node, schema, path);
    case 'int':
      return checkInt(src, node, schema, path);
    case 'bool':
      if (!isScalar(node) || typeof node.value !== 'boolean')
        src.report(node, path, `must be true or false, got ${describe(node)}`);
      return;
    case 'intOrString':
      if (
        !isScalar(node) ||
        !(typeof node.value === 'string' || (typeof node.value === 'number' && Number.isInteger(node.value)))
      ) {
        src.report(node, path, `must be an integer or a string, got ${describe(node)}`);
      }
      return;
    case 'stringMap':
      return checkStringMap(src, node, schema, path);
    case 'list':
      return checkList(src, node, schema, path);
    case 'listOrOne':
      if (isSeq(node)) node.items.forEach((item, i) => checkSchema(src, item as Node, schema.items, [...path, i]));
      else checkSchema(src, node, schema.items, path);
      return;
    case 'stringOrObject':
      if (
        isScalar(node) &&
        (typeof node.value === 'string' ||
          (schema.allowInt && typeof node.value === 'number' && Number.isInteger(node.value)))
      )
        return;
      checkSchema(src, node, schema.object, path);
      return;
    case 'object':
      return checkObject(src, node, schema, path);
  }
}

function checkString(src: YamlSource, node: Node, schema: SchemaOf<'string'>, path: PathSegment[]): void {
  if (!isScalar(node) || typeof node.value !== 'string') {
    if (
      isScalar(node) &&
      (typeof node.value === 'number' || typeof node.value === 'boolean') &&
      !schema.enum &&
      !schema.pattern
    ) {
      src.report(node, path, `must be a string, got ${describe(node)} (quote it)`);
    } else {
      src.report(node, path, `must be a string, got ${describe(node)}`);
    }
    return;
  }
  const v = node.value;
  if (schema.enum && !schema.enum.includes(v)) {
    src.report(
      node,
      path,
      `unsupported value "${excerpt(v)}": supported values: ${schema.enum.map((e) => `"${e}"`).join(', ')}`,
    );
  } else if (schema.pattern && !schema.pattern.test(v)) {
    src.report(node, path, `invalid value "${excerpt(v)}"${schema.patternHint ? `: ${schema.patternHint}` : ''}`);
  } else {
    const errors = schema.rules?.(v) ?? [];
    if (errors.length) src.report(node, path, `invalid value "${excerpt(v)}": ${errors.join('; ')}`);
  }
}

function checkInt(src: YamlSource, node: Node, schema: SchemaOf<'int'>, path: PathSegment[]): void {
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
    src.report(node, path, `must be an integer, got ${describe(node)}`);
    return;
  }
  const v = node.value;
  if ((schema.min !== undefined && v < schema.min) || (schema.max !== undefined && v > schema.max)) {
    src.report(node, path, `${v} is out of range ${schema.min ?? '-∞'}..${schema.max ?? '∞'}`);
  }
}

function checkStringMap(src: YamlSource, node: Node, schema: SchemaOf<'stringMap'>, path: PathSegment[]): void {
  if (!isMap(node)) {
    src.report(node, path, `must be a mapping of strings, got ${describe(node)}`);
    return;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? excerpt(String(pair.key.value)) : '?';
    if (schema.labels && isScalar(pair.key)) checkLabel(src, pair.key as Node, 'key', [...path, key]);
    const value = src.deref(pair.value as Node | null) ?? null;
    const isNull = value === null || (isScalar(value) && value.value === null);
    if (isNull && schema.nullValues) continue;
    if (!isScalar(value) || typeof value.value !== 'string') {
      src.report(
        (value ?? pair.key) as Node,
        [...path, key],
        `must be a string, got ${value ? describe(value) : 'null'}${isScalar(value) && value.value !== null ? ' (quote it)' : ''}`,
      );
    } else if (schema.labels) checkLabel(src, value, 'value', [...path, key]);
  }
}

/** A label's key or value as the API server checks it (src/manifest/k8s-names.ts). */
function checkLabel(src: YamlSource, node: Node, part: 'key' | 'value', path: PathSegment[]): void {
  if (!isScalar(node)) return;
  const text = String(node.value);
  const errors = part === 'key' ? qualifiedNameErrors(text) : labelValueErrors(text);
  if (errors.length) src.report(node, path, `invalid label ${part} "${excerpt(text)}": ${errors.join('; ')}`);
}

function checkList(src: YamlSource, node: Node, schema: SchemaOf<'list'>, path: PathSegment[]): void {
  if (!isSeq(node)) {
    src.report(node, path, `must be a list, got ${describe(node)}`);
    return;
  }
  if (schema.nonEmpty && node.items.length === 0) src.report(node, path, 'must not be empty');
  node.items.forEach((item, i) => {
    const value = src.deref(item as Node | null);
    if (value === null || value === undefined || (isScalar(value) && value.value === null))
      src.report((value ?? node) as Node, [...path, i], 'a list item must not be empty (null)');
    else checkSchema(src, item as Node, schema.items, [...path, i]);
  });
}

/** Each field against its schema (unknown fields and merge keys reported), then the required fields. */
function checkObject(src: YamlSource, node: Node, schema: SchemaOf<'object'>, path: PathSegment[]): void {
  if (!isMap(node)) {
    src.report(node, path, `must be a mapping, got ${describe(node)}`);
    return;
  }
  const seen = checkFields(src, node, schema, path);
  checkRequired(src, node, schema, path, seen);
}

/** Checks each field of the mapping; returns the keys seen. */
function checkFields(src: YamlSource, node: YAMLMap, schema: SchemaOf<'object'>, path: PathSegment[]): Set<string> {
  const seen = new Set<string>();
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      src.report(pair.key as Node, path, 'merge keys (<<) are not supported: write the fields out');
      continue;
    }
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) {
      src.report(pair.key as Node, path, 'keys must be plain strings');
      continue;
    }
    seen.add(key);
    const fieldSchema = schema.fields[key];
    if (!fieldSchema) {
      if (schema.ignore?.includes(key)) continue;
      const known = Object.keys(schema.fields).join(', ');
      src.report(pair.key as Node, [...path, excerpt(key)], `unknown field "${excerpt(key)}" (known fields: ${known})`);
      continue;
    }
    checkSchema(src, pair.value as Node, fieldSchema, [...path, key]);
  }
  return seen;
}

function checkRequired(
  src: YamlSource,
  node: YAMLMap,
  schema: SchemaOf<'object'>,
  path: PathSegment[],
  seen: ReadonlySet<string>,
): void {
  for (const req of schema.required ?? []) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === req);
    const v = pair?.value as Node | null | undefined;
    if (!seen.has(req) || v === null || v === undefined || (isScalar(v) && v.value === null)) {
      src.report(node, [...path, req], 'required field is missing');
    }
  }
}
