import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, type Problem } from '../problems.js';
import { loadScenarios } from './load.js';

const WORLD = `apiVersion: netpol-harness/v1
kind: World
name: small
namespaces:
  - name: x
    labels: { team: blue }
workloads:
  - name: server
    namespace: x
    image: nginx
    labels: { app: server }
    ports: [{ containerPort: 80 }]
  - name: client
    namespace: x
    image: nginx
    labels: { app: client }
services:
  - name: server
    namespace: x
    selector: { app: server }
    ports: [{ port: 80 }]
`;

const scenario = (name: string, extra = '') => `apiVersion: netpol-harness/v1
kind: Scenario
name: ${name}
source: { file: f.txt, section: s }
world: worlds/small.yaml
${extra}steps:
  - name: baseline
    derived: true
    expect:
      - x/client -> svc-ip/x/server:80 nc allowed
`;

/** A corpus folder: files by relative path. */
function corpus(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nph-world-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function problemsOf(dir: string): Problem[] {
  try {
    loadScenarios([dir]);
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error('expected problems');
}

describe('scenario: world files (world:)', () => {
  it("takes the world file's namespaces, pods and services, and does not read worlds/ as scenarios", () => {
    const dir = corpus({ 'a.yaml': scenario('a'), 'b.yaml': scenario('b'), 'worlds/small.yaml': WORLD });
    const [a, b] = loadScenarios([dir]);
    expect(a?.world).to.match(/worlds\/small\.yaml$/);
    expect(a?.pods.map((p) => `${p.namespace}/${p.name}`)).to.deep.equal(['x/server', 'x/client']);
    expect(a?.namespaces.map((n) => n.labels)).to.deep.equal([{ team: 'blue', 'kubernetes.io/metadata.name': 'x' }]);
    expect(a?.services.map((s) => s.name)).to.deep.equal(['server']);
    expect(b?.pods).to.deep.equal(a?.pods);
  });

  it('reports a problem of the world file in the world file, at its line', () => {
    const broken = WORLD.replace('containerPort: 80', 'containerPort: 80000');
    const dir = corpus({ 'a.yaml': scenario('a'), 'worlds/small.yaml': broken });
    const [p] = problemsOf(dir);
    expect(p?.file).to.match(/worlds\/small\.yaml$/);
    expect(p?.line).to.equal(12);
    expect(p?.path).to.equal('workloads[0].ports[0].containerPort');
  });

  it("reports a rule between parts that the world's pods break where the pod is written", () => {
    const noNamespace = WORLD.replace('namespaces:\n  - name: x\n    labels: { team: blue }\n', '');
    const dir = corpus({ 'a.yaml': scenario('a'), 'worlds/small.yaml': noNamespace });
    const problems = problemsOf(dir);
    expect(problems.some((p) => /worlds\/small\.yaml$/.test(p.file) && /namespace/.test(p.message))).to.equal(true);
  });

  it('refuses a scenario that names a world and declares pods of its own', () => {
    const own = 'workloads:\n  - { name: extra, namespace: x, image: nginx }\n';
    const dir = corpus({ 'a.yaml': scenario('a', own), 'worlds/small.yaml': WORLD });
    const [p] = problemsOf(dir);
    expect(p?.file).to.match(/a\.yaml$/);
    expect(p?.line).to.equal(7);
    expect(p?.message).to.match(
      /names a world file \(world: worlds\/small\.yaml\).*declare them there, not here \(workloads\)/,
    );
  });

  it('says when the world file cannot be read, at the world: line', () => {
    const dir = corpus({ 'a.yaml': scenario('a') });
    const [p] = problemsOf(dir);
    expect(p?.file).to.match(/a\.yaml$/);
    expect(p?.line).to.equal(5);
    expect(p?.path).to.equal('world');
    expect(p?.message).to.match(/^world file "worlds\/small\.yaml" is not usable: .*worlds\/small\.yaml: /);
  });

  it('refuses a scenario file named as a world, in the named file', () => {
    const dir = corpus({ 'a.yaml': scenario('a'), 'worlds/small.yaml': scenario('w') });
    const problems = problemsOf(dir);
    expect(problems[0]?.file).to.match(/worlds\/small\.yaml$/);
    expect(problems.map((p) => p.path)).to.include('kind');
  });
});
