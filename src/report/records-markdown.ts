import { isLive, type RecordJson } from './record-json.js';
import { summaryVerdicts } from './records-summary.js';

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function provenance(r: RecordJson): string {
  return r.provenance.kind === 'derived' ? 'derived' : `${r.provenance.file} § ${r.provenance.section}`;
}

/**
 * A CI job summary made from records alone (so `merge` makes the same from shard files): counts
 * per verdict, a line per scenario, and every probe that did not pass with its file and line.
 */
export function renderRecordsMarkdown(title: string, records: readonly RecordJson[]): string {
  const live = isLive(records);
  const documented = records.filter((r) => r.provenance.kind === 'documented').length;
  const scenarios = [...new Set(records.map((r) => r.scenario))];
  const out = [`# ${title}`, ''];
  const sent = live ? `, ${records.filter((r) => r.sent).length} probed live` : '';
  out.push(
    `${scenarios.length} scenarios, ${records.length} expectations (${documented} documented, ${records.length - documented} derived${sent}).`,
    '',
  );
  out.push('| verdict | count |', '|---|---|');
  for (const v of summaryVerdicts(live)) out.push(`| ${v} | ${records.filter((r) => r.verdict === v).length} |`);
  out.push('', '| scenario | file | expectations | pass | not pass |', '|---|---|---|---|---|');
  for (const name of scenarios) {
    const list = records.filter((r) => r.scenario === name);
    const pass = list.filter((r) => r.verdict === 'pass').length;
    out.push(`| ${name} | ${list[0]?.scenarioFile ?? ''} | ${list.length} | ${pass} | ${list.length - pass} |`);
  }
  const bad = records.filter((r) => r.verdict !== 'pass');
  if (bad.length) {
    out.push('', '## Not passing', '');
    if (live)
      out.push(
        '| where | step | probe | document | model | live | verdict | why | repro |',
        '|---|---|---|---|---|---|---|---|---|',
      );
    else out.push('| where | step | probe | document | model | verdict | why |', '|---|---|---|---|---|---|---|');
    for (const r of bad) {
      const cells = [
        `${r.scenarioFile}:${r.line}`,
        cell(r.step),
        cell(`${r.from} → ${r.to} (${r.tool})`),
        cell(`${r.documented.join(' or ')} [${provenance(r)}]`),
        r.model,
      ];
      if (live) cells.push(r.live ?? '');
      cells.push(r.verdict, cell([r.reason, ...r.explanation].join('; ')));
      if (live) cells.push(r.repro ? `\`${r.repro}\`` : '');
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  return out.join('\n') + '\n';
}
