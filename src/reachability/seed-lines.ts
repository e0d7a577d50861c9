// Where in a source document a finding's claim is written: its line, from an index of the documents
// (docs/seed-lines.json, written by `npm run seed-lines` from the documents, which live outside this
// repository). Pure, but for reading the index.
import { readBoundedText } from '../bounded-file.js';

/** Per document file, the line of each claim: keyed by claimKey(section, quote). */
export type SeedLines = Record<string, Record<string, number>>;

export const SEED_LINES_FILE = 'docs/seed-lines.json';

export function claimKey(section: string, quote: string | undefined): string {
  return quote === undefined ? `§ ${section}` : `§ ${section} "${quote}"`;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The 1-based line of a claim in a document's text: the line holding the quote's first line (the
 * first after the section's heading, else anywhere), else the section's heading (a Markdown
 * heading naming it, else any line naming it); undefined when none is found.
 */
export function lineOf(text: string, section: string, quote: string | undefined): number | undefined {
  const lines = text.split('\n');
  const wanted = norm(section);
  const isHeading = (l: string) => /^\s*#{1,6}\s/.test(l);
  const headingAt = lines.findIndex((l) => isHeading(l) && norm(l.replace(/^\s*#+\s*/, '')).includes(wanted));
  const sectionAt = headingAt >= 0 ? headingAt : lines.findIndex((l) => wanted !== '' && norm(l).includes(wanted));
  const first = quote
    ?.split('\n')
    .map(norm)
    .find((l) => l.length > 0);
  if (first) {
    const after = lines.findIndex((l, i) => i >= Math.max(sectionAt, 0) && norm(l).includes(first));
    const anywhere = after >= 0 ? after : lines.findIndex((l) => norm(l).includes(first));
    if (anywhere >= 0) return anywhere + 1;
  }
  return sectionAt >= 0 ? sectionAt + 1 : undefined;
}

/** The index, or an empty one when the file is absent or unreadable (the findings then give no line). */
export function readSeedLines(file = SEED_LINES_FILE): SeedLines {
  const read = readBoundedText(file, { maxBytes: 4 * 1024 * 1024, what: 'the seed line index' });
  if (!read.ok) return {};
  try {
    return JSON.parse(read.text) as SeedLines;
  } catch {
    return {};
  }
}
