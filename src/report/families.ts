import type { LiveRecord } from '../engine/types.js';

/** One probe sent in both families of a dual-stack cluster, with both answers. */
export interface FamilyPair {
  first: LiveRecord;
  second: LiveRecord;
}

/** A record of the second family carries its first-family twin's key with ` [IPv6]` or ` [IPv4]` after it. */
const SECOND_KEY = / \[(IPv4|IPv6)\]$/;

/** The probes of a dual-stack run sent in both families, paired (none on a single-family run). */
export function familyPairs(records: readonly LiveRecord[]): FamilyPair[] {
  const byKey = new Map(records.map((r) => [`${r.scenario}\u0000${r.stepIndex}\u0000${r.live.key}`, r]));
  const pairs: FamilyPair[] = [];
  for (const second of records) {
    if (!second.live.family || !SECOND_KEY.test(second.live.key)) continue;
    const first = byKey.get(
      `${second.scenario}\u0000${second.stepIndex}\u0000${second.live.key.replace(SECOND_KEY, '')}`,
    );
    if (first && first.live.family && first.live.family !== second.live.family) pairs.push({ first, second });
  }
  return pairs;
}

const conclusive = (r: LiveRecord) =>
  r.live.sent && !['inconclusive', 'not-sent', 'check-failed'].includes(r.live.outcome);

/**
 * Pairs whose two families got different answers from the cluster, and of those the ones where
 * the spec answers the same in both: the family-specific enforcement difference CNI vendors look for.
 */
export function familyDifferences(pairs: readonly FamilyPair[]): { differ: FamilyPair[]; specSame: FamilyPair[] } {
  const differ = pairs.filter(
    (p) => conclusive(p.first) && conclusive(p.second) && p.first.live.outcome !== p.second.live.outcome,
  );
  return { differ, specSame: differ.filter((p) => p.first.model.outcome === p.second.model.outcome) };
}

const name = (f: string | undefined) => (f === 'ipv6' ? 'IPv6' : 'IPv4');

/** The console's lines for a dual-stack run, or none. */
export function renderFamilyLines(records: readonly LiveRecord[]): string[] {
  const pairs = familyPairs(records);
  if (!pairs.length) return [];
  const { differ, specSame } = familyDifferences(pairs);
  const [a, b] = [name(pairs[0]?.first.live.family), name(pairs[0]?.second.live.family)];
  const lines = [
    `  address families: ${pairs.length} probes sent in both ${a} and ${b}; ${differ.length} answered differently, ${specSame.length} of them where the spec answers the same in both (a family-specific enforcement difference)`,
  ];
  for (const p of specSame)
    lines.push(
      `    ${p.first.scenario} / ${p.first.step}: ${p.first.from} → ${p.first.to} (${p.first.tool}): ${a} ${p.first.live.outcome}, ${b} ${p.second.live.outcome}; the spec says ${p.first.model.outcome}`,
    );
  return lines;
}
