import type { NodePair } from '../engine/setup/placement.js';
import type { Verdict } from '../reachability/verdict.js';
import { VERDICTS } from './live-summary.js';
import type { RecordJson } from './record-json.js';

export const NODE_PAIRS: readonly NodePair[] = ['cross-node', 'same-node'];

/** The probes sent between two pods of one pair type, by verdict. */
export interface NodePairCounts {
  pair: NodePair;
  sent: number;
  byVerdict: Record<Verdict, number>;
}

/**
 * Sent probes between pods whose nodes are known, counted by pair type; empty when none crossed
 * nodes (one node: nothing to break down).
 */
export function nodePairCounts(
  records: readonly Pick<RecordJson, 'sent' | 'verdict' | 'nodePair'>[],
): NodePairCounts[] {
  const counts = NODE_PAIRS.map((pair) => ({
    pair,
    sent: 0,
    byVerdict: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>,
  }));
  for (const r of records) {
    const c = counts.find((x) => x.pair === r.nodePair);
    if (!c || !r.sent) continue;
    c.sent++;
    c.byVerdict[r.verdict]++;
  }
  return counts.some((c) => c.pair === 'cross-node' && c.sent > 0) ? counts : [];
}

function verdictList(c: NodePairCounts): string {
  return VERDICTS.filter((v) => c.byVerdict[v] > 0)
    .map((v) => `${c.byVerdict[v]} ${v}`)
    .join(', ');
}

/** `  node pairs: 312 cross-node (52%): 300 pass, …; 288 same-node: …`, or nothing on one node. */
export function renderNodePairsLine(counts: readonly NodePairCounts[]): string | undefined {
  if (!counts.length) return undefined;
  const total = counts.reduce((n, c) => n + c.sent, 0);
  const parts = counts.map(
    (c) =>
      `${c.sent} ${c.pair}${c.pair === 'cross-node' && total ? ` (${Math.round((100 * c.sent) / total)}%)` : ''}${c.sent ? `: ${verdictList(c)}` : ''}`,
  );
  return `  node pairs (probes sent between pods): ${parts.join('; ')}`;
}

/** The same as a Markdown table, or nothing on one node. */
export function nodePairsMarkdown(counts: readonly NodePairCounts[]): string[] {
  if (!counts.length) return [];
  return [
    `| node pair | sent | ${VERDICTS.filter((v) => v !== 'not-sent').join(' | ')} |`,
    `|---|---|${VERDICTS.filter((v) => v !== 'not-sent')
      .map(() => '---')
      .join('|')}|`,
    ...counts.map(
      (c) =>
        `| ${c.pair} | ${c.sent} | ${VERDICTS.filter((v) => v !== 'not-sent')
          .map((v) => c.byVerdict[v])
          .join(' | ')} |`,
    ),
    '',
  ];
}
