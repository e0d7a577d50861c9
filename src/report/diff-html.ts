import type { PolicyDiff } from '../diff/compare.js';
import { podRef } from '../reachability/flows.js';
import { summaryLine } from './diff-console.js';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
th{background:#f4f4f4}
code{font-family:ui-monospace,monospace}
.allowed{color:#176f2c}.blocked,.refused,.dns-failure{color:#b3261e}`;

/** `diff --html`: one self-contained page (inline style, no scripts, nothing fetched). */
export function renderDiffHtml(d: PolicyDiff, before: string, after: string): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>NetworkPolicy diff</title>',
    `<style>${STYLE}</style></head><body>`,
    '<h1>NetworkPolicy diff</h1>',
    `<p>before: <code>${escape(before)}</code><br>after: <code>${escape(after)}</code></p>`,
    `<p>${escape(summaryLine(d))}</p>`,
  ];
  for (const g of d.groups) {
    out.push(
      `<h2>${escape(g.cause)} (${g.changes.length})</h2>`,
      '<table><tr><th>from</th><th>to</th><th>before</th><th>after</th></tr>',
    );
    for (const c of g.changes) {
      out.push(
        `<tr><td>${escape(podRef(c.flow.from))}</td><td><code>${escape(c.flow.targetText)}</code></td><td class="${c.before}">${c.before}</td><td class="${c.after}"><strong>${c.after}</strong></td></tr>`,
      );
    }
    out.push('</table>');
  }
  out.push('</body></html>');
  return out.join('\n') + '\n';
}
