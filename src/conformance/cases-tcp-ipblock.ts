import { formatPodAddress } from '../model/pod-address.js';
import { check, podIs, policy, type ConformanceCase, type PolicyDef } from './spec.js';
import { namespaceOf, podNameOf } from './truth-table.js';

const X_A = 'x/a';

/** `${podIP:y/b}/host` (the pod's IP alone, /32 or /128) or `/4`: the network around a pod's IP, written in by the harness once the pod runs. */
function around(pod: string, bits: number | 'host'): string {
  return formatPodAddress({ namespace: namespaceOf(pod), pod: podNameOf(pod), bits });
}

/** The suite's one policy for these cases: x/a's egress to a single ipBlock. */
function cidrEgress(block: { cidr: string; except?: string[] }): PolicyDef {
  return policy('x', 'allow-client-a-via-cidr-egress-rule', podIs('a'), { egress: [{ to: [{ ipBlock: block }] }] });
}

/** The suite builds these CIDRs from pod.Status.PodIP: the pod's /32 or /128 by family (its makeLargeCIDRForIP gives the /4). */
const ADDRESS_NOTE =
  "The suite reads the pod's IP from its status and writes it into the policy; here the policy names it as a pod's address (${podIP:NAMESPACE/NAME}/BITS), which the harness writes in once the pod runs. /host is the pod's IP alone in its family, /32 for IPv4 and /128 for IPv6, as the suite chooses its host mask by family.";

/** The TCP context's ipBlock cases: policies that name a pod's IP. */
export const TCP_IPBLOCK_CASES: ConformanceCase[] = [
  {
    slug: 'egress-cidr-block',
    context: 'tcp',
    test: 'should allow egress access to server in CIDR block',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'y/a', 'y/b'],
    policies: { 'allow-client-a-via-cidr-egress-rule': cidrEgress({ cidr: around('y/b', 'host') }) },
    steps: [
      {
        name: "allow-client-a-via-cidr-egress-rule: y/b's IP/32",
        apply: ['allow-client-a-via-cidr-egress-rule'],
        checks: [check(80, 'TCP', (t) => t.allEgress(X_A, false).expect(X_A, 'y/b', true))],
      },
    ],
    note: ADDRESS_NOTE,
  },
  {
    slug: 'egress-cidr-except',
    context: 'tcp',
    test: 'should enforce except clause while egress access to server in CIDR block',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c'],
    policies: {
      'allow-client-a-via-cidr-egress-rule': cidrEgress({ cidr: around('x/b', 4), except: [around('x/b', 'host')] }),
    },
    steps: [
      {
        name: "allow-client-a-via-cidr-egress-rule: the /4 around x/b's IP, its /32 excepted",
        apply: ['allow-client-a-via-cidr-egress-rule'],
        checks: [check(80, 'TCP', (t) => t.expect(X_A, 'x/b', false))],
      },
    ],
    note: ADDRESS_NOTE,
  },
  {
    slug: 'cidr-and-except-overlap',
    context: 'tcp',
    test: 'should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed',
    ports: [80],
    protocols: ['TCP'],
    pods: ['x/a', 'x/b', 'x/c'],
    policies: {
      'cidr-except': cidrEgress({ cidr: around('x/b', 4), except: [around('x/b', 'host')] }),
      'cidr-only': cidrEgress({ cidr: around('x/b', 'host') }),
    },
    steps: [
      {
        name: "allow-client-a-via-cidr-egress-rule: the /4 around x/b's IP, its /32 excepted",
        apply: ['cidr-except'],
        checks: [check(80, 'TCP', (t) => t.expect(X_A, 'x/b', false))],
      },
      {
        name: "the same policy updated to x/b's IP/32 alone",
        apply: ['cidr-only'],
        checks: [check(80, 'TCP', (t) => t.allEgress(X_A, false).expect(X_A, 'x/b', true))],
      },
    ],
    note:
      `${ADDRESS_NOTE} The suite's second policy has the first one's name and is sent with UpdatePolicy, so it replaces the first (the test's own comment asks whether it should be a create): ` +
      "after the update only x/b's /32 is in force, not both policies; applied here by name the same way.",
  },
];
