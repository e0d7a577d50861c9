import { expect } from 'chai';
import createDebug from 'debug';
import { format } from 'node:util';
import { applyStepChanges } from './engine/steps/changes.js';
import { parseScenario } from './scenario/parse.js';
import { FakeKubeClient } from './testing/fake-kube.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: debug-lines
source: { file: a.txt, section: S }
workloads:
  - { name: web, image: nginx, labels: { app: web } }
policies:
  - id: deny
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: deny }
      spec: { podSelector: {} }
steps:
  - name: deny
    derived: true
    apply: [deny]
    label: [{ pod: web, labels: { app: db } }]
`;

/** The debug lines written while `run` runs with `namespaces` enabled (as DEBUG would), caught instead of printed. */
async function debugLines(namespaces: string, run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const before = { enabled: createDebug.disable(), log: createDebug.log };
  createDebug.log = (...args: unknown[]) => void lines.push(format(...args));
  createDebug.enable(namespaces);
  try {
    await run();
  } finally {
    createDebug.log = before.log;
    createDebug.enable(before.enabled);
  }
  return lines;
}

describe('debug logging (DEBUG=netpol-harness:*)', () => {
  const scenario = parseScenario('s.yaml', SCENARIO, () => undefined);
  const step = scenario.steps[0];
  const kube = async () => {
    const k = new FakeKubeClient();
    await k.createNamespace('nph-1-default', {});
    await k.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'nph-1-default' } });
    return k;
  };
  const apply = (k: FakeKubeClient) =>
    applyStepChanges(k, step!, scenario.policies, new Map(), new Map([['default', 'nph-1-default']]), 'run1', []);

  it('says which policies the engine applies and which labels it changes, under netpol-harness:policy', async () => {
    const lines = await debugLines('netpol-harness:*', async () => apply(await kube()));
    expect(
      lines.some((l) => l.includes('netpol-harness:policy') && l.includes('apply nph-1-default/deny (deny): accepted')),
      lines.join('\n'),
    ).to.equal(true);
    expect(
      lines.some((l) => l.includes('label pod default/web app=db')),
      lines.join('\n'),
    ).to.equal(true);
  });

  it('is off unless DEBUG names the area', async () => {
    expect(await debugLines('', async () => apply(await kube()))).to.deep.equal([]);
    expect(await debugLines('netpol-harness:probe', async () => apply(await kube()))).to.deep.equal([]);
  });
});
