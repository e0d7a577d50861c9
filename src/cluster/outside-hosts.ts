import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, RUN_ID_LABEL } from '../kube/types.js';
import { hostCidr, ipFamily } from '../model/ip-address.js';
import type { OutsideHost } from '../scenario/outside.js';
import type { RunCommand } from './program-runner.js';

/** The Docker network kind puts its nodes on: stand-ins join it, and no other. */
export const KIND_NETWORK = 'kind';
/** Label naming the documented address a stand-in answers for. */
export const STANDS_IN_FOR_LABEL = 'netpol-harness.io/stands-in-for';

/** Starts and removes the stand-ins of one scenario run. */
export interface OutsideHostDriver {
  /**
   * Starts one stand-in per host: a test server, or for a host that sends probes (`sources`) a
   * container with the probe tools. Returns documented address → stand-in IP.
   */
  start(hosts: readonly OutsideHost[], runId: string, sources?: ReadonlySet<string>): Promise<Map<string, string>>;
  /** The container a probe source's probes are exec'd in. */
  containerName(runId: string, host: string): string;
  /** Routes a source stand-in's packets for each pod IP through the kind node the pod runs on. */
  routeToPods(runId: string, host: string, pods: readonly { ip: string; node: string }[]): Promise<void>;
  /** Removes every stand-in of the run (by label). */
  stop(runId: string): Promise<void>;
}

function fail(what: string, r: { exitCode: number; stderr: string }): Error {
  return new Error(
    `${what}: docker exited ${r.exitCode}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`,
  );
}

/**
 * Stand-ins as Docker containers of `image` (our generic server: HTTP on TCP_PORTS, UDP echo on
 * UDP_PORTS) on the kind network, labelled like everything the harness creates, so traffic to a
 * documented external address goes to a server on this machine and nowhere else.
 */
export class DockerOutsideHosts implements OutsideHostDriver {
  constructor(
    private readonly run: RunCommand,
    private readonly serverImage: string,
    /** The probe clients' image (probe tools and iproute2), for stand-ins that send probes. */
    private readonly clientImage = '',
    private readonly network = KIND_NETWORK,
  ) {}

  containerName(runId: string, host: string): string {
    return `nph-${runId}-${host}`.slice(0, 63);
  }

  async start(
    hosts: readonly OutsideHost[],
    runId: string,
    sources: ReadonlySet<string> = new Set(),
  ): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    try {
      for (const h of hosts) {
        const ports = (p: string) =>
          h.listening
            .filter((l) => l.protocol === p)
            .map((l) => l.port)
            .join(',');
        const name = this.containerName(runId, h.name);
        const args = [
          'run',
          '-d',
          '--pull',
          'never',
          '--name',
          name,
          '--network',
          this.network,
          '--label',
          `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
          '--label',
          `${RUN_ID_LABEL}=${runId}`,
          '--label',
          `${STANDS_IN_FOR_LABEL}=${h.address}`,
        ];
        // A source needs NET_ADMIN for its routes to pod IPs (inside its own network namespace only).
        if (sources.has(h.name)) args.push('--cap-add', 'NET_ADMIN', this.clientImage, 'sleep', '86400');
        else
          args.push(
            '-e',
            `TCP_PORTS=${ports('TCP')}`,
            '-e',
            `UDP_PORTS=${ports('UDP')}`,
            '-e',
            `POD_NAME=${h.name}`,
            this.serverImage,
          );
        const started = await this.run('docker', args, { timeoutMs: 60_000 });
        if (started.exitCode !== 0) throw fail(`unable to start the stand-in for ${h.address} (${h.name})`, started);
        // An IPv6 documented address gets the stand-in's IPv6 address on the network (kind's
        // network has one for IPv6 and dual-stack clusters), an IPv4 one its IPv4 address.
        const ip = await this.run('docker', [
          'inspect',
          '--format',
          this.addressFormat(ipFamily(h.address) === 'ipv6' ? 'ipv6' : 'ipv4'),
          name,
        ]);
        const address = ip.stdout.trim();
        if (ip.exitCode !== 0 || !address)
          throw fail(`unable to read the address of the stand-in for ${h.address}`, ip);
        out.set(h.address, address);
      }
    } catch (err) {
      await this.stop(runId);
      throw err;
    }
    return out;
  }

  async routeToPods(runId: string, host: string, pods: readonly { ip: string; node: string }[]): Promise<void> {
    const nodeIps = new Map<string, string>();
    for (const { ip, node } of pods) {
      // An IPv6 pod address is routed through the node's IPv6 address (`ip -6`).
      const family = ipFamily(ip) === 'ipv6' ? 'ipv6' : 'ipv4';
      let via = nodeIps.get(`${family} ${node}`);
      if (!via) {
        const r = await this.run('docker', ['inspect', '--format', this.addressFormat(family), node]);
        via = r.stdout.trim();
        if (r.exitCode !== 0 || !via)
          throw fail(`unable to read the ${family === 'ipv6' ? 'IPv6 ' : ''}address of kind node ${node}`, r);
        nodeIps.set(`${family} ${node}`, via);
      }
      const r = await this.run('docker', [
        'exec',
        this.containerName(runId, host),
        'ip',
        ...(family === 'ipv6' ? ['-6'] : []),
        'route',
        'replace',
        hostCidr(ip),
        'via',
        via,
      ]);
      if (r.exitCode !== 0) throw fail(`unable to route ${host}'s packets for ${ip} through node ${node}`, r);
    }
  }

  /** docker inspect's format for a container's address on the network, of one family. */
  private addressFormat(family: 'ipv4' | 'ipv6'): string {
    return `{{(index .NetworkSettings.Networks "${this.network}").${family === 'ipv6' ? 'GlobalIPv6Address' : 'IPAddress'}}}`;
  }

  async stop(runId: string): Promise<void> {
    await this.remove(runId);
  }

  /** Removes the stand-ins of one run, or of every run (`netpol-harness clean`); returns their names. */
  async remove(runId?: string): Promise<string[]> {
    const filters = [
      '--filter',
      `label=${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`,
      ...(runId ? ['--filter', `label=${RUN_ID_LABEL}=${runId}`] : []),
    ];
    const listed = await this.run('docker', ['ps', '-a', '--format', '{{.Names}}', ...filters]);
    if (listed.exitCode !== 0) throw fail('unable to list stand-ins', listed);
    const names = listed.stdout
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean);
    if (names.length === 0) return [];
    const removed = await this.run('docker', ['rm', '-f', ...names]);
    if (removed.exitCode !== 0) throw fail(`unable to remove the stand-ins${runId ? ` of run ${runId}` : ''}`, removed);
    return names;
  }
}
