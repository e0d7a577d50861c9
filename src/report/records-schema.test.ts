import { Ajv } from 'ajv';
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/program.js';
import { installers } from '../cli/installers.js';
import { reportRuns, type RunOptions } from '../cli/run-command.js';
import { parseScenario } from '../scenario/parse.js';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { runInSession } from '../testing/live-session.js';
import { RECORDS_SCHEMA_FILE, recordsJsonSchema, recordsJsonSchemaText } from './records-schema.js';

function validator() {
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(recordsJsonSchema());
  return (line: string, where: string) => {
    const ok = validate(JSON.parse(line));
    expect(ok, `${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).to.equal(true);
  };
}

/** What each line is: its kind, or probe. */
const kindOf = (line: string) => (JSON.parse(line) as { kind?: string }).kind ?? 'probe';
const linesOf = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: () => undefined, colorOut: false }, installers);
  return { code, out: out.join('\n') };
}

/** Every recorded run's --json file under docs/live-run. */
function recordedRuns(dir = 'docs/live-run'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? recordedRuns(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

/** Every property schema in `s`, with its path. */
function properties(s: unknown, path = ''): [string, Record<string, unknown>][] {
  if (typeof s !== 'object' || s === null) return [];
  const o = s as Record<string, unknown>;
  const own = Object.entries((o.properties ?? {}) as Record<string, Record<string, unknown>>).map(
    ([k, v]) => [`${path}.${k}`, v] as [string, Record<string, unknown>],
  );
  return [
    ...own,
    ...Object.entries(o).flatMap(([k, v]) =>
      Array.isArray(v) ? v.flatMap((x, i) => properties(x, `${path}.${k}[${i}]`)) : properties(v, `${path}.${k}`),
    ),
  ];
}

describe('JSON Schema of the --json records', function () {
  this.timeout(60_000);
  const check = validator();

  it(`${RECORDS_SCHEMA_FILE} is what \`npm run schema\` makes today`, () => {
    expect(readFileSync(RECORDS_SCHEMA_FILE, 'utf8'), `${RECORDS_SCHEMA_FILE} is stale: run npm run schema`).to.equal(
      recordsJsonSchemaText(),
    );
  });

  it('ships in the package beside the scenarios, whose first line points at the scenario schema', () => {
    const files = (JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] }).files;
    expect(files).to.include.members(['schema/', 'scenarios/']);
    expect(readFileSync('scenarios/000-database-pattern.yaml', 'utf8').split('\n')[0]).to.equal(
      '# yaml-language-server: $schema=../schema/scenario.schema.json',
    );
  });

  it('describes every field, so editors and readers get help on each', () => {
    const all = properties(recordsJsonSchema());
    expect(all.length).to.be.greaterThan(80);
    expect(
      all.filter(([, s]) => typeof s.description !== 'string' || s.description === '').map(([p]) => p),
    ).to.deep.equal([]);
  });

  it('accepts check --json of the corpus, and its header with --shard', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-schema-'));
    const whole = await cli('check', 'scenarios', '--quiet', '--json', '-');
    const lines = linesOf(whole.out);
    expect(lines.length).to.be.greaterThan(500);
    lines.forEach((l, i) => check(l, `check --json line ${i + 1}`));
    await cli('check', 'scenarios', '--quiet', '--shard', '1/3', '--run-set', 'n1', '--json', join(dir, 's1.json'));
    const shard = linesOf(readFileSync(join(dir, 's1.json'), 'utf8'));
    expect(kindOf(shard[0] as string)).to.equal('check');
    shard.forEach((l, i) => check(l, `check --shard 1/3 --json line ${i + 1}`));
  });

  it('accepts every line of every recorded run: run headers, probe records and API expectations', () => {
    const kinds = new Set<string>();
    const files = recordedRuns();
    expect(files.length).to.be.greaterThan(10);
    for (const file of files)
      linesOf(readFileSync(file, 'utf8')).forEach((l, i) => {
        kinds.add(kindOf(l));
        check(l, `${file}:${i + 1}`);
      });
    expect([...kinds].sort()).to.deep.equal(['api', 'probe', 'run']);
  });

  it('accepts what run --json writes now, every live field included', async () => {
    const scenario = parseScenario('ok.yaml', readFileSync('src/cli/testdata/good/ok.yaml', 'utf8'), () => undefined);
    const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: () => undefined, colorOut: false };
    const opts: RunOptions = { concurrency: 2, parallel: 1, timeout: 2, color: false, probeMode: 'session', json: '-' };
    const fast = {
      stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
      podPollIntervalMs: 0,
      podReadyTimeoutSeconds: 1,
    };
    reportRuns(await runInSession([scenario], kube, opts, io.err, fast), opts, io);
    const lines = linesOf(out.join('\n'));
    expect(lines.map(kindOf)).to.deep.equal(['run', 'probe', 'probe', 'probe', 'probe']);
    lines.forEach((l, i) => check(l, `run --json line ${i + 1}`));
  });

  it('accepts what merge --json writes, a partial merge too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-schema-'));
    const merged = await cli('merge', 'docs/live-run/two-nodes/seeds.json', '--json', '-');
    const lines = linesOf(merged.out);
    expect(JSON.parse(lines[0] as string)).to.have.property('mergedFrom');
    lines.forEach((l, i) => check(l, `merge --json line ${i + 1}`));
    for (const i of [1, 3])
      await cli('check', 'scenarios', '--quiet', '--shard', `${i}/3`, '--json', join(dir, `s${i}.json`));
    const partial = await cli('merge', join(dir, 's1.json'), join(dir, 's3.json'), '--allow-partial', '--json', '-');
    linesOf(partial.out).forEach((l, i) => check(l, `merge --allow-partial --json line ${i + 1}`));
    const runs = ['docs/live-run/one-node/seeds.json', 'docs/live-run/two-nodes/conformance.json'];
    const partialRun = await cli('merge', ...runs, '--allow-partial', '--json', '-');
    const header = JSON.parse(linesOf(partialRun.out)[0] as string) as { partial?: string[] };
    expect(header.partial).to.be.an('array').with.length.greaterThan(0);
    linesOf(partialRun.out).forEach((l, i) => check(l, `merge of two runs --json line ${i + 1}`));
  });

  it('rejects what no command writes: an unknown field, an unknown verdict, a header of another kind', () => {
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(recordsJsonSchema());
    const probe = JSON.parse(
      linesOf(readFileSync('docs/live-run/two-nodes/seeds.json', 'utf8'))[1] as string,
    ) as Record<string, unknown>;
    expect(validate(probe)).to.equal(true);
    expect(validate({ ...probe, colour: 'red' })).to.equal(false);
    expect(validate({ ...probe, verdict: 'fine' })).to.equal(false);
    expect(validate({ ...probe, line: '12' })).to.equal(false);
    expect(validate({ kind: 'shard', runId: 'x' })).to.equal(false);
    expect(validate({ kind: 'api', scenario: 's', verdict: 'maybe' })).to.equal(false);
  });
});
