// What a run costs the machine: the CPU time the kind node containers used, from the kernel's
// cgroup accounting (cgroup v1 cpuacct.usage in nanoseconds, or v2 cpu.stat usage_usec).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../engine/stabilize/stabilize.js';
import type { RunCommand } from './program-runner.js';

/** Real time, monotonic (performance.now, which a change of the wall clock does not move). */
const monotonicClock: Clock = {
  nowMs: () => performance.now(),
  waitMs: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The files that may hold a Docker container's CPU usage, v1 first (cgroupfs and systemd drivers). */
export function cpuUsageFiles(
  containerId: string,
  cgroupRoot = '/sys/fs/cgroup',
): { path: string; unit: 'ns' | 'usec-stat' }[] {
  return [
    { path: join(cgroupRoot, 'cpuacct', 'docker', containerId, 'cpuacct.usage'), unit: 'ns' },
    { path: join(cgroupRoot, 'cpu,cpuacct', 'docker', containerId, 'cpuacct.usage'), unit: 'ns' },
    { path: join(cgroupRoot, 'cpuacct', 'system.slice', `docker-${containerId}.scope`, 'cpuacct.usage'), unit: 'ns' },
    { path: join(cgroupRoot, 'docker', containerId, 'cpu.stat'), unit: 'usec-stat' },
    { path: join(cgroupRoot, 'system.slice', `docker-${containerId}.scope`, 'cpu.stat'), unit: 'usec-stat' },
  ];
}

/** CPU seconds in one of those files. */
export function parseCpuUsage(text: string, unit: 'ns' | 'usec-stat'): number {
  if (unit === 'ns') return Number(text.trim()) / 1e9;
  const m = /^usage_usec (\d+)$/m.exec(text);
  if (!m) throw new Error('cpu.stat has no usage_usec line');
  return Number(m[1]) / 1e6;
}

export interface NodeCpuMeter {
  /** The nodes measured (container names). */
  nodes: string[];
  /** CPU seconds used by all of them since they started. */
  read(): number;
}

/** A meter over the containers of a kind cluster's nodes (`<name>-control-plane`, `<name>-worker…`). */
export async function kindNodeCpuMeter(
  run: RunCommand,
  clusterName: string,
  cgroupRoot = '/sys/fs/cgroup',
): Promise<NodeCpuMeter> {
  const ps = await run('docker', [
    'ps',
    '--no-trunc',
    '--filter',
    `label=io.x-k8s.kind.cluster=${clusterName}`,
    '--format',
    '{{.ID}} {{.Names}}',
  ]);
  const containers = ps.stdout
    .split('\n')
    .map((l) => l.trim().split(' '))
    .filter((f) => f.length === 2) as [string, string][];
  if (ps.exitCode !== 0 || containers.length === 0)
    throw new Error(
      `no running node containers of kind cluster ${clusterName}${ps.stderr ? `: ${ps.stderr.trim()}` : ''}`,
    );
  const files = containers.map(([id, name]) => {
    const found = cpuUsageFiles(id, cgroupRoot).find((f) => existsSync(f.path));
    if (!found) throw new Error(`no cgroup CPU accounting found for node ${name} (looked under ${cgroupRoot})`);
    return found;
  });
  return {
    nodes: containers.map(([, name]) => name),
    read: () => files.reduce((sum, f) => sum + parseCpuUsage(readFileSync(f.path, 'utf8'), f.unit), 0),
  };
}

/** The nodes' CPU-seconds per second over the next `sampleMs` milliseconds (say, what they spend idle). */
export async function nodeCpuRate(meter: NodeCpuMeter, sampleMs: number, clock = monotonicClock): Promise<number> {
  const cpu0 = meter.read();
  const t0 = clock.nowMs();
  await clock.waitMs(sampleMs);
  return (meter.read() - cpu0) / ((clock.nowMs() - t0) / 1000);
}

export interface QuietNode {
  /** Whether the rate fell to the threshold before the wait ran out. */
  quiet: boolean;
  /** The last sample's rate, CPU-seconds per second. */
  rate: number;
  waitedMs: number;
}

/**
 * Samples the nodes' CPU rate every `sampleMs` until it is `maxRate` or less, or `waitMs` has passed.
 * After pods are deleted a node keeps tearing them down (sandboxes, CNI deletes) for a while at
 * over a CPU-second a second, which would drown a small measurement taken meanwhile.
 */
export async function waitForQuietNode(
  meter: NodeCpuMeter,
  {
    maxRate = 0.3,
    sampleMs = 2_000,
    waitMs = 120_000,
    clock = monotonicClock,
  }: { maxRate?: number; sampleMs?: number; waitMs?: number; clock?: Clock } = {},
): Promise<QuietNode> {
  const started = clock.nowMs();
  let rate = Infinity;
  while (clock.nowMs() - started < waitMs) {
    rate = await nodeCpuRate(meter, sampleMs, clock);
    if (rate <= maxRate) break;
  }
  return { quiet: rate <= maxRate, rate, waitedMs: clock.nowMs() - started };
}
