import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { excerpt } from '../excerpt.js';
import { formatPath, type PathSegment, type Problem } from '../problems.js';
import { MAX_ALIAS_USES, plainData, resolveAliases } from './yaml-aliases.js';
import { MAX_NESTING_DEPTH, tooDeepAt } from './yaml-nesting.js';

export { MAX_ALIAS_USES };

/** A parsed YAML text that can say where any node or path is, offset when the text is embedded in another file. */
export class YamlSource {
  readonly lines = new LineCounter();
  readonly problems: Problem[] = [];
  /** The node each alias (`*anchor`) of the parsed documents stands for. */
  private readonly aliasTargets = new Map<Alias, Node>();

  constructor(
    readonly file: string,
    readonly text: string,
    /** Line in `file` where `text` starts (0 for a whole file). */
    readonly lineOffset = 0,
    /** Prefix for every reported path (the embedding field). */
    readonly pathPrefix: readonly PathSegment[] = [],
  ) {}

  /** The text's one document; a second document, nesting too deep and bad aliases are problems. */
  parseOne(): Document.Parsed {
    const docs = this.compose(true);
    const [doc, second] = docs;
    if (second)
      this.reportAt(
        second.range[0],
        'a scenario file holds one YAML document; a second one starts here (remove it, or move it to a file of its own)',
      );
    if (doc) {
      this.collectYamlErrors(doc);
      if (doc.errors.length === 0) this.checkNodes(doc);
      return doc;
    }
    return [...new Composer().compose([], true, 0)][0] as Document.Parsed;
  }

  /** An alias stands for the node it names; anything else is itself. */
  deref(node: Node | null | undefined): Node | null | undefined {
    return isAlias(node) ? this.aliasTargets.get(node) : node;
  }

  parseAll(): Document.Parsed[] {
    const docs = this.compose(false);
    for (const d of docs) {
      this.collectYamlErrors(d);
      if (d.errors.length === 0) this.checkNodes(d);
    }
    return docs;
  }

  /**
   * The text's documents, built only when no collection nests deeper than MAX_NESTING_DEPTH
   * (building recurses once a level); `forceDoc`: one empty document for an empty text.
   */
  private compose(forceDoc: boolean): Document.Parsed[] {
    const tokens = [...new Parser(this.lines.addNewLine).parse(this.text)];
    const deep = tooDeepAt(tokens);
    if (deep !== undefined) {
      this.reportAt(
        deep,
        `nested deeper than ${MAX_NESTING_DEPTH} levels: a scenario or policy file may nest at most ${MAX_NESTING_DEPTH} (it needs about ten)`,
      );
      return [];
    }
    const composer = new Composer({ uniqueKeys: true });
    return [...composer.compose(tokens, forceDoc, this.text.length)] as Document.Parsed[];
  }

  /** Aliases resolved, in one pass, and checked. */
  private checkNodes(doc: Document.Parsed): void {
    const { targets, problems } = resolveAliases(doc);
    for (const [alias, target] of targets) this.aliasTargets.set(alias, target);
    for (const p of problems) this.reportAt(p.offset, p.message);
  }

  /** The document as plain data (aliases expanded), after it parsed and checked without problems; it cannot fail. */
  toData(doc: Document.Parsed): { ok: true; data: unknown } {
    return { ok: true, data: plainData(doc.contents, this.aliasTargets) };
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
