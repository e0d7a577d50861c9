import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { validateClusterNetworkPolicy } from '../manifest/cluster-network-policy.js';
import { validateNetworkPolicy } from '../manifest/networkpolicy.js';
import {
  formatPodAddress,
  parsePodAddress,
  POD_ADDRESS_FORM,
  POD_ADDRESS_START,
  type PodAddress,
} from '../model/pod-address.js';
import { excerpt } from '../excerpt.js';
import { formatPath, type PathSegment, type Problem } from '../problems.js';
import type { ConvertContext } from './convert-context.js';
import type { PolicyDocument, ScenarioPod } from './types.js';
import { YamlSource } from './yaml-source.js';

/** A pod's address (`${podIP:…}/BITS`) a policy names, with the policy entry naming it. */
export interface NamedPodAddress {
  policyId: string;
  address: PodAddress;
}

/** Where a policy entry's manifest text is: the scenario (inline) or a policy file, from `lineOffset`. */
export interface ManifestText {
  text: string;
  file: string;
  lineOffset: number;
  /** The entry's field that holds or names it (`policies[0].manifest`), where its problems are reported. */
  field: PathSegment[];
}

/**
 * How each kind of manifest document is read: checked as the API server checks it (src/manifest/),
 * into the typed form the model evaluates, or rejected with the server's reasons. A new kind is its
 * validator in src/manifest/ and one entry here (and its variant of PolicyDocument in types.ts).
 * A document of a kind not listed is read as a NetworkPolicy, whose validator says which kind it expects.
 */
const MANIFEST_KINDS = {
  NetworkPolicy: (node: Node, namespace: string, text: string, lineOf: LineOf): PolicyDocument => {
    const result = validateNetworkPolicy(node, namespace);
    if (result.ok) return { accepted: true, policy: result.policy, text };
    return {
      accepted: false,
      name: result.name,
      text,
      issues: result.issues.map((i) => ({ path: i.path, message: i.message, line: lineOf(i.node) })),
    };
  },
  // Cluster-scoped: the entry's namespace does not apply to it.
  ClusterNetworkPolicy: (node: Node, _namespace: string, text: string, lineOf: LineOf): PolicyDocument => {
    const result = validateClusterNetworkPolicy(node);
    if (result.ok) return { accepted: true, clusterPolicy: result.policy, text };
    return {
      accepted: false,
      name: result.name,
      text,
      issues: result.issues.map((i) => ({ path: i.path, message: i.message, line: lineOf(i.node) })),
    };
  },
} satisfies Record<string, ReadManifestDocument>;

type LineOf = (node: Node | null | undefined) => number;
type ReadManifestDocument = (node: Node, namespace: string, text: string, lineOf: LineOf) => PolicyDocument;

function kindReader(node: Node): ReadManifestDocument {
  const kind = isMap(node) ? node.get('kind') : undefined;
  return (
    typeof kind === 'string' && Object.hasOwn(MANIFEST_KINDS, kind)
      ? MANIFEST_KINDS[kind as keyof typeof MANIFEST_KINDS]
      : MANIFEST_KINDS.NetworkPolicy
  ) as ReadManifestDocument;
}

/**
 * A policy entry's manifest: its `---` documents, each read by its kind. YAML that does not parse
 * is bad input (a problem of the scenario), not an API-server rejection; so is a pod's address
 * written where it cannot stand or naming no pod of the scenario.
 */
