import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { checkCorpus } from '../cli/check-command.js';
import { realNamespaceName } from '../engine/naming.js';
import { CONFORMANCE_CASES, scenarioName } from './cases.js';
import { CONFORMANCE_DIR, conformanceFiles } from './generate.js';
import { rows } from './render.js';
import { UPSTREAM_CITATION } from './spec.js';

describe('the conformance corpus (scenarios/conformance)', () => {
  it('is what `npm run conformance` writes from src/conformance today', () => {
    const files = conformanceFiles();
    expect(readdirSync(CONFORMANCE_DIR).filter((f) => f.endsWith('.yaml')).sort()).to.deep.equal([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(`${CONFORMANCE_DIR}/${name}`, 'utf8'), `${name} is stale: run npm run conformance`).to.equal(text);
  });

  it("loads, and the model gives upstream's answer in every cell of every truth table", () => {
    const { checks, summary } = checkCorpus([CONFORMANCE_DIR]);
    expect(checks).to.have.length(CONFORMANCE_CASES.length);
    const records = checks.flatMap((c) => c.records);
    const cells = CONFORMANCE_CASES.flatMap((c) => c.steps.flatMap((s) => s.checks.flatMap((k) => rows(c.pods, k))));
    expect(records).to.have.length(cells.length);
    const wrong = records.filter((r) => r.verdict.verdict !== 'pass').map((r) => `${r.scenario} [${r.step}] ${r.from} -> ${r.to}: ${r.verdict.reason}`);
    expect(wrong).to.deep.equal([]);
    expect(summary.documented).to.equal(cells.length);
  });

  it('cites the upstream file and commit, and the test by its full name', () => {
    const { checks } = checkCorpus([CONFORMANCE_DIR]);
    for (const { scenario } of checks) {
      expect(scenario.source.file).to.equal(UPSTREAM_CITATION);
      expect(scenario.source.section).to.match(/^Netpol .* should /);
    }
  });

  it('keeps every scenario in namespaces of its own (names stay apart once shortened to 63 characters)', () => {
    const heads = CONFORMANCE_CASES.map((c) => realNamespaceName(scenarioName(c), 'x', 'abcdef-0'));
    expect(new Set(heads).size).to.equal(heads.length);
  });

  it('a disconnected cell accepts either failure the suite counts: a drop or a refusal', () => {
    expect(rows(['x/a', 'y/a'], { port: 81, protocol: 'UDP', table: (x) => x.allIngress('x/a', false) })).to.deep.equal([
      'x/a -> svc-ip/y/s-y-a:81/udp allowed',
      'y/a -> svc-ip/x/s-x-a:81/udp blocked|refused',
    ]);
  });
});
