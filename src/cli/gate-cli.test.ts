import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { runInSession } from '../testing/live-session.js';
import { parseScenario } from '../scenario/parse.js';
import { loadScenarios } from '../scenario/load.js';
import { corpusFingerprint } from '../scenario/fingerprint.js';
import { VERSION } from '../harness-version.js';
import { installers } from './installers.js';
import { main } from './program.js';
import { reportRuns, type RunOptions } from './run-command.js';
import { shardOf } from './shard.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'nph-gate-'));
const read = (f: string) => readFileSync(f, 'utf8');
// A seed run recorded on 2026-11-29 (docs/live-run/ then), kept as it was: the counts below are its own.
const LIVE = 'src/cli/testdata/recorded-seeds-run.json';

/** The recorded healthy run with one probe's verdict replaced: what a regression looks like in the JSON. */
function injected(dir: string, match: (r: { verdict?: string; kind?: string }) => boolean, verdict: string): string {
  const lines = read(LIVE).trim().split('\n');
  const i = lines.findIndex((l) => match(JSON.parse(l) as { verdict?: string; kind?: string }));
  const r = JSON.parse(lines[i] as string) as Record<string, unknown>;
  lines[i] = JSON.stringify({ ...r, verdict, live: r.model === 'allowed' ? 'blocked' : 'allowed', reason: 'injected' });
  const file = join(dir, 'live.json');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function withAnnotations<T>(f: () => Promise<T>): Promise<T> {
  const saved = process.env.GITHUB_ACTIONS;
  process.env.GITHUB_ACTIONS = 'true';
  try {
    return await f();
  } finally {
    if (saved === undefined) delete process.env.GITHUB_ACTIONS;
    else process.env.GITHUB_ACTIONS = saved;
  }
}

describe('cli: --fail-on and --baseline on the recorded run', () => {
  it('the healthy run passes by default; one injected enforcement mismatch fails it, annotated as the error', async () => {
    const dir = tmp();
    const green = await withAnnotations(() => cli('merge', LIVE, '--no-color'));
    expect(green.code).to.equal(0);
    expect(green.out).to.include('\ngate: passed (fail on: enforcement-mismatch, disagrees, flaky, api-contradicted;');
    // Document defects are findings kept on purpose, derived contradictions the harness's to fix: warnings,
    // not errors; GitHub shows 10 a step.
    expect(green.out.split('\n').filter((l) => l.startsWith('::error'))).to.deep.equal([]);
    const warnings = green.out.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).to.have.length(10);
    expect(warnings[9]).to.equal(
      "::warning title=netpol-harness%3A more not annotated::24 more warnings not annotated (19 document-defect, 5 derived-contradiction): GitHub shows 10 of each a step. Every one is in the job's reports (--markdown, --junit, --json).",
    );

    const file = injected(dir, (r) => r.verdict === 'pass', 'enforcement-mismatch');
    const red = await withAnnotations(() => cli('merge', file, '--no-color'));
    expect(red.code).to.equal(1);
    expect(red.out).to.include('\ngate: failed: 1 enforcement-mismatch (fail on: ');
    const errors = red.out.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(
      /^::error file=scenarios\/000-common-use-cases-admin-interface\.yaml,line=90,title=netpol-harness enforcement-mismatch%3A np09-common-use-cases-admin-interface::/,
    );
  });

  it('--fail-on chooses: document-defect fails the healthy run, none passes the broken one', async () => {
    const dir = tmp();
    expect((await cli('merge', LIVE, '--fail-on', 'document-defect')).code).to.equal(1);
    expect((await cli('merge', LIVE, '--fail-on', 'inconclusive')).code).to.equal(1);
    const file = injected(dir, (r) => r.verdict === 'pass', 'enforcement-mismatch');
    expect((await cli('merge', file, '--fail-on', 'none')).code).to.equal(0);
    expect((await cli('merge', file, '--fail-on', 'flaky,disagrees')).code).to.equal(0);
  });

  it('a baseline written from the run accepts it; a new or changed verdict fails; a gone entry is listed', async () => {
    const dir = tmp();
    const known = join(dir, 'known.json');
    const w = await cli('merge', LIVE, '--write-baseline', known);
    expect(w.code).to.equal(0);
    expect(w.err).to.include(`wrote 57 baseline entries to ${known}`);
    const entries = (JSON.parse(read(known)) as { entries: { verdict: string }[] }).entries;
    expect(entries.filter((e) => e.verdict === 'document-defect')).to.have.length(28);
    expect(entries.filter((e) => e.verdict === 'derived-contradiction')).to.have.length(5);

    const same = await cli('merge', LIVE, '--fail-on', 'all', '--baseline', known, '--no-color');
    expect(same.code).to.equal(0);
    expect(same.out).to.include(`\nbaseline ${known}: 57 entries; 57 accepted, 0 new, 0 changed, 0 no longer occur`);

    const changed = injected(dir, (r) => r.verdict === 'document-defect', 'enforcement-mismatch');
    const c = await cli('merge', changed, '--fail-on', 'all', '--baseline', known, '--no-color');
    expect(c.code).to.equal(1);
    expect(c.out).to.include(
      '\n  changed to enforcement-mismatch (was document-defect): np09-common-use-cases-admin-interface / apply web-admin as written: anyone → pod/web:8080 (nc) (scenarios/000-common-use-cases-admin-interface.yaml:101)',
    );

    const fixed = injected(dir, (r) => r.verdict === 'document-defect', 'pass');
    const f = await cli('merge', fixed, '--fail-on', 'all', '--baseline', known, '--no-color');
    expect(f.code).to.equal(0);
    expect(f.out).to.include(
      '\n  no longer occurs: document-defect: np09-common-use-cases-admin-interface / apply web-admin as written: anyone → pod/web:8080 (nc) (now pass): remove it from the baseline',
    );
  });

  it('check: the corpus against its own baseline passes; a new disagreement fails', async () => {
    const dir = tmp();
    const known = join(dir, 'check.json');
    expect((await cli('check', 'scenarios', '--quiet', '--fail-on', 'all', '--write-baseline', known)).code).to.equal(
      1,
    );
    const entries = (JSON.parse(read(known)) as { entries: { verdict: string }[] }).entries;
    expect(entries.map((e) => e.verdict).filter((v, i, a) => a.indexOf(v) === i)).to.deep.equal([
      'disagrees',
      'inconclusive',
      'rejected',
    ]);
    const ok = await cli('check', 'scenarios', '--quiet', '--no-color', '--fail-on', 'all', '--baseline', known);
    expect(ok.code).to.equal(0);
    expect(ok.out).to.include(
      '\ngate: passed (fail on: disagrees, inconclusive, rejected; 42 known from the baseline)',
    );
    const bad = await cli(
      'check',
      'scenarios',
      'src/cli/testdata/disagree',
      '--quiet',
      '--no-color',
      '--fail-on',
      'all',
      '--baseline',
      known,
    );
    expect(bad.code).to.equal(1);
    expect(bad.out).to.include(
      '\n  new disagrees: disagree / apply: other → http://web (wget) (src/cli/testdata/disagree/disagree.yaml:28)',
    );
  });

  it('bad flags exit 2 before anything runs, naming the flag', async () => {
    const run = await cli('run', 'scenarios', '--fail-on', 'enforcement-mismatch,bogus');
    expect(run.code).to.equal(2);
    expect(run.err).to.equal(
      'error: option --fail-on: invalid value "enforcement-mismatch,bogus": expected a comma list of enforcement-mismatch, document-defect, derived-contradiction, disagrees, flaky, inconclusive, not-sent, api-contradicted, or all, none, default',
    );
    const missing = await cli('merge', LIVE, '--baseline', 'no/such/known.json');
    expect(missing.code).to.equal(2);
    expect(missing.err).to.equal(
      'error: option --baseline: invalid value "no/such/known.json": no such file (write one with --write-baseline FILE)',
    );
    const dir = tmp();
    writeFileSync(join(dir, 'k.json'), '{"kind":"netpol-harness-baseline","version":1,"entries":[{"verdict":"oops"}]}');
    const bad = await cli('check', 'src/cli/testdata/good', '--baseline', join(dir, 'k.json'));
    expect(bad.code).to.equal(2);
    expect(bad.err.split('\n')[0]).to.match(/k\.json: entries\[0\]\.verdict: must be one of /);
  });
});

