import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { excerpt } from './excerpt.js';
import { formatPath, type PathSegment, type Problem } from './problems.js';

/** How often one anchor may be used (`*name`); more is refused, as YAML libraries refuse alias bombs. */
export const MAX_ALIAS_USES = 100;

/** A parsed YAML text that can say where any node or path is, offset when the text is embedded in another file. */
export class YamlSource {
  readonly lines = new LineCounter();
  readonly problems: Problem[] = [];

  constructor(
    readonly file: string,
    readonly text: string,
    /** Line in `file` where `text` starts (0 for a whole file). */
    readonly lineOffset = 0,
    /** Prefix for every reported path (the embedding field). */
    readonly pathPrefix: readonly PathSegment[] = [],
  ) {}

  /** The document parsed last, for resolving aliases (`*anchor`). */
  doc: Document.Parsed | undefined;

  parseOne(): Document.Parsed {
    const doc = parseDocument(this.text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    this.collectYamlErrors(doc);
    if (doc.errors.length === 0) this.checkAliases(doc);
    this.doc = doc;
    return doc;
  }

  /** An alias stands for the node it names; anything else is itself. */
  deref(node: Node | null | undefined): Node | null | undefined {
    return isAlias(node) && this.doc ? (node.resolve(this.doc) as Node | undefined) : node;
  }

  parseAll(): Document.Parsed[] {
    const docs = parseAllDocuments(this.text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) {
      this.collectYamlErrors(d);
      if (d.errors.length === 0) this.checkAliases(d);
    }
    return list;
  }

  /** Every alias names an anchor defined before it, and no anchor is used more than MAX_ALIAS_USES times. */
  private checkAliases(doc: Document.Parsed): void {
    const uses = new Map<string, number>();
    visit(doc, {
      Alias: (_key, alias) => {
        const name = alias.source;
        if (alias.resolve(doc) === undefined) {
          this.reportAt(
            alias.range?.[0],
            `invalid YAML: alias *${excerpt(name, 40)} names no anchor (define &${excerpt(name, 40)} before using it)`,
          );
          return;
        }
        const n = (uses.get(name) ?? 0) + 1;
        uses.set(name, n);
        if (n === MAX_ALIAS_USES + 1)
          this.reportAt(
            alias.range?.[0],
            `invalid YAML: anchor &${excerpt(name, 40)} is used more than ${MAX_ALIAS_USES} times`,
          );
      },
    });
  }

  /** The document parsed and checked without problems converted to plain data, or a problem (such as an alias expanding too far). */
  toData(doc: Document.Parsed): { ok: true; data: unknown } | { ok: false } {
    try {
      return { ok: true, data: doc.toJS({ maxAliasCount: MAX_ALIAS_USES }) };
    } catch (err) {
      this.reportAt(0, `invalid YAML: ${excerpt(err instanceof Error ? err.message : String(err), 120)}`);
      return { ok: false };
    }
  }

  private reportAt(offset: number | undefined, message: string): void {
    const pos = this.lines.linePos(offset ?? 0);
    this.problems.push({
      file: this.file,
      line: pos.line + this.lineOffset,
      column: pos.col,
      path: formatPath(this.pathPrefix),
      message,
    });
  }

  private collectYamlErrors(doc: Document.Parsed): void {
    for (const err of doc.errors)
      this.reportAt(err.pos[0], `invalid YAML: ${excerpt(err.message.split('\n')[0] ?? '', 160)}`);
  }

  position(node: Node | null | undefined): { line: number; column: number } {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: this.lineOffset > 0 ? this.lineOffset : 1, column: 1 };
    const pos = this.lines.linePos(offset);
    return { line: pos.line + this.lineOffset, column: pos.col };
  }

  report(node: Node | null | undefined, path: readonly PathSegment[], message: string): void {
    const { line, column } = this.position(node);
    this.problems.push({ file: this.file, line, column, path: formatPath([...this.pathPrefix, ...path]), message });
  }
}

/** The node at `path` in `root`, or the nearest ancestor that exists (for locating a problem). */
export function nodeAt(root: Node | null | undefined, path: readonly PathSegment[]): Node | null | undefined {
  let node = root;
  for (const seg of path) {
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      next = pair?.value as Node | null | undefined;
      if (next === null || next === undefined) return (pair?.key as Node | undefined) ?? node;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg] as Node | undefined;
    }
    if (next === undefined || next === null) return node;
    node = next;
  }
  return node;
}
