import { cellText } from '../terminal-text.js';

/** Plain-text table with columns padded to the widest cell; colour codes do not count toward width. */
// eslint-disable-next-line no-control-regex -- matching ANSI colour codes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleWidth(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/** Cells are escaped (terminal-text.ts) before they are measured: a name's control characters neither reach the terminal nor break the columns. */
export function renderTable(header: string[], cellsOfRows: string[][], indent = ''): string {
  const rows = cellsOfRows.map((r) => r.map(cellText));
  const widths = header.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - visibleWidth(c))))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export interface Colors {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export function colors(enabled: boolean): Colors {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, green: id, yellow: id, bold: id, dim: id };
  }
  return { red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}
