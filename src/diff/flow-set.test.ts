import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { flowKey, type Flow } from '../reachability/flows.js';
import { worldsByStep } from '../reachability/world.js';
import { loadScenarios } from '../scenario/load.js';
import type { Expectation } from '../scenario/types.js';
import { pod, service, world } from '../testing/world.js';
import { diffPolicySets } from './compare.js';
import { diffFlowSet, originsLine, scenarioRows, whyNothingToCompare, type FlowRow } from './flow-set.js';
import { policySetOf } from './policy-files.js';

const seedFiles = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

const row = (from: string, target: Expectation['target'], targetText: string, port: number): FlowRow => ({
  from: { namespace: 'x', name: from },
  target,
  targetText,
  port,
  protocol: 'TCP',
});

const texts = (flows: Flow[]) => flows.map((f) => `${f.from.namespace}/${f.from.name} ${f.targetText}`);

describe('diff flow set', () => {
  it('every seed scenario, at every step: no empty flow set, some flow a policy decides, every row in it', () => {
    expect(seedFiles).to.have.length(57);
    for (const scenario of loadScenarios(seedFiles)) {
      const rows = scenarioRows(scenario);
      for (const state of worldsByStep(scenario)) {
        const at = `${scenario.file} step ${state.index + 1}`;
        const set = diffFlowSet({ world: state.world, rows, ports: [] });
        const d = diffPolicySets(
          state.world,
          policySetOf(state.world),
          { policies: [], clusterPolicies: [] },
          set.flows,
        );
        expect(set.flows.length, at).to.be.greaterThan(0);
        expect(d.policyFlows, at).to.be.greaterThan(0);
        expect(whyNothingToCompare(state.world, at, d), at).to.equal(undefined);
        const keys = new Set(set.flows.map(flowKey));
        for (const r of rows) expect(keys.has(flowKey(r)), `${at}: line ${(r as Expectation).line}`).to.equal(true);
      }
    }
  });

  it('declared ports, then listened-on ports, service ports, rows and --ports, each flow once, by source', () => {
    const a = pod('x', 'a', { app: 'a' }, { listening: [] });
    const b = pod(
      'x',
      'b',
      { app: 'b' },
      {
        containerPorts: [
          { containerPort: 80, protocol: 'TCP' },
          { containerPort: 9, protocol: 'SCTP' },
        ],
        listening: [
          { port: 80, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
      },
    );
    const w = world({ pods: [b, a], services: [service('x', 'web', { app: 'b' }, [[8080, 80]])] });
    const set = diffFlowSet({
      world: w,
      rows: [
        row('a', { kind: 'pod', pod: 'b', namespace: 'x' }, 'pod/b:80', 80),
        row('a', { kind: 'host', host: 'web' }, 'http://web:8080', 8080),
        row('b', { kind: 'localhost' }, 'localhost:80', 80),
      ],
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 443, protocol: 'TCP' },
      ],
    });
    expect(texts(set.flows)).to.deep.equal([
      'x/a pod/x/b:80',
      'x/a pod/x/b:53/udp',
      'x/a pod/x/b:443',
      'x/a svc-ip/x/web:8080',
      'x/a http://web:8080',
      'x/b pod/x/a:80',
      'x/b pod/x/a:443',
      'x/b svc-ip/x/web:8080',
      'x/b localhost:80',
    ]);
    expect(set.origins).to.deep.equal({ declared: 1, listening: 1, services: 2, rows: 2, ports: 3 });
    expect(originsLine(set)).to.equal(
      'flows: 9 (1 to declared container ports, 1 to ports pods listen on, 2 to service ports, 2 more that expectation rows probe, 3 more from --ports)',
    );
  });

  it('says why nothing can be compared, with the hint only where --ports would help', () => {
    const quiet = (name: string) => pod('x', name, {}, { listening: [] });
    const two = world({ pods: [quiet('a'), quiet('b')] });
    const where = 'w.yaml, step 1/1 "s"';
    expect(whyNothingToCompare(two, where, { flows: 0, policyFlows: 0 })).to.equal(
      'no pod of w.yaml, step 1/1 "s" declares or listens on a TCP or UDP port, no service has one, and the scenario has no expectation row; give --ports PORT,… to compare every pod with every other pod on those ports',
    );
    expect(whyNothingToCompare(two, where, { flows: 3, policyFlows: 0 })).to.equal(
      'each of the 3 flows in w.yaml, step 1/1 "s" is decided before any policy is consulted (no such port, a name that does not resolve, loopback), so no change of policy can change an answer; give --ports PORT,… to compare every pod with every other pod on those ports',
    );
    const one = world({ pods: [quiet('a')] });
    expect(whyNothingToCompare(one, where, { flows: 0, policyFlows: 0 })).to.equal(
      'w.yaml, step 1/1 "s" has one pod (x/a), no service port and no expectation row, so there is no flow to compare',
    );
    expect(whyNothingToCompare(one, where, { flows: 1, policyFlows: 0 })).to.equal(
      'the only flow in w.yaml, step 1/1 "s" is decided before any policy is consulted (no such port, a name that does not resolve, loopback), so no change of policy can change its answer',
    );
    expect(whyNothingToCompare(one, where, { flows: 1, policyFlows: 1 })).to.equal(undefined);
    expect(diffFlowSet({ world: two, rows: [], ports: [] }).flows).to.deep.equal([]);
    expect(diffFlowSet({ world: two, rows: [], ports: [{ port: 80, protocol: 'TCP' }] }).flows).to.have.length(2);
  });
});
