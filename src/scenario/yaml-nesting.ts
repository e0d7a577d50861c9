import type { CST } from 'yaml';

/**
 * Collections nested deeper than this are refused before a document is built from them (building
 * one recurses once a level). A scenario nests about ten levels, a policy manifest about twelve.
 */
export const MAX_NESTING_DEPTH = 100;

type Collection = CST.BlockMap | CST.BlockSequence | CST.FlowCollection;

function isCollection(token: CST.Token): token is Collection {
  return token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection';
}

/**
 * The offset of the first collection (in the text's order) nested deeper than `max` in these
 * parser tokens, or undefined. Walks with a stack of its own, so no nesting can overflow it.
 */
export function tooDeepAt(tokens: readonly CST.Token[], max = MAX_NESTING_DEPTH): number | undefined {
  const stack: { token: CST.Token; depth: number }[] = [];
  const push = (token: CST.Token | null | undefined, depth: number) => {
    if (token) stack.push({ token, depth });
  };
  for (let i = tokens.length - 1; i >= 0; i--) push(tokens[i], 0);
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { token, depth } = next;
    if (token.type === 'document') push(token.value, depth);
    else if (isCollection(token)) {
      if (depth + 1 > max) return token.offset;
      for (let i = token.items.length - 1; i >= 0; i--) {
        const item = token.items[i];
        push(item?.value, depth + 1);
        push(item?.key, depth + 1);
      }
    }
  }
  return undefined;
}
