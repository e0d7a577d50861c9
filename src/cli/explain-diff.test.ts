import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { installers } from './installers.js';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// A scenario captured from a retained run on kind + Calico (src/capture/testdata).
const captured = 'src/capture/testdata/np02-captured.yaml';
const diffData = 'src/cli/testdata/diff';

describe('cli: netpol-harness explain', () => {
  it('shows the answer, the path and every rule tried, on a captured scenario', async () => {
    const r = await cli('explain', 'frontend/other-frontend', 'default/apiserver:80', captured);
    expect(r.code).to.equal(0);
    expect(r.err).to.equal('');
    expect(r.out).to.equal(
      [
        'flow: frontend/other-frontend -> default/apiserver:80 (80/TCP)',
        'in: src/capture/testdata/np02-captured.yaml, step 2/2 "apply the captured policies"',
        'policies in force: default/api-allow-from-frontend, default/api-allow-same-namespace',
        'answer: blocked',
        'expected: blocked (line 141, nc, derived); the model agrees',
        '  to the IP of pod default/apiserver (no service, no DNS)',
        '  egress from frontend/other-frontend: not isolated (no policy selects it for Egress), allowed',
        "  ingress to default/apiserver: isolated by api-allow-from-frontend, api-allow-same-namespace; no rule allows it (api-allow-from-frontend ingress[0]: namespace frontend matches namespaceSelector name=frontend, but other-frontend does not match podSelector app=bookstore (namespaceSelector and podSelector in one peer are AND'd: both must match); api-allow-same-namespace ingress[0]: podSelector without namespaceSelector selects only namespace default, not frontend)",
        'decision:',
        '  egress from frontend/other-frontend to default/apiserver, 80/TCP: not isolated (no policy selects it for Egress): allowed',
        '  ingress to default/apiserver from frontend/other-frontend, 80/TCP: isolated by api-allow-from-frontend, api-allow-same-namespace: denied',
        '    api-allow-from-frontend ingress[0] [ports: any]: ports match; peers:',
        "      namespaceSelector name=frontend AND podSelector app=bookstore: no: namespace frontend matches namespaceSelector name=frontend, but other-frontend does not match podSelector app=bookstore (namespaceSelector and podSelector in one peer are AND'd: both must match)",
        '      => no peer matches',
        '    api-allow-same-namespace ingress[0] [ports: any]: ports match; peers:',
        '      podSelector app=bookstore (namespace default only): no: podSelector without namespaceSelector selects only namespace default, not frontend',
        '      => no peer matches',
      ].join('\n'),
    );
  });

  it('shows a rule whose ports do not match, and one with no peers, at a chosen step', async () => {
    const r = await cli(
      'explain',
      'anyone',
      'pod/web:8080',
      'scenarios/000-common-use-cases-admin-interface.yaml',
      '--step',
      '3',
    );
    expect(r.code).to.equal(0);
    expect(r.out.split('\n').slice(-5)).to.deep.equal([
      '  ingress to default/web from default/anyone, 8080/TCP: isolated by web-admin: denied',
      '    web-admin ingress[0] [ports: 80/TCP]: ports do not match (port 80/TCP, not 8080); peers not tried',
      '    web-admin ingress[1] [ports: 8080/TCP]: ports match; peers:',
      '      podSelector role=admin (namespace default only): no: anyone does not match podSelector role=admin',
      '      => no peer matches',
    ]);
    const allowed = await cli(
      'explain',
      'anyone',
      'pod/web:80',
      'scenarios/000-common-use-cases-admin-interface.yaml',
      '--step',
      'apply the corrected variant',
    );
    expect(allowed.out).to.include(
      '\n    web-admin ingress[0] [ports: 80/TCP]: ports match; peers: any (the rule names none): allowed\n',
    );
    expect(allowed.out).to.include('answer: allowed');
  });

  it('exits 2 naming a pod that is not there, or a step that is not', async () => {
    const r = await cli('explain', 'other-frontend', 'apiserver:80', captured);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal(
      'error: argument FROM: invalid value "other-frontend": no pod "other-frontend" (did you mean frontend/other-frontend?)',
    );
    const s = await cli('explain', 'frontend/other-frontend', 'apiserver:80', captured, '--step', '7');
    expect(s.code).to.equal(2);
    expect(s.err).to.equal(
      'error: option --step: invalid value "7": expected 1-2 or a step name ("baseline (no policy)", "apply the captured policies")',
    );
    const probe = await cli('explain', 'frontend/other-frontend', 'apiserver:80', captured, '--probe');
    expect(probe.code).to.equal(2);
    expect(probe.err).to.equal(
      'error: option --probe: invalid value "true": probes go to a cluster: read one with -n NAMESPACE… or -A instead of a scenario file',
    );
    const none = await cli('explain', 'a', 'b:1');
    expect(none.code).to.equal(2);
    expect(none.err).to.equal(
      'error: argument SCENARIO: invalid value "": give a scenario file, or read a cluster with -n NAMESPACE… or -A (and --context/--kubeconfig)',
    );
  });
});

const DIFF_TABLE = [
  '7 flows compared: 2 answers change in 1 group (changed default/api-allow-from-frontend)',
  '',
  'ingress to default/apiserver: now allowed by api-allow-from-frontend ingress[0] (2):',
  '    from                     to                           before   after',
  '    frontend/other-frontend  pod/default/apiserver:80     blocked  allowed',
  '    frontend/other-frontend  svc-ip/default/apiserver:80  blocked  allowed',
];

