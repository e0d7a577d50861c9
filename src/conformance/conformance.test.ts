import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { checkScenario } from '../reachability/check.js';
import { loadScenarios } from '../scenario/load.js';
import { realNamespaceName } from '../engine/naming.js';
import { DEFAULT_CLUSTER_FACTS } from '../model/types.js';
import { CONFORMANCE_CASES, scenarioName } from './cases.js';
import { TCP_IPBLOCK_CASES } from './cases-tcp-ipblock.js';
import { CONFORMANCE_DIR, conformanceFiles } from './generate.js';
import { renderWorld, rows, WORLD_FILE } from './render.js';
import { worldKey } from '../engine/run/shared-world.js';
import { UPSTREAM_CITATION } from './spec.js';

describe('the conformance corpus (scenarios/conformance)', () => {
  it('is what `npm run conformance` writes from src/conformance today', () => {
    const files = conformanceFiles();
    expect(
      readdirSync(CONFORMANCE_DIR)
        .filter((f) => f.endsWith('.yaml'))
        .sort(),
    ).to.deep.equal([...files.keys()].sort());
    for (const [name, text] of files)
      expect(readFileSync(`${CONFORMANCE_DIR}/${name}`, 'utf8'), `${name} is stale: run npm run conformance`).to.equal(
        text,
      );
    expect(readFileSync(`${CONFORMANCE_DIR}/${WORLD_FILE}`, 'utf8'), `${WORLD_FILE} is stale`).to.equal(renderWorld());
  });

  it('has its TCP and UDP cases name one world file, created once for them all by run --world shared', () => {
    const scenarios = loadScenarios([CONFORMANCE_DIR]);
    const named = scenarios.filter((s) => s.world === `${CONFORMANCE_DIR}/${WORLD_FILE}`);
    expect(named).to.have.length(45);
    expect(new Set(named.map(worldKey)).size).to.equal(1);
    expect(named.every((s) => s.pods.length === 9 && s.services.length === 9 && s.namespaces.length === 3)).to.equal(
      true,
    );
    expect(scenarios.filter((s) => !s.world).map((s) => s.name)).to.deep.equal([
      'e2e-sctp-default-deny-ingress',
      'e2e-sctp-pod-in-other-namespace',
      'e2e-sctp-ports',
    ]);
  });

  it("loads, and the model gives upstream's answer in every cell of every truth table", () => {
    const checks = loadScenarios([CONFORMANCE_DIR]).map((s) => checkScenario(s));
    expect(checks).to.have.length(CONFORMANCE_CASES.length);
    const records = checks.flatMap((c) => c.records);
    const cells = CONFORMANCE_CASES.flatMap((c) => c.steps.flatMap((s) => s.checks.flatMap((k) => rows(c.pods, k))));
    expect(records).to.have.length(cells.length);
    const wrong = records
      .filter((r) => r.verdict.verdict !== 'pass')
      .map((r) => `${r.scenario} [${r.step}] ${r.from} -> ${r.to}: ${r.verdict.reason}`);
    expect(wrong).to.deep.equal([]);
    expect(records.filter((r) => r.provenance.kind === 'documented')).to.have.length(cells.length);
  });

  it('carries every data-path case of the suite: 42 in the TCP context, 3 UDP, 3 SCTP, each once', () => {
    const count = (context: string) => CONFORMANCE_CASES.filter((c) => c.context === context).length;
    expect([count('tcp'), count('udp'), count('sctp')]).to.deep.equal([42, 3, 3]);
    expect(new Set(CONFORMANCE_CASES.map((c) => `${c.context} ${c.test}`)).size).to.equal(CONFORMANCE_CASES.length);
  });

  it("decides the CIDR cases' cells from the pods' addresses alone, for any /16 pod CIDR: none is left to run time", () => {
    const names = new Set(TCP_IPBLOCK_CASES.map(scenarioName));
    for (const podCIDR of [DEFAULT_CLUSTER_FACTS.podCIDR, '10.244.0.0/16']) {
      const records = loadScenarios([CONFORMANCE_DIR])
        .filter((s) => names.has(s.name))
        .flatMap((s) => checkScenario(s, { ...DEFAULT_CLUSTER_FACTS, podCIDR }).records);
      expect(records, podCIDR).to.have.length(24);
      expect(
        records
          .filter((r) => r.model.outcome === 'undefined' || r.model.decidedAtRunTime !== undefined)
          .map((r) => `${r.scenario} ${r.from} -> ${r.to}`),
        podCIDR,
      ).to.deep.equal([]);
      expect(
        records
          .filter((r) => r.verdict.verdict !== 'pass')
          .map((r) => `${r.scenario} [${r.step}] ${r.from} -> ${r.to}: ${r.verdict.reason}`),
        podCIDR,
      ).to.deep.equal([]);
    }
  });

  it('cites the upstream file and commit, and the test by its full name', () => {
    for (const scenario of loadScenarios([CONFORMANCE_DIR])) {
      expect(scenario.source.file).to.equal(UPSTREAM_CITATION);
      expect(scenario.source.section).to.match(/^Netpol .* should /);
    }
  });

  it('keeps every scenario in namespaces of its own (names stay apart once shortened to 63 characters)', () => {
    const heads = CONFORMANCE_CASES.map((c) => realNamespaceName(scenarioName(c), 'x', 'abcdef-0'));
    expect(new Set(heads).size).to.equal(heads.length);
  });

  it('a disconnected cell accepts either failure the suite counts: a drop or a refusal', () => {
    expect(rows(['x/a', 'y/a'], { port: 81, protocol: 'UDP', table: (x) => x.allIngress('x/a', false) })).to.deep.equal(
      ['x/a -> svc-ip/y/s-y-a:81/udp allowed', 'y/a -> svc-ip/x/s-x-a:81/udp blocked|refused'],
    );
  });
});
