import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { InputError, type PathSegment, type Problem } from '../problems.js';
import { checkSchema, type Schema } from './schema.js';
import { scenarioSchema, worldSchema } from './schema-v1.js';
import type { RawScenario, RawWorld } from './raw.js';
import { nodeAt, YamlSource } from './yaml-source.js';

/**
 * The first stage of loading a scenario (parse.ts): YAML text to data. The text must be one YAML
 * document holding a mapping that passes the schema (schema-v1.ts); then its data is a RawScenario,
 * and ScenarioDocument says where each field of it is written.
 */

/** A decoded scenario file: where each field is written, and the problems found in it so far. */
export class ScenarioDocument {
  constructor(
    readonly src: YamlSource,
    readonly root: Node | null,
  ) {}

  get file(): string {
    return this.src.file;
  }

  get problems(): Problem[] {
    return this.src.problems;
  }

  /** The node at `path`, or its nearest ancestor written in the file. */
  node(path: readonly PathSegment[]): Node | null | undefined {
    return nodeAt(this.root, path);
  }

  report(path: PathSegment[], message: string): void {
    this.src.report(this.node(path), path, message);
  }

  line(path: PathSegment[]): number {
    return this.src.position(this.node(path)).line;
  }
}

/** The file's data, checked against the schema; throws InputError with every problem found. */
export function decodeScenario(file: string, text: string): { document: ScenarioDocument; raw: RawScenario } {
  const { document, data } = decodeFile(file, text, scenarioSchema, 'Scenario');
  return { document, raw: data as RawScenario };
}

/** A world file's data (`kind: World`), checked against its schema; throws InputError with every problem found. */
export function decodeWorld(file: string, text: string): { document: ScenarioDocument; raw: RawWorld } {
  const { document, data } = decodeFile(file, text, worldSchema, 'World');
  return { document, raw: data as RawWorld };
}

function decodeFile(
  file: string,
  text: string,
  schema: Schema,
  kind: 'Scenario' | 'World',
): { document: ScenarioDocument; data: unknown } {
  const src = new YamlSource(file, text);
  const doc = src.parseOne();
  if (src.problems.length === 0 && !isMap(src.deref(doc.contents as Node | null))) {
    const root = src.deref(doc.contents as Node | null);
    const what =
      root === null || root === undefined || (isScalar(root) && root.value === null)
        ? 'the file holds no YAML content (it is empty or only comments)'
        : `the file must hold a mapping (apiVersion: netpol-harness/v1, kind: ${kind}, …), got ${isSeq(root) ? 'a list' : 'a single value'}`;
    src.report(root ?? null, [], what);
  }
  if (src.problems.length === 0) checkSchema(src, doc.contents as Node, schema, []);
  if (src.problems.length > 0) throw new InputError(src.problems);
  const data = src.toData(doc);
  if (!data.ok) throw new InputError(src.problems);
  return { document: new ScenarioDocument(src, doc.contents as Node | null), data: nullsAsAbsent(data.data) };
}

/**
 * The schema treats a null value (`selector:`, `selector: ~`, an empty anchor) as an absent field;
 * so does the data the converters read. Only a label change keeps its nulls: `role: null` removes a label.
 */
export function nullsAsAbsent(value: unknown, inLabelChange = false, keepNulls = false): unknown {
  if (Array.isArray(value)) return value.map((v) => nullsAsAbsent(v, inLabelChange));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null && !keepNulls) continue;
    out[key] = nullsAsAbsent(v, key === 'label' || inLabelChange, inLabelChange && key === 'labels');
  }
  return out;
}
