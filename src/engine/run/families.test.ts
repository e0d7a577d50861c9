import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { FakeKubeClient } from '../../testing/fake-kube.js';
import { renderFamilyLines } from '../../report/families.js';
import { parseScenario } from '../../scenario/parse.js';
import { runInSession } from '../../testing/live-session.js';
import { familyExpectation, inFamily, probedInEachFamily, secondFamily } from './families.js';
import { familyGap, type LiveTopology } from '../setup/targets.js';

const scenario = parseScenario(
  'first.yaml',
  readFileSync('docs/examples/first-scenario.yaml', 'utf8'),
  () => undefined,
);

const topo: LiveTopology = {
  mapping: new Map(),
  pods: new Map([
    [
      'default/web',
      { name: 'web', namespace: 'default', ready: true, labels: {}, ip: '10.0.0.1', ips: ['10.0.0.1', 'fd00::1'] },
    ],
    ['default/c', { name: 'c', namespace: 'default', ready: true, labels: {}, ip: '10.0.0.2' }],
  ]),
  serviceIPs: new Map([['default/web', '10.96.0.1']]),
  serviceAllIPs: new Map([['default/web', ['10.96.0.1', 'fd00:96::1']]]),
};

describe('dual-stack: one probe per family', () => {
  it('finds the second family and sees the topology in it', () => {
    expect(secondFamily(topo)).to.equal('ipv6');
    const v6 = inFamily(topo, 'ipv6');
    expect(v6.pods.get('default/web')?.ip).to.equal('fd00::1');
    expect(v6.pods.get('default/c')?.ip).to.equal(undefined);
    expect(v6.serviceIPs.get('default/web')).to.equal('fd00:96::1');
    expect(secondFamily({ ...topo, pods: new Map([['default/c', topo.pods.get('default/c')!]]) })).to.equal(undefined);
  });

  it('sends pod and service IP probes from pods twice, names and outside sources once', () => {
    const e = scenario.steps[0]!.expectations[0]!;
    expect(probedInEachFamily(e)).to.equal(true);
    expect(probedInEachFamily({ ...e, target: { kind: 'host', host: 'web' } as never })).to.equal(false);
    expect(probedInEachFamily({ ...e, from: { name: 'ext', namespace: '(outside)' } })).to.equal(false);
  });

  it("derives the second family's expectation: the document's where the spec agrees, else the spec's, said so", () => {
    const e = scenario.steps[1]!.expectations[0]!;
    const same = familyExpectation(e, 'ipv6', { outcome: 'blocked' }, { outcome: 'blocked' });
    expect([same.expected, same.targetText, same.provenance]).to.deep.equal([
      ['blocked'],
      'pod/web:80 [IPv6]',
      {
        kind: 'derived',
        reason: 'the same probe over IPv6: the documents name no address family, so their claim holds in both',
      },
    ]);
    const differs = familyExpectation(e, 'ipv6', { outcome: 'allowed' }, { outcome: 'blocked' });
    expect(differs.expected).to.deep.equal(['blocked']);
    expect(differs.provenance).to.deep.include({ kind: 'derived' });
  });

  it('runs both families on a dual-stack cluster, and reads a family-specific enforcement difference as such', async () => {
    // A CNI that enforces the deny over IPv4 only.
    const kube = new FakeKubeClient({
      dualStack: true,
      exec: (call, fake) =>
        fake.policies.size && !call.command.join(' ').includes('fd00')
          ? { exitCode: 1, stderr: 'nc: 10.0.0.1 (10.0.0.1:80): Connection timed out\n' }
          : { stderr: 'web (10.0.0.1:80) open\n' },
    });
    const run = await runInSession(
      [scenario],
      kube,
      { parallel: 1, timeout: 1, probeMode: 'session' },
      () => undefined,
    );
    const records = run.runs[0]!.records;
    expect(run.shape.ipFamily).to.equal('dual');
    expect(records.map((r) => [r.to, r.live.family, r.live.host, r.live.outcome, r.verdict.verdict])).to.deep.equal([
      ['pod/web:80', 'ipv4', '10.0.0.1', 'allowed', 'pass'],
      ['pod/web:80 [IPv6]', 'ipv6', 'fd00::1', 'allowed', 'pass'],
      ['pod/web:80', 'ipv4', '10.0.0.1', 'blocked', 'pass'],
      ['pod/web:80 [IPv6]', 'ipv6', 'fd00::1', 'allowed', 'enforcement-mismatch'],
    ]);
    expect(renderFamilyLines(records)).to.deep.equal([
      '  address families: 2 probes sent in both IPv4 and IPv6; 1 answered differently, 1 of them where the spec answers the same in both (a family-specific enforcement difference)',
      '    first-scenario / deny all ingress to web: client → pod/web:80 (nc): IPv4 blocked, IPv6 allowed; the spec says blocked',
    ]);
  });
});

describe('an outside address of a family the pod lacks', () => {
  const v6pod = { name: 'backend', namespace: 'ns', ready: true, labels: {}, ip: 'fd00:10:244::8' };
  it('is not sent between them, and says why; a pod of its family, or a dual-stack one, sends it', () => {
    expect(familyGap('10.0.0.5', v6pod)).to.equal(
      '10.0.0.5 is an IPv4 address and ns/backend has IPv6 addresses only: no packet between them carries the documented address',
    );
    expect(familyGap('10.0.0.5', { ...v6pod, ip: '192.168.0.8' })).to.equal(undefined);
    expect(familyGap('10.0.0.5', { ...v6pod, ips: ['fd00:10:244::8', '192.168.0.8'] })).to.equal(undefined);
  });
});
