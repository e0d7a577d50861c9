import { OUTCOME_MARK } from '../model/outcome.js';
import { targetLabel } from '../reachability/records.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';
import type { RecordJson } from './record-json.js';

export interface HtmlMeta {
  /** The page title: what was run (`netpol-harness check`, `netpol-harness run 84e876`, `merge of 3 files`). */
  title: string;
  /** When the report was made (ISO time), shown under the title. */
  generated: string;
  /** The cluster's shape in words (a live run), shown under the title. */
  cluster?: string;
  /** Findings in words (check), listed in the summary, each linked to its cell (scenario and line) with its fix. */
  findings?: {
    title: string;
    where: string;
    claim: string;
    actual: string;
    scenario?: string;
    line?: number;
    fix?: string;
  }[];
}

/** What the page's script reads: the records exactly as --json writes them, plus each one's table column. */
export interface HtmlData {
  meta: HtmlMeta;
  marks: Record<string, string>;
  records: RecordJson[];
  columns: string[];
}

/** Text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside <script type="application/json">: no `<` (so no `</script>` and no
 * `<!--`), no `>` or `&`, and no U+2028/U+2029; JSON.parse reads the escapes back as they were.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * One self-contained HTML file: per scenario and step a colour-coded truth table; a click on a cell
 * shows the probe in full. No network fetches: the style, the script and the data are inline.
 */
export function renderHtmlReport(records: readonly RecordJson[], meta: HtmlMeta): string {
  const data: HtmlData = {
    meta,
    marks: { ...OUTCOME_MARK, inconclusive: '?', 'not-sent': '–' },
    records: [...records],
    columns: records.map((r) => targetLabel({ to: r.to, port: r.port, protocol: r.protocol as 'TCP' })),
  };
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(meta.title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeHtml(meta.title)}</h1><p class="dim">generated ${escapeHtml(meta.generated)}; ${records.length} probe records</p>${meta.cluster ? `<p class="dim">cluster: ${escapeHtml(meta.cluster)}</p>` : ''}</header>`,
    '<noscript><p>This report draws its tables with an inline script; allow scripts for this file, or read the same records with --json.</p></noscript>',
    '<section id="summary"></section>',
    '<section id="filters"></section>',
    '<main id="scenarios"></main>',
    '<aside id="detail" hidden></aside>',
    `<script type="application/json" id="report-data">${scriptJson(data)}</script>`,
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
