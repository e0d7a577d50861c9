import { answer, type Comparison, type ProbeDifference } from './diff.js';
import type { RunRecord } from './records.js';

/** Shared wording for the three renderings. */
export function sideLine(side: Comparison['a']): string {
  return `${side.label} (${side.file}, run ${side.runIds.join(', ') || '?'}, ${side.probes} probes)`;
}

export function totalsLine(c: Comparison): string {
  const parts = [`${c.compared} probes in both runs: ${c.same} the same, ${c.differences.length} differ`];
  parts.push(`${c.onlyA.length} only in ${c.a.label}, ${c.onlyB.length} only in ${c.b.label}`);
  if (c.modelChanged)
    parts.push(`${c.modelChanged} where the model's answer changed (the scenarios differ between the runs)`);
  const pairs = nodePairText(c);
  if (pairs) parts.push(pairs);
  return parts.join('; ');
}

/** The differing probes by node pair, in each run that ran on several nodes (`in B: 3 cross-node, 1 same-node`). */
function nodePairText(c: Comparison): string | undefined {
  const side = (which: 'a' | 'b') => {
    const pairs = c.differences.map((d) => d[which].nodePair);
    if (!pairs.some(Boolean)) return undefined;
    const n = (p: string) => pairs.filter((x) => x === p).length;
    return `in ${c[which].label}: ${n('cross-node')} cross-node, ${n('same-node')} same-node`;
  };
  const both = [side('a'), side('b')].filter(Boolean);
  return both.length ? `the differing probes by node pair ${both.join(', ')}` : undefined;
}

/** The differing probes by rule kind, across scenarios: most first, then by name. */
export function ruleKindSummary(c: Comparison): { ruleKind: string; differences: number; scenarios: number }[] {
  const kinds = new Map<string, { differences: number; scenarios: Set<string> }>();
  for (const d of c.differences) {
    const k = kinds.get(d.ruleKind) ?? { differences: 0, scenarios: new Set<string>() };
    k.differences++;
    k.scenarios.add(d.scenario);
    kinds.set(d.ruleKind, k);
  }
  return [...kinds]
    .map(([ruleKind, k]) => ({ ruleKind, differences: k.differences, scenarios: k.scenarios.size }))
    .sort((x, y) => y.differences - x.differences || (x.ruleKind < y.ruleKind ? -1 : x.ruleKind > y.ruleKind ? 1 : 0));
}

export function probeText(r: RunRecord): string {
  return `${r.from} -> ${r.to} (${r.tool}${r.protocol !== 'TCP' ? ` ${r.protocol}` : ''})`;
}

export function liveText(r: RunRecord): string {
  return `${answer(r)} [${r.verdict}]${r.liveReason ? `: ${r.liveReason.trim().split('\n')[0]}` : ''}`;
}

function onlyLines(title: string, records: readonly RunRecord[]): string[] {
  if (!records.length) return [];
  const shown = records.slice(0, 20).map((r) => `  ${r.scenario} [${r.step}] ${probeText(r)}: ${answer(r)}`);
  return [
    '',
    `${title} (${records.length}):`,
    ...shown,
    ...(records.length > shown.length ? [`  … and ${records.length - shown.length} more`] : []),
  ];
}

function differenceLines(d: ProbeDifference, c: Comparison): string[] {
  const width = Math.max(c.a.label.length, c.b.label.length);
  return [
    `    [${d.a.step}] ${probeText(d.a)}   model ${d.a.model}${d.a.model !== d.b.model ? ` (in ${c.b.label}: ${d.b.model})` : ''}`,
    `      ${c.a.label.padEnd(width)}  ${liveText(d.a)}`,
    `      ${c.b.label.padEnd(width)}  ${liveText(d.b)}`,
    ...d.a.explanation.map((l) => `      why (model): ${l}`),
    ...(d.a.repro ? [`      repro ${c.a.label}: ${d.a.repro}`] : []),
    ...(d.b.repro ? [`      repro ${c.b.label}: ${d.b.repro}`] : []),
  ];
}

/** The console report. Pure. */
export function renderCompareConsole(c: Comparison): string {
  const lines = [`A: ${sideLine(c.a)}`, `B: ${sideLine(c.b)}`, totalsLine(c)];
  for (const g of c.groups) {
    lines.push('', g.scenario);
    for (const k of g.kinds) {
      lines.push(`  ${k.ruleKind} (${k.differences.length})`);
      for (const d of k.differences) lines.push(...differenceLines(d, c));
    }
  }
  lines.push(...onlyLines(`only in ${c.a.label}`, c.onlyA), ...onlyLines(`only in ${c.b.label}`, c.onlyB));
  lines.push(
    '',
    c.differences.length || c.onlyA.length || c.onlyB.length ? 'the runs differ' : 'the runs agree on every probe',
  );
  return lines.join('\n');
}
