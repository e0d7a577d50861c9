import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { installers } from './installers.js';
import { main } from './program.js';

/** A recorded healthy run of the seed corpus (two nodes, with its header and API expectations). */
const RECORDED = 'docs/live-run/two-nodes/seeds.json';
const read = (f: string) => readFileSync(f, 'utf8');

interface Workflow {
  jobs: Record<string, { steps: { name?: string; run?: string }[] }>;
}

/** The harness's command in a workflow step's script: its arguments, line continuations joined. */
function harnessArgs(workflow: string, job: string, step: string): string[] {
  const w = parse(read(workflow)) as Workflow;
  const script = w.jobs[job]?.steps.find((s) => s.name === step)?.run;
  if (!script) throw new Error(`${workflow}: no step "${step}" in job ${job}`);
  const command = script.replace(/\\\n\s*/g, ' ').match(/\.\/bin\/netpol-harness\.js (.*)/)?.[1];
  if (!command) throw new Error(`${workflow}: step "${step}" runs no ./bin/netpol-harness.js`);
  // The command holds no quotes: plain words.
  expect(command).not.to.match(/['"$`]/);
  return command.trim().split(/\s+/);
}

/** The CLI as the workflow step runs it: on GitHub Actions, in the repository's root. */
async function asOnGitHub(argv: string[]) {
  const saved = { actions: process.env.GITHUB_ACTIONS, workspace: process.env.GITHUB_WORKSPACE };
  process.env.GITHUB_ACTIONS = 'true';
  process.env.GITHUB_WORKSPACE = process.cwd();
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
    return { code, out: out.join('\n').split('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of [
      ['GITHUB_ACTIONS', saved.actions],
      ['GITHUB_WORKSPACE', saved.workspace],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

/** The merge job's command, on `file` instead of the downloaded shards, its reports in `dir`. */
function mergeCommand(file: string, dir: string): string[] {
  const args = harnessArgs('.github/workflows/e2e-sharded.yml', 'merge', 'merge the shards');
  expect(args).to.include('shards/live-*.jsonl');
  return args.map((a) => (a === 'shards/live-*.jsonl' ? file : a.replace(/^reports\//, `${dir}/`)));
}

describe('the e2e-sharded workflow, reproduced locally (GITHUB_ACTIONS=true) on a recorded run', function () {
  this.timeout(60_000);

  it('fails on what e2e.yml fails on: the same --fail-on in both workflows', () => {
    const run = harnessArgs('.github/workflows/e2e.yml', 'live', 'run the corpus live');
    const merge = harnessArgs('.github/workflows/e2e-sharded.yml', 'merge', 'merge the shards');
    const failOn = (args: string[]) => args[args.indexOf('--fail-on') + 1];
    expect(failOn(run)).to.equal('enforcement-mismatch,disagrees,flaky,api-contradicted');
    expect(failOn(merge)).to.equal(failOn(run));
  });

  it('is green on the recorded healthy run: no error annotation, the reports say passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-workflow-'));
    const r = await asOnGitHub(mergeCommand(RECORDED, dir));
    expect(r.code).to.equal(0);
    expect(r.out.filter((l) => l.startsWith('::error'))).to.deep.equal([]);
    // The 33 document defects are the corpus's findings: warnings, 10 at most as GitHub shows them.
    const warnings = r.out.filter((l) => l.startsWith('::warning'));
    expect(warnings).to.have.length(10);
    expect(warnings[0]).to.match(
      /^::warning file=scenarios\/[^,]+\.yaml,line=\d+,title=netpol-harness document-defect/,
    );
    expect(warnings[9]).to.match(/^::warning title=netpol-harness%3A more not annotated::24 more warnings/);
    expect(read(join(dir, 'live.md'))).to.include('**Passed** (fails on enforcement-mismatch, disagrees, flaky');
    const xml = read(join(dir, 'live.xml'));
    expect(xml).to.match(/<testsuites name="netpol-harness run 3752c9" tests="646" failures="33" errors="0"/);
    expect(xml).to.include('<property name="cluster.nodes" value="2"/>');
    expect(read(join(dir, 'live.html'))).to.include('<title>netpol-harness run 3752c9 (merged from 1 files)</title>');
    const [header, ...records] = read(join(dir, 'live.jsonl')).split('\n');
    expect(JSON.parse(header as string)).to.include({ kind: 'run', runId: '3752c9' });
    expect(records.join('\n')).to.equal(read(RECORDED).split('\n').slice(1).join('\n'));
  });

  it('is red when one record is turned into an enforcement mismatch: exit 1, annotated first, as an error, on its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-workflow-'));
    const lines = read(RECORDED).trimEnd().split('\n');
    const i = lines.findIndex((l) => (JSON.parse(l) as { verdict?: string }).verdict === 'pass');
    const r0 = JSON.parse(lines[i] as string) as Record<string, unknown>;
    const flipped = r0.live === 'allowed' ? 'blocked' : 'allowed';
    lines[i] = JSON.stringify({
      ...r0,
      live: flipped,
      verdict: 'enforcement-mismatch',
      reason: `the spec says ${String(r0.model)}, the cluster did ${flipped}`,
    });
    const file = join(dir, 'broken.json');
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await asOnGitHub(mergeCommand(file, dir));
    expect(r.code).to.equal(1);
    const annotations = r.out.filter((l) => l.startsWith('::'));
    expect(annotations.filter((l) => l.startsWith('::error'))).to.have.length(1);
    expect(annotations[0]).to.match(
      new RegExp(
        `^::error file=${String(r0.scenarioFile).replace(/[.]/g, '\\.')},line=${String(r0.line)},title=netpol-harness enforcement-mismatch%3A ${String(r0.scenario)}::`,
      ),
    );
    expect(read(join(dir, 'live.md'))).to.include('**Failed**: 1 enforcement-mismatch');
    expect(read(join(dir, 'live.xml'))).to.match(
      /<testsuites name="netpol-harness run 3752c9" tests="646" failures="34"/,
    );
  });
});
