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
  it('is what `npm run findings` makes from the seed corpus today', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderFindingsMarkdown } = await import('../report/findings-markdown.js');
    const { findings, summary, confirmations } = checkCorpus(SEEDS);
    expect(readFileSync('docs/findings.md', 'utf8'), 'docs/findings.md is stale: run npm run findings').to.equal(
      renderFindingsMarkdown(findings, summary, confirmations),
    );
  });
});
