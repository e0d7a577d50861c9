import type { LabelSelector, LabelSelectorRequirement } from '../model/types.js';

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/**
 * A label selector as `kubectl -l` takes it: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`,
 * `a notin (x,y)`, joined by commas. Throws naming the part it cannot read.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [] };
  for (const part of splitTerms(text)) {
    const term = part.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\S+?)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const values = (m[3] as string).split(',').map((v) => v.trim());
      selector.matchExpressions.push(requirement(m[1] as string, m[2] === 'in' ? 'In' : 'NotIn', values, term));
    } else if ((m = /^(\S+?)\s*!=\s*(\S*)$/.exec(term))) {
      selector.matchExpressions.push(requirement(m[1] as string, 'NotIn', [m[2] as string], term));
    } else if ((m = /^(\S+?)\s*==?\s*(\S*)$/.exec(term))) {
      checkKey(m[1] as string, term);
      checkValue(m[2] as string, term);
      selector.matchLabels[m[1] as string] = m[2] as string;
    } else if ((m = /^!\s*(\S+)$/.exec(term))) {
      selector.matchExpressions.push(requirement(m[1] as string, 'DoesNotExist', [], term));
    } else if (KEY.test(term)) {
      selector.matchExpressions.push(requirement(term, 'Exists', [], term));
    } else {
      throw new Error(`cannot read "${term}" in label selector "${text}"`);
    }
  }
  return selector;
}

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  if (terms.some((t) => t.trim() === '')) throw new Error(`empty term in label selector "${text}"`);
  return terms;
}

function requirement(
  key: string,
  operator: LabelSelectorRequirement['operator'],
  values: string[],
  term: string,
): LabelSelectorRequirement {
  checkKey(key, term);
  values.forEach((v) => checkValue(v, term));
  return { key, operator, values };
}

function checkKey(key: string, term: string): void {
  if (!KEY.test(key)) throw new Error(`invalid label key "${key}" in "${term}"`);
}

function checkValue(value: string, term: string): void {
  if (!VALUE.test(value) || value.length > 63) throw new Error(`invalid label value "${value}" in "${term}"`);
}
