import { expect } from 'chai';
import type { ModelOutcome } from '../../model/outcome.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../../probe/types.js';
import { VirtualClock } from '../../testing/virtual-clock.js';
import { probeUntilStable, TOOL_CLOCK_TICK_MS, type StabilizeOptions } from './stabilize.js';

function job(key: string): ProbeJob {
  return {
    key,
    from: { namespace: 'ns', pod: 'c', container: 'c' },
    host: 'web',
    port: 80,
    protocol: 'TCP',
    tool: 'nc',
    timeoutSeconds: 2,
    logical: {
      from: { pod: 'c', namespace: 'default' },
      target: { kind: 'host', host: 'web' },
      port: 80,
      protocol: 'TCP',
    },
  };
}

/**
 * A cluster on a virtual clock: what a probe of `key` whose packets leave at `sentMs` shows; a block
 * takes the 2 s timeout, a connect 20 ms. The transport takes `latencyMs` each way, and the tool's
 * own run time comes back as toolMs, as a probe session reports it.
 */
type Network = (key: string, sentMs: number) => ModelOutcome;

interface Probed {
  key: string;
  startMs: number;
  endMs: number;
}

/** How well the transport places a tool's start in the caller's clock (a probe session's calibrated window), ± ms. */
interface Placing {
  placedWithinMs?: number;
}

function cluster(
  clock: VirtualClock,
  network: Network,
  log: Probed[] = [],
  latencyMs = 0,
  { placedWithinMs }: Placing = {},
): ProbeRunner {
  return {
    kind: 'cluster',
    run: async (jobs, started) =>
      Promise.all(
        jobs.map(async (j, i): Promise<ProbeResult> => {
          started?.(i);
          const startMs = clock.nowMs();
          await clock.waitMs(latencyMs);
          // TCP as it is: a dropped first SYN is sent again a second later, within the 2 s timeout.
          const toolStart = clock.nowMs();
          const retried = network(j.key, toolStart) === 'blocked' && network(j.key, toolStart + 1000) !== 'blocked';
          const outcome = retried ? network(j.key, toolStart + 1000) : network(j.key, toolStart);
          const toolMs = outcome === 'blocked' ? 2000 : retried ? 1020 : 20;
          await clock.waitMs(toolMs + latencyMs);
          log.push({ key: j.key, startMs, endMs: clock.nowMs() });
          return {
            outcome,
            detail: '',
            command: [],
            output: '',
            attempts: 1,
            durationMs: clock.nowMs() - startMs,
            toolMs,
            ...(placedWithinMs === undefined
              ? {}
              : { toolStartedMs: { earliestMs: toolStart - placedWithinMs, latestMs: toolStart + placedWithinMs } }),
            repro: '',
          };
        }),
      ),
  };
}

const session: StabilizeOptions = { deadlineSeconds: 60, settleSeconds: 10, intervalMs: 250, maxInFlightPerCell: 12 };
const exec: StabilizeOptions = { deadlineSeconds: 60, settleSeconds: 10, intervalMs: 1000, maxInFlightPerCell: 1 };
const expect1 = (key: string, o: ModelOutcome) => new Map([[key, o]]);

