import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import { excerpt } from '../excerpt.js';
import { MAX_NESTING_DEPTH } from './yaml-nesting.js';

/** How often one anchor may be used (`*name`): 100 uses are fine, the 101st is refused, as YAML libraries refuse alias bombs. */
export const MAX_ALIAS_USES = 100;

/**
 * How many nodes (scalars and collections) the aliases of one document may stand for in all,
 * each use counted, an alias inside an anchored node counted each time that node is used.
 */
export const MAX_ALIAS_NODES = 100_000;

export interface AliasProblem {
  offset: number | undefined;
  message: string;
}

export interface ResolvedAliases {
  /** The node each alias stands for. */
  targets: Map<Alias, Node>;
  problems: AliasProblem[];
}

/** What a node stands for once its aliases are expanded: how many nodes, how many collections deep. */
interface Extent {
  nodes: number;
  height: number;
}

/**
 * Finds each alias's node in one pass over the document, in the text's order (an alias names the
 * last anchor of that name before it), and refuses an alias with no anchor, an alias inside the
 * node it names, an anchor used more than MAX_ALIAS_USES times, aliases that stand for more than
 * MAX_ALIAS_NODES nodes, and aliases that nest deeper than MAX_NESTING_DEPTH.
 */
export function resolveAliases(doc: Document.Parsed): ResolvedAliases {
  const targets = new Map<Alias, Node>();
  const problems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  /** Anchored nodes being walked: an alias of one would contain itself. */
  const open = new Set<Node>();
  const extents = new Map<Node, Extent>();
  const uses = new Map<Node, number>();
  let expanded = 0;
  let tooMany = false;
  let tooDeep = false;
  const problem = (alias: Alias, message: string) => problems.push({ offset: alias.range?.[0], message });

  const aliasExtent = (alias: Alias, depth: number): Extent => {
    const name = excerpt(alias.source, 40);
    const target = anchors.get(alias.source);
    if (target === undefined) {
      problem(alias, `invalid YAML: alias *${name} names no anchor (define &${name} before using it)`);
      return { nodes: 1, height: 0 };
    }
    if (open.has(target)) {
      problem(alias, `invalid YAML: alias *${name} is inside the node &${name} names (it would contain itself)`);
      return { nodes: 1, height: 0 };
    }
    targets.set(alias, target);
    const n = (uses.get(target) ?? 0) + 1;
    uses.set(target, n);
    if (n === MAX_ALIAS_USES + 1)
      problem(alias, `invalid YAML: anchor &${name} is used more than ${MAX_ALIAS_USES} times`);
    const extent = extents.get(target) ?? { nodes: 1, height: 0 };
    expanded += extent.nodes;
    if (expanded > MAX_ALIAS_NODES && !tooMany) {
      tooMany = true;
      problem(
        alias,
        `invalid YAML: the aliases stand for more than ${MAX_ALIAS_NODES} nodes in all (an alias bomb?); write the data out or use fewer aliases`,
      );
    }
    if (depth + extent.height > MAX_NESTING_DEPTH && !tooDeep) {
      tooDeep = true;
      problem(alias, `alias *${name} nests its node deeper than ${MAX_NESTING_DEPTH} levels`);
    }
    return extent;
  };

  /** `depth`: how many collections hold the node. */
  const walk = (node: unknown, depth: number): Extent => {
    if (isAlias(node)) return aliasExtent(node, depth);
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return { nodes: 0, height: 0 };
    const anchor = node.anchor;
    if (anchor) {
      anchors.set(anchor, node);
      open.add(node);
    }
    const extent = { nodes: 1, height: 0 };
    if (!isScalar(node)) {
      extent.height = 1;
      for (const item of node.items) {
        for (const part of isPair(item) ? [item.key, item.value] : [item]) {
          const inner = walk(part, depth + 1);
          extent.nodes += inner.nodes;
          extent.height = Math.max(extent.height, inner.height + 1);
        }
      }
    }
    if (anchor) {
      open.delete(node);
      extents.set(node, extent);
    }
    return extent;
  };

  walk(doc.contents, 0);
  return { targets, problems };
}

/** The node as plain data (mappings as objects, sequences as arrays), each alias replaced by what it stands for. */
export function plainData(node: unknown, targets: ReadonlyMap<Alias, Node>): unknown {
  if (isAlias(node)) return plainData(targets.get(node), targets);
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => plainData(item, targets));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = plainData(pair.key, targets);
      const name = key === null || key === undefined ? '' : typeof key === 'object' ? JSON.stringify(key) : String(key);
      // A key such as __proto__ becomes a field like any other.
      Object.defineProperty(out, name, {
        value: plainData(pair.value, targets),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return null;
}
