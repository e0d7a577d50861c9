import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const DISAGREE = 'src/cli/testdata/disagree';
const RECORDED = 'docs/live-run/two-nodes/seeds.json';
const ON_GITHUB = { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: process.cwd() };

/** What each format's stdout must be, whole: nothing else before or after it. */
const ONLY: Record<string, (out: string) => void> = {
  '--json': (out) => {
    for (const l of out.split('\n')) expect(JSON.parse(l)).to.be.an('object');
  },
  '--junit': (out) =>
    expect(out).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^]*<\/testsuites>$/),
  '--markdown': (out) => {
    expect(out).to.match(/^# netpol-harness /);
    expect(out).to.match(/\n## Gate\n\n\*\*(Passed|Failed)\*\*.*(\n\nNot failed on: [^\n]*)?$/);
    expect(out).not.to.match(/^::/m);
  },
  '--html': (out) => expect(out).to.match(/^<!DOCTYPE html>\n[^]*<\/html>$/),
};

describe('cli: a report on stdout (-) is all stdout holds', function () {
  this.timeout(60_000);

  for (const flag of Object.keys(ONLY)) {
    it(`check ${flag} -, on GitHub too: the console report and the annotations go to stderr`, async () => {
      const r = await cli(['check', DISAGREE, flag, '-'], ON_GITHUB);
      expect(r.code).to.equal(1);
      ONLY[flag]?.(r.out);
      expect(r.out).not.to.include('summary:');
      expect(r.err).to.include('summary: 1 scenarios');
      expect(r.err).to.match(/^::error file=src\/cli\/testdata\/disagree\/disagree\.yaml,line=28,/m);
    });

    it(`merge ${flag} -: the same`, async () => {
      const r = await cli(['merge', RECORDED, flag, '-'], ON_GITHUB);
      expect(r.code).to.equal(0);
      ONLY[flag]?.(r.out);
      expect(r.err).to.include('gate: passed');
      expect(r.err).to.match(/^::warning file=scenarios\//m);
    });
  }

  it('merge --json - writes the records as they were', async () => {
    const r = await cli(['merge', RECORDED, '--json', '-']);
    expect(r.out.split('\n').slice(1).join('\n') + '\n').to.equal(
      readFileSync(RECORDED, 'utf8').split('\n').slice(1).join('\n'),
    );
  });

  it('two reports asking for stdout: exit 2, naming both, before anything is read or run', async () => {
    for (const argv of [
      ['check', DISAGREE, '--json', '-', '--markdown', '-'],
      ['merge', 'no/such/file.json', '--json', '-', '--markdown', '-'],
      ['run', 'no/such/dir', '--json', '-', '--markdown', '-'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).to.equal(2);
      expect(r.out).to.equal('');
      expect(r.err).to.equal(
        'error: option --markdown: invalid value "-": only one report can go to stdout, and --json - is already there (write the other to a file)',
      );
    }
    const junitHtml = await cli(['check', DISAGREE, '--junit', '-', '--html', '-']);
    expect(junitHtml.err).to.equal(
      'error: option --html: invalid value "-": only one report can go to stdout, and --junit - is already there (write the other to a file)',
    );
  });
});
