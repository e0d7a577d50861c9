import type { Problem } from '../problems.js';
import type { HeaderJson } from './record-json.js';

/**
 * One file given to `merge`, with the header lines it holds: none for run files written before
 * headers, and for a check without --shard (a whole check writes none).
 */
export interface ShardFile {
  file: string;
  headers: readonly HeaderJson[];
  /** Check records: no header means a whole check, not an old file. */
  check?: boolean;
}

export interface ShardSetCheck {
  /** Why these files are not one run's shards: merge refuses (exit 2) unless --allow-partial. */
  refusals: Problem[];
  /** With --allow-partial: the refusals that it allows, as the report's "partial" notes. */
  partial: string[];
  /** Always refused: a shard given twice. */
  duplicates: Problem[];
  /** What could not be checked (files without a header). */
  warnings: string[];
}

function problem(file: string, message: string): Problem {
  return { file, line: 0, column: 0, path: '', message };
}

function corpusText(h: HeaderJson): string {
  return h.corpus
    ? `corpus ${h.corpus.sha256.slice(0, 12)} (${h.corpus.scenarios} scenarios)`
    : 'no corpus fingerprint';
}

/** A shard as the header writes it: `i/n`, parsed; undefined for a whole run or a bad value. */
function parseShardText(text: unknown): { index: number; count: number } | undefined {
  const m = typeof text === 'string' ? /^(\d+)\/(\d+)$/.exec(text) : null;
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether files are the shards of one run: one header each, the same run set, corpus and harness
 * version, one split (`n`), every shard from 1 to n exactly once, and no whole run among shards.
 * When a file has no header (a run file written before netpol-harness recorded shards, or a whole
 * check), none is checked; for a run file a warning says so. Pure.
 */
export function checkShardSet(files: readonly ShardFile[], allowPartial = false): ShardSetCheck {
  const refusals: Problem[] = [];
  const duplicates: Problem[] = [];
  const warnings: string[] = [];
  const bare = files.filter((f) => f.headers.length === 0);
  for (const f of bare.filter((x) => !x.check))
    warnings.push(
      `${f.file}: no header line (written before netpol-harness recorded shards): its shard, run set and corpus are not checked`,
    );
  if (bare.length === 0 && files.length > 0) {
    for (const f of files)
      if (f.headers.length > 1)
        refusals.push(
          problem(f.file, `holds ${f.headers.length} header lines (files joined?): give merge each shard's own file`),
        );
    const first = files[0] as ShardFile;
    const h0 = first.headers[0] as HeaderJson;
    for (const f of files.slice(1)) {
      const h = f.headers[0] as HeaderJson;
      if (h.kind !== h0.kind) continue; // check and run records mixed: merge says so itself
      if (h.runSet !== h0.runSet)
        refusals.push(
          problem(
            f.file,
            `run set ${h.runSet ?? '(none)'}, but ${first.file} is of run set ${h0.runSet ?? '(none)'}: shards of different runs (give every shard the same run --run-set)`,
          ),
        );
      if (h.corpus?.sha256 !== h0.corpus?.sha256)
        refusals.push(
          problem(
            f.file,
            `${corpusText(h)}, but ${first.file} has ${corpusText(h0)}: shards of different corpus versions`,
          ),
        );
      if (h.harnessVersion !== h0.harnessVersion)
        refusals.push(
          problem(
            f.file,
            `written by netpol-harness ${h.harnessVersion ?? '(unknown)'}, but ${first.file} by ${h0.harnessVersion ?? '(unknown)'}`,
          ),
        );
    }
    const shards = files.map((f) => ({ file: f.file, shard: parseShardText(f.headers[0]?.shard) }));
    if (files.length > 1)
      for (const s of shards.filter((x) => !x.shard))
        refusals.push(problem(s.file, 'a whole run (written without --shard), not a shard: merge it alone'));
    const split = shards.flatMap((s) => (s.shard ? [{ file: s.file, ...s.shard }] : []));
    const count = split[0]?.count;
    for (const s of split.filter((x) => x.count !== count))
      refusals.push(
        problem(
          s.file,
          `shard ${s.index}/${s.count}, but ${split[0]?.file} is shard ${split[0]?.index}/${count}: shards of different splits`,
        ),
      );
    const seen = new Map<number, string>();
    for (const s of split.filter((x) => x.count === count)) {
      const other = seen.get(s.index);
      if (other !== undefined)
        duplicates.push(problem(s.file, `shard ${s.index}/${count} given twice (also ${other})`));
      else seen.set(s.index, s.file);
    }
    if (count !== undefined) {
      const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
      const given = [...seen].sort((a, b) => a[0] - b[0]);
      if (missing.length)
        refusals.push(
          problem(
            given.map(([, file]) => file).join(' '),
            `${missing.map((i) => `shard ${i}/${count}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; these are ${given.map(([i]) => `${i}/${count}`).join(', ')}`,
          ),
        );
    }
  }
  return allowPartial
    ? { refusals: [], partial: refusals.map((p) => `${p.file}: ${p.message}`), duplicates, warnings }
    : { refusals, partial: [], duplicates, warnings };
}