describe('cli: merge refuses shards that are not one whole run', () => {
  /** check --shard i/3 --json of the corpus, with extra flags per shard. */
  async function checkShards(dir: string, extra: (i: number) => string[] = () => []): Promise<string[]> {
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const file = join(dir, `s${i}.json`);
      await cli('check', 'scenarios', '--quiet', '--shard', `${i}/3`, '--json', file, ...extra(i));
      files.push(file);
    }
    return files;
  }

  it('check --shard writes a header with the shard, corpus and harness version', async () => {
    const [s1] = await checkShards(tmp(), () => ['--run-set', 'nightly-1']);
    expect(JSON.parse(read(s1 as string).split('\n')[0] as string)).to.deep.equal({
      kind: 'check',
      runSet: 'nightly-1',
      shard: '1/3',
      corpus: corpusFingerprint(loadScenarios(['scenarios'])),
      harnessVersion: VERSION,
    });
  });

  it('exits 2 naming the files: a missing shard, a shard given twice, different run sets or corpora', async function () {
    // Eight commands in process, two of them loading a corpus: 20 s was exceeded at load 30 on 2 cores.
    this.timeout(90_000);
    const dir = tmp();
    const [s1, s2, s3] = (await checkShards(dir)) as [string, string, string];
    const missing = await cli('merge', s1, s3);
    expect(missing.code).to.equal(2);
    expect(missing.err).to.equal(
      `error: ${s1} ${s3}: shard 2/3 is missing; these are 1/3, 3/3 (--allow-partial merges them anyway)\n1 problem in the input; nothing was run`,
    );
    const twice = await cli('merge', s1, s2, s3, s2);
    expect(twice.code).to.equal(2);
    expect(twice.err.split('\n')[0]).to.equal(`error: ${s2}: shard 2/3 given twice (also ${s2})`);
    expect((await cli('merge', s1, s2, s3, s2, '--allow-partial')).code).to.equal(2);

    const other = tmp();
    const sets = await checkShards(other, (i) => ['--run-set', i === 2 ? 'b' : 'a']);
    const runSets = await cli('merge', ...sets);
    expect(runSets.code).to.equal(2);
    expect(runSets.err.split('\n')[0]).to.equal(
      `error: ${sets[1]}: run set b, but ${sets[0]} is of run set a: shards of different runs (give every shard the same run --run-set) (--allow-partial merges them anyway)`,
    );

    const conformance = join(tmp(), 'c2.json');
    await cli('check', 'scenarios/conformance', '--quiet', '--shard', '2/3', '--json', conformance);
    const corpora = await cli('merge', s1, conformance, s3);
    expect(corpora.code).to.equal(2);
    expect(corpora.err.split('\n')[0]).to.match(
      new RegExp(
        `^error: ${conformance}: corpus [0-9a-f]{12} \\(48 scenarios\\), but ${s1} has corpus [0-9a-f]{12} \\(133 scenarios\\): shards of different corpus versions`,
      ),
    );
  });

  it('--allow-partial merges what is there and says "partial" at the top of every report', async () => {
    const dir = tmp();
    const [s1, , s3] = (await checkShards(dir)) as [string, string, string];
    const r = await cli(
      'merge',
      s1,
      s3,
      '--allow-partial',
      '--no-color',
      '--markdown',
      join(dir, 'm.md'),
      '--html',
      join(dir, 'm.html'),
    );
    expect(r.code).to.equal(1); // the check's own disagreements
    expect(r.out.split('\n')[0]).to.equal(
      `partial (--allow-partial): ${s1} ${s3}: shard 2/3 is missing; these are 1/3, 3/3`,
    );
    expect(read(join(dir, 'm.md')).split('\n')[0]).to.equal(
      `> **Partial** (--allow-partial): ${s1} ${s3}: shard 2/3 is missing; these are 1/3, 3/3`,
    );
    expect(read(join(dir, 'm.html'))).to.include('<title>PARTIAL: netpol-harness check (merged from 2 files)</title>');
  });

  it('run shards: the merged --json starts with one header for the whole set (partial when it is)', async () => {
    const dir = tmp();
    const lines = read(LIVE).trim().split('\n');
    const scenarios = loadScenarios(['scenarios']);
    const corpus = { scenarios: 104, sha256: 'f'.repeat(64) };
    const files = [1, 2, 3].map((i) => {
      const names = new Set(shardOf(scenarios, i, 3).map((s) => s.name));
      const header = {
        kind: 'run',
        runId: `r${i}`,
        runSet: 'github-9',
        shard: `${i}/3`,
        corpus,
        harnessVersion: VERSION,
      };
      const file = join(dir, `live-${i}.json`);
      const mine = lines.filter((l) => names.has((JSON.parse(l) as { scenario: string }).scenario));
      writeFileSync(file, [JSON.stringify(header), ...mine].join('\n') + '\n');
      return file;
    });
    const whole = await cli('merge', ...files, '--json', join(dir, 'm.json'));
    expect(whole.code).to.equal(0);
    expect(whole.err).to.not.include('warning');
    const [head, ...rest] = read(join(dir, 'm.json')).split('\n');
    expect(JSON.parse(head as string)).to.deep.equal({
      kind: 'run',
      runId: 'r1 r2 r3',
      runSet: 'github-9',
      corpus,
      harnessVersion: VERSION,
      mergedFrom: ['1/3', '2/3', '3/3'],
    });
    // Read back, the recorded run's derived records that spec and cluster agree against are derived contradictions.
    expect(rest.join('\n')).to.equal(
      read(LIVE)
        .split('\n')
        .map((l) =>
          l.includes('"kind":"derived"')
            ? l.replace('"verdict":"document-defect"', '"verdict":"derived-contradiction"')
            : l,
        )
        .join('\n'),
    );
    // The merged file is one whole run: merge takes it alone.
    expect((await cli('merge', join(dir, 'm.json'))).code).to.equal(0);

    const partial = await cli('merge', files[0] as string, '--allow-partial', '--json', join(dir, 'p.json'));
    expect(partial.code).to.equal(0);
    expect(JSON.parse(read(join(dir, 'p.json')).split('\n')[0] as string)).to.include.keys('partial');
  });
});

