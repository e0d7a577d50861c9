import { expect } from 'chai';
import { FakeKubeClient } from '../testing/fake-kube.js';
import type { ExecStream } from '../kube/types.js';
import { localExecStream, type LocalExecStream } from '../testing/local-exec-stream.js';
import { AgentSession, SessionFailure } from './agent-session.js';
import { ClusterProbeRunner } from './cluster-runner.js';
import { ABANDONED, SessionTransport } from './session-transport.js';
import type { ProbeJob } from './types.js';

const from = { namespace: 'ns-a', pod: 'client', container: 'client' };
const job: ProbeJob = {
  key: 'k',
  from,
  host: '10.244.0.7',
  port: 80,
  protocol: 'TCP',
  tool: 'nc',
  timeoutSeconds: 2,
  logical: {
    from: { pod: 'client', namespace: 'a' },
    target: { kind: 'pod', pod: 'web', namespace: 'a' },
    port: 80,
    protocol: 'TCP',
  },
};
const connected = { exitCode: 0, stdout: '', stderr: 'Connection to 10.244.0.7 80 port [tcp/http] succeeded!\n' };

async function fakeWithPod(exec = async () => connected): Promise<FakeKubeClient> {
  const kube = new FakeKubeClient({ exec });
  await kube.createNamespace('ns-a', {});
  await kube.create({ kind: 'Pod', metadata: { name: 'client', namespace: 'ns-a' } });
  return kube;
}

/** Starts the real agent in a local shell for each session, keeping its streams (to kill them). */
function localAgent(streams: LocalExecStream[]): () => Promise<AgentSession> {
  return () =>
    AgentSession.start(async (command): Promise<ExecStream> => {
      const s = localExecStream(command);
      streams.push(s);
      return s;
    }, 5000);
}

/** A transport over the real agent in local shells (streams kept, to kill them), its progress lines kept. */
async function localTransport(): Promise<{
  kube: FakeKubeClient;
  streams: LocalExecStream[];
  progress: string[];
  transport: SessionTransport;
}> {
  const kube = await fakeWithPod();
  const streams: LocalExecStream[] = [];
  const progress: string[] = [];
  const transport = new SessionTransport(kube, { progress: (l) => progress.push(l), start: localAgent(streams) });
  return { kube, streams, progress, transport };
}

