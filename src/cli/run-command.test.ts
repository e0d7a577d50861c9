import { expect } from 'chai';
import { addCalicoNode } from '../testing/kind-with-calico.js';
import { noInterrupts, runInSession } from '../testing/live-session.js';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { parseScenario } from '../scenario/parse.js';
import type { Io } from './program.js';
import { preflightPasses } from '../live/preflight.js';
import { reportRuns, runWithPreflight, type RunOptions } from './run-command.js';

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
const fast = {
  stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
  podPollIntervalMs: 0,
  podReadyTimeoutSeconds: 1,
};

describe('run: live report and exit codes', () => {
  const scenario = parseScenario('np02.yaml', SCENARIO, () => undefined);

  it('explains an enforcement mismatch with the repro line, exits 1, and cleans up', async () => {
    const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
    const io = capture();
    const { runs, runId, durationMs } = await runInSession([scenario], kube, opts, io.err, fast);
    const code = reportRuns({ runs, runId, durationMs }, opts, io);
    expect(code).to.equal(1);
    const out = io.outLines.join('\n');
    expect(out).to.include(
      `✗ enforcement-mismatch: test-unlabelled → http://apiserver (wget, 80/TCP): the spec says blocked, the cluster did allowed`,
    );
    expect(out).to.include(
      `repro: kubectl exec -n np02-limit-traffic-${runId}-0-default test-unlabelled -c test-unlabelled -- wget -qO- -T 2 http://apiserver:80/`,
    );
    expect(out).to.include(`namespaces: default → np02-limit-traffic-${runId}-0-default`);
    expect(out).to.match(
      /summary: 1 scenarios, 2 expectations \(2 probed live\): 1 pass, 0 document-defect, 0 derived-contradiction, 1 enforcement-mismatch/,
    );
    expect(kube.namespaces.size).to.equal(0);
    expect(io.errLines).to.include(`cleaned up 1 namespaces of run ${runId}-0`);
  });

  it('exits 0 when document, model and cluster agree; --retain keeps the namespaces', async () => {
    const kube = new FakeKubeClient({
      exec: (_call, fake) =>
        fake.policies.size ? { exitCode: 1, stderr: 'wget: download timed out\n' } : { stdout: '<!DOCTYPE html>' },
    });
    const io = capture();
    const retained = { ...opts, retain: true };
    const { runs, runId, durationMs } = await runInSession([scenario], kube, retained, io.err, fast);
    expect(reportRuns({ runs, runId, durationMs }, retained, io)).to.equal(0);
    expect([...kube.namespaces.keys()]).to.deep.equal([`np02-limit-traffic-${runId}-0-default`]);
  });

  it('exits 3 when a scenario cannot be set up', async () => {
    const kube = new FakeKubeClient();
    kube.createNamespace = async (name) => {
      throw new Error(`unable to create namespace ${name}: connection refused`);
    };
    const io = capture();
    const { runs, runId, durationMs } = await runInSession([scenario], kube, opts, io.err, fast);
    expect(reportRuns({ runs, runId, durationMs }, opts, io)).to.equal(3);
    expect(io.outLines.join('\n')).to.include(
      `could not run: unable to create namespace np02-limit-traffic-${runId}-0-default: connection refused`,
    );
  });

  it('exits 3 and says at the top which fault voided which verdicts when calico-node leaves mid-run', async () => {
    const kube = new FakeKubeClient({
      exec: (_call, fake) => {
        if (fake.policies.size > 0) fake.pods.delete('kube-system/calico-node-abcde');
        return { stdout: '<!DOCTYPE html>' };
      },
    });
    addCalicoNode(kube, 'fake-node');
    const io = capture();
    const { runs, runId, durationMs, environment } = await runInSession([scenario], kube, opts, io.err, fast);
    expect(reportRuns({ runs, runId, durationMs, environment }, opts, io)).to.equal(3);
    const [top, fault, watched] = io.outLines[0]?.split('\n') ?? [];
    expect(top).to.match(
      /^environment NOT healthy during the run: [12] verdicts? observed after the fault began (is|are) inconclusive, and the run exits 3$/,
    );
    expect(fault).to.match(
      /^ {2}✗ calico-node on node fake-node not ready from \d\d:\d\d:\d\d, still not ready at the end \(no calico-node pod on the node\)$/,
    );
    expect(watched).to.equal('  watched: node fake-node; calico-node (DaemonSet kube-system); times UTC');
    const out = io.outLines.join('\n');
    expect(out).not.to.include('enforcement-mismatch: test-unlabelled');
    expect(out).to.match(
      /summary: 1 scenarios, 2 expectations \(2 probed live\): [01] pass, 0 document-defect, 0 derived-contradiction, 0 enforcement-mismatch, 0 disagrees, 0 flaky, [12] inconclusive/,
    );
    expect(
      io.errLines.some((l) =>
        l.startsWith('environment: calico-node on node fake-node not ready (no calico-node pod on the node)'),
      ),
    ).to.equal(true);
  });

  it('says the environment was healthy when it was', async () => {
    const kube = new FakeKubeClient({
      exec: (_call, fake) =>
        fake.policies.size ? { exitCode: 1, stderr: 'wget: download timed out\n' } : { stdout: '<!DOCTYPE html>' },
    });
    const io = capture();
    const { runs, runId, durationMs, environment } = await runInSession([scenario], kube, opts, io.err, fast);
    expect(reportRuns({ runs, runId, durationMs, environment }, opts, io)).to.equal(0);
    expect(io.outLines[0]).to.equal(
      'environment: healthy throughout the run (watched: node fake-node; no CNI agent recognised, so its health was not watched)\n',
    );
  });
});