describe('run --json: the header names the run set, shard, corpus and harness version', () => {
  it('and the run set is the run’s id unless given', async () => {
    const scenario = parseScenario('ok.yaml', read('src/cli/testdata/good/ok.yaml'), () => undefined);
    const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: () => undefined, colorOut: false };
    const corpus = { scenarios: 1, sha256: 'e'.repeat(64) };
    const opts: RunOptions = { parallel: 1, timeout: 2, color: false, probeMode: 'session', json: '-' };
    const run = await runInSession([scenario], kube, opts, io.err);
    reportRuns(run, { ...opts, shardSet: { runSet: 'github-7', shard: '2/3', corpus } }, io);
    expect(JSON.parse(out.join('\n').split('\n')[0] as string)).to.deep.include({
      kind: 'run',
      runId: run.runId,
      runSet: 'github-7',
      shard: '2/3',
      corpus,
      harnessVersion: VERSION,
    });
    out.length = 0;
    // The fake lets everything through (other → web is not blocked): exit 1 by default, 0 when enforcement is not asked about.
    expect(reportRuns(run, opts, io)).to.equal(1);
    expect(JSON.parse(out.join('\n').split('\n')[0] as string)).to.include({ runSet: run.runId });
    expect(reportRuns(run, { ...opts, json: undefined, gate: { failOn: ['flaky'] } }, io)).to.equal(0);
  });
});