export function convertManifest(
  m: ManifestText,
  namespace: string,
  policyId: string,
  pods: readonly ScenarioPod[],
  ctx: ConvertContext,
): { documents: PolicyDocument[]; podAddresses: NamedPodAddress[] } {
  const documents: PolicyDocument[] = [];
  const podAddresses: NamedPodAddress[] = [];
  if (!m.text) return { documents, podAddresses };
  const manifestSrc = new YamlSource(m.file, m.text, m.lineOffset);
  const docs = manifestSrc.parseAll();
  for (const problem of manifestSrc.problems)
    ctx.document.problems.push(withPodAddressHint(problem, m.text, m.lineOffset));
  const addresses = new PodAddressCheck(manifestSrc, m.field, policyId, pods, ctx.document.problems);
  for (const doc of manifestSrc.problems.length === 0 ? docs : []) {
    if (doc.contents === null) continue;
    addresses.check(doc.contents as Node, []);
    const node = doc.contents as Node;
    documents.push(kindReader(node)(node, namespace, doc.toString(), (n) => manifestSrc.position(n).line));
  }
  if (docs.length > 0 && documents.length === 0 && manifestSrc.problems.length === 0)
    ctx.report(m.field, 'the manifest holds no document');
  return { documents, podAddresses: addresses.found };
}

/** Where a pod's address may stand in a manifest: the whole value of an ipBlock's cidr or except entry. */
/** Where a pod's address may stand: an ipBlock's cidr or except entry, or a ClusterNetworkPolicy's `networks` entry. */
const IP_BLOCK_VALUE =
  /^spec\.((ingress\[\d+\]\.from|egress\[\d+\]\.to)\[\d+\]\.ipBlock\.(cidr|except\[\d+\])|egress\[\d+\]\.to\[\d+\]\.networks\[\d+\])$/;

/**
 * Pod addresses (`${podIP:NAMESPACE/NAME}/BITS`, model/pod-address.ts) in a manifest: only the
 * whole value of an ipBlock's cidr or except entry, of the form, naming a pod of this scenario.
 * Reported where they are written (the manifest's own lines), as bad input.
 */
class PodAddressCheck {
  readonly found: NamedPodAddress[] = [];

  constructor(
    private readonly manifestSrc: YamlSource,
    private readonly field: PathSegment[],
    private readonly policyId: string,
    private readonly pods: readonly ScenarioPod[],
    private readonly problems: Problem[],
  ) {}

  check(node: Node | null | undefined, at: PathSegment[]): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && String(key.value).includes(POD_ADDRESS_START))
          this.problem(key, [...this.field, ...at], `a pod's address is a value, not a key`);
        this.check(pair.value as Node | null, [...at, isScalar(key) ? String(key.value) : '?']);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.check(item as Node, [...at, i]));
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes(POD_ADDRESS_START)) {
      this.checkValue(node, node.value, at);
    }
  }

  private checkValue(node: Node, value: string, at: PathSegment[]): void {
    const where = [...this.field, ...at];
    if (!IP_BLOCK_VALUE.test(formatPath(at))) {
      this.problem(
        node,
        where,
        `a pod's address (${POD_ADDRESS_FORM}) may only be the whole value of an ipBlock's cidr or of an except entry, or of a networks entry`,
      );
      return;
    }
    const a = parsePodAddress(value);
    if (!a) return;
    if ('error' in a) this.problem(node, where, `"${excerpt(value)}": ${a.error}`);
    else if (!this.pods.some((p) => p.namespace === a.namespace && p.name === a.pod)) {
      this.problem(
        node,
        where,
        `${formatPodAddress(a)}: no pod ${a.namespace}/${a.pod} in this scenario (write NAMESPACE/NAME of a workload or client)`,
      );
    } else this.found.push({ policyId: this.policyId, address: a });
  }

  private problem(node: Node, path: PathSegment[], message: string): void {
    const { line, column } = this.manifestSrc.position(node);
    this.problems.push({ file: this.manifestSrc.file, line, column, path: formatPath(path), message });
  }
}

/** YAML reads `${` inside `[ ]` or `{ }` as the start of a mapping: say so where a pod's address is. */
function withPodAddressHint(problem: Problem, text: string, lineOffset: number): Problem {
  const line = text.split('\n')[problem.line - lineOffset - 1];
  if (!line?.includes(POD_ADDRESS_START)) return problem;
  return {
    ...problem,
    message: `${problem.message} (a pod's address inside [ ] or { } must be quoted: "${POD_ADDRESS_FORM}")`,
  };
}
