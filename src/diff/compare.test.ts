import { expect } from 'chai';
import { flowsAmong, podRef, scenarioObjects } from '../reachability/flows.js';
import { worldsByStep } from '../reachability/world.js';
import { loadScenarios } from '../scenario/load.js';
import { pod, policy, world } from '../testing/world.js';
import { diffPolicySets } from './compare.js';
import { diffFlowSet, scenarioRows } from './flow-set.js';
import { applyOver, loadPolicyManifests, policySetOf, type PolicySet } from './policy-files.js';

const none: PolicySet = { policies: [], clusterPolicies: [] };

describe('diffPolicySets', () => {
  it('reports the overview diagram change that once compared 0 flows: frontend -> backend/database:80 opens', () => {
    const [scenario] = loadScenarios(['scenarios/004-overview-diagram.yaml']);
    if (!scenario) throw new Error('no scenario');
    const step2 = worldsByStep(scenario)[1]!.world;
    const { pods, services } = scenarioObjects(step2);
    expect(flowsAmong(pods, services), 'declared ports and service ports alone').to.deep.equal([]);
    const after = applyOver(
      policySetOf(step2),
      loadPolicyManifests(['src/diff/testdata/overview-any-namespace.yaml'], 'default'),
    );
    const set = diffFlowSet({ world: step2, rows: scenarioRows(scenario), ports: [] });
    const d = diffPolicySets(step2, policySetOf(step2), after, set.flows);
    expect([d.flows, d.policyFlows]).to.deep.equal([6, 6]);
    expect(d.policies).to.deep.equal({ added: [], removed: [], changed: ['backend/overview-policy'] });
    expect(d.changes.map((c) => [podRef(c.flow.from), c.flow.targetText, c.before, c.after, c.cause])).to.deep.equal([
      [
        'frontend/frontend',
        'pod/backend/backend:80',
        'blocked',
        'allowed',
        'ingress to backend/backend: now allowed by overview-policy ingress[0]',
      ],
      [
        'frontend/frontend',
        'pod/backend/database:80',
        'blocked',
        'allowed',
        'ingress to backend/database: now allowed by overview-policy ingress[0]',
      ],
    ]);
  });

  it('counts the flows a policy has a say in: not loopback, not a pod reaching itself', () => {
    const a = pod('x', 'a', { app: 'a' });
    const w = world({ pods: [a, pod('x', 'b', { app: 'b' })] });
    const deny = policy('x', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const flows = [
      { from: { namespace: 'x', name: 'a' }, target: { kind: 'localhost' as const }, targetText: 'localhost:80' },
      {
        from: { namespace: 'x', name: 'a' },
        target: { kind: 'pod' as const, pod: 'a', namespace: 'x' },
        targetText: 'pod/a:80',
      },
      {
        from: { namespace: 'x', name: 'a' },
        target: { kind: 'pod' as const, pod: 'b', namespace: 'x' },
        targetText: 'pod/b:80',
      },
    ].map((f) => ({ ...f, port: 80, protocol: 'TCP' as const }));
    const d = diffPolicySets(w, none, { policies: [deny], clusterPolicies: [] }, flows);
    expect([d.flows, d.policyFlows, d.changes.length]).to.deep.equal([3, 1, 1]);
  });
});
