import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkScenario } from '../reachability/check.js';
import { findingsOf } from '../reachability/findings.js';
import { MUTATION_KINDS, mutate, seededRandom, type Mutant } from './mutate.js';
import { parseScenario } from './parse.js';
import { InputError } from '../problems.js';
import { decodeText } from './text-file.js';

/**
 * The fuzz corpus as a regression test: every scenario file, mutated with a fixed seed in the
 * ways people and tools break files. Each mutant must either load (and check without throwing)
 * or fail with problems that all carry a file and a line. Nothing may throw anything else.
 */
const SEED = 20240611;
const MUTANTS_PER_KIND_PER_FILE = 3;
const CORPUS = 'scenarios';

type Outcome = { loaded: true } | { loaded: false; problems: InputError['problems'] };

function loadMutant(file: string, bytes: Uint8Array): Outcome {
  const decoded = decodeText(bytes);
  if (!decoded.ok)
    return {
      loaded: false,
      problems: [{ file, line: decoded.line, column: decoded.column, path: '', message: decoded.message }],
    };
  try {
    const scenario = parseScenario(file, decoded.text, () => undefined);
    findingsOf(checkScenario(scenario));
    return { loaded: true };
  } catch (err) {
    if (err instanceof InputError) return { loaded: false, problems: err.problems };
    throw err;
  }
}

function mutants(): { file: string; mutant: Mutant }[] {
  const random = seededRandom(SEED);
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((f) => {
    const text = readFileSync(join(CORPUS, f), 'utf8');
    return MUTATION_KINDS.flatMap((kind) =>
      Array.from({ length: MUTANTS_PER_KIND_PER_FILE }, () => ({ file: f, mutant: mutate(text, kind, random) })),
    );
  });
}

describe('fuzz: mutated corpus files never crash the loader', function () {
  this.timeout(60_000);
  const all = mutants();

  it(`loads or locates every problem of ${all.length} seeded mutants (seed ${SEED})`, () => {
    const tally = new Map<string, { loaded: number; rejected: number }>();
    for (const { file, mutant } of all) {
      let outcome: Outcome;
      try {
        outcome = loadMutant(file, mutant.bytes);
      } catch (err) {
        throw new Error(
          `${file} (${mutant.kind}: ${mutant.description}) threw ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
          { cause: err },
        );
      }
      const t = tally.get(mutant.kind) ?? { loaded: 0, rejected: 0 };
      if (outcome.loaded) t.loaded++;
      else {
        t.rejected++;
        expect(outcome.problems.length, `${file} (${mutant.description})`).to.be.greaterThan(0);
        for (const p of outcome.problems) {
          expect(p.file, `${file} (${mutant.description}): ${p.message}`).to.equal(file);
          expect(p.line, `${file} (${mutant.description}): ${p.message}`).to.be.greaterThan(0);
        }
      }
      tally.set(mutant.kind, t);
    }
    // Every kind must really produce bad input, or the test tests nothing.
    for (const kind of MUTATION_KINDS) expect(tally.get(kind)?.rejected ?? 0, kind).to.be.greaterThan(0);
    expect([...tally.values()].reduce((n, t) => n + t.rejected, 0)).to.be.greaterThan(all.length / 2);
  });

  it('is deterministic: the same seed makes the same mutants', () => {
    const again = mutants();
    expect(again.map((m) => m.mutant.description)).to.deep.equal(all.map((m) => m.mutant.description));
  });

  it('the real CLI exits 2 and names every invalid mutant, in one run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-fuzz-'));
    const invalid = all
      .filter(({ file, mutant }) => !loadMutant(file, mutant.bytes).loaded)
      .filter((_, i) => i % 40 === 0);
    invalid.forEach(({ mutant }, i) => writeFileSync(join(dir, `mutant-${i}.yaml`), mutant.bytes));
    writeFileSync(join(dir, 'empty.yaml'), '');
    writeFileSync(join(dir, 'comment-only.yaml'), '# nothing here\n');
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', dir, '--quiet'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      const e = err as { status: number; stderr: string };
      status = e.status;
      stderr = e.stderr;
    }
    expect(status, stderr).to.equal(2);
    for (let i = 0; i < invalid.length; i++) expect(stderr).to.match(new RegExp(`mutant-${i}\\.yaml:\\d+:\\d+: `));
    expect(stderr).to.include(
      `${join(dir, 'empty.yaml')}:1:1: the file holds no YAML content (it is empty or only comments)`,
    );
    expect(stderr).to.include(`${join(dir, 'comment-only.yaml')}:1:1: the file holds no YAML content`);
    expect(stderr).not.to.include('internal error');
  });
});
