import { expect } from 'chai';
import type { Expectation, Scenario } from '../../scenario/types.js';
import { standInRewriteOf, standInRewritesInForce } from './stand-in-records.js';
import type { PolicyChange, StepReport } from '../types.js';

const NOTE = 'egress[0]: 172.18.0.6/32 (stand-in for 52.1.2.3, inside 52.1.2.3/32) added as a peer';
const OTHER = 'ingress[0]: 172.18.0.4/32 (stand-in for 10.0.0.5, inside 10.0.0.0/8) added as a peer';

function change(policyId: string, action: 'apply' | 'delete', standIns?: string[], accepted = true): PolicyChange {
  return {
    policyId,
    action,
    namespace: 'default',
    name: policyId,
    result: accepted ? { accepted: true } : { accepted: false, status: 422, message: 'no' },
    ...(standIns ? { standIns } : {}),
  };
}

function step(index: number, changes: PolicyChange[]): StepReport {
  return { index, name: `s${index}`, changes, relabels: [], stable: true, probes: 0 };
}

const steps = [
  step(0, []),
  step(1, [change('allow-api', 'apply', [NOTE]), change('allow-office', 'apply', [OTHER])]),
  step(2, [change('allow-api', 'delete')]),
  step(3, [change('allow-api', 'apply', [NOTE], false)]),
];

describe('stand-in rewrites in force', () => {
  it('follows applies and deletes; a rejected apply enforces nothing', () => {
    expect(standInRewritesInForce(steps, 0)).to.deep.equal([]);
    expect(standInRewritesInForce(steps, 1)).to.deep.equal([NOTE, OTHER]);
    expect(standInRewritesInForce(steps, 2)).to.deep.equal([OTHER]);
    expect(standInRewritesInForce(steps, 3)).to.deep.equal([OTHER]);
  });

  it("marks a probe to a stand-in, or from one, only when a rule was rewritten for that stand-in's address", () => {
    const scenario = {
      outside: [{ name: 'office', address: '10.0.0.5', listening: [], line: 1 }],
    } as unknown as Scenario;
    const standIns = [
      { documented: '52.1.2.3', standIn: '172.18.0.6' },
      { documented: '10.0.0.5', standIn: '172.18.0.4' },
    ];
    const toApi = { from: { name: 'backend', namespace: 'default' } } as Expectation;
    const fromOffice = { from: { name: 'office', namespace: '(outside)' } } as Expectation;
    expect(standInRewriteOf(scenario, standIns, steps, 1, toApi, '172.18.0.6')).to.deep.equal({
      documented: '52.1.2.3',
      address: '172.18.0.6',
      rewritten: [NOTE],
    });
    expect(standInRewriteOf(scenario, standIns, steps, 2, toApi, '172.18.0.6')).to.equal(undefined);
    expect(standInRewriteOf(scenario, standIns, steps, 1, toApi, '192.168.0.9')).to.equal(undefined);
    expect(standInRewriteOf(scenario, standIns, steps, 0, toApi, '172.18.0.6')).to.equal(undefined);
    const office = standInRewriteOf(scenario, standIns, steps, 2, fromOffice, '192.168.0.9');
    expect(office?.rewritten).to.deep.equal([OTHER]);
  });
});
