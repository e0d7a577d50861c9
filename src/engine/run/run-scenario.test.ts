import { expect } from 'chai';
import type { ExecResult, PodInfo } from '../../kube/types.js';
import type { ProbeResult, ProbeRunner } from '../../probe/types.js';
import { parseScenario } from '../../scenario/parse.js';
import { PreflightGate } from '../preflight/preflight-gate.js';
import { runScenarioLive, SESSION_STABILIZE } from './run-scenario.js';
import { context, TinyCluster, type Manifest } from '../../testing/tiny-cluster.js';
import { VirtualClock } from '../../testing/virtual-clock.js';
import type { Clock } from '../stabilize/stabilize.js';

/** Enforces api-allow the way the document says: only app=bookstore reaches the API. */
function bookstore(cluster: TinyCluster, from: PodInfo, command: string[]): Partial<ExecResult> {
  const isolated = cluster.policies.size > 0 && from.labels.app !== 'bookstore';
  if (isolated)
    return command[0] === 'nc'
      ? { exitCode: 1, stderr: 'nc: connect to 10.96.0.20 port 80 (tcp) timed out: Operation now in progress\n' }
      : { exitCode: 1, stderr: 'wget: download timed out\n' };
  return command[0] === 'nc'
    ? { stderr: 'Connection to 10.96.0.20 80 port [tcp/http] succeeded!\n' }
    : { stdout: '<!DOCTYPE html>\n<html><head>\n' };
}

const NP02 = `apiVersion: netpol-harness/v1
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
  - name: test-frontend
    image: alpine
    labels: { app: bookstore, role: frontend }
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
  - name: baseline (no policy)
    derived: true
    expect:
      - test-unlabelled -> http://apiserver allowed ~"<!DOCTYPE html>"
      - test-frontend -> http://apiserver allowed ~"<!DOCTYPE html>"
  - name: apply api-allow
    section: "Task 3: Test Blocked Traffic"
    apply: [api-allow]
    expect:
      - test-unlabelled -> http://apiserver blocked
      - test-frontend -> http://apiserver allowed ~"<!DOCTYPE html>"
      - test-unlabelled -> apiserver:80 nc blocked @derived
      - test-frontend -> pod/apiserver:80 allowed wget @derived
`;

