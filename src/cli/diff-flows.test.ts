import { expect } from 'chai';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const data = 'src/diff/testdata';
const overview = 'scenarios/004-overview-diagram.yaml';

describe('cli: netpol-harness diff, the flows it compares', () => {
  it('the overview diagram: a change that opens frontend -> backend/database:80 is reported, exit 1', async () => {
    const r = await cli('diff', overview, `${data}/overview-any-namespace.yaml`, '--step', '2');
    expect(r.code).to.equal(1);
    expect(r.err).to.equal('');
    expect(r.out).to.equal(
      [
        'diff: before scenarios/004-overview-diagram.yaml, step 2/3 "apply overview-policy (bare podSelector)"',
        '      after  the same with src/diff/testdata/overview-any-namespace.yaml applied',
        '6 flows compared: 2 answers change in 2 groups (changed backend/overview-policy)',
        '',
        'ingress to backend/backend: now allowed by overview-policy ingress[0] (1):',
        '    from               to                      before   after',
        '    frontend/frontend  pod/backend/backend:80  blocked  allowed',
        '',
        'ingress to backend/database: now allowed by overview-policy ingress[0] (1):',
        '    from               to                       before   after',
        '    frontend/frontend  pod/backend/database:80  blocked  allowed',
      ].join('\n'),
    );
  });

  it('--ports widens the flow set: every pod to every other pod on those ports too', async () => {
    const plain = await cli('diff', overview, `${data}/overview-any-namespace.yaml`, '--step', '2', '-v');
    const wide = await cli(
      'diff',
      overview,
      `${data}/overview-any-namespace.yaml`,
      '--step',
      '2',
      '--ports',
      '80,8080-8081,53/udp',
      '-v',
    );
    expect(plain.err.split('\n')[0]).to.equal('flows: 6 (6 to ports pods listen on)');
    expect(wide.err.split('\n')[0]).to.equal('flows: 24 (6 to ports pods listen on, 18 more from --ports)');
    expect(wide.code).to.equal(1);
    expect(wide.out.split('\n')[2]).to.equal(
      '24 flows compared: 8 answers change in 2 groups (changed backend/overview-policy)',
    );
    expect(wide.out).to.include('    frontend/frontend  pod/backend/database:8080    blocked  refused');
  });

  it('--ports on pods that declare no port: the only way to compare them', async () => {
    const r = await cli('diff', `${data}/no-ports.yaml`, `${data}/deny-ingress.yaml`, '--ports', '80');
    expect(r.code).to.equal(1);
    expect(r.out.split('\n').slice(2)).to.deep.equal([
      '2 flows compared: 2 answers change in 2 groups (added default/deny-ingress)',
      '',
      'ingress to default/web: now isolated by deny-ingress, and no rule allows it (1):',
      '    from            to                  before   after',
      '    default/client  pod/default/web:80  refused  blocked',
      '',
      'ingress to default/client: now isolated by deny-ingress, and no rule allows it (1):',
      '    from         to                     before   after',
      '    default/web  pod/default/client:80  refused  blocked',
    ]);
  });

  it('exits 2 with the reason when nothing can be compared, never "no change"', async () => {
    const none = await cli('diff', `${data}/no-ports.yaml`, `${data}/deny-ingress.yaml`);
    expect(none.code).to.equal(2);
    expect(none.out).to.equal('');
    expect(none.err).to.equal(
      'error: nothing can be compared: no pod of src/diff/testdata/no-ports.yaml, step 1/1 "baseline" declares or listens on a TCP or UDP port, no service has one, and the scenario has no expectation row; give --ports PORT,… to compare every pod with every other pod on those ports',
    );
    const folders = await cli(
      'diff',
      `${data}/deny-ingress.yaml`,
      `${data}/deny-ingress.yaml`,
      '--world',
      `${data}/no-ports.yaml`,
    );
    expect([folders.code, folders.err]).to.deep.equal([2, none.err]);
    const loopback = await cli('diff', `${data}/loopback-only.yaml`, `${data}/deny-ingress.yaml`);
    expect(loopback.code).to.equal(2);
    expect(loopback.err).to.equal(
      'error: nothing can be compared: the only flow in src/diff/testdata/loopback-only.yaml, step 1/1 "baseline" is decided before any policy is consulted (no such port, a name that does not resolve, loopback), so no change of policy can change its answer',
    );
  });

  it('exits 2 on a bad --ports, naming the flag, before reading anything', async () => {
    const r = await cli('diff', 'no-such-scenario.yaml', `${data}/deny-ingress.yaml`, '--ports', '80,http');
    expect(r.code).to.equal(2);
    expect(r.err).to.equal(
      'error: option --ports: invalid value "80,http": "http" is no port; write a comma list of PORT, FROM-TO or either with /tcp or /udp, such as 80,443,53/udp,8000-8010',
    );
  });

  it('a ClusterNetworkPolicy Deny in the Admin tier overrides the NetworkPolicy that allowed a flow, exit 1', async () => {
    // Step 3: overview-policy-any-ns admits app=frontend of any namespace into every backend pod.
    const r = await cli('diff', overview, `${data}/cnp-admin-deny-backend.yaml`, '--step', '3');
    expect(r.err).to.equal('');
    expect(r.code).to.equal(1);
    expect(r.out.split('\n').slice(2)).to.deep.equal([
      '6 flows compared: 2 answers change in 2 groups (added ClusterNetworkPolicy deny-frontend-to-backend)',
      '',
      'ingress to backend/backend: now denied by ClusterNetworkPolicy deny-frontend-to-backend (Admin tier, priority 10) ingress[0] "deny-from-frontend" Deny (1):',
      '    from               to                      before   after',
      '    frontend/frontend  pod/backend/backend:80  allowed  blocked',
      '',
      'ingress to backend/database: now denied by ClusterNetworkPolicy deny-frontend-to-backend (Admin tier, priority 10) ingress[0] "deny-from-frontend" Deny (1):',
      '    from               to                       before   after',
      '    frontend/frontend  pod/backend/database:80  allowed  blocked',
    ]);
  });

  it('a ClusterNetworkPolicy Pass in the Admin tier alone hands every flow to NetworkPolicy: nothing changes, exit 0', async () => {
    for (const step of ['1', '2', '3']) {
      const r = await cli('diff', overview, `${data}/cnp-admin-pass-all.yaml`, '--step', step);
      expect([r.code, r.err]).to.deep.equal([0, '']);
      expect(r.out.split('\n')[2]).to.equal(
        '6 flows compared: no answer changes (added ClusterNetworkPolicy pass-everything)',
      );
    }
  });

  it('manifests on both sides: a NetworkPolicy replaced by the Deny; the frontend flows stay blocked, the others open', async () => {
    const r = await cli(
      'diff',
      `${data}/deny-ingress.yaml`,
      `${data}/cnp-admin-deny-backend.yaml`,
      '--world',
      overview,
      '--step',
      '1',
      '--default-namespace',
      'backend',
    );
    expect([r.code, r.err]).to.deep.equal([1, '']);
    expect(r.out.split('\n').slice(2)).to.deep.equal([
      '6 flows compared: 2 answers change in 2 groups (added ClusterNetworkPolicy deny-frontend-to-backend; removed backend/deny-ingress)',
      '',
      'ingress to backend/database: no policy isolates it any more (was: deny-ingress) (1):',
      '    from             to                       before   after',
      '    backend/backend  pod/backend/database:80  blocked  allowed',
      '',
      'ingress to backend/backend: no policy isolates it any more (was: deny-ingress) (1):',
      '    from              to                      before   after',
      '    backend/database  pod/backend/backend:80  blocked  allowed',
    ]);
  });
});
