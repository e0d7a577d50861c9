import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { checkCorpus } from './check-command.js';

/** The seed corpus: the scenario files directly under scenarios/ (scenarios/conformance/ is the e2e suite's corpus). */
const SEEDS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

describe('the seed scenario corpus', () => {
  it('loads with no bad-input errors and every expectation gets a verdict', () => {
    const { checks, summary } = checkCorpus(SEEDS);
    expect(checks.length).to.be.greaterThan(0);
    const records = checks.flatMap((c) => c.records);
    expect(records.length).to.equal(summary.documented + summary.derived);
    for (const r of records) expect(['pass', 'disagrees', 'inconclusive']).to.include(r.verdict.verdict);
  });

  it('cites a source document for every scenario and every documented expectation', () => {
    const { checks } = checkCorpus(SEEDS);
    for (const { scenario, records } of checks) {
      expect(scenario.source.file, scenario.file).to.match(/^00[0-4]_[0-9a-f]{16}\.txt$/);
      for (const r of records) {
        if (r.provenance.kind === 'documented')
          expect(r.provenance.file, `${scenario.file}:${r.expectation.line}`).to.match(/^00[0-4]_[0-9a-f]{16}\.txt$/);
      }
    }
  });
});

describe('docs/findings.md', () => {
  it('is what `npm run findings` makes from the seed corpus and the recorded live run today', async () => {
    const { readFileSync } = await import('node:fs');
    const { findingsMarkdown } = await import('./check-command.js');
    expect(readFileSync('docs/findings.md', 'utf8'), 'docs/findings.md is stale: run npm run findings').to.equal(
      findingsMarkdown(SEEDS, 'docs/live-run/live.json').md,
    );
  });

  it('gives the line in its document of every finding (docs/seed-lines.json is current: npm run seed-lines)', async () => {
    const { claimKey, readSeedLines } = await import('../reachability/seed-lines.js');
    const index = readSeedLines();
    const { findings } = checkCorpus(SEEDS);
    const missing = findings
      .filter((f) => index[f.document]?.[claimKey(f.section, f.quote)] === undefined)
      .map((f) => `${f.document} ${claimKey(f.section, f.quote)}`);
    expect(missing).to.deep.equal([]);
    expect(readFileSync('docs/findings.md', 'utf8').match(/^- \*\*Where:\*\* .*, line \d+$/gm)).to.have.length(
      findings.length,
    );
  });

  it("blames no document for the harness's own reading or setup (harness-reading.ts)", async () => {
    const { harnessReadingsOf } = await import('../reachability/harness-reading.js');
    const { checks } = checkCorpus(SEEDS);
    expect(checks.flatMap(harnessReadingsOf)).to.deep.equal([]);
  });

  it('gives every finding its parts in one order, each with a fix', async () => {
    const { readFileSync } = await import('node:fs');
    const parts = ['Where', 'Claims', '(The spec says|What holds instead)', 'The cluster did', 'Fix', 'Scenario'];
    const md = readFileSync('docs/findings.md', 'utf8');
    const blocks = md
      .split('\n### ')
      .slice(1)
      .filter((b) => !b.includes('(not a finding)'));
    const { findings } = checkCorpus(SEEDS);
    expect(blocks).to.have.length(findings.length);
    for (const b of blocks) {
      const labels = [...b.matchAll(/^- \*\*([^*]+):\*\*/gm)].map((m) => m[1]);
      expect(labels.length, b).to.equal(parts.length);
      labels.forEach((l, i) => expect(l, b).to.match(new RegExp(`^${parts[i]}$`)));
    }
    for (const f of findings) expect(f.fix.trim(), `${f.scenarioFile}:${f.line}`).to.not.equal('');
  });
});
