import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kindNodeCpuMeter, nodeCpuRate, parseCpuUsage, waitForQuietNode, type NodeCpuMeter } from './node-cpu.js';
import type { RunCommand } from './program-runner.js';
import { VirtualClock } from '../testing/virtual-clock.js';

describe('node CPU meter', () => {
  it('reads cgroup v1 nanoseconds and v2 usage_usec', () => {
    expect(parseCpuUsage('2500000000\n', 'ns')).to.equal(2.5);
    expect(parseCpuUsage('usage_usec 1500000\nuser_usec 1000000\n', 'usec-stat')).to.equal(1.5);
    expect(() => parseCpuUsage('user_usec 1\n', 'usec-stat')).to.throw('cpu.stat has no usage_usec line');
  });

  it('sums the node containers of a kind cluster, v1 and v2 layouts alike', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cgroup-'));
    mkdirSync(join(root, 'cpuacct', 'docker', 'aaa'), { recursive: true });
    writeFileSync(join(root, 'cpuacct', 'docker', 'aaa', 'cpuacct.usage'), '1000000000\n');
    mkdirSync(join(root, 'system.slice', 'docker-bbb.scope'), { recursive: true });
    writeFileSync(join(root, 'system.slice', 'docker-bbb.scope', 'cpu.stat'), 'usage_usec 500000\n');
    const run: RunCommand = async (file, args) => {
      expect([file, ...args]).to.deep.equal([
        'docker',
        'ps',
        '--no-trunc',
        '--filter',
        'label=io.x-k8s.kind.cluster=nh',
        '--format',
        '{{.ID}} {{.Names}}',
      ]);
      return { exitCode: 0, stdout: 'aaa nh-control-plane\nbbb nh-worker\n', stderr: '' };
    };
    const meter = await kindNodeCpuMeter(run, 'nh', root);
    expect(meter.nodes).to.deep.equal(['nh-control-plane', 'nh-worker']);
    expect(meter.read()).to.equal(1.5);
  });

  it('says so when the cluster has no node containers', async () => {
    const run: RunCommand = async () => ({ exitCode: 0, stdout: '', stderr: '' });
    try {
      await kindNodeCpuMeter(run, 'nh', '/nonexistent');
      expect.fail('expected an error');
    } catch (err) {
      expect((err as Error).message).to.equal('no running node containers of kind cluster nh');
    }
  });
});

describe('nodeCpuRate', () => {
  it('is the CPU-seconds the meter counted per second of the sample', async () => {
    const clock = new VirtualClock();
    // A node that spends half a core.
    const meter: NodeCpuMeter = { nodes: ['n'], read: () => (clock.nowMs() / 1000) * 0.5 };
    expect(await clock.drive(nodeCpuRate(meter, 30, clock))).to.equal(0.5);
    expect(clock.nowMs()).to.equal(30);
  });
});

describe('waitForQuietNode', () => {
  /** A node that spends a core until `busyMs` from now, then a tenth of one. */
  function calmingNode(clock: VirtualClock, busyMs: number): NodeCpuMeter {
    const calmAt = clock.nowMs() + busyMs;
    return {
      nodes: ['n'],
      read: () => {
        const now = clock.nowMs();
        return (Math.min(now, calmAt) + Math.max(0, now - calmAt) * 0.1) / 1000;
      },
    };
  }

  it('returns once a sample is at the threshold or below', async () => {
    const clock = new VirtualClock();
    const q = await clock.drive(
      waitForQuietNode(calmingNode(clock, 60), { maxRate: 0.3, sampleMs: 20, waitMs: 2_000, clock }),
    );
    // Samples 0-20 and 20-40 and 40-60 are busy (1), 60-80 is calm (0.1).
    expect(q).to.include({ quiet: true, waitedMs: 80 });
    expect(q.rate).to.be.closeTo(0.1, 1e-9);
  });

  it('says the node is still busy when the wait runs out', async () => {
    const clock = new VirtualClock();
    const q = await clock.drive(
      waitForQuietNode(calmingNode(clock, 10_000), { maxRate: 0.3, sampleMs: 20, waitMs: 100, clock }),
    );
    expect(q).to.include({ quiet: false, waitedMs: 100 });
    expect(q.rate).to.be.closeTo(1, 1e-9);
  });
});
