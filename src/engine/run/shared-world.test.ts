import { expect } from 'chai';
import type { PodInfo } from '../../kube/types.js';
import { parseScenario } from '../../scenario/parse.js';
import type { Scenario } from '../../scenario/types.js';
import { context, TinyCluster } from '../../testing/tiny-cluster.js';
import { CaseQueue, runCorpusLive } from './run-corpus.js';
import { labelRestores, planWorlds, whyNotShareable, worldKey } from './shared-world.js';

/** One world (namespace x: a client and a server behind a service), and what a case does in it. */
function caseIn(name: string, steps: string, policies = ''): Scenario {
  const text = `apiVersion: netpol-harness/v1
kind: Scenario
name: ${name}
title: ${name}
source: { file: f.txt, section: s }
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
    ports: [{ containerPort: 80 }]
services:
  - name: server
    namespace: x
    selector: { app: server }
    ports: [{ port: 80, targetPort: 80 }]
${policies}steps:
${steps}`;
  return parseScenario(`${name}.yaml`, text, () => undefined);
}

const DENY = `policies:
  - id: deny
    namespace: x
    manifest: |
      kind: NetworkPolicy
      apiVersion: networking.k8s.io/v1
      metadata:
        name: deny
      spec:
        podSelector: {}
        policyTypes: [Ingress]
`;

const denies = caseIn(
  'denies',
  `  - name: baseline
    derived: true
    expect:
      - x/client -> pod/x/server:80 nc allowed
  - name: deny all ingress
    derived: true
    apply: [deny]
    label:
      - { namespace: x, labels: { team: red, extra: "1" } }
      - { pod: client, namespace: x, labels: { app: other } }
    expect:
      - x/client -> pod/x/server:80 nc blocked
`,
  DENY,
);
const allows = (name: string) =>
  caseIn(
    name,
    `  - name: baseline
    derived: true
    expect:
      - x/client -> pod/x/server:80 nc allowed
`,
  );

