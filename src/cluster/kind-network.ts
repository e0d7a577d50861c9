// What an IPv6 or dual-stack kind cluster needs of Docker: kind's `kind` network with IPv6 on it.
// kind creates that network once, for every cluster, trying `--ipv6 --subnet fc00:…/64` first and
// falling back to IPv4 only when Docker refuses IPv6; a network made that way (or by hand) keeps
// every later IPv6 cluster from starting, with an error from deep inside kubeadm.
import { EnvironmentError } from '../errors.js';
import { ipFamily } from '../model/ip-address.js';
import { FAMILY_TITLE, type IpFamily } from './ip-family.js';
import type { RunCommand } from './program-runner.js';
import { KIND_NETWORK } from './outside-hosts.js';

/** The family a set of CIDRs or addresses covers (node pod CIDRs, network subnets); undefined for none. */
export function familyOfRanges(ranges: readonly string[]): IpFamily | undefined {
  const families = new Set(ranges.map((r) => ipFamily(r.split('/')[0] ?? '')).filter(Boolean));
  if (families.has('ipv4') && families.has('ipv6')) return 'dual';
  if (families.has('ipv6')) return 'ipv6';
  if (families.has('ipv4')) return 'ipv4';
  return undefined;
}

/**
 * Reads `docker network inspect kind` output formatted as `<EnableIPv6>|<subnet> <subnet>…`: what
 * it says about an IPv6 cluster. `ok` with the line to print, or the problem.
 */
export function judgeKindNetwork(inspectLine: string, family: IpFamily): { ok: true; line: string } | { ok: false } {
  const [enabled = '', subnets = ''] = inspectLine.trim().split('|');
  const ranges = subnets.split(/\s+/).filter(Boolean);
  const v6 = ranges.filter((r) => ipFamily(r.split('/')[0] ?? '') === 'ipv6');
  if (enabled.trim() !== 'true' || v6.length === 0) return { ok: false };
  return {
    ok: true,
    line: `Docker network "${KIND_NETWORK}" has IPv6 (${v6.join(', ')}), as a ${FAMILY_TITLE[family]} cluster needs`,
  };
}

/**
 * Before an IPv6 or dual-stack cluster is made or reused: the `kind` network, when it exists, must
 * have IPv6. Returns the line to print; throws EnvironmentError with the fix otherwise.
 */
export async function checkKindNetworkFamily(run: RunCommand, family: IpFamily): Promise<string> {
  const r = await run('docker', [
    'network',
    'inspect',
    KIND_NETWORK,
    '--format',
    '{{.EnableIPv6}}|{{range .IPAM.Config}}{{.Subnet}} {{end}}',
  ]);
  if (r.exitCode !== 0)
    return `Docker network "${KIND_NETWORK}" does not exist yet: kind creates it with an IPv6 subnet (fc00::/8) where Docker allows it`;
  const judged = judgeKindNetwork(r.stdout, family);
  if (judged.ok) return judged.line;
  throw new EnvironmentError(
    `Docker network "${KIND_NETWORK}" has no IPv6 (EnableIPv6 ${r.stdout.trim().split('|')[0] || 'unknown'}), so a ${FAMILY_TITLE[family]} kind cluster cannot start on it: kind made it IPv4-only (Docker refused IPv6 when it was created) or it was made by hand`,
    `when no kind cluster uses it (kind get clusters; docker network inspect ${KIND_NETWORK} --format '{{len .Containers}}' says 0), remove it with docker network rm ${KIND_NETWORK}, and kind recreates it with IPv6 on the next up; if Docker refuses IPv6 again, see docs/commands.md ("Address families")`,
  );
}
