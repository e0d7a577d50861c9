import type { Comparison } from './diff.js';
import { liveText, probeText, sideLine, totalsLine } from './render-text.js';

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The Markdown report: per scenario a table per rule kind, both clusters' answers and the model's reasons. Pure. */
export function renderCompareMarkdown(c: Comparison): string {
  const out = [
    `# ${c.a.label} vs ${c.b.label}`,
    '',
    `- A: ${cell(sideLine(c.a))}`,
    `- B: ${cell(sideLine(c.b))}`,
    `- ${cell(totalsLine(c))}`,
  ];
  if (!c.groups.length) out.push('', 'The live answers are the same for every probe both runs made.');
  for (const g of c.groups) {
    out.push('', `## ${g.scenario}`);
    for (const k of g.kinds) {
      out.push(
        '',
        `### ${k.ruleKind} (${k.differences.length})`,
        '',
        `| step | probe | model | ${cell(c.a.label)} | ${cell(c.b.label)} | why (model) |`,
        '|---|---|---|---|---|---|',
      );
      for (const d of k.differences) {
        out.push(
          `| ${cell(d.a.step)} | ${cell(probeText(d.a))} | ${d.a.model} | ${cell(liveText(d.a))} | ${cell(liveText(d.b))} | ${d.a.explanation.map(cell).join('<br>')} |`,
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
