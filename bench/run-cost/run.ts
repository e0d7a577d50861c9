// bench/run-cost: what one command costs a kind cluster: its wall time and the CPU-seconds the
// cluster's node containers used meanwhile (their cgroup CPU accounting, all nodes added up), with
// the command's own output passed through. For comparing cluster shapes run for run:
//   npm run -s bench:run-cost -- CLUSTER -- ./bin/netpol-harness.js run scenarios --context kind-CLUSTER
// Prints one line on stderr at the end: `run-cost: CLUSTER: 2 nodes, 123.4 s wall, 210.3 node CPU-s (1.70 CPU-s/s)`.
import { execa } from 'execa';
import { performance } from 'node:perf_hooks';
import { kindNodeCpuMeter } from '../../src/cluster/node-cpu.js';
import { runWithExeca } from '../../src/cluster/program-runner.js';

const [cluster, dashes, command, ...args] = process.argv.slice(2);
if (!cluster || dashes !== '--' || !command) {
  process.stderr.write('usage: bench/run-cost/run.ts KIND_CLUSTER -- COMMAND [ARGS…]\n');
  process.exit(2);
}
const meter = await kindNodeCpuMeter(runWithExeca, cluster);
const nodes = (await runWithExeca('kind', ['get', 'nodes', '--name', cluster])).stdout.split('\n').filter(Boolean);
const cpu0 = meter.read();
const t0 = performance.now();
const result = await execa(command, args, { stdio: 'inherit', reject: false });
const wallS = (performance.now() - t0) / 1000;
const cpuS = meter.read() - cpu0;
process.stderr.write(
  `run-cost: ${cluster}: ${nodes.length} node${nodes.length === 1 ? '' : 's'}, ${wallS.toFixed(1)} s wall, ${cpuS.toFixed(1)} node CPU-s (${(cpuS / wallS).toFixed(2)} CPU-s/s); the command exited ${result.exitCode}\n`,
);
process.exit(result.exitCode ?? 1);
