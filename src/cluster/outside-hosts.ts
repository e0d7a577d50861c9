import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';
import type { OutsideHost } from '../scenario/outside.js';
import type { RunCommand } from './run-command.js';

/** The Docker network kind puts its nodes on: stand-ins join it, and no other. */
export const KIND_NETWORK = 'kind';
/** Label naming the documented address a stand-in answers for. */
export const STANDS_IN_FOR_LABEL = 'netpol-harness.io/stands-in-for';

/** Starts and removes the stand-ins of one scenario run. */
export interface OutsideHostDriver {
  /** Starts one test server per host; returns documented address → stand-in IP. */
  start(hosts: readonly OutsideHost[], runId: string): Promise<Map<string, string>>;
  /** Removes every stand-in of the run (by label). */
  stop(runId: string): Promise<void>;
}

function fail(what: string, r: { exitCode: number; stderr: string }): Error {
  return new Error(`${what}: docker exited ${r.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`);
}

/**
 * Stand-ins as Docker containers of `image` (our generic server: HTTP on TCP_PORTS, UDP echo on
 * UDP_PORTS) on the kind network, labelled like everything the harness creates, so traffic to a
 * documented external address goes to a server on this machine and nowhere else.
 */
export class DockerOutsideHosts implements OutsideHostDriver {
  constructor(
    private readonly run: RunCommand,
    private readonly image: string,
    private readonly network = KIND_NETWORK,
  ) {}

  async start(hosts: readonly OutsideHost[], runId: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    try {
      for (const h of hosts) {
        const ports = (p: string) => h.listening.filter((l) => l.protocol === p).map((l) => l.port).join(',');
        const name = `nph-${runId}-${h.name}`.slice(0, 63);
        const args = ['run', '-d', '--pull', 'never', '--name', name, '--network', this.network, '--label', `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`, '--label', `${RUN_ID_LABEL}=${runId}`, '--label', `${STANDS_IN_FOR_LABEL}=${h.address}`];
        args.push('-e', `TCP_PORTS=${ports('TCP')}`, '-e', `UDP_PORTS=${ports('UDP')}`, '-e', `POD_NAME=${h.name}`, this.image);
        const started = await this.run('docker', args, { timeoutMs: 60_000 });
        if (started.exitCode !== 0) throw fail(`unable to start the stand-in for ${h.address} (${h.name})`, started);
        const ip = await this.run('docker', ['inspect', '--format', `{{(index .NetworkSettings.Networks "${this.network}").IPAddress}}`, name]);
        const address = ip.stdout.trim();
        if (ip.exitCode !== 0 || !address) throw fail(`unable to read the address of the stand-in for ${h.address}`, ip);
        out.set(h.address, address);
      }
    } catch (err) {
      await this.stop(runId);
      throw err;
    }
    return out;
  }

  async stop(runId: string): Promise<void> {
    await this.remove(runId);
  }

  /** Removes the stand-ins of one run, or of every run (`netpol-harness clean`); returns their names. */
  async remove(runId?: string): Promise<string[]> {
    const filters = ['--filter', `label=${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`, ...(runId ? ['--filter', `label=${RUN_ID_LABEL}=${runId}`] : [])];
    const listed = await this.run('docker', ['ps', '-a', '--format', '{{.Names}}', ...filters]);
    if (listed.exitCode !== 0) throw fail('unable to list stand-ins', listed);
    const names = listed.stdout.split('\n').map((x) => x.trim()).filter(Boolean);
    if (names.length === 0) return [];
    const removed = await this.run('docker', ['rm', '-f', ...names]);
    if (removed.exitCode !== 0) throw fail(`unable to remove the stand-ins${runId ? ` of run ${runId}` : ''}`, removed);
    return names;
  }
}
