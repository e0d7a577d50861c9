import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Document } from 'yaml';
import type { ClusterSnapshot } from '../capture/cluster-objects.js';
import { namespaceRenames } from '../capture/namespace-names.js';
import { snapshotToScenario } from '../capture/to-scenario.js';
import { worldsByStep } from '../reachability/world.js';
import { parseScenario } from '../scenario/parse.js';
import { parseFlow } from './flow-arg.js';
import { planLiveProbe } from './live-probe.js';

// The objects of a retained run on kind + Calico: pod IPs and cluster IPs as the cluster gave them.
const snapshot = JSON.parse(
  readFileSync(new URL('../capture/testdata/np02-run.json', import.meta.url), 'utf8'),
) as ClusterSnapshot;
const { document } = snapshotToScenario(snapshot, { name: 'c', from: 'test', at: 'T' });
const world = worldsByStep(parseScenario('c.yaml', new Document(document).toString(), () => undefined)).at(-1)!.world;
const renames = namespaceRenames(snapshot.namespaces);
const FRONTEND = 'np02-mistake-5-namespace-scope-d32506-1-frontend';

function plan(from: string, to: string) {
  const flow = parseFlow(world, from, to);
  if ('error' in flow) throw new Error(flow.error);
  return planLiveProbe(flow, world, snapshot, renames, 2);
}

describe('planLiveProbe', () => {
  it('probes a pod at the IP the cluster gave it, from the source pod in its real namespace', () => {
    const apiserverIp = snapshot.pods.find((p) => p.metadata?.name === 'apiserver')?.status?.podIP as string;
    expect(plan('frontend/other-frontend', 'default/apiserver:80')).to.deep.equal({
      kind: 'send',
      namespace: FRONTEND,
      pod: 'other-frontend',
      container: 'other-frontend',
      argv: ['nc', '-vz', '-w', '2', apiserverIp, '80'],
      tool: 'nc',
      repro: `kubectl exec -n ${FRONTEND} other-frontend -c other-frontend -- nc -vz -w 2 ${apiserverIp} 80`,
    });
  });

  it('keeps names as written, in the real namespaces, and looks names up with dig', () => {
    const byName = plan('frontend/bookstore-frontend', 'apiserver.default:80');
    expect(byName.kind === 'send' && byName.argv).to.deep.equal([
      'nc',
      '-vz',
      '-w',
      '2',
      'apiserver.np02-mistake-5-namespace-scope-d32506-1-default',
      '80',
    ]);
    const lookup = plan('frontend/bookstore-frontend', 'dns:apiserver.default');
    expect(lookup.kind === 'send' && lookup.argv).to.deep.equal([
      'dig',
      '+search',
      '+time=2',
      '+tries=1',
      'apiserver.np02-mistake-5-namespace-scope-d32506-1-default',
    ]);
  });

  it('sends nothing outside the cluster', () => {
    expect(plan('frontend/bookstore-frontend', 'example.com:443')).to.deep.equal({
      kind: 'not-sent',
      reason: 'example.com is outside the cluster: this machine sends no traffic outside the cluster',
    });
    expect(plan('frontend/bookstore-frontend', '8.8.8.8:53/udp')).to.deep.equal({
      kind: 'not-sent',
      reason: '8.8.8.8 is no address of the pods or services read: this machine sends no traffic outside the cluster',
    });
  });
});
