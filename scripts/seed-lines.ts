// `npm run seed-lines`: writes docs/seed-lines.json, the line in its document of every finding's
// claim, from the source documents (outside this repository: ../shared/seeds, or SEEDS_DIR).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCorpus } from '../src/cli/check-command.js';
import { claimKey, lineOf, SEED_LINES_FILE, type SeedLines } from '../src/reachability/seed-lines.js';

const dir = process.env.SEEDS_DIR ?? '../shared/seeds';
const index: SeedLines = {};
let missing = 0;
for (const f of checkCorpus(['scenarios']).findings) {
  if (f.document.includes('@')) continue; // an upstream repository's file, not one of the documents
  const text = readFileSync(join(dir, f.document), 'utf8');
  const line = lineOf(text, f.section, f.quote);
  if (line === undefined) {
    missing++;
    console.error(`not found: ${f.document} ${claimKey(f.section, f.quote)}`);
    continue;
  }
  (index[f.document] ??= {})[claimKey(f.section, f.quote)] = line;
}
const sorted = Object.fromEntries(
  Object.keys(index)
    .sort()
    .map((doc) => [doc, Object.fromEntries(Object.entries(index[doc] ?? {}).sort(([a], [b]) => a.localeCompare(b)))]),
);
writeFileSync(SEED_LINES_FILE, JSON.stringify(sorted, null, 2) + '\n');
console.log(`wrote ${SEED_LINES_FILE}: ${Object.values(index).reduce((n, d) => n + Object.keys(d).length, 0)} claims; ${missing} not found`);
