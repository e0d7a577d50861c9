import type { RunCommand } from './program-runner.js';

/**
 * Keeps the cluster's own addresses on this machine. A probe to a Service ClusterIP that
 * kube-proxy has not programmed yet (or to a pod IP that no longer exists) is not translated on the
 * node: the node routes it to its default gateway, the Docker host, which would forward it out of
 * the machine, and whatever answers out there (a proxy, another network's host) would be taken for
 * the cluster's answer. Once a CI run got an HTTP 404 from outside for a Service created a moment
 * before. The host rejects such packets instead: the probe is refused at once, and its cell is
 * probed again until the cluster answers.
 */

/** Marks the host firewall rules this module adds, so they are found again and never duplicated. */
export const CONTAINMENT_COMMENT = 'netpol-harness: cluster addresses stay on this machine';

/** The Service and pod ranges named by the control plane's static pod manifests (kubeadm's flags), both families. */
export function clusterRangesFromManifests(text: string): string[] {
  const ranges = new Set<string>();
  for (const m of text.matchAll(/--(?:service-cluster-ip-range|cluster-cidr)=([0-9a-fA-F.:/,]+)/g)) {
    for (const cidr of (m[1] as string).split(',')) if (cidr.includes('/')) ranges.add(cidr);
  }
  return [...ranges].sort();
}

/**
 * The firewall program and chain for a range: iptables' DOCKER-USER for IPv4 (Docker forwards the
 * kind network there); ip6tables' FORWARD for IPv6 (Docker programs no IPv6 chains here, and the
 * host forwards IPv6 and has a default route, so without this rule a packet would leave).
 */
export function firewallFor(cidr: string): { program: 'iptables' | 'ip6tables'; chain: string; reject: string } {
  return cidr.includes(':')
    ? { program: 'ip6tables', chain: 'FORWARD', reject: 'icmp6-port-unreachable' }
    : { program: 'iptables', chain: 'DOCKER-USER', reject: 'icmp-port-unreachable' };
}

/** The Linux bridge behind a Docker network: its `bridge.name` option, else `br-` and the first 12 hex digits of its id. */
export function bridgeOfNetwork(inspectLine: string): string | undefined {
  const [option = '', id = ''] = inspectLine.trim().split('|');
  if (option && option !== '<no value>') return option;
  return /^[0-9a-f]{12}/.test(id) ? `br-${id.slice(0, 12)}` : undefined;
}

/** iptables arguments (after `-C`/`-I`) of the rule that rejects one range leaving the bridge for anywhere else. */
export function rejectRule(bridge: string, cidr: string): string[] {
  const { chain, reject } = firewallFor(cidr);
  return [
    chain,
    '-i',
    bridge,
    '!',
    '-o',
    bridge,
    '-d',
    cidr,
    '-m',
    'comment',
    '--comment',
    CONTAINMENT_COMMENT,
    '-j',
    'REJECT',
    '--reject-with',
    reject,
  ];
}

export interface Containment {
  bridge: string;
  ranges: string[];
  added: string[];
}

/**
 * Adds (once) a host rule per cluster range: packets from the kind network to a Service or pod
 * address are rejected rather than forwarded out of the machine. Throws with what failed.
 */
export async function containClusterTraffic(run: RunCommand, node: string, network = 'kind'): Promise<Containment> {
  const inspect = await run('docker', [
    'network',
    'inspect',
    network,
    '--format',
    '{{index .Options "com.docker.network.bridge.name"}}|{{.Id}}',
  ]);
  const bridge = inspect.exitCode === 0 ? bridgeOfNetwork(inspect.stdout) : undefined;
  if (!bridge)
    throw new Error(
      `cannot find the bridge of the Docker network "${network}": ${inspect.stderr.trim() || inspect.stdout.trim()}`,
    );
  const manifests = await run('docker', ['exec', node, 'sh', '-c', 'cat /etc/kubernetes/manifests/*.yaml']);
  const ranges = clusterRangesFromManifests(manifests.stdout);
  if (ranges.length === 0)
    throw new Error(
      `cannot read the cluster's Service and pod ranges from ${node}'s /etc/kubernetes/manifests: ${manifests.stderr.trim() || 'no --service-cluster-ip-range or --cluster-cidr flag'}`,
    );
  const added: string[] = [];
  for (const cidr of ranges) {
    const rule = rejectRule(bridge, cidr);
    const { program } = firewallFor(cidr);
    if ((await run(program, ['-C', ...rule])).exitCode === 0) continue;
    const insert = await run(program, ['-I', ...rule]);
    if (insert.exitCode !== 0) throw new Error(`${program} -I ${rule.join(' ')} failed: ${insert.stderr.trim()}`);
    added.push(cidr);
  }
  return { bridge, ranges, added };
}
