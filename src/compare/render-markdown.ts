import type { Comparison } from './diff.js';
import { liveText, probeText, ruleKindSummary, sideLine, totalsLine } from './render-text.js';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Inline code in a table cell: a fence longer than any run of backticks inside, pipes escaped. */
function code(s: string | undefined): string {
  if (!s) return '';
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${cell(s)} ${fence}`;
}

/**
 * The Markdown report: the differing probes by rule kind, then per scenario a table per rule kind
 * with both clusters' answers, the model's reasons and both repro lines. Pure.
 */
export function renderCompareMarkdown(c: Comparison): string {
  const out = [
    `# ${c.a.label} vs ${c.b.label}`,
    '',
    `- A: ${cell(sideLine(c.a))}`,
    `- B: ${cell(sideLine(c.b))}`,
    `- ${cell(totalsLine(c))}`,
  ];
  if (!c.groups.length) out.push('', 'The live answers are the same for every probe both runs made.');
  else {
    out.push('', '## By rule kind', '', '| rule kind | probes that differ | scenarios |', '|---|---|---|');
    for (const k of ruleKindSummary(c)) out.push(`| ${cell(k.ruleKind)} | ${k.differences} | ${k.scenarios} |`);
  }
  for (const g of c.groups) {
    out.push('', `## ${g.scenario}`);
    for (const k of g.kinds) {
      out.push(
        '',
        `### ${k.ruleKind} (${k.differences.length})`,
        '',
        `| step | probe | model | ${cell(c.a.label)} | ${cell(c.b.label)} | why (model) | repro ${cell(c.a.label)} | repro ${cell(c.b.label)} |`,
        '|---|---|---|---|---|---|---|---|',
      );
      for (const d of k.differences) {
        out.push(
          `| ${cell(d.a.step)} | ${cell(probeText(d.a))} | ${d.a.model} | ${cell(liveText(d.a))} | ${cell(liveText(d.b))} | ${d.a.explanation.map(cell).join('<br>')} | ${code(d.a.repro)} | ${code(d.b.repro)} |`,
        );
      }
    }
  }
  for (const [label, records] of [
    [c.a.label, c.onlyA],
    [c.b.label, c.onlyB],
  ] as const) {
    if (!records.length) continue;
    out.push('', `## Only in ${cell(label)} (${records.length})`, '');
    for (const r of records) out.push(`- ${cell(r.scenario)} [${cell(r.step)}] ${cell(probeText(r))}: ${r.live}`);
  }
  return out.join('\n') + '\n';
}
