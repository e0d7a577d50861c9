// calico/calico.yaml for an IPv6 or dual-stack cluster: the checked manifest (SHA256SUMS) with
// the few settings Calico v3.30 reads for the address family changed, at up time, in memory. One
// manifest stays the reviewed source; what changes per family is this function, and its tests.
import { isMap, isSeq, parseAllDocuments, type Document, type YAMLMap } from 'yaml';
import { hasIpv4, hasIpv6, IPV6_POD_SUBNET, type IpFamily } from './ip-family.js';

/**
 * calico-node's environment per family (calico-node -startup, Felix; Calico's "Configure dual
 * stack or IPv6 only"): IP / IP6 say which node addresses to autodetect ("none": not that family);
 * the default pools are created from CALICO_IPV{4,6}POOL_CIDR ("none": no pool of that family);
 * VXLAN for IPv6 as for IPv4 (there is no IP-in-IP for IPv6); Felix programs ip6tables only with
 * FELIX_IPV6SUPPORT. first-found skips kind's loopback and link-local addresses and finds eth0's
 * ULA (kind's network has an fc00::/64).
 */
export function calicoNodeEnv(family: IpFamily): Record<string, string> {
  const v4 = hasIpv4(family);
  const v6 = hasIpv6(family);
  return {
    IP: v4 ? 'autodetect' : 'none',
    IP6: v6 ? 'autodetect' : 'none',
    ...(v6 ? { IP6_AUTODETECTION_METHOD: 'first-found' } : {}),
    ...(v4 ? {} : { CALICO_IPV4POOL_CIDR: 'none' }),
    ...(v6
      ? {
          CALICO_IPV6POOL_CIDR: IPV6_POD_SUBNET,
          CALICO_IPV6POOL_VXLAN: 'Always',
          CALICO_IPV6POOL_NAT_OUTGOING: 'true',
        }
      : {}),
    FELIX_IPV6SUPPORT: v6 ? 'true' : 'false',
  };
}

/** The CNI plugin's IPAM: which families calico-ipam gives each pod an address of. */
export function calicoIpam(family: IpFamily): { assign_ipv4: string; assign_ipv6: string } {
  return { assign_ipv4: String(hasIpv4(family)), assign_ipv6: String(hasIpv6(family)) };
}

const IPAM_LINE = /^(\s*)"type": "calico-ipam"$/m;

function fail(what: string): never {
  throw new Error(`calico/calico.yaml: ${what} (src/cluster/calico-family.ts expects our manifest's layout)`);
}

function named(doc: Document, kind: string, name: string): boolean {
  return doc.get('kind') === kind && doc.getIn(['metadata', 'name']) === name;
}

function setEnv(env: YAMLMap[], name: string, value: string, doc: Document): void {
  const entry = env.find((e) => e.get('name') === name);
  if (entry) {
    if (entry.has('valueFrom')) fail(`env ${name} comes from valueFrom, not a value`);
    entry.set('value', value);
  } else env.push(doc.createNode({ name, value }) as YAMLMap);
}

/**
 * The manifest for the family: for ipv4 the text as it is (byte for byte: the IPv4 cluster runs
 * what SHA256SUMS checked); for ipv6 and dual, the ConfigMap's CNI config gets `assign_ipv4` /
 * `assign_ipv6` in its ipam, and calico-node's environment calicoNodeEnv(family). Comments and
 * every other document stay as written. Throws when the manifest is not laid out as expected
 * (no calico-config ConfigMap with a calico-ipam line, no calico-node container).
 */
export function calicoManifestForFamily(text: string, family: IpFamily): string {
  if (family === 'ipv4') return text;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) fail('it does not parse');
  let configMap = false;
  let daemonSet = false;
  for (const doc of docs) {
    if (doc.errors.length > 0) fail(`it does not parse: ${doc.errors[0]?.message ?? ''}`);
    if (named(doc, 'ConfigMap', 'calico-config')) {
      const cni = doc.getIn(['data', 'cni_network_config']);
      if (typeof cni !== 'string' || !IPAM_LINE.test(cni)) fail('no "type": "calico-ipam" line in cni_network_config');
      const ipam = calicoIpam(family);
      doc.setIn(
        ['data', 'cni_network_config'],
        cni.replace(
          IPAM_LINE,
          (_line, indent: string) =>
            `${indent}"type": "calico-ipam",\n${indent}"assign_ipv4": "${ipam.assign_ipv4}",\n${indent}"assign_ipv6": "${ipam.assign_ipv6}"`,
        ),
      );
      configMap = true;
    }
    if (named(doc, 'DaemonSet', 'calico-node')) {
      const containers = doc.getIn(['spec', 'template', 'spec', 'containers']);
      const node = isSeq(containers)
        ? containers.items.find((c): c is YAMLMap => isMap(c) && c.get('name') === 'calico-node')
        : undefined;
      const env = node?.get('env');
      if (!isSeq(env)) fail('no calico-node container with an env list in the calico-node DaemonSet');
      const entries = env.items.filter((e): e is YAMLMap => isMap(e));
      for (const [name, value] of Object.entries(calicoNodeEnv(family))) setEnv(entries, name, value, doc);
      env.items = entries;
      daemonSet = true;
    }
  }
  if (!configMap) fail('no ConfigMap calico-config');
  if (!daemonSet) fail('no DaemonSet calico-node');
  return docs.map((d) => d.toString({ flowCollectionPadding: false, lineWidth: 0 })).join('');
}
