import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadKubeConfig } from './kubeconfig.js';
import { BoundedKubeConfig } from './request-deadline.js';

describe('loadKubeConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nph-kubeconfig-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A kubeconfig file with one cluster, user and context of `name`, `current` its current context. */
  function write(file: string, name: string, server: string, current = name, user = `u-${name}`): string {
    const path = join(dir, file);
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{ name: ${name}, cluster: { server: "${server}", certificate-authority: ca.pem } }]`,
        `users: [{ name: ${user}, user: { token: t-${file} } }]`,
        `contexts: [{ name: ${name}, context: { cluster: ${name}, user: ${user} } }]`,
        `current-context: "${current}"`,
        '',
      ].join('\n'),
    );
    return path;
  }

  it("merges $KUBECONFIG's files as kubectl does: missing files skipped, the first to set a value wins", () => {
    const a = write('a', 'one', 'https://a.example:6443', 'two');
    const b = write('b', 'two', 'https://b.example:6443', 'two', 'u-one');
    const c = write('c', 'one', 'https://c.example:6443');
    const kc = loadKubeConfig({}, { KUBECONFIG: [join(dir, 'missing'), a, '', b, c].join(':') });
    expect(kc).to.be.instanceOf(BoundedKubeConfig);
    // current-context from a, the first file that sets it; cluster "one" from a, not c.
    expect(kc.getCurrentContext()).to.equal('two');
    expect(kc.getCurrentCluster()?.server).to.equal('https://b.example:6443');
    expect(kc.getCluster('one')?.server).to.equal('https://a.example:6443');
    // User u-one is a's whole entry: b's entry of the same name is dropped.
    expect(kc.getUser('u-one')?.token).to.equal('t-a');
    // Relative paths are relative to the file that holds them.
    expect(kc.getCluster('two')?.caFile).to.equal(join(dir, 'ca.pem'));
  });

  it('the context of --context wins over current-context, and an unknown one is named', () => {
    const a = write('a', 'one', 'https://a.example:6443');
    const b = write('b', 'two', 'https://b.example:6443');
    const env = { KUBECONFIG: `${a}:${b}` };
    expect(loadKubeConfig({ context: 'two' }, env).getCurrentCluster()?.server).to.equal('https://b.example:6443');
    expect(() => loadKubeConfig({ context: 'three' }, env)).to.throw(
      'no context "three" in the kubeconfig (known: one, two)',
    );
  });

  it('an explicit file must exist; $KUBECONFIG naming only missing files finds none', () => {
    expect(() => loadKubeConfig({ kubeconfigPath: join(dir, 'nope') }, {})).to.throw(
      `unable to read kubeconfig ${join(dir, 'nope')}: no such file or directory`,
    );
    expect(() => loadKubeConfig({}, { KUBECONFIG: `${join(dir, 'x')}:${join(dir, 'y')}` })).to.throw(
      `no kubeconfig found (looked at ${join(dir, 'x')}, ${join(dir, 'y')})`,
    );
  });

  it('names a file that is not a kubeconfig', () => {
    const bad = join(dir, 'bad');
    writeFileSync(bad, 'clusters: [{ name: x }]\n');
    expect(() => loadKubeConfig({}, { KUBECONFIG: bad })).to.throw(`unable to read kubeconfig ${bad}: `);
  });
});
