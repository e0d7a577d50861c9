import type { Comparison } from './diff.js';
import { liveText, probeText, ruleKindSummary, sideLine, totalsLine } from './render-text.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE =
  'body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}th{background:#eee}code{font-size:90%}';

function repro(s: string | undefined): string {
  return s ? `<code>${escapeHtml(s)}</code>` : '';
}

/** A self-contained HTML page with the same content as the Markdown report. Pure. */
export function renderCompareHtml(c: Comparison): string {
  const e = escapeHtml;
  const body = [
    `<h1>${e(c.a.label)} vs ${e(c.b.label)}</h1>`,
    `<ul><li>A: ${e(sideLine(c.a))}</li><li>B: ${e(sideLine(c.b))}</li><li>${e(totalsLine(c))}</li></ul>`,
  ];
  if (!c.groups.length) body.push('<p>The live answers are the same for every probe both runs made.</p>');
  else {
    body.push(
      '<h2>By rule kind</h2>',
      '<table id="by-rule-kind"><tr><th>rule kind</th><th>probes that differ</th><th>scenarios</th></tr>',
      ...ruleKindSummary(c).map(
        (k) => `<tr><td>${e(k.ruleKind)}</td><td>${k.differences}</td><td>${k.scenarios}</td></tr>`,
      ),
      '</table>',
    );
  }
  for (const g of c.groups) {
    body.push(`<h2>${e(g.scenario)}</h2>`);
    for (const k of g.kinds) {
      body.push(`<h3>${e(k.ruleKind)} (${k.differences.length})</h3>`);
      body.push(
        `<table><tr><th>step</th><th>probe</th><th>model</th><th>${e(c.a.label)}</th><th>${e(c.b.label)}</th><th>why (model)</th><th>repro ${e(c.a.label)}</th><th>repro ${e(c.b.label)}</th></tr>`,
      );
      for (const d of k.differences) {
        body.push(
          `<tr><td>${e(d.a.step)}</td><td><code>${e(probeText(d.a))}</code></td><td>${e(d.a.model)}</td><td>${e(liveText(d.a))}</td><td>${e(liveText(d.b))}</td><td>${d.a.explanation.map(e).join('<br>')}</td><td>${repro(d.a.repro)}</td><td>${repro(d.b.repro)}</td></tr>`,
        );
      }
      body.push('</table>');
    }
  }
  for (const [label, records] of [
    [c.a.label, c.onlyA],
    [c.b.label, c.onlyB],
  ] as const) {
    if (!records.length) continue;
    body.push(`<h2>Only in ${e(label)} (${records.length})</h2><ul>`);
    for (const r of records)
      body.push(`<li>${e(r.scenario)} [${e(r.step)}] <code>${e(probeText(r))}</code>: ${e(r.live)}</li>`);
    body.push('</ul>');
  }
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${e(c.a.label)} vs ${e(c.b.label)}</title><style>${STYLE}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
