import { expect } from 'chai';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { kindNodeCpuMeter, nodeCpuRate, parseCpuUsage, waitForQuietNode, type NodeCpuMeter } from './node-cpu.js';
import type { RunCommand } from './run-command.js';

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
    // A node that spends half a core (the meter and the clock are read microseconds apart).
    const meter: NodeCpuMeter = { nodes: ['n'], read: () => (performance.now() / 1000) * 0.5 };
    expect(await nodeCpuRate(meter, 30)).to.be.closeTo(0.5, 0.01);
  });
});

describe('waitForQuietNode', () => {
  /** A node that spends a core until `busyMs` from now, then a tenth of one. */
  function calmingNode(busyMs: number): NodeCpuMeter {
    const calmAt = performance.now() + busyMs;
    return {
      nodes: ['n'],
      read: () => {
        const now = performance.now();
        return (Math.min(now, calmAt) + Math.max(0, now - calmAt) * 0.1) / 1000;
      },
    };
  }

  it('returns once a sample is at the threshold or below', async () => {
    const q = await waitForQuietNode(calmingNode(60), { maxRate: 0.3, sampleMs: 20, waitMs: 2_000 });
    expect(q.quiet).to.equal(true);
    expect(q.rate).to.be.at.most(0.3);
    expect(q.waitedMs).to.be.at.least(60).and.below(1_000);
  });

  it('says the node is still busy when the wait runs out', async () => {
    const q = await waitForQuietNode(calmingNode(10_000), { maxRate: 0.3, sampleMs: 20, waitMs: 100 });
    expect(q.quiet).to.equal(false);
    expect(q.rate).to.be.closeTo(1, 0.05);
  });
});
