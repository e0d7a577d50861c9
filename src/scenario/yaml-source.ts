import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';
import { formatPath, type PathSegment, type Problem } from './problems.js';

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
    for (const d of list) this.collectYamlErrors(d);
    return list;
  }

  private collectYamlErrors(doc: Document.Parsed): void {
    for (const err of doc.errors) {
      const pos = this.lines.linePos(err.pos[0]);
      this.problems.push({
        file: this.file,
        line: pos.line + this.lineOffset,
        column: pos.col,
        path: formatPath(this.pathPrefix),
        message: `invalid YAML: ${err.message.split('\n')[0]}`,
      });
    }
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