describe('runScenarioLive: the preflight alongside', () => {
  const scenario = parseScenario('np02.yaml', NP02, () => undefined);
  /** The cluster's network, counting the probes it is sent. */
  const counting = () => {
    const sent: string[] = [];
    const network = (cluster: TinyCluster, from: PodInfo, command: string[]) => {
      sent.push(`${from.name}: ${command.join(' ')}`);
      return bookstore(cluster, from, command);
    };
    return { sent, network };
  };

  it('sets up while the preflight runs, and sends no probe before it has passed', async () => {
    const { sent, network } = counting();
    const cluster = new TinyCluster(network);
    let pass: (passed: boolean) => void = () => undefined;
    const preflight = new PreflightGate(new Promise<boolean>((resolve) => (pass = resolve)));
    const running = runScenarioLive(scenario, { ...context(cluster), preflight });
    for (let i = 0; i < 50 && cluster.pods.size < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(cluster.pods.size).to.equal(3);
    expect(sent).to.deep.equal([]);
    pass(true);
    const run = await running;
    expect(run.error).to.equal(undefined);
    expect(sent.length).to.be.greaterThan(0);
    expect(run.records.map((r) => r.verdict.verdict)).to.deep.equal(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('stops before its first probe when the preflight fails, saying so in the run only', async () => {
    const { sent, network } = counting();
    const cluster = new TinyCluster(network);
    const said: string[] = [];
    const run = await runScenarioLive(scenario, {
      ...context(cluster),
      preflight: new PreflightGate(Promise.resolve(false)),
      progress: (line) => said.push(line),
    });
    expect(run.error).to.equal('not probed: the preflight failed');
    expect(run.records).to.deep.equal([]);
    expect(sent).to.deep.equal([]);
    expect(said.filter((l) => l.includes('failed'))).to.deep.equal([]);
  });

  it('is not set up at all once the preflight has failed', async () => {
    const cluster = new TinyCluster(bookstore);
    const preflight = new PreflightGate(Promise.resolve(false));
    await preflight.passed();
    const run = await runScenarioLive(scenario, { ...context(cluster), preflight });
    expect(run.error).to.equal('not probed: the preflight failed');
    expect(cluster.log).to.deep.equal([]);
  });
});

describe('runScenarioLive', () => {
  const scenario = parseScenario('np02.yaml', NP02, () => undefined);

  it('runs NP-02 in its own namespace: baseline, policy, document/model/live agree', async () => {
    const cluster = new TinyCluster(bookstore);
    const run = await runScenarioLive(scenario, context(cluster));
    expect(run.error).to.equal(undefined);
    expect(run.namespaces).to.deep.equal([{ logical: 'default', real: 'np02-limit-traffic-r1-default' }]);
    expect(cluster.log).to.include.members([
      'namespace np02-limit-traffic-r1-default',
      'apply networkpolicy np02-limit-traffic-r1-default/api-allow',
    ]);
    expect(
      run.records.map((r) => `${r.step} | ${r.from} -> ${r.to} ${r.tool}: ${r.live.outcome} ${r.verdict.verdict}`),
    ).to.deep.equal([
      'baseline (no policy) | test-unlabelled -> http://apiserver wget: allowed pass',
      'baseline (no policy) | test-frontend -> http://apiserver wget: allowed pass',
      'apply api-allow | test-unlabelled -> http://apiserver wget: blocked pass',
      'apply api-allow | test-frontend -> http://apiserver wget: allowed pass',
      'apply api-allow | test-unlabelled -> apiserver:80 nc: blocked pass',
      'apply api-allow | test-frontend -> pod/apiserver:80 wget: allowed pass',
    ]);
    const blocked = run.records[2]!;
    expect(blocked.live.result?.repro).to.equal(
      'kubectl exec -n np02-limit-traffic-r1-default test-unlabelled -c test-unlabelled -- wget -qO- -T 2 http://apiserver:80/',
    );
    expect(blocked.live.baseline).to.equal('allowed');
    expect(run.steps[1]?.changes.map((c) => [c.action, c.name, c.result.accepted])).to.deep.equal([
      ['apply', 'api-allow', true],
    ]);
  });

  it('calls a live result that contradicts spec and document an enforcement mismatch', async () => {
    const cluster = new TinyCluster((_c, _f, command) =>
      command[0] === 'nc'
        ? { stderr: 'Connection to x 80 port [tcp/http] succeeded!\n' }
        : { stdout: '<!DOCTYPE html>' },
    );
    const run = await runScenarioLive(scenario, context(cluster));
    expect(run.records[2]?.verdict).to.deep.equal({
      verdict: 'enforcement-mismatch',
      reason: 'the spec says blocked, the cluster did allowed',
    });
  });

  it('keeps when the probes behind each record ran: the baseline, then the step', async () => {
    let t = 0;
    const ticking: Clock = { nowMs: () => (t += 1000), waitMs: async () => undefined };
    const run = await runScenarioLive(scenario, { ...context(new TinyCluster(bookstore)), clock: ticking });
    const [first, , third] = run.records;
    expect(first?.live.observedMs).to.have.length(1);
    expect(third?.live.observedMs).to.have.length(2);
    const [baseline, step] = third?.live.observedMs ?? [];
    expect(first?.live.observedMs[0]).to.deep.equal(baseline);
    expect(baseline!.fromMs).to.be.below(baseline!.toMs);
    expect(step!.fromMs).to.be.above(baseline!.toMs);
    expect(step!.fromMs).to.be.below(step!.toMs);
  });

  it('probes a step while its policy is being sent, so probes that still see the old state bound the enforcement from below', async () => {
    const clock = new VirtualClock();
    const cluster = new TinyCluster(bookstore);
    const apply = cluster.applyNetworkPolicy.bind(cluster);
    // the API call takes a second; the policy is in force once it returns
    cluster.applyNetworkPolicy = async (namespace, manifest) => {
      await clock.waitMs(1000);
      return apply(namespace, manifest);
    };
    const sent: number[] = [];
    const runner: ProbeRunner = {
      kind: 'cluster',
      run: async (jobs, started) =>
        Promise.all(
          jobs.map(async (j, i): Promise<ProbeResult> => {
            started?.(i);
            const startMs = clock.nowMs();
            sent.push(startMs);
            const from = cluster.pods.get(`${j.from.namespace}/${j.from.pod}`) as PodInfo;
            const blocked = cluster.policies.size > 0 && from.labels.app !== 'bookstore';
            const toolMs = blocked ? 2000 : 20;
            await clock.waitMs(toolMs);
            const body = j.tool === 'wget' ? '<!DOCTYPE html>' : '';
            return {
              outcome: blocked ? 'blocked' : 'allowed',
              detail: '',
              command: [],
              output: blocked ? '' : body,
              attempts: 1,
              durationMs: clock.nowMs() - startMs,
              toolMs,
              repro: '',
            };
          }),
        ),
    };
    const run = await clock.drive(
      runScenarioLive(scenario, {
        ...context(cluster),
        runner,
        clock,
        options: { ...context(cluster).options, stabilize: SESSION_STABILIZE },
      }),
    );
    expect(run.error).to.equal(undefined);
    const step = run.steps[1];
    expect(step?.enforcement?.lowerMs).to.be.at.least(750);
    expect(step?.enforcement?.upperMs).to.be.at.most(1250);
    expect(run.records.map((r) => r.verdict.verdict)).to.deep.equal(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('records a setup failure on the run instead of throwing', async () => {
    const cluster = new TinyCluster(bookstore);
    cluster.createNamespace = async (name) => {
      throw new Error(`unable to create namespace ${name}: forbidden`);
    };
    const run = await runScenarioLive(scenario, context(cluster));
    expect(run.error).to.equal('unable to create namespace np02-limit-traffic-r1-default: forbidden');
    expect(run.records).to.deep.equal([]);
  });
});

/** api-allow, then a new version of it under the same name that admits nobody. */
const REPLACE = NP02.replace('name: np02-limit-traffic\n', 'name: np02-replace\n').replace(
  /steps:\n[\s\S]*$/,
  `  - id: api-allow-v2
    manifest: |
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata:
        name: api-allow
      spec:
        podSelector:
          matchLabels: { app: bookstore, role: api }
steps:
  - name: baseline (no policy)
    derived: true
    expect:
      - test-frontend -> http://apiserver allowed
  - name: apply api-allow
    derived: true
    apply: [api-allow]
    expect:
      - test-frontend -> http://apiserver allowed
  - name: replace api-allow by its v2
    derived: true
    apply: [api-allow-v2]
    expect:
      - test-frontend -> http://apiserver blocked
      - test-unlabelled -> http://apiserver blocked
`,
);

/** Enforces whatever version of api-allow is in force: v1 admits app=bookstore, v2 nobody. */
function byVersion(cluster: TinyCluster, from: PodInfo): Partial<ExecResult> {
  const policy = [...cluster.policies.values()][0] as (Manifest & { spec: { ingress?: unknown } }) | undefined;
  const admitted = !policy || (policy.spec.ingress !== undefined && from.labels.app === 'bookstore');
  return admitted ? { stdout: '<!DOCTYPE html>' } : { exitCode: 1, stderr: 'wget: download timed out\n' };
}

describe('runScenarioLive: apply is kubectl apply', () => {
  const scenario = parseScenario('replace.yaml', REPLACE, () => undefined);
  const lines = (
    records: { step: string; from: string; live: { outcome: string }; verdict: { verdict: string; reason: string } }[],
  ) => records.map((r) => `${r.step} | ${r.from}: ${r.live.outcome} ${r.verdict.verdict}`);

  it('replaces a policy by name in the cluster as in the model', async () => {
    const run = await runScenarioLive(scenario, context(new TinyCluster(byVersion)));
    expect(
      run.steps.map((s) =>
        s.changes.map((c) => `${c.policyId} ${c.name} ${c.result.accepted ? c.result.operation : 'rejected'}`),
      ),
    ).to.deep.equal([[], ['api-allow api-allow created'], ['api-allow-v2 api-allow configured']]);
    expect(lines(run.records)).to.deep.equal([
      'baseline (no policy) | test-frontend: allowed pass',
      'apply api-allow | test-frontend: allowed pass',
      'replace api-allow by its v2 | test-frontend: blocked pass',
      'replace api-allow by its v2 | test-unlabelled: blocked pass',
    ]);
  });

  it('never blames the CNI when the API server refuses a version the model takes: inconclusive, with why', async () => {
    const message = 'NetworkPolicy.networking.k8s.io "api-allow" is invalid: simulated';
    const cluster = new TinyCluster(byVersion, (m) =>
      (m.spec as { ingress?: unknown }).ingress === undefined
        ? { accepted: false, status: 422, message }
        : { accepted: true },
    );
    const run = await runScenarioLive(scenario, context(cluster));
    expect(run.steps[2]?.changes[0]?.modelDiffers).to.equal(
      "the API server rejected api-allow; the model's validator accepts it",
    );
    const reason =
      "the cluster and the model hold different policies here (policy api-allow (api-allow-v2): the API server rejected api-allow; the model's validator accepts it), so the model's answer says nothing about the cluster's enforcement";
    expect(
      run.records.slice(2).map((r) => [r.from, r.live.outcome, r.verdict.verdict, r.verdict.reason]),
    ).to.deep.equal([
      ['test-frontend', 'allowed', 'inconclusive', reason],
      ['test-unlabelled', 'blocked', 'inconclusive', reason],
    ]);
  });
});

/** Client c may reach web by its IP alone: a pod's address in the policy, written in live. */
const BY_ADDRESS = `apiVersion: netpol-harness/v1
kind: Scenario
name: by-address
source: { file: doc.txt, section: Intro }
workloads:
  - { name: web, image: nginx, labels: { app: web }, ports: [{ containerPort: 80 }] }
  - { name: db, image: nginx, labels: { app: db }, ports: [{ containerPort: 80 }] }
clients:
  - { name: c, image: alpine, labels: { app: c } }
policies:
  - id: c-to-web
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: c-to-web
      spec:
        podSelector: { matchLabels: { app: c } }
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
                  cidr: \${podIP:default/web}/32
steps:
  - name: apply c-to-web
    derived: true
    apply: [c-to-web]
    expect:
      - c -> pod/web:80 allowed
      - c -> pod/db:80 blocked
`;

/** Enforces the one egress ipBlock in force as written (a /32): only its address is reached. */
function byIpBlock(cluster: TinyCluster, _from: PodInfo, command: string[]): Partial<ExecResult> {
  const policy = [...cluster.policies.values()][0] as
    (Manifest & { spec: { egress: { to: { ipBlock: { cidr: string } }[] }[] } }) | undefined;
  const allowed = policy?.spec.egress[0]?.to[0]?.ipBlock.cidr.replace(/\/32$/, '');
  const host = command.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
  return !policy || host === allowed
    ? { stderr: `Connection to ${host} 80 port [tcp/http] succeeded!\n` }
    : { exitCode: 1, stderr: `nc: connect to ${host} port 80 (tcp) timed out: Operation now in progress\n` };
}

describe("runScenarioLive: a pod's address in a policy", () => {
  it("is written in with the pod's IP before the policy is sent, and the model decides with the same IP", async () => {
    const cluster = new TinyCluster(byIpBlock);
    const run = await runScenarioLive(
      parseScenario('by-address.yaml', BY_ADDRESS, () => undefined),
      context(cluster),
    );
    expect(run.error).to.equal(undefined);
    const web = cluster.pods.get('by-address-r1-default/web')?.ip;
    const sent = [...cluster.policies.values()][0] as Manifest & { spec: { egress: { to: { ipBlock: unknown }[] }[] } };
    expect(sent.spec.egress[0]?.to[0]?.ipBlock).to.deep.equal({ cidr: `${web}/32` });
    expect(run.steps[0]?.changes[0]?.podAddresses).to.deep.equal([
      `egress[0].to[0].ipBlock.cidr: \${podIP:default/web}/32 → ${web}/32`,
    ]);
    expect(run.records.map((r) => `${r.to}: ${r.live.outcome} ${r.model.outcome} ${r.verdict.verdict}`)).to.deep.equal([
      'pod/web:80: allowed allowed pass',
      'pod/db:80: blocked blocked pass',
    ]);
    expect(run.records[0]?.model.explanation).to.include(
      `egress from default/c: isolated by c-to-web; allowed by c-to-web egress[0] (${web} is in ipBlock ${web}/32)`,
    );
  });
});
