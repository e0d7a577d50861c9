import type { PolicyDiff } from '../diff/compare.js';
import { podRef } from '../reachability/flows.js';
import { terminalText } from '../terminal-text.js';
import { renderTable } from './table.js';

/** The policies that differ, as one line: `changed default/web-admin; added …`. */
export function policiesLine(d: PolicyDiff): string {
  const parts = [
    d.policies.changed.length ? `changed ${d.policies.changed.join(', ')}` : '',
    d.policies.added.length ? `added ${d.policies.added.join(', ')}` : '',
    d.policies.removed.length ? `removed ${d.policies.removed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no policy differs';
}

export function summaryLine(d: PolicyDiff): string {
  const n = d.changes.length;
  return `${d.flows} flows compared: ${n === 0 ? 'no answer changes' : `${n} answer${n === 1 ? '' : 's'} change${n === 1 ? 's' : ''} in ${d.groups.length} group${d.groups.length === 1 ? '' : 's'}`} (${policiesLine(d)})`;
}

/** `diff` on the console: per cause (policy and rule), the cells whose answer changes; names' control characters escaped. */
export function renderDiffConsole(d: PolicyDiff, before: string, after: string): string {
  const out = [`diff: before ${before}`, `      after  ${after}`, summaryLine(d)];
  for (const g of d.groups) {
    out.push('', `${g.cause} (${g.changes.length}):`);
    out.push(
      renderTable(
        ['from', 'to', 'before', 'after'],
        g.changes.map((c) => [podRef(c.flow.from), c.flow.targetText, c.before, c.after]),
        '    ',
      ),
    );
  }
  return terminalText(out.join('\n'));
}