describe('SessionTransport', () => {
  it('opens one agent per container and sends every probe through it', async () => {
    const kube = await fakeWithPod();
    const runner = new ClusterProbeRunner(new SessionTransport(kube), 4);
    const results = await runner.run(Array.from({ length: 5 }, () => job));
    expect(results.map((r) => [r.outcome, r.via])).to.deep.equal(Array(5).fill(['allowed', 'session']));
    expect(kube.calls.filter((c) => c.method === 'openExecStream')).to.have.length(1);
    // the records keep the command and the pasteable repro line exactly as with exec
    expect(results[0]).to.include({
      repro: 'kubectl exec -n ns-a client -c client -- nc -vz -w 2 10.244.0.7 80',
      exitCode: 0,
      attempts: 1,
    });
    expect(results[0]?.command).to.deep.equal(['nc', '-vz', '-w', '2', '10.244.0.7', '80']);
  });

  it('falls back to one exec per probe when no session can be started, and says so', async () => {
    const kube = await fakeWithPod();
    const progress: string[] = [];
    let starts = 0;
    const transport = new SessionTransport(kube, {
      progress: (l) => progress.push(l),
      start: async () => {
        starts++;
        throw new SessionFailure(
          'the probe agent could not be started: exec: "sh": executable file not found in $PATH',
        );
      },
    });
    const [a, b] = await new ClusterProbeRunner(transport, 1).run([job, job]);
    expect(starts).to.equal(2);
    expect(a).to.include({ outcome: 'allowed', via: 'exec', attempts: 1 });
    expect(a?.transportNote).to.equal(
      'sent by exec: no probe session in ns-a/client/client (the probe agent could not be started: exec: "sh": executable file not found in $PATH)',
    );
    expect(b).to.include({ outcome: 'allowed', via: 'exec', transportNote: a?.transportNote });
    expect(progress).to.deep.equal([
      'probe session ns-a/client/client: the probe agent could not be started: exec: "sh": executable file not found in $PATH; reopening',
      'probe session ns-a/client/client: the probe agent could not be started: exec: "sh": executable file not found in $PATH; falling back to one exec per probe',
    ]);
    expect(kube.execCalls).to.have.length(2);
  });

  it('sends a probe again on a reopened session when its session dies mid-probe; never reports it blocked', async () => {
    // the real agent in a local shell; the first one is killed while the probe runs
    const { streams, progress, transport } = await localTransport();
    const running = transport.run(from, ['sh', '-c', 'sleep 1; echo done'], 2);
    setTimeout(() => streams[0]?.kill(), 200);
    const d = await running;
    await transport.close();
    expect(d).to.deep.include({ ok: true, via: 'session', attempts: 2 });
    expect(d.ok && d.result.stdout).to.equal('done\n');
    expect(d.note).to.match(
      /^sent again after the session failed: the probe agent's exec stream ended \(killed by SIGKILL\)/,
    );
    expect(streams).to.have.length(2);
    expect(progress[0]).to.match(
      /^probe session ns-a\/client\/client: the probe agent's exec stream ended \(killed by SIGKILL\).*; reopening$/,
    );
  });

  it('opens a single new session when many probes see theirs die at once', async () => {
    const kube = await fakeWithPod();
    const streams: LocalExecStream[] = [];
    const transport = new SessionTransport(kube, {
      start: localAgent(streams),
    });
    const all = Promise.all(
      Array.from({ length: 6 }, (_, i) => transport.run(from, ['sh', '-c', `sleep 0.5; echo ${i}`], 2)),
    );
    setTimeout(() => streams[0]?.kill(), 150);
    const ds = await all;
    await transport.close();
    expect(ds.map((d) => d.ok && d.result.stdout)).to.deep.equal(['0\n', '1\n', '2\n', '3\n', '4\n', '5\n']);
    expect(streams).to.have.length(2);
  });

  it('checks-fails a probe (never blocked) when both the sessions and the exec fail', async () => {
    const kube = await fakeWithPod(async () => {
      throw new Error('pods "client" not found');
    });
    const transport = new SessionTransport(kube, {
      start: async () => Promise.reject(new SessionFailure('stream refused')),
    });
    const [r] = await new ClusterProbeRunner(transport, 1).run([job]);
    expect(r).to.include({
      outcome: 'check-failed',
      via: 'exec',
      detail: 'exec into ns-a/client -c client failed: pods "client" not found',
    });
  });

  it('release closes the sessions of finished scenarios only', async () => {
    const kube = await fakeWithPod();
    await kube.createNamespace('ns-b', {});
    await kube.create({ kind: 'Pod', metadata: { name: 'client', namespace: 'ns-b' } });
    const transport = new SessionTransport(kube);
    await transport.run(from, ['true'], 2);
    await transport.run({ ...from, namespace: 'ns-b' }, ['true'], 2);
    await transport.release(['ns-a']);
    await transport.run(from, ['true'], 2);
    await transport.run({ ...from, namespace: 'ns-b' }, ['true'], 2);
    expect(
      kube.calls
        .filter((c) => c.method === 'openExecStream')
        .map((c) => (c.args[0] as { namespace: string }).namespace),
    ).to.deep.equal(['ns-a', 'ns-b', 'ns-a']);
  });

  it('abandons a probe still in flight when its scenario is released or the run closes: no reopen, no exec, no progress', async () => {
    const { kube, streams, progress, transport } = await localTransport();
    const hanging = transport.run(from, ['sh', '-c', 'sleep 5'], 2);
    await new Promise((r) => setTimeout(r, 200));
    await transport.release(['ns-a']);
    const d = await hanging;
    expect(d).to.deep.include({ ok: false, reason: ABANDONED, via: 'session', attempts: 1 });
    const other = transport.run({ ...from, namespace: 'ns-b' }, ['sh', '-c', 'sleep 5'], 2);
    await new Promise((r) => setTimeout(r, 200));
    await transport.close();
    expect(await other).to.deep.include({ ok: false, reason: ABANDONED });
    expect(streams).to.have.length(2);
    expect(kube.execCalls).to.have.length(0);
    expect(progress).to.deep.equal([]);
  });
});