describe('shared worlds: planning', () => {
  it('groups the cases that declare the same world, and keeps the rest alone', () => {
    const cases = [denies, allows('a1'), allows('a2'), allows('a3'), allows('a4')];
    expect(new Set(cases.map(worldKey)).size).to.equal(1);
    // Five cases, four a copy: two copies (rounded up), taking cases from one queue, costliest first.
    expect(planWorlds(cases, 'shared', 8, 4)).to.deep.equal({
      shared: [{ cases: [0, 1, 2, 3, 4], copies: 2 }],
      alone: [],
    });
    // By default a copy is made for every MIN_CASES_PER_COPY cases.
    expect(planWorlds(cases, 'shared', 8)).to.deep.equal({
      shared: [{ cases: [0, 1, 2, 3, 4], copies: 1 }],
      alone: [],
    });
    expect(planWorlds(cases, 'per-case', 8)).to.deep.equal({ shared: [], alone: [0, 1, 2, 3, 4] });
    // Fewer than four cases of a world are not worth a copy: they run alone.
    expect(planWorlds(cases.slice(0, 3), 'shared', 8)).to.deep.equal({ shared: [], alone: [0, 1, 2] });
  });

  it('spreads a large group over copies, one per so many cases and no more than run at once', () => {
    const cases = Array.from({ length: 10 }, (_, i) => allows(`c${i}`));
    const plan = planWorlds(cases, 'shared', 8, 4);
    expect(plan.shared.map((w) => w.copies)).to.deep.equal([3]);
    expect([...(plan.shared[0]?.cases ?? [])].sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(planWorlds(cases, 'shared', 2, 4).shared[0]?.copies).to.equal(2);
    expect(planWorlds(cases, 'shared', 8).shared[0]?.copies).to.equal(1);
  });

  it('does not share a case whose changes a reset could not undo', () => {
    expect(whyNotShareable(allows('plain'))).to.equal(undefined);
    expect(whyNotShareable({ ...allows('o'), outside: [{ address: '1.2.3.4' }] } as unknown as Scenario)).to.equal(
      'it has outside addresses (stand-ins of its own)',
    );
    const step = allows('u').steps[0] as Scenario['steps'][number];
    const replacing = { ...allows('u'), steps: [{ ...step, update: [{}] }] } as unknown as Scenario;
    expect(whyNotShareable(replacing)).to.equal('a step replaces pods');
  });

  it('puts back every label a case changed, as the world declares it (null: it had none)', () => {
    expect(labelRestores(denies)).to.deep.equal([
      { target: 'namespace', namespace: 'x', name: 'x', labels: { team: 'blue', extra: null } },
      { target: 'pod', namespace: 'x', name: 'client', labels: { app: 'client' } },
    ]);
  });
});

/** Blocks traffic into any namespace that holds a policy (enough for a deny-all and its leak). */
function denyWherePolicies(cluster: TinyCluster, _from: PodInfo, command: string[]) {
  const target = command.at(-2) ?? '';
  const server = [...cluster.pods.values()].find((p) => p.ip === target);
  const isolated = server && [...cluster.policies.keys()].some((k) => k.startsWith(`${server.namespace}/`));
  return isolated
    ? { exitCode: 1, stderr: `nc: connect to ${target} port 80 (tcp) timed out: Operation now in progress\n` }
    : { stderr: `Connection to ${target} 80 port [tcp/http] succeeded!\n` };
}

describe('shared worlds: a run', () => {
  it('creates the world once for its cases, resets it after each and proves it clean', async () => {
    const cluster = new TinyCluster(denyWherePolicies);
    const lines: string[] = [];
    const cases = [denies, allows('a1'), allows('a2'), allows('a3')];
    const runs = await runCorpusLive(
      cases,
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    expect(runs.map((r) => r.error)).to.deep.equal([undefined, undefined, undefined, undefined]);
    expect(runs.map((r) => r.worldReset?.clean)).to.deep.equal([true, true, true, true]);
    expect(runs.flatMap((r) => r.records.map((x) => x.verdict.verdict))).to.deep.equal([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(cluster.log.filter((l) => l.startsWith('Pod ')).length).to.equal(2);
    expect(new Set(runs.map((r) => r.runId)).size).to.equal(1);
    expect(cluster.policies.size).to.equal(0);
  });

  it('catches a policy left behind before the next case sees it, and gives that case a new world', async () => {
    const cluster = new TinyCluster(denyWherePolicies);
    // The leak: this cluster never deletes the policy named deny.
    cluster.deleteNetworkPolicy = async () => undefined;
    const lines: string[] = [];
    const cases = [denies, allows('a1'), allows('a2'), allows('a3')];
    const runs = await runCorpusLive(
      cases,
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 1, retain: false },
    );
    const first = runs[0]?.worldReset;
    expect(first?.clean).to.equal(false);
    expect(first?.problems[0]).to.match(/: blocked, not allowed as before the case$/);
    expect(lines.some((l) => l.endsWith('a case left it dirty: the next case gets a new copy'))).to.equal(true);
    // The next cases ran in a second copy, and saw no deny.
    expect(runs[1]?.runId).to.not.equal(runs[0]?.runId);
    expect(runs.slice(1).flatMap((r) => r.records.map((x) => x.verdict.verdict))).to.deep.equal([
      'pass',
      'pass',
      'pass',
    ]);
    expect(cluster.log.filter((l) => l.startsWith('Pod ')).length).to.equal(4);
  });
});

describe('shared worlds: copies share one queue of cases', () => {
  it('hands each case out once, in the queue order, to whichever copy asks first', () => {
    const queue = new CaseQueue([4, 2, 7], 2);
    expect([queue.take(), queue.take(), queue.left]).to.deep.equal([4, 2, 1]);
    expect([queue.take(), queue.take()]).to.deep.equal([7, undefined]);
  });

  it('gives the case of a copy that could not be made to another copy, and fails the rest only with the last copy', () => {
    const queue = new CaseQueue([0, 1, 2, 3], 2);
    const taken = queue.take() as number;
    expect(queue.giveUp(taken)).to.deep.equal([]);
    expect(queue.take()).to.equal(0);
    expect(queue.giveUp(0)).to.deep.equal([0, 1, 2, 3]);
    expect(queue.left).to.equal(0);
  });

  it('runs every case on the copy that could be made when another could not', async () => {
    const cluster = new TinyCluster(denyWherePolicies);
    const create = cluster.create.bind(cluster);
    // The first copy's pods are refused; the second copy's are made.
    cluster.create = async (m) => {
      const ns = (m.metadata as { namespace?: string } | undefined)?.namespace ?? '';
      if (m.kind === 'Pod' && ns.includes('-w0-')) throw new Error('pods "server" is forbidden: exceeded quota');
      return create(m);
    };
    const lines: string[] = [];
    const cases = [denies, allows('a1'), allows('a2'), allows('a3'), allows('a4')];
    const runs = await runCorpusLive(
      cases,
      { ...context(cluster), progress: (l) => lines.push(l) },
      { scenarioConcurrency: 2, retain: false, casesPerCopy: 4 },
    );
    expect(runs.map((r) => r.error)).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
    expect(new Set(runs.map((r) => r.runId)).size).to.equal(1);
    expect(lines.some((l) => /-w0: the shared world could not be set up: .*exceeded quota/.test(l))).to.equal(true);
  });

  it('fails every case, none lost, when no copy of the world can be made', async () => {
    const cluster = new TinyCluster(denyWherePolicies);
    const create = cluster.create.bind(cluster);
    cluster.create = async (m) => {
      if (m.kind === 'Pod') throw new Error('no nodes available');
      return create(m);
    };
    const cases = [denies, allows('a1'), allows('a2'), allows('a3'), allows('a4')];
    const runs = await runCorpusLive(
      cases,
      { ...context(cluster), progress: () => undefined },
      { scenarioConcurrency: 2, retain: false, casesPerCopy: 4 },
    );
    expect(runs).to.have.length(5);
    expect(
      runs.every((r) => /the shared world could not be set up: .*no nodes available/.test(r.error ?? '')),
    ).to.equal(true);
  });
});
