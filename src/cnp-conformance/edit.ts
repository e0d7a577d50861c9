import type { Edit, Json } from './spec.js';

function rules(spec: Json, direction: 'ingress' | 'egress'): Json[] {
  const list = spec[direction];
  if (!Array.isArray(list)) throw new Error(`the policy has no ${direction} rules to edit`);
  return list as Json[];
}

function at(list: Json[], i: number): Json {
  const r = list[i];
  if (!r) throw new Error(`no rule at index ${i}`);
  return r;
}

/** The policy after the test's edits, in order, as its Go code makes them on a DeepCopy. Pure. */
export function applyEdits(manifest: Json, edits: readonly Edit[]): Json {
  const out = structuredClone(manifest);
  const spec = out.spec as Json;
  for (const e of edits) {
    if ('swap' in e) {
      const [d, i, j] = e.swap;
      const list = rules(spec, d);
      const a = at(list, i);
      list[i] = at(list, j);
      list[j] = a;
    } else if ('priority' in e) spec.priority = e.priority;
    else if ('action' in e) at(rules(spec, e.action[0]), e.action[1]).action = e.action[2];
    else if ('protocols' in e) at(rules(spec, e.protocols[0]), e.protocols[1]).protocols = e.protocols[2];
    else spec.egress = [e.prependEgress, ...rules(spec, 'egress')];
  }
  return out;
}