describe("run: the preflight's answer", () => {
  it('lets the run go on when the cluster enforces a deny policy', async () => {
    const kube = new FakeKubeClient({
      exec: (_call, fake) =>
        fake.policies.size
          ? { exitCode: 1, stderr: 'nc: connect to 10.0.0.1 port 80 (tcp) timed out: Operation now in progress\n' }
          : { stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' },
    });
    const io = capture();
    expect(await preflightPasses(kube, { timeout: 1 }, io.err, noInterrupts)).to.equal(true);
    expect(io.errLines[io.errLines.length - 1]).to.match(
      /^preflight: NetworkPolicy is enforced: client → server pod 10\.0\.0\.1:80 connected, and was blocked within \d+\.\d s of a deny-all-ingress policy selecting the server \(an upper bound: it includes the probe.s 1 s timeout\)\.$/,
    );
    expect(kube.namespaces.size).to.equal(0);
  });

  it('stops the run with one sentence when policies are not enforced', async () => {
    const kube = new FakeKubeClient({
      exec: () => ({ stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' }),
    });
    const io = capture();
    expect(await preflightPasses(kube, { timeout: 1, deadline: 1 }, io.err, noInterrupts)).to.equal(false);
    const error = io.errLines.find((l) => l.startsWith('error: '));
    expect(error).to.equal(
      'error: preflight (not-enforcing): NetworkPolicy is not enforced: pods reach each other, but client → server pod 10.0.0.1:80 still connected 1 s after a deny-all-ingress policy selected the server; the CNI does not enforce NetworkPolicy, or its policy agent is not running.',
    );
    expect(io.errLines[io.errLines.length - 1]).to.equal(
      '  hint: no probe was sent (the scenarios set up meanwhile are cleaned up as usual); `netpol-harness preflight` repeats the check, `--skip-preflight` runs anyway',
    );
  });
});

describe('run: the preflight alongside the setup', () => {
  const scenario = parseScenario('np02.yaml', SCENARIO, () => undefined);

  it('runs the scenarios once the cluster is proven to enforce, and reports them', async () => {
    const kube = new FakeKubeClient({
      exec: (call, fake) =>
        fake.policies.size
          ? call.command[0] === 'nc'
            ? { exitCode: 1, stderr: 'nc: connect to 10.0.0.1 port 80 (tcp) timed out: Operation now in progress\n' }
            : { exitCode: 1, stderr: 'wget: download timed out\n' }
          : call.command[0] === 'nc'
            ? { stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' }
            : { stdout: '<!DOCTYPE html>' },
    });
    const io = capture();
    expect(
      await runWithPreflight([scenario], { kube, description: 'a fake cluster' }, { ...opts, timeout: 1 }, io, {
        overrides: fast,
      }),
    ).to.equal(0);
    expect(io.errLines.some((l) => l.startsWith('preflight: NetworkPolicy is enforced'))).to.equal(true);
    expect(io.outLines.join('\n')).to.match(/summary: 1 scenarios, 2 expectations \(2 probed live\): 2 pass/);
    expect(kube.namespaces.size).to.equal(0);
  });

  it('exits 3 with no report when the preflight fails, and leaves nothing in the cluster', async () => {
    const kube = new FakeKubeClient({
      exec: (call) =>
        call.command[0] === 'nc'
          ? { stderr: 'Connection to 10.0.0.1 80 port [tcp/http] succeeded!\n' }
          : { stdout: '<!DOCTYPE html>' },
    });
    const io = capture();
    // The preflight reads its deadline from the flags too (1 s here, not 30 s).
    const quick = { overrides: fast, preflightDeadlineSeconds: 1 };
    expect(
      await runWithPreflight([scenario], { kube, description: 'a fake cluster' }, { ...opts, timeout: 1 }, io, quick),
    ).to.equal(3);
    expect(io.outLines).to.deep.equal([]);
    expect(
      io.errLines.some((l) => l.startsWith('error: preflight (not-enforcing): NetworkPolicy is not enforced')),
    ).to.equal(true);
    expect(io.errLines.filter((l) => l.includes('failed:'))).to.deep.equal([]);
    expect(kube.namespaces.size).to.equal(0);
    expect(kube.execCalls.every((c) => c.ref.namespace.startsWith('netpol-preflight-'))).to.equal(true);
  });
});

describe('run --cni', () => {
  it('picks the kind cluster of that CNI, and refuses it beside --context or --kubeconfig', async () => {
    const { chooseDriver } = await import('./run-command.js');
    const { FlagError } = await import('./program.js');
    expect(chooseDriver({ cni: 'kube-router' }).describe()).to.match(
      /^kind cluster "netpol-harness-kube-router" \(1 node, kube-router v2\.1\.0 network policy, bridge CNI\)$/,
    );
    expect(() => chooseDriver({ cni: 'kube-router', context: 'kind-netpol-harness' })).to.throw(
      FlagError,
      'option --cni: invalid value "kube-router"',
    );
    expect(() => chooseDriver({ cni: 'calico', kubeconfig: '/tmp/k' })).to.throw(FlagError);
  });
});