describe('probeUntilStable', () => {
  it('measures when a change took effect to within one interval, even though blocked probes take 2 s', async () => {
    const clock = new VirtualClock();
    const runner = cluster(clock, (_k, t) => (t < 3100 ? 'allowed' : 'blocked'));
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'blocked') }, clock, {
        atMs: 0,
        before: new Map([['a', 'allowed']]),
      }),
    );
    expect(r.stable).to.equal(true);
    expect(r.final.get('a')?.outcome).to.equal('blocked');
    expect(r.enforcement?.key).to.equal('a');
    expect(r.enforcement?.upperMs).to.be.within(3100, 3350);
    // one interval, and one tick of the agent's clock (the tool's time may be a tick too long)
    expect((r.enforcement?.upperMs ?? 0) - (r.enforcement?.lowerMs ?? 0)).to.be.at.most(250 + TOOL_CLOCK_TICK_MS);
    expect(r.history.get('a')?.slice(0, 3)).to.deep.equal(['allowed', 'allowed', 'allowed']);
  });

  it('brackets the enforcement safely when the transport is slow (the true moment lies inside)', async () => {
    for (const [enforcedAt, latency] of [
      [3100, 120],
      [0, 300],
      [777, 40],
    ] as const) {
      const clock = new VirtualClock();
      const runner = cluster(clock, (_k, t) => (t < enforcedAt ? 'allowed' : 'blocked'), [], latency);
      const r = await clock.drive(
        probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'blocked') }, clock, {
          atMs: 0,
          before: new Map([['a', 'allowed']]),
        }),
      );
      expect(r.enforcement?.lowerMs).to.be.at.most(enforcedAt);
      expect(r.enforcement?.upperMs).to.be.at.least(enforcedAt);
      expect((r.enforcement?.upperMs ?? 0) - (r.enforcement?.lowerMs ?? 0)).to.be.at.most(
        250 + 2 * latency + TOOL_CLOCK_TICK_MS,
      );
    }
  });

  it('brackets a policy removal (blocked, then a quick connect) as tightly: a connect within a second was the first try', async () => {
    const clock = new VirtualClock();
    const runner = cluster(clock, (_k, t) => (t < 3000 ? 'blocked' : 'allowed'), [], 30);
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'allowed') }, clock, {
        atMs: 0,
        before: new Map([['a', 'blocked']]),
      }),
    );
    expect(r.final.get('a')?.outcome).to.equal('allowed');
    expect(r.enforcement?.lowerMs).to.be.at.most(3000);
    expect(r.enforcement?.upperMs).to.be.within(3000, 3000 + 250 + 2 * 30);
  });

  it('brackets a change that allows a connection to within an interval, though probes sent just before it connect on their retry', async () => {
    for (const [enforcedAt, latency] of [
      [3000, 30],
      [1234, 5],
      [450, 80],
    ] as const) {
      const clock = new VirtualClock();
      const runner = cluster(clock, (_k, t) => (t < enforcedAt ? 'blocked' : 'allowed'), [], latency);
      const byAddress = { ...job('a'), host: '192.168.94.7' };
      const r = await clock.drive(
        probeUntilStable(runner, [byAddress], { ...session, expected: expect1('a', 'allowed') }, clock, {
          atMs: 0,
          before: new Map([['a', 'blocked']]),
        }),
      );
      expect(r.final.get('a')?.outcome).to.equal('allowed');
      expect(r.enforcement?.lowerMs, `enforced at ${enforcedAt}`).to.be.at.most(enforcedAt);
      expect(r.enforcement?.upperMs, `enforced at ${enforcedAt}`).to.be.at.least(enforcedAt);
      expect((r.enforcement?.upperMs ?? 0) - (r.enforcement?.lowerMs ?? 0), `enforced at ${enforcedAt}`).to.be.at.most(
        250 + 2 * latency + TOOL_CLOCK_TICK_MS,
      );
    }
  });

  it("keeps the bracket to an interval when requests and replies are slow on their way, if the transport places the tool's start", async () => {
    for (const [before, after] of [
      ['allowed', 'blocked'],
      ['blocked', 'allowed'],
    ] as const)
      for (const placing of [{}, { placedWithinMs: 15 }]) {
        const enforcedAt = 1700;
        const clock = new VirtualClock();
        const runner = cluster(clock, (_k, t) => (t < enforcedAt ? before : after), [], 200, placing);
        const byAddress = { ...job('a'), host: '192.168.94.7' };
        const r = await clock.drive(
          probeUntilStable(runner, [byAddress], { ...session, expected: expect1('a', after) }, clock, {
            atMs: 0,
            before: new Map([['a', before]]),
          }),
        );
        const width = (r.enforcement?.upperMs ?? 0) - (r.enforcement?.lowerMs ?? 0);
        expect(r.enforcement?.lowerMs).to.be.at.most(enforcedAt);
        expect(r.enforcement?.upperMs).to.be.at.least(enforcedAt);
        if (placing.placedWithinMs) expect(width, `${before} → ${after}`).to.be.at.most(250 + 2 * 15);
        else expect(width, `${before} → ${after}, timed by round trips`).to.be.above(250 + 200);
      }
  });

  it('leaves out a slow connect that started after another had already connected: it cannot narrow the bracket', async () => {
    const enforcedAt = 400;
    const clock = new VirtualClock();
    const runner = cluster(clock, (_k, t) => (t < enforcedAt ? 'blocked' : 'allowed'));
    let n = 0;
    // the fourth probe (sent at 750 ms) loses its first SYN for some other reason: it answers after a second
    const lossy: ProbeRunner = {
      kind: 'cluster',
      run: async (jobs, started) => {
        const mine = ++n;
        const rs = await runner.run(jobs, started);
        return mine === 4 ? rs.map((r) => ({ ...r, toolMs: 1020 })) : rs;
      },
    };
    const byAddress = { ...job('a'), host: '192.168.94.7' };
    const r = await clock.drive(
      probeUntilStable(lossy, [byAddress], { ...session, expected: expect1('a', 'allowed') }, clock, {
        atMs: 0,
        before: new Map([['a', 'blocked']]),
      }),
    );
    expect(r.enforcement?.lowerMs).to.be.at.most(enforcedAt);
    expect(r.enforcement?.upperMs).to.be.at.least(enforcedAt);
  });

  it('does not take a slow connect to a name for a dropped first try: the name lookup may have taken the second', async () => {
    const clock = new VirtualClock();
    // enforced at once; every connect is slow because the lookup took a second (not a dropped SYN)
    const runner = cluster(clock, () => 'allowed');
    const slow: ProbeRunner = {
      kind: 'cluster',
      run: async (jobs, started) => (await runner.run(jobs, started)).map((r) => ({ ...r, toolMs: 1020 })),
    };
    const r = await clock.drive(
      probeUntilStable(slow, [job('a')], { ...session, expected: expect1('a', 'allowed') }, clock, {
        atMs: 0,
        before: new Map([['a', 'blocked']]),
      }),
    );
    expect(r.enforcement?.lowerMs).to.equal(0);
  });

  it('re-probes only the cells that can still change', async () => {
    const clock = new VirtualClock();
    const log: Probed[] = [];
    const runner = cluster(clock, (k, t) => (k === 'changes' && t >= 2000 ? 'blocked' : 'allowed'), log);
    const expected = new Map<string, ModelOutcome>([
      ['same', 'allowed'],
      ['changes', 'blocked'],
    ]);
    const r = await clock.drive(
      probeUntilStable(runner, [job('same'), job('changes')], { ...session, expected }, clock),
    );
    expect(r.stable).to.equal(true);
    // twice to settle, once to confirm after the other cell settled
    expect(log.filter((p) => p.key === 'same')).to.have.length(3);
    expect(log.filter((p) => p.key === 'changes').length).to.be.above(8);
    const confirm = log.filter((p) => p.key === 'same').at(-1) as Probed;
    expect(confirm.startMs).to.be.at.least(4000); // sent after 'changes' had shown blocked twice
  });

  it('sends one probe at a time to a cell that has nothing to time: the baseline, and a cell a change leaves as it was', async () => {
    const clock = new VirtualClock();
    const log: Probed[] = [];
    // a slow transport: each probe takes a second, so overlapping probes would pile up
    const runner = cluster(clock, () => 'allowed', log, 500);
    const expected = new Map<string, ModelOutcome>([
      ['a', 'allowed'],
      ['b', 'allowed'],
    ]);
    await clock.drive(probeUntilStable(runner, [job('a'), job('b')], { ...session, expected }, clock));
    expect(log.filter((p) => p.key === 'a')).to.have.length(2);
    const [first, second] = log.filter((p) => p.key === 'a') as [Probed, Probed];
    expect(second.startMs).to.be.at.least(first.endMs);

    log.length = 0;
    const before = new Map<string, ModelOutcome>([
      ['a', 'allowed'],
      ['b', 'blocked'],
    ]);
    const clock0 = clock.nowMs();
    const changing = cluster(clock, (k, t) => (k === 'b' && t < clock0 + 300 ? 'blocked' : 'allowed'), log, 500);
    await clock.drive(
      probeUntilStable(changing, [job('a'), job('b')], { ...session, expected }, clock, { atMs: clock0, before }),
    );
    const a = log.filter((p) => p.key === 'a');
    for (let i = 1; i < a.length; i++) expect((a[i] as Probed).startMs).to.be.at.least((a[i - 1] as Probed).endMs);
    // the cell that changes is still probed overlapping, every interval
    const b = log.filter((p) => p.key === 'b');
    expect((b[1] as Probed).startMs - (b[0] as Probed).startMs).to.equal(250);
  });

  it('returns once every cell is stable, without waiting out the probes still hanging', async () => {
    const clock = new VirtualClock();
    const log: Probed[] = [];
    const runner = cluster(clock, () => 'blocked', log);
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'blocked') }, clock, {
        atMs: 0,
        before: new Map([['a', 'blocked']]),
      }),
    );
    expect(r.history.get('a')).to.deep.equal(['blocked', 'blocked']);
    // two probes 250 ms apart, each hanging 2 s: stable at 2.25 s, answered at the next look
    expect(clock.nowMs()).to.be.at.most(2500);
  });

  it('goes back to probing a cell whose confirmation shows a change', async () => {
    const clock = new VirtualClock();
    const runner = cluster(clock, (k, t) =>
      k === 'late' ? (t >= 1000 ? 'blocked' : 'allowed') : t >= 2000 ? 'blocked' : 'allowed',
    );
    const expected = new Map<string, ModelOutcome>([
      ['late', 'allowed'],
      ['slow', 'blocked'],
    ]);
    const r = await clock.drive(probeUntilStable(runner, [job('late'), job('slow')], { ...session, expected }, clock));
    expect(r.final.get('late')?.outcome).to.equal('blocked');
    expect(r.history.get('late')?.slice(0, 2)).to.deep.equal(['allowed', 'allowed']);
    // probed again until the new outcome held (not just the one confirmation that saw it)
    expect(r.history.get('late')?.filter((o) => o === 'blocked').length).to.be.at.least(3);
    expect(r.stable).to.equal(true);
  });

  it('waits until the deadline, not the settle time, for a cell the change should flip that still shows its old outcome', async () => {
    const clock = new VirtualClock();
    // a slow CNI: the policy is in force 30 s after it was sent
    const runner = cluster(clock, (_k, t) => (t < 30_000 ? 'allowed' : 'blocked'));
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'blocked') }, clock, {
        atMs: 0,
        before: new Map([['a', 'allowed']]),
      }),
    );
    expect(r.final.get('a')?.outcome).to.equal('blocked');
    expect(r.enforcement?.upperMs).to.be.within(30_000, 31_500);

    // one that never flips is reported as it is at the deadline
    const never = new VirtualClock();
    const stuck = await never.drive(
      probeUntilStable(
        cluster(never, () => 'allowed'),
        [job('a')],
        { ...session, expected: expect1('a', 'blocked') },
        never,
        { atMs: 0, before: new Map([['a', 'allowed']]) },
      ),
    );
    expect(stuck.final.get('a')?.outcome).to.equal('allowed');
    expect(stuck.stable).to.equal(false);
    expect(never.nowMs()).to.be.at.least(60_000);
  });

  it('waits the settle time before trusting an outcome the model does not expect', async () => {
    const clock = new VirtualClock();
    const r = await clock.drive(
      probeUntilStable(
        cluster(clock, () => 'allowed'),
        [job('a')],
        { ...session, expected: expect1('a', 'blocked') },
        clock,
      ),
    );
    expect(r.stable).to.equal(true);
    expect(clock.nowMs()).to.be.within(10_000, 11_000);
    expect(r.final.get('a')?.outcome).to.equal('allowed');
  });

  it('takes a refusal for the block the model expects (a CNI that rejects), without waiting the settle time', async () => {
    const clock = new VirtualClock();
    const runner = cluster(clock, (_k, t) => (t < 1000 ? 'allowed' : 'refused'));
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...session, expected: expect1('a', 'blocked') }, clock, {
        atMs: 0,
        before: new Map([['a', 'allowed']]),
      }),
    );
    expect(r.final.get('a')?.outcome).to.equal('refused');
    expect(clock.nowMs()).to.be.below(3000);
    expect(r.enforcement?.upperMs).to.be.within(1000, 1250);
  });

  it('marks a cell still changing at the deadline as flaky', async () => {
    const clock = new VirtualClock();
    const runner = cluster(clock, (k, t) => (k === 'a' && Math.floor(t / 250) % 2 ? 'refused' : 'allowed'));
    const r = await clock.drive(
      probeUntilStable(runner, [job('a'), job('b')], { ...session, deadlineSeconds: 5 }, clock),
    );
    expect(r.stable).to.equal(false);
    expect([...r.flaky]).to.deep.equal(['a']);
    expect(r.final.get('a')?.attempts).to.equal(r.history.get('a')?.length);
  });

  it('keeps one probe per cell in flight, at most one a second, when each probe is an exec', async () => {
    const clock = new VirtualClock();
    const log: Probed[] = [];
    const runner = cluster(clock, (_k, t) => (t < 3000 ? 'allowed' : 'blocked'), log);
    const r = await clock.drive(
      probeUntilStable(runner, [job('a')], { ...exec, expected: expect1('a', 'blocked') }, clock, {
        atMs: 0,
        before: new Map([['a', 'allowed']]),
      }),
    );
    expect(r.final.get('a')?.outcome).to.equal('blocked');
    const sorted = log.sort((x, y) => x.startMs - y.startMs);
    sorted.slice(1).forEach((p, i) => {
      expect(p.startMs).to.be.at.least((sorted[i] as Probed).endMs);
      expect(p.startMs - (sorted[i] as Probed).startMs).to.be.at.least(1000);
    });
  });

  it('queues no second probe of a cell behind one still waiting for a free slot', async () => {
    const clock = new VirtualClock();
    let launched = 0;
    const queued: ProbeRunner = {
      kind: 'cluster',
      run: async (jobs, started) => {
        launched++;
        await clock.waitMs(3000); // waiting for a slot behind other scenarios' probes
        started?.(0);
        await clock.waitMs(20);
        return jobs.map((): ProbeResult => ({
          outcome: 'allowed',
          detail: '',
          command: [],
          output: '',
          attempts: 1,
          durationMs: 20,
          toolMs: 20,
          repro: '',
        }));
      },
    };
    const r = await clock.drive(
      probeUntilStable(queued, [job('a')], { ...session, expected: expect1('a', 'allowed') }, clock),
    );
    expect(r.stable).to.equal(true);
    expect(launched).to.be.at.most(3);
  });

  it('says nothing about enforcement when no cell changed', async () => {
    const clock = new VirtualClock();
    const r = await clock.drive(
      probeUntilStable(
        cluster(clock, () => 'allowed'),
        [job('a')],
        { ...session, expected: expect1('a', 'allowed') },
        clock,
        { atMs: 0, before: new Map([['a', 'allowed']]) },
      ),
    );
    expect(r.enforcement).to.equal(undefined);
    // twice to settle; no confirmation: nothing changed after this cell's own probes
    expect(r.probes).to.equal(2);
  });
});
