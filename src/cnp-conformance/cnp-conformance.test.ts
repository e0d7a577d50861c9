import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { worldKey } from '../engine/run/shared-world.js';
import { checkScenario } from '../reachability/check.js';
import { loadScenarios } from '../scenario/load.js';
import { CNP_CONFORMANCE_CASES } from './cases.js';
import { applyEdits } from './edit.js';
import { CNP_CONFORMANCE_DIR, cnpConformanceFiles } from './generate.js';
import { renderSteps, renderWorld, scenarioName, WORLD_FILE } from './render.js';
import { UPSTREAM_CITATION } from './spec.js';

const pokes = CNP_CONFORMANCE_CASES.flatMap((c) => c.events.filter((e) => 'poke' in e));

describe('the ClusterNetworkPolicy conformance corpus (scenarios/cluster-network-policy)', () => {
  it('is what `npm run cnp-conformance` writes from src/cnp-conformance today', () => {
    const files = cnpConformanceFiles();
    expect(
      readdirSync(CNP_CONFORMANCE_DIR)
        .filter((f) => f.endsWith('.yaml'))
        .sort(),
    ).to.deep.equal([...files.keys()].sort());
    for (const [name, text] of files)
      expect(readFileSync(`${CNP_CONFORMANCE_DIR}/${name}`, 'utf8'), `${name} is stale`).to.equal(text);
  });

  it("carries 28 of the suite's 30 tests (all but the two egress node peers tests), each once, 388 PokeServer calls", () => {
    expect(CNP_CONFORMANCE_CASES).to.have.length(28);
    expect(new Set(CNP_CONFORMANCE_CASES.map((c) => c.test)).size).to.equal(28);
    expect(CNP_CONFORMANCE_CASES.some((c) => /NodePeers/.test(c.test))).to.equal(false);
    expect(pokes).to.have.length(388);
  });

  it("loads, and the model gives the suite's answer in every cell", () => {
    const checks = loadScenarios([CNP_CONFORMANCE_DIR]).map((s) => checkScenario(s));
    expect(checks).to.have.length(28);
    const records = checks.flatMap((c) => c.records);
    expect(records).to.have.length(388);
    const wrong = records
      .filter((r) => r.verdict.verdict !== 'pass')
      .map((r) => `${r.scenario} [${r.step}] ${r.from} -> ${r.to}: ${r.verdict.reason}`);
    expect(wrong).to.deep.equal([]);
  });

  it("disagrees with every cell turned over: the agreement is the model's, not a default", () => {
    const flipped = loadScenarios([CNP_CONFORMANCE_DIR]).map((s) => ({
      ...s,
      steps: s.steps.map((st) => ({
        ...st,
        expectations: st.expectations.map((e) => ({
          ...e,
          expected: e.expected.includes('allowed') ? (['blocked'] as const).slice() : (['allowed'] as const).slice(),
        })),
      })),
    }));
    const records = flipped.flatMap((s) => checkScenario(s).records);
    expect(records.filter((r) => r.verdict.verdict === 'pass')).to.deep.equal([]);
  });

  it('names one world file in every scenario, so `run --world shared` creates it once', () => {
    const scenarios = loadScenarios([CNP_CONFORMANCE_DIR]);
    expect(new Set(scenarios.map(worldKey)).size).to.equal(1);
    expect(scenarios.every((s) => s.world === `${CNP_CONFORMANCE_DIR}/${WORLD_FILE}`)).to.equal(true);
    expect(readFileSync(`${CNP_CONFORMANCE_DIR}/${WORLD_FILE}`, 'utf8'), `${WORLD_FILE} is stale`).to.equal(
      renderWorld(),
    );
  });

  it('cites the module, its version and the test file, and the test by its ShortName', () => {
    for (const s of loadScenarios([CNP_CONFORMANCE_DIR])) {
      expect(s.source.file.startsWith(`${UPSTREAM_CITATION}:conformance/tests/`)).to.equal(true);
      expect(s.source.section).to.match(/^CNP(Admin|Baseline)Tier\w+: /);
      expect(s.name).to.match(/^cnp-(admin|baseline)-tier-/);
    }
  });

  it('applies a patched policy as a new version of the same name, edits accumulating as on the live object', () => {
    const c = CNP_CONFORMANCE_CASES.find((x) => x.test === 'CNPAdminTierIngressTCP')!;
    const { policies, steps } = renderSteps(c);
    expect(policies.map((p) => p.id)).to.deep.equal([
      'ingress-tcp',
      'ingress-tcp-v2',
      'ingress-tcp-v3',
      'ingress-tcp-v4',
    ]);
    expect(steps.flatMap((s) => s.apply)).to.deep.equal(policies.map((p) => p.id));
    const names = (m: Record<string, unknown>) =>
      ((m.spec as { ingress: { name: string }[] }).ingress ?? []).map((r) => r.name);
    const base = { spec: { ingress: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] } };
    expect(
      names(applyEdits(applyEdits(base, [{ swap: ['ingress', 0, 1] }]), [{ swap: ['ingress', 0, 2] }])),
    ).to.deep.equal(['c', 'a', 'b']);
    expect(scenarioName(c)).to.equal('cnp-admin-tier-ingress-tcp');
  });
});
