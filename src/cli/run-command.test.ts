import { expect } from 'chai';
import { FakeKubeClient } from '../kube/fake.js';
import { parseScenario } from '../scenario/parse.js';
import type { Io } from './program.js';
import { reportRuns, runLive, type RunOptions } from './run-command.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: np02-limit-traffic
title: Limit traffic to an application (api-allow)
source: { file: 001_5f6841d6eea2b153.txt, section: Requirements }
workloads:
  - name: apiserver
    image: nginx
    labels: { app: bookstore, role: api }
    ports: [{ containerPort: 80 }]
clients:
  - name: test-unlabelled
    image: alpine
services:
  - name: apiserver
    selector: { app: bookstore, role: api }
    ports: [{ port: 80, targetPort: 80 }]
policies:
  - id: api-allow
    manifest: |
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata:
        name: api-allow
      spec:
        podSelector:
          matchLabels: { app: bookstore, role: api }
        ingress:
        - from:
            - podSelector:
                matchLabels: { app: bookstore }
steps:
  - name: baseline
    derived: true
    expect:
      - test-unlabelled -> http://apiserver allowed
  - name: apply api-allow
    section: "Task 3: Test Blocked Traffic"
    apply: [api-allow]
    expect:
      - test-unlabelled -> http://apiserver blocked
`;

function capture(): Io & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { outLines, errLines, out: (s) => outLines.push(s), err: (s) => errLines.push(s), colorOut: false };
}

const opts: RunOptions = { concurrency: 2, parallel: 2, timeout: 2, color: false, probeMode: 'session' };
const fast = { stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 }, podPollIntervalMs: 0, podReadyTimeoutSeconds: 1 };

describe('run: live report and exit codes', () => {
  const scenario = parseScenario('np02.yaml', SCENARIO, () => undefined);

  it('explains an enforcement mismatch with the repro line, exits 1, and cleans up', async () => {
    const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
    const io = capture();
    const { runs, runId, durationMs } = await runLive([scenario], kube, opts, io, fast);
    const code = reportRuns(runs, runId, durationMs, opts, io);
    expect(code).to.equal(1);
    const out = io.outLines.join('\n');
    expect(out).to.include(`✗ enforcement-mismatch: test-unlabelled → http://apiserver (wget, 80/TCP): the spec says blocked, the cluster did allowed`);
    expect(out).to.include(`repro: kubectl exec -n np02-limit-traffic-${runId}-0-default test-unlabelled -c test-unlabelled -- wget -qO- -T 2 http://apiserver:80/`);
    expect(out).to.include(`namespaces: default → np02-limit-traffic-${runId}-0-default`);
    expect(out).to.match(/summary: 1 scenarios, 2 expectations \(2 probed live\): 1 pass, 0 document-defect, 1 enforcement-mismatch/);
    expect(kube.namespaces.size).to.equal(0);
    expect(io.errLines).to.include(`cleaned up 1 namespaces of run ${runId}-0`);
  });

  it('exits 0 when document, model and cluster agree; --retain keeps the namespaces', async () => {
    const kube = new FakeKubeClient({
      exec: (_call, fake) => (fake.policies.size ? { exitCode: 1, stderr: 'wget: download timed out\n' } : { stdout: '<!DOCTYPE html>' }),
    });
    const io = capture();
    const retained = { ...opts, retain: true };
    const { runs, runId, durationMs } = await runLive([scenario], kube, retained, io, fast);
    expect(reportRuns(runs, runId, durationMs, retained, io)).to.equal(0);
    expect([...kube.namespaces.keys()]).to.deep.equal([`np02-limit-traffic-${runId}-0-default`]);
  });

  it('exits 3 when a scenario cannot be set up', async () => {
    const kube = new FakeKubeClient();
    kube.createNamespace = async (name) => {
      throw new Error(`unable to create namespace ${name}: connection refused`);
    };
    const io = capture();
    const { runs, runId, durationMs } = await runLive([scenario], kube, opts, io, fast);
    expect(reportRuns(runs, runId, durationMs, opts, io)).to.equal(3);
    expect(io.outLines.join('\n')).to.include(`could not run: unable to create namespace np02-limit-traffic-${runId}-0-default: connection refused`);
  });
});

describe('run --cni', () => {
  it('picks the kind cluster of that CNI, and refuses it beside --context or --kubeconfig', async () => {
    const { chooseDriver } = await import('./run-command.js');
    const { FlagError } = await import('./program.js');
    expect(chooseDriver({ cni: 'kube-router' }).describe()).to.match(/^kind cluster "netpol-harness-kube-router" \(1 node, kube-router v2\.1\.0 network policy, bridge CNI\)$/);
    expect(() => chooseDriver({ cni: 'kube-router', context: 'kind-netpol-harness' })).to.throw(FlagError, 'option --cni: invalid value "kube-router"');
    expect(() => chooseDriver({ cni: 'calico', kubeconfig: '/tmp/k' })).to.throw(FlagError);
  });
});