describe('cli: netpol-harness diff', () => {
  it('two folders over the pods of a scenario: the changed cells by policy and rule, exit 1, Markdown and HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nph-diff-'));
    const r = await cli(
      'diff',
      `${diffData}/before`,
      `${diffData}/after`,
      '--world',
      captured,
      '--markdown',
      join(dir, 'd.md'),
      '--html',
      join(dir, 'd.html'),
    );
    expect(r.code).to.equal(1);
    expect(r.out).to.equal(
      [
        'diff: before src/cli/testdata/diff/before over the pods of src/capture/testdata/np02-captured.yaml',
        '      after  src/cli/testdata/diff/after',
        ...DIFF_TABLE,
      ].join('\n'),
    );
    expect(readFileSync(join(dir, 'd.md'), 'utf8')).to.equal(
      [
        '# NetworkPolicy diff',
        '',
        '- before: `src/cli/testdata/diff/before over the pods of src/capture/testdata/np02-captured.yaml`',
        '- after: `src/cli/testdata/diff/after`',
        '',
        '7 flows compared: 2 answers change in 1 group (changed default/api-allow-from-frontend)',
        '',
        '## ingress to default/apiserver: now allowed by api-allow-from-frontend ingress[0] (2)',
        '',
        '| from | to | before | after |',
        '|---|---|---|---|',
        '| frontend/other-frontend | `pod/default/apiserver:80` | blocked | **allowed** |',
        '| frontend/other-frontend | `svc-ip/default/apiserver:80` | blocked | **allowed** |',
        '',
      ].join('\n'),
    );
    const html = readFileSync(join(dir, 'd.html'), 'utf8');
    expect(html).to.match(/^<!doctype html>\n/);
    expect(html).not.to.match(/<script|<link|src=|https?:/);
    expect(html).to.include(
      '<h2>ingress to default/apiserver: now allowed by api-allow-from-frontend ingress[0] (2)</h2>',
    );
    expect(html).to.include(
      '<tr><td>frontend/other-frontend</td><td><code>pod/default/apiserver:80</code></td><td class="blocked">blocked</td><td class="allowed"><strong>allowed</strong></td></tr>',
    );
  });

  it('a scenario and a folder of changes: the changes applied over what is in force', async () => {
    const r = await cli('diff', captured, `${diffData}/after/api-allow-from-frontend.yaml`);
    expect(r.code).to.equal(1);
    expect(r.out).to.equal(
      [
        'diff: before src/capture/testdata/np02-captured.yaml, step 2/2 "apply the captured policies"',
        '      after  the same with src/cli/testdata/diff/after/api-allow-from-frontend.yaml applied',
        ...DIFF_TABLE,
      ].join('\n'),
    );
  });

  it('exits 0 when no answer changes; a removed policy closes what it allowed', async () => {
    const same = await cli('diff', captured, `${diffData}/before`);
    expect(same.code).to.equal(0);
    expect(same.out.split('\n')[2]).to.equal('7 flows compared: no answer changes (no policy differs)');
    const removed = await cli(
      'diff',
      `${diffData}/before`,
      `${diffData}/after/api-allow-same-namespace.yaml`,
      '--world',
      captured,
    );
    expect(removed.code).to.equal(1);
    expect(removed.out.split('\n').slice(2)).to.deep.equal([
      '7 flows compared: 2 answers change in 1 group (removed default/api-allow-from-frontend)',
      '',
      'ingress to default/apiserver: no longer allowed by api-allow-from-frontend ingress[0] (isolated by api-allow-same-namespace) (2):',
      '    from                         to                           before   after',
      '    frontend/bookstore-frontend  pod/default/apiserver:80     allowed  blocked',
      '    frontend/bookstore-frontend  svc-ip/default/apiserver:80  allowed  blocked',
    ]);
    const none = await cli(
      'diff',
      `${diffData}/before`,
      `${diffData}/empty-folder-that-is-missing`,
      '--world',
      captured,
    );
    expect(none.code).to.equal(2);
  });

  it('exits 2 on a manifest the API server would reject, naming file, line and field', async () => {
    const r = await cli('diff', captured, `${diffData}/bad`);
    expect(r.code).to.equal(2);
    expect(r.err).to.equal(
      [
        'error: src/cli/testdata/diff/bad/broken.yaml:9:11: spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
        '1 problem in the input; nothing was run',
      ].join('\n'),
    );
    const dir = mkdtempSync(join(tmpdir(), 'nph-stray-'));
    writeFileSync(
      join(dir, 'p.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n',
    );
    const stray = await cli('diff', captured, dir, '--default-namespace', 'shop');
    expect(stray.code).to.equal(2);
    expect(stray.err).to.equal(
      `error: argument PATHS: invalid value "shop/deny": is in a namespace the pods' side lacks (it has default, frontend, kube-system); set metadata.namespace or --default-namespace`,
    );
    const noWorld = await cli('diff', `${diffData}/before`, `${diffData}/after`);
    expect(noWorld.code).to.equal(2);
    expect(noWorld.err).to.equal(
      'error: option --world: invalid value "": src/cli/testdata/diff/before is not a scenario: give --world SCENARIO for the pods, services and namespaces',
    );
  });
});
