import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarios } from '../scenario/load.js';
import { installers } from './installers.js';
import { main } from './program.js';
import { shardOf } from './shard.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'nph-merge-'));
const read = (f: string) => readFileSync(f, 'utf8');

describe('cli: netpol-harness merge', () => {
  it('joins the corpus checked in 3 shards into the same records and reports as one check of the whole corpus', async () => {
    const dir = tmp();
    const whole = await cli(
      'check',
      'scenarios',
      '--quiet',
      '--json',
      join(dir, 'all.json'),
      '--junit',
      join(dir, 'all.xml'),
      '--markdown',
      join(dir, 'all.md'),
    );
    for (const i of [1, 2, 3])
      expect(
        (await cli('check', 'scenarios', '--quiet', '--shard', `${i}/3`, '--json', join(dir, `s${i}.json`))).code,
      ).to.be.at.most(1);
    const shards = [3, 1, 2].map((i) => join(dir, `s${i}.json`));
    for (const f of shards) expect(read(f).length).to.be.greaterThan(0);
    const merged = await cli(
      'merge',
      ...shards,
      '--json',
      join(dir, 'm.json'),
      '--junit',
      join(dir, 'm.xml'),
      '--markdown',
      join(dir, 'm.md'),
      '--html',
      join(dir, 'm.html'),
    );
    expect(merged.code).to.equal(whole.code);
    expect(read(join(dir, 'm.json'))).to.equal(read(join(dir, 'all.json')));
    expect(read(join(dir, 'm.xml'))).to.equal(read(join(dir, 'all.xml')));
    // The same Markdown, but for the gate's note on rejected manifests: only check sees manifests.
    const [wholeMd, wholeGate] = read(join(dir, 'all.md')).split('\n## Gate\n');
    const [mergedMd, mergedGate] = read(join(dir, 'm.md')).split('\n## Gate\n');
    expect(mergedMd).to.equal(wholeMd);
    expect(wholeGate).to.equal(
      '\n**Failed**: 35 disagrees (fails on disagrees).\n\nNot failed on: 2 inconclusive, 5 rejected.\n',
    );
    expect(mergedGate).to.equal('\n**Failed**: 35 disagrees (fails on disagrees).\n\nNot failed on: 2 inconclusive.\n');
    expect(read(join(dir, 'm.html'))).to.include('<title>netpol-harness check (merged from 3 files)</title>');
    expect(merged.out).to.include('summary: 133 scenarios, 1547 expectations (1135 documented, 412 derived): ');
  });

  it('joins live run records split by shard back into the run they came from (a recorded seed run)', async () => {
    const dir = tmp();
    // The API expectations' records (`kind: "api"`) travel with their scenario's shard, and come back after the probes'.
    const lines = read('src/cli/testdata/recorded-seeds-run.json').trim().split('\n');
    expect(lines.filter((l) => (JSON.parse(l) as { kind?: string }).kind === 'api')).to.have.length(9);
    const scenarios = loadScenarios(['scenarios']);
    const files = [1, 2, 3].map((i) => {
      const names = new Set(shardOf(scenarios, i, 3).map((s) => s.name));
      const file = join(dir, `live-${i}.json`);
      writeFileSync(
        file,
        lines.filter((l) => names.has((JSON.parse(l) as { scenario: string }).scenario)).join('\n') + '\n',
      );
      return file;
    });
    const r = await cli('merge', ...files, '--json', join(dir, 'm.json'), '--junit', join(dir, 'm.xml'));
    // The recorded run is healthy: its 28 document defects are the corpus's findings, not failures by
    // default. It was written when the 5 derived records spec and cluster agree against were counted
    // as document defects too: read back, they are derived contradictions (the harness's, not the documents').
    expect(r.code).to.equal(0);
    expect(r.out).to.include(
      'gate: passed (fail on: enforcement-mismatch, disagrees, flaky, api-contradicted; not failed on: 28 document-defect, 5 derived-contradiction, 1 inconclusive, 23 not-sent)',
    );
    const apart = (l: string) => {
      const o = JSON.parse(l) as { verdict?: string; provenance?: { kind: string } };
      return o.verdict === 'document-defect' && o.provenance?.kind === 'derived'
        ? l.replace('"verdict":"document-defect"', '"verdict":"derived-contradiction"')
        : l;
    };
    expect(read(join(dir, 'm.json'))).to.equal(lines.map(apart).join('\n') + '\n');
    const xml = read(join(dir, 'm.xml'));
    expect(xml.match(/<failure type="derived-contradiction"/g)).to.have.length(5);
    // The recorded XML predates each testcase's file and line and derived contradictions: the same, but for those.
    expect(xml.match(/<testcase [^>]* file="scenarios\/[^"]+\.yaml" line="\d+">/g)).to.have.length(646);
    expect(
      xml
        .replace(/(<testcase [^>]*) file="[^"]*" line="\d+">/g, '$1>')
        .replace(/<failure type="derived-contradiction"/g, '<failure type="document-defect"'),
    ).to.equal(read('src/cli/testdata/recorded-seeds-run.xml'));
    expect(r.out).to.include(
      'summary: 56 scenarios, 637 expectations (236 documented, 401 derived, 614 probed live): 580 pass, 28 document-defect, 5 derived-contradiction, 0 enforcement-mismatch, 0 disagrees, 0 flaky, 1 inconclusive',
    );
    expect(r.out).to.include('  api requests: 9 expectations, 9 as expected, 0 contradicted');
  });

  it('prints the probes that fail and the summary', async () => {
    const dir = tmp();
    await cli('check', 'src/cli/testdata/disagree', '--quiet', '--json', join(dir, 'd.json'));
    const r = await cli('merge', join(dir, 'd.json'), '--no-color');
    expect(r.code).to.equal(1);
    expect(r.out).to.equal(
      [
        'not passing (1):',
        '  disagrees: disagree / apply: other → http://web (wget): the document says allowed, the spec says blocked (src/cli/testdata/disagree/disagree.yaml:28)',
        '',
        'summary: 1 scenarios, 4 expectations (2 documented, 2 derived): 3 pass, 1 disagrees, 0 inconclusive',
        'gate: failed: 1 disagrees (fail on: disagrees)',
      ].join('\n'),
    );
    expect(r.err).to.equal(`${join(dir, 'd.json')}: 4 records, 1 scenarios`);
  });

  it('exits 2 on a scenario in two files, a line that is no record, or check and run records mixed', async () => {
    const dir = tmp();
    await cli('check', 'src/cli/testdata/disagree', '--quiet', '--json', join(dir, 'a.json'));
    writeFileSync(join(dir, 'b.json'), read(join(dir, 'a.json')));
    const twice = await cli('merge', join(dir, 'a.json'), join(dir, 'b.json'));
    expect(twice.code).to.equal(2);
    expect(twice.err).to.equal(
      `error: ${join(dir, 'b.json')}: scenario "disagree" is also in ${join(dir, 'a.json')}: merge joins disjoint shards\n1 problem in the input; nothing was run`,
    );

    writeFileSync(join(dir, 'c.json'), '{"scenario":"x"}\nnot json\n');
    const bad = await cli('merge', join(dir, 'c.json'));
    expect(bad.code).to.equal(2);
    expect(bad.err.split('\n')[0]).to.equal(
      `error: ${join(dir, 'c.json')}:1:1: scenarioFile: required field is missing`,
    );
    expect(bad.err).to.include(`error: ${join(dir, 'c.json')}:2:1: not JSON: `);

    writeFileSync(join(dir, 'live.json'), read('src/cli/testdata/recorded-seeds-run.json').split('\n')[0] + '\n');
    const mixed = await cli('merge', join(dir, 'a.json'), join(dir, 'live.json'));
    expect(mixed.code).to.equal(2);
    expect(mixed.err).to.equal(
      `error: ${join(dir, 'a.json')} ${join(dir, 'live.json')}: these files mix check records and live run records\n1 problem in the input; nothing was run`,
    );

    expect((await cli('merge', join(dir, 'missing.json'))).err).to.match(
      /^error: .*missing\.json: no such file or directory\n/,
    );
  });
});
