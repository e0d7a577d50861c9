import type { PolicyDiff } from '../diff/compare.js';
import { podRef } from '../reachability/flows.js';
import { summaryLine } from './diff-console.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** `diff --markdown`: for a pull request comment or a CI job summary. */
export function renderDiffMarkdown(d: PolicyDiff, before: string, after: string): string {
  const out = ['# NetworkPolicy diff', '', `- before: \`${before}\``, `- after: \`${after}\``, '', summaryLine(d)];
  for (const g of d.groups) {
    out.push(
      '',
      `## ${cell(g.cause)} (${g.changes.length})`,
      '',
      '| from | to | before | after |',
      '|---|---|---|---|',
    );
    for (const c of g.changes)
      out.push(`| ${cell(podRef(c.flow.from))} | \`${cell(c.flow.targetText)}\` | ${c.before} | **${c.after}** |`);
  }
  return out.join('\n') + '\n';
}
