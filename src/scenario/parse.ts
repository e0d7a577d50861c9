import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { validateNetworkPolicy } from '../manifest/networkpolicy.js';
import {
  formatPodAddress,
  parsePodAddress,
  POD_ADDRESS_FORM,
  POD_ADDRESS_START,
  type PodAddress,
} from '../model/pod-address.js';
import type { ProbeTarget } from '../model/probe.js';
import type { ListeningPort, Namespace, Protocol } from '../model/types.js';
import { prerequisiteOf, recordedFindingOf, type RawRecordedFinding } from './annotations.js';
import { parseRow, type RowFields } from './expectation-row.js';
import { readApiCalls, type RawApiCall } from './api-call.js';
import { OUTSIDE_NAMESPACE, readOutsideHosts, type OutsideHost, type RawOutsideHost } from './outside.js';
import { clashingListeners, readContainers, SINGLE_CONTAINER_FIELDS, type RawContainer } from './containers.js';
import { placementReference, readNodePlacement, type NodePlacement, type RawNodePlacement } from './node-placement.js';
import { readPodUpdates, type PodUpdateContext, type RawPodUpdate } from './pod-update.js';
import { formatPath, InputError, type PathSegment, type Problem } from '../problems.js';
import { excerpt } from '../excerpt.js';
import { checkSchema } from './schema.js';
import { scenarioSchema } from './schema-v1.js';
import { DNS_LOOKUP, parseTarget, type ParsedTarget } from './target.js';
import type {
  CaptureRecord,
  Expectation,
  LabelChange,
  PolicyDocument,
  PolicyOrigin,
  Provenance,
  Scenario,
  ScenarioPod,
  ScenarioPolicy,
  ScenarioService,
  Step,
  Tool,
} from './types.js';
import { nodeAt, YamlSource } from './yaml-source.js';

/** Reads a policy file named by a scenario (relative to the scenario): its text, why it cannot be read, or undefined when it does not exist. */
export type ReadPolicyFile = (
  scenarioFile: string,
  relative: string,
) =>
  | { path: string; text: string }
  | { path: string; problem: { line: number; column: number; message: string } }
  | undefined;

/* Raw shapes after the schema check passed. */
interface RawPod {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  image?: string;
  kind?: 'Pod' | 'Deployment';
  container?: string;
  ports?: { name?: string; containerPort: number; protocol?: Protocol }[];
  listen?: (number | string | { port: number; protocol?: Protocol })[];
  command?: string[];
  containers?: RawContainer[];
  createdBy?: string;
  extra?: boolean;
  node?: RawNodePlacement;
}
interface RawExpectation {
  from: string;
  to: string;
  port?: number;
  protocol?: Protocol;
  tool?: Tool;
  path?: string;
  expect: string | string[];
  body?: string;
  section?: string;
  file?: string;
  quote?: string;
  derived?: boolean;
  reason?: string;
  note?: string;
  fix?: string;
  command?: string;
}
/** An expectation as written: its fields, or the fields of its row. */
type ExpectationFields =
  | RawExpectation
  | (RowFields & {
      port?: number;
      protocol?: Protocol;
      path?: string;
      file?: string;
      quote?: string;
      reason?: string;
      note?: string;
    });
interface RawScenario {
  name: string;
  title?: string;
  description?: string;
  source: { file: string; section: string };
  capture?: CaptureRecord;
  namespaces?: { name: string; labels?: Record<string, string> }[];
  workloads?: RawPod[];
  clients?: RawPod[];
  outside?: RawOutsideHost[];
  services?: {
    name: string;
    namespace?: string;
    selector?: Record<string, string>;
    ports: { name?: string; port: number; targetPort?: number | string; protocol?: Protocol }[];
    createdBy?: string;
  }[];
  policies?: {
    id: string;
    namespace?: string;
    file?: string;
    manifest?: string;
    source?: { file?: string; section: string; quote?: string };
    correctionOf?: string;
    reason?: string;
    origin?: PolicyOrigin;
    mistake?: { quote: string; says: string };
    fix?: string;
  }[];
  steps: {
    name: string;
    section?: string;
    derived?: boolean;
    apply?: string[];
    delete?: string[];
    label?: { pod?: string; namespace?: string; labels: Record<string, string | null> }[];
    update?: RawPodUpdate[];
    api?: RawApiCall[];
    expect?: (string | RawExpectation)[];
    prerequisite?: boolean;
    reason?: string;
    fix?: string;
  }[];
  findings?: RawRecordedFinding[];
}

const METADATA_NAME = 'kubernetes.io/metadata.name';

class ScenarioBuilder {
  readonly root: Node | null;
  /** The scenario's `outside:` hosts, which expectations may probe from. */
  private outsideHosts: OutsideHost[] = [];
  /** Pod addresses (`${podIP:…}/BITS`) the policies name, with the policy entry naming each. */
  private podAddresses: { policyId: string; address: PodAddress }[] = [];

  constructor(
    readonly src: YamlSource,
    doc: Document.Parsed,
    readonly readPolicyFile: ReadPolicyFile,
  ) {
    this.root = doc.contents as Node | null;
  }

  report(path: PathSegment[], message: string): void {
    this.src.report(nodeAt(this.root, path), path, message);
  }

  line(path: PathSegment[]): number {
    return this.src.position(nodeAt(this.root, path)).line;
  }

  build(raw: RawScenario): Scenario {
    const file = this.src.file;
    const namespaces = this.namespaces(raw);
    const pods = [
      ...(raw.workloads ?? []).map((p, i) => this.pod(p, 'workload', ['workloads', i])),
      ...(raw.clients ?? []).map((p, i) => this.pod(p, 'client', ['clients', i])),
    ];
    this.unique(
      pods.map((p, i) => [
        `${p.namespace}/${p.name}`,
        p.role === 'workload' ? ['workloads', i] : ['clients', i - (raw.workloads ?? []).length],
      ]),
      'pod',
    );
    for (const [i, p] of pods.entries()) {
      const path = p.role === 'workload' ? ['workloads', i] : ['clients', i - (raw.workloads ?? []).length];
      this.ensureNamespace(namespaces, p.namespace, [...path, 'namespace']);
    }
    this.placePods(raw, pods);
    const services = (raw.services ?? []).map((s, i) => this.service(s, ['services', i], namespaces));
    this.unique(
      services.map((s, i) => [`${s.namespace}/${s.name}`, ['services', i]]),
      'service',
    );
    const policies = (raw.policies ?? []).map((p, i) => this.policy(p, ['policies', i], raw, pods));
    this.unique(
      policies.map((p, i) => [p.id, ['policies', i, 'id']]),
      'policy id',
    );
    policies.forEach((p, i) => {
      if (p.correctionOf && !policies.some((q) => q.id === p.correctionOf)) {
        this.report(['policies', i, 'correctionOf'], `no policy with id "${p.correctionOf}"`);
      }
      if (p.correctionOf && p.mistake)
        this.report(
          ['policies', i, 'mistake'],
          'a correction is not the document\'s mistake: give "mistake" on the policy it corrects',
        );
      for (const d of p.documents) {
        if (d.accepted) this.ensureNamespace(namespaces, d.policy.namespace, ['policies', i]);
      }
    });
    const outside = raw.outside
      ? readOutsideHosts(raw.outside, ['outside'], {
          readListen: (l, at) => this.readListen(l, at),
          report: (at, m) => this.report(at, m),
          line: (at) => this.line(at),
        })
      : undefined;
    this.outsideHosts = outside ?? [];
    const steps = raw.steps.map((s, i) => this.step(s, ['steps', i], raw, pods, services, policies, namespaces));
    this.replacedAddressedPods(steps);
    const findings = (raw.findings ?? []).map((f, i) =>
      recordedFindingOf(f, raw.source.file, this.line(['findings', i])),
    );
    this.outsideHosts.forEach((h, i) => {
      const probes = steps.some((st) =>
        st.expectations.some((e) => e.from.namespace === OUTSIDE_NAMESPACE && e.from.name === h.name),
      );
      if (probes && h.listening.length)
        this.report(
          ['outside', i, 'listen'],
          `outside host "${h.name}" sends probes: it serves nothing (an outside host either serves or probes)`,
        );
    });
    return {
      ...(outside ? { outside } : {}),
      file,
      name: raw.name,
      title: raw.title ?? raw.name,
      description: raw.description,
      source: raw.source,
      ...(raw.capture ? { capture: raw.capture } : {}),
      namespaces,
      pods,
      services,
      policies,
      steps,
      ...(findings.length ? { findings } : {}),
    };
  }

  private unique(entries: [string, PathSegment[]][], what: string): void {
    const seen = new Set<string>();
    for (const [key, path] of entries) {
      if (seen.has(key)) this.report(path, `duplicate ${what} "${key}"`);
      seen.add(key);
    }
  }

  private namespaces(raw: RawScenario): Namespace[] {
    const out: Namespace[] = (raw.namespaces ?? []).map((n) => ({
      name: n.name,
      labels: { ...(n.labels ?? {}), [METADATA_NAME]: n.name },
    }));
    this.unique(
      out.map((n, i) => [n.name, ['namespaces', i, 'name']]),
      'namespace',
    );
    return out;
  }

  /** `default` exists in every cluster; any other namespace must be declared. */
  private ensureNamespace(namespaces: Namespace[], name: string, path: PathSegment[]): void {
    if (namespaces.some((n) => n.name === name)) return;
    if (name === 'default') {
      namespaces.push({ name, labels: { [METADATA_NAME]: name } });
      return;
    }
    this.report(path, `namespace "${name}" is not declared under namespaces`);
  }

  private pod(p: RawPod, role: 'workload' | 'client', path: PathSegment[]): ScenarioPod {
    const containerPorts = (p.ports ?? []).map((c) => ({
      name: c.name,
      containerPort: c.containerPort,
      protocol: c.protocol ?? 'TCP',
    }));
    const listening = p.listen
      ? this.readListen(p.listen, [...path, 'listen'])
      : containerPorts.map((c) => ({ port: c.containerPort, protocol: c.protocol }));
    if (p.containers) return this.multiContainerPod(p, p.containers, role, path);
    if (!p.image) this.report([...path, 'image'], 'required field is missing');
    return {
      name: p.name,
      namespace: p.namespace ?? 'default',
      labels: p.labels ?? {},
      image: p.image ?? '',
      role,
      kind: p.kind ?? 'Pod',
      containerName: p.container ?? p.name,
      containerPorts,
      listening,
      command: p.command,
      createdBy: p.createdBy,
      ...(p.extra ? { extra: true } : {}),
      line: this.line(path),
    };
  }

  /** A pod declared with `containers:` (containers.ts). */
  private multiContainerPod(
    p: RawPod,
    raw: RawContainer[],
    role: 'workload' | 'client',
    path: PathSegment[],
  ): ScenarioPod {
    for (const field of SINGLE_CONTAINER_FIELDS) {
      if (p[field] !== undefined)
        this.report([...path, field], `give "${field}" on a container: this pod declares "containers"`);
    }
    const containers = readContainers(raw, [...path, 'containers'], {
      readListen: (l, at) => this.readListen(l, at),
      report: (at, m) => this.report(at, m),
    });
    for (const clash of clashingListeners(containers)) this.report([...path, 'containers'], clash);
    const first = containers[0];
    return {
      name: p.name,
      namespace: p.namespace ?? 'default',
      labels: p.labels ?? {},
      image: first?.image ?? '',
      role,
      kind: p.kind ?? 'Pod',
      containerName: first?.name ?? p.name,
      containerPorts: containers.flatMap((c) => c.containerPorts),
      listening: containers.flatMap((c) => c.listening),
      ...(first?.command ? { command: first.command } : {}),
      containers,
      createdBy: p.createdBy,
      ...(p.extra ? { extra: true } : {}),
      line: this.line(path),
    };
  }

  readListen(listen: NonNullable<RawPod['listen']>, path: PathSegment[]): ListeningPort[] {
    return listen.map((l, i) => {
      if (typeof l === 'object') return { port: l.port, protocol: l.protocol ?? 'TCP' };
      const m = /^(\d+)(?:\/(TCP|UDP|SCTP))?$/i.exec(String(l));
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) {
        this.report([...path, i], `cannot read "${l}": expected PORT or PORT/TCP|UDP|SCTP`);
        return { port: 0, protocol: 'TCP' as Protocol };
      }
      return { port: Number(m[1]), protocol: (m[2] ?? 'TCP').toUpperCase() as Protocol };
    });
  }

  private service(
    s: NonNullable<RawScenario['services']>[number],
    path: PathSegment[],
    namespaces: Namespace[],
  ): ScenarioService {
    const namespace = s.namespace ?? 'default';
    this.ensureNamespace(namespaces, namespace, [...path, 'namespace']);
    return {
      name: s.name,
      namespace,
      selector: s.selector,
      ports: s.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol ?? 'TCP',
      })),
      createdBy: s.createdBy,
      line: this.line(path),
    };
  }

  private policy(
    p: NonNullable<RawScenario['policies']>[number],
    path: PathSegment[],
    raw: RawScenario,
    pods: ScenarioPod[],
  ): ScenarioPolicy {
    const namespace = p.namespace ?? 'default';
    let text = '';
    let file = this.src.file;
    let lineOffset = 0;
    if ((p.file === undefined) === (p.manifest === undefined)) {
      this.report(path, 'give exactly one of "manifest" (inline) or "file"');
    } else if (p.manifest !== undefined) {
      text = p.manifest;
      const node = nodeAt(this.root, [...path, 'manifest']);
      const header = this.src.position(node).line;
      // A block scalar (`manifest: |`) starts on the line after its header.
      lineOffset =
        isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? header : header - 1;
    } else if (p.file !== undefined) {
      const read = this.readPolicyFile(this.src.file, p.file);
      if (!read) this.report([...path, 'file'], `cannot read policy file "${excerpt(p.file)}"`);
      else if ('problem' in read) {
        this.report(
          [...path, 'file'],
          `policy file "${excerpt(p.file)}" is not usable: ${read.path}${read.problem.line > 0 ? `:${read.problem.line}:${read.problem.column}` : ''}: ${read.problem.message}`,
        );
      } else {
        text = read.text;
        file = read.path;
      }
    }
    const manifestSrc = new YamlSource(file, text, lineOffset);
    const documents: PolicyDocument[] = [];
    if (text) {
      const docs = manifestSrc.parseAll();
      // A manifest that is not even YAML is bad input, not an API-server rejection.
      for (const problem of manifestSrc.problems) this.src.problems.push(withPodAddressHint(problem, text, lineOffset));
      const field = [...path, p.manifest !== undefined ? 'manifest' : 'file'];
      for (const doc of manifestSrc.problems.length === 0 ? docs : []) {
        if (doc.contents === null) continue;
        this.checkPodAddresses(doc.contents as Node, [], manifestSrc, field, p.id, pods);
        const docText = doc.toString();
        const result = validateNetworkPolicy(doc.contents as Node, namespace);
        if (result.ok) documents.push({ accepted: true, policy: result.policy, text: docText });
        else {
          documents.push({
            accepted: false,
            name: result.name,
            text: docText,
            issues: result.issues.map((i) => ({
              path: i.path,
              message: i.message,
              line: manifestSrc.position(i.node).line,
            })),
          });
        }
      }
      if (docs.length > 0 && documents.length === 0 && manifestSrc.problems.length === 0)
        this.report([...path, p.manifest !== undefined ? 'manifest' : 'file'], 'the manifest holds no document');
    }
    return {
      id: p.id,
      namespace,
      text,
      file,
      line: lineOffset + 1,
      documents,
      source: p.source
        ? { file: p.source.file ?? raw.source.file, section: p.source.section, quote: p.source.quote }
        : undefined,
      correctionOf: p.correctionOf,
      reason: p.reason,
      ...(p.origin !== undefined ? { origin: p.origin } : {}),
      ...(p.mistake ? { mistake: { quote: p.mistake.quote, says: p.mistake.says } } : {}),
      ...(p.fix !== undefined ? { fix: p.fix } : {}),
    };
  }

  /**
   * Pod addresses (`${podIP:NAMESPACE/NAME}/BITS`, model/pod-address.ts) in a manifest: only the
   * whole value of an ipBlock's cidr or except entry, of the form, naming a pod of this scenario.
   * Reported where they are written (the manifest's own lines), as bad input.
   */
  private checkPodAddresses(
    node: Node | null | undefined,
    at: PathSegment[],
    manifestSrc: YamlSource,
    field: PathSegment[],
    policyId: string,
    pods: ScenarioPod[],
  ): void {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && String(key.value).includes(POD_ADDRESS_START))
          this.podAddressProblem(manifestSrc, key, [...field, ...at], `a pod's address is a value, not a key`);
        this.checkPodAddresses(
          pair.value as Node | null,
          [...at, isScalar(key) ? String(key.value) : '?'],
          manifestSrc,
          field,
          policyId,
          pods,
        );
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) =>
        this.checkPodAddresses(item as Node, [...at, i], manifestSrc, field, policyId, pods),
      );
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes(POD_ADDRESS_START)) {
      const where = [...field, ...at];
      if (!IP_BLOCK_VALUE.test(formatPath(at))) {
        this.podAddressProblem(
          manifestSrc,
          node,
          where,
          `a pod's address (${POD_ADDRESS_FORM}) may only be the whole value of an ipBlock's cidr or of an except entry`,
        );
        return;
      }
      const a = parsePodAddress(node.value);
      if (!a) return;
      if ('error' in a) this.podAddressProblem(manifestSrc, node, where, `"${excerpt(node.value)}": ${a.error}`);
      else if (!pods.some((p) => p.namespace === a.namespace && p.name === a.pod)) {
        this.podAddressProblem(
          manifestSrc,
          node,
          where,
          `${formatPodAddress(a)}: no pod ${a.namespace}/${a.pod} in this scenario (write NAMESPACE/NAME of a workload or client)`,
        );
      } else this.podAddresses.push({ policyId, address: a });
    }
  }

  private podAddressProblem(manifestSrc: YamlSource, node: Node, path: PathSegment[], message: string): void {
    const { line, column } = manifestSrc.position(node);
    this.src.problems.push({ file: manifestSrc.file, line, column, path: formatPath(path), message });
  }

  /**
   * A pod whose address a policy names cannot be replaced (`update:`): the new pod gets a new IP,
   * which a policy applied with the old one does not follow, live or in the model.
   */
  private replacedAddressedPods(steps: Step[]): void {
    steps.forEach((step, i) =>
      (step.update ?? []).forEach((u, j) => {
        const uses = this.podAddresses.filter((x) => x.address.namespace === u.namespace && x.address.pod === u.name);
        if (uses.length === 0) return;
        const named = [...new Set(uses.map((x) => `"${x.policyId}" (${formatPodAddress(x.address)})`))].join(', ');
        this.report(
          ['steps', i, 'update', j],
          `pod ${u.namespace}/${u.name} cannot be replaced: policy ${named} names its address, and a new pod gets a new IP the policy does not follow`,
        );
      }),
    );
  }

  private step(
    s: RawScenario['steps'][number],
    path: PathSegment[],
    raw: RawScenario,
    pods: ScenarioPod[],
    services: ScenarioService[],
    policies: ScenarioPolicy[],
    namespaces: Namespace[],
  ): Step {
    for (const key of ['apply', 'delete'] as const) {
      (s[key] ?? []).forEach((id, i) => {
        if (!policies.some((p) => p.id === id)) this.report([...path, key, i], `no policy with id "${id}"`);
      });
    }
    const relabel: LabelChange[] = (s.label ?? []).map((l, i) => {
      const at = [...path, 'label', i];
      if (l.pod !== undefined) {
        const pod = this.findPod(l.pod, l.namespace, pods, [...at, 'pod']);
        return {
          target: 'pod',
          name: pod?.name ?? l.pod,
          namespace: pod?.namespace ?? 'default',
          labels: l.labels,
          line: this.line(at),
        };
      }
      if (l.namespace === undefined) this.report(at, 'give "pod" (with an optional "namespace") or "namespace"');
      else if (!namespaces.some((n) => n.name === l.namespace))
        this.report([...at, 'namespace'], `no namespace "${l.namespace}"`);
      return {
        target: 'namespace',
        name: l.namespace ?? '',
        namespace: l.namespace ?? '',
        labels: l.labels,
        line: this.line(at),
      };
    });
    const expectations = (s.expect ?? []).flatMap((e, i) => {
      const x = this.expectation(e, [...path, 'expect', i], s, raw, pods, services);
      return x ? [x] : [];
    });
    const update = s.update ? readPodUpdates(s.update, [...path, 'update'], this.podUpdateContext(pods)) : undefined;
    const api = s.api
      ? readApiCalls(s.api, [...path, 'api'], {
          namespaces: namespaces.map((n) => n.name),
          pods,
          policyIds: policies.map((p) => p.id),
          report: (at, m) => this.report(at, m),
          line: (at) => this.line(at),
          provenance: (f, at) =>
            this.provenance({ derived: f.derived, section: f.section, file: f.file, quote: f.quote }, s, raw, at),
        })
      : undefined;
    const prerequisite = prerequisiteOf(s, (field, message) => this.report([...path, field], message));
    return {
      name: s.name,
      ...(s.section !== undefined ? { section: s.section } : {}),
      apply: s.apply ?? [],
      delete: s.delete ?? [],
      relabel,
      ...(update ? { update } : {}),
      ...(api ? { api } : {}),
      expectations,
      ...(prerequisite ? { prerequisite } : {}),
      line: this.line(path),
    };
  }

  private podUpdateContext(pods: ScenarioPod[]): PodUpdateContext {
    return {
      findPod: (ref, namespace, path) => this.findPod(ref, namespace, pods, path),
      readListen: (listen, path) => this.readListen(listen, path),
      report: (path, message) => this.report(path, message),
      line: (path) => this.line(path),
    };
  }

  /** Reads each pod's `node:` with its reference resolved; refuses a cycle and a reference to a pod left to the scheduler. */
  private placePods(raw: RawScenario, pods: ScenarioPod[]): void {
    const rawPods = [...(raw.workloads ?? []), ...(raw.clients ?? [])];
    const pathOf = (i: number): PathSegment[] =>
      i < (raw.workloads ?? []).length
        ? ['workloads', i, 'node']
        : ['clients', i - (raw.workloads ?? []).length, 'node'];
    pods.forEach((pod, i) => {
      const written = rawPods[i]?.node;
      if (written === undefined) return;
      const read = readNodePlacement(written);
      if ('error' in read) return this.report(pathOf(i), read.error);
      const ref = placementReference(read.placement);
      if (ref === undefined) return void (pod.node = read.placement);
      const other = this.findPod(ref, pod.namespace, pods, pathOf(i));
      if (!other) return;
      if (other === pod) return this.report(pathOf(i), `a pod cannot be placed relative to itself`);
      pod.node = { ...read.placement, pod: `${other.namespace}/${other.name}` } as NodePlacement;
    });
    pods.forEach((pod, i) => {
      const seen = new Set<string>([`${pod.namespace}/${pod.name}`]);
      let at = pod.node;
      while (at && (at.kind === 'same-as' || at.kind === 'other-than')) {
        const key = at.pod;
        if (seen.has(key)) return this.report(pathOf(i), `placements form a cycle (${[...seen, key].join(' -> ')})`);
        seen.add(key);
        const next = pods.find((p) => `${p.namespace}/${p.name}` === key);
        if (next?.node?.kind === 'any')
          return this.report(
            pathOf(i),
            `${key} is left to the scheduler (node: any): place it, or place this pod another way`,
          );
        at = next?.node;
      }
    });
  }

  private findPod(
    ref: string,
    namespace: string | undefined,
    pods: ScenarioPod[],
    path: PathSegment[],
  ): ScenarioPod | undefined {
    const [a, b] = ref.split('/');
    const [ns, name] = b !== undefined ? [a, b] : [namespace, a];
    const found = pods.filter((p) => p.name === name && (ns === undefined || p.namespace === ns));
    if (found.length === 1) return found[0];
    if (found.length === 0) this.report(path, `no pod "${ref}" in this scenario`);
    else
      this.report(
        path,
        `"${ref}" names pods in several namespaces (${found.map((p) => p.namespace).join(', ')}): write NAMESPACE/NAME`,
      );
    return undefined;
  }

  private expectation(
    e: string | RawExpectation,
    path: PathSegment[],
    step: RawScenario['steps'][number],
    raw: RawScenario,
    pods: ScenarioPod[],
    services: ScenarioService[],
  ): Expectation | undefined {
    const fields = this.expectationFields(e, path);
    if (!fields) return undefined;
    const outsideFrom = this.outsideHosts.find((h) => h.name === fields.from);
    const from = outsideFrom
      ? { name: outsideFrom.name, namespace: OUTSIDE_NAMESPACE }
      : this.findPod(fields.from, undefined, pods, typeof e === 'string' ? path : [...path, 'from']);
    if (!from) return undefined;
    const toPath = typeof e === 'string' ? path : [...path, 'to'];
    const parsed = this.expectationTarget(fields.to, toPath, from.namespace, outsideFrom, pods, services);
    if (!parsed) return undefined;
    const t = parsed.target;
    const port = fields.port ?? parsed.port;
    if (port === undefined) {
      this.report(toPath, `no port: write "${fields.to}:PORT" or give "port"`);
      return undefined;
    }
    if (fields.port !== undefined && parsed.port !== undefined && fields.port !== parsed.port) {
      this.report([...path, 'port'], `port ${fields.port} contradicts the port in "${fields.to}"`);
    }
    const protocol = fields.protocol ?? parsed.protocol ?? 'TCP';
    const tool: Tool = fields.tool ?? parsed.impliedTool ?? 'nc';
    this.checkTool(path, t, parsed.scheme, port, protocol, tool);
    const expected = (
      Array.isArray(fields.expect) ? fields.expect : typeof fields.expect === 'string' ? [fields.expect] : []
    ) as Expectation['expected'];
    const provenance = this.provenance(fields, step, raw, path);
    if (!provenance) return undefined;
    const urlPath = fields.path ?? parsed.path;
    return {
      from: { name: from.name, namespace: from.namespace },
      target: t,
      targetText: fields.to,
      port,
      protocol,
      tool,
      ...(parsed.scheme !== undefined ? { scheme: parsed.scheme } : {}),
      ...(urlPath !== undefined ? { path: urlPath } : {}),
      expected,
      ...(fields.body !== undefined ? { body: fields.body } : {}),
      provenance,
      ...(fields.note !== undefined ? { note: fields.note } : {}),
      ...('fix' in fields && fields.fix !== undefined ? { fix: fields.fix } : {}),
      ...('command' in fields && fields.command !== undefined ? { command: fields.command } : {}),
      ...(provenance.kind === 'documented' && step.section !== undefined && provenance.section !== step.section
        ? { quotedElsewhere: true }
        : {}),
      line: this.line(path),
    };
  }

  /** An expectation written as a row (`FROM -> TO RESULT …`) or as fields. */
  private expectationFields(e: string | RawExpectation, path: PathSegment[]): ExpectationFields | undefined {
    if (typeof e !== 'string') return e;
    const row = parseRow(e);
    if ('error' in row) {
      this.report(path, row.error);
      return undefined;
    }
    return row;
  }

  /** The probe's target, which must exist in the scenario (from outside the cluster: a pod). */
  private expectationTarget(
    to: string,
    toPath: PathSegment[],
    fromNamespace: string,
    outsideFrom: OutsideHost | undefined,
    pods: ScenarioPod[],
    services: ScenarioService[],
  ): ParsedTarget | undefined {
    const parsed = parseTarget(to, outsideFrom ? 'default' : fromNamespace);
    if (outsideFrom && !('error' in parsed) && parsed.target.kind !== 'pod') {
      this.report(
        toPath,
        `a probe from outside the cluster (${outsideFrom.name}) goes to a pod's IP: write pod/NAME or pod/NAMESPACE/NAME`,
      );
      return undefined;
    }
    if ('error' in parsed) {
      this.report(toPath, parsed.error);
      return undefined;
    }
    const t = parsed.target;
    if (t.kind === 'pod' && !pods.some((p) => p.name === t.pod && p.namespace === t.namespace)) {
      this.report(toPath, `no pod ${t.namespace}/${t.pod} in this scenario`);
    }
    if (t.kind === 'service-ip' && !services.some((s) => s.name === t.service && s.namespace === t.namespace)) {
      this.report(toPath, `no service ${t.namespace}/${t.service} in this scenario`);
    }
    return parsed;
  }

  /** The tool must fit the target, port and protocol: dns for lookups, TCP for telnet and HTTP, curl for https. */
  private checkTool(
    path: PathSegment[],
    t: ProbeTarget,
    scheme: ParsedTarget['scheme'],
    port: number,
    protocol: Protocol,
    tool: Tool,
  ): void {
    const isLookup = t.kind === 'lookup';
    if (isLookup !== (tool === 'dns')) {
      this.report(
        path,
        isLookup
          ? `a dns: target is a name lookup, probed with the dns tool, not ${tool}`
          : `the dns tool looks a name up: write the target as dns:NAME`,
      );
    } else if (isLookup && (port !== DNS_LOOKUP.port || protocol !== DNS_LOOKUP.protocol)) {
      this.report(path, `a DNS lookup goes to ${DNS_LOOKUP.port}/${DNS_LOOKUP.protocol}, not ${port}/${protocol}`);
    } else if (tool === 'telnet' && (protocol !== 'TCP' || scheme !== undefined)) {
      this.report(
        path,
        protocol !== 'TCP'
          ? `telnet connects over TCP; use nc for ${protocol}`
          : `telnet connects to HOST:PORT, not a URL: write the target as host:port`,
      );
    } else if (tool !== 'nc' && tool !== 'telnet' && !isLookup && protocol !== 'TCP')
      this.report(path, `${tool} speaks HTTP over TCP; use nc for ${protocol}`);
    if (scheme === 'https' && tool !== 'curl') this.report(path, `https is probed with curl, not ${tool}`);
  }

  private provenance(
    fields: { derived?: boolean; section?: string; file?: string; quote?: string; reason?: string },
    step: RawScenario['steps'][number],
    raw: RawScenario,
    path: PathSegment[],
  ): Provenance | undefined {
    if (fields.derived) return { kind: 'derived', ...(fields.reason ? { reason: fields.reason } : {}) };
    const section = fields.section ?? step.section;
    if (section !== undefined && !(fields.section === undefined && step.derived)) {
      return {
        kind: 'documented',
        file: fields.file ?? raw.source.file,
        section,
        ...(fields.quote ? { quote: fields.quote } : {}),
      };
    }
    if (step.derived) return { kind: 'derived', ...(fields.reason ? { reason: fields.reason } : {}) };
    this.report(path, 'say where this expectation comes from: a section (on the row or its step) or derived');
    return undefined;
  }
}

/** Parses one scenario file's text. Throws InputError with every problem found. */
export function parseScenario(file: string, text: string, readPolicyFile: ReadPolicyFile): Scenario {
  const src = new YamlSource(file, text);
  const doc = src.parseOne();
  if (src.problems.length === 0 && !isMap(src.deref(doc.contents as Node | null))) {
    const root = src.deref(doc.contents as Node | null);
    const what =
      root === null || root === undefined || (isScalar(root) && root.value === null)
        ? 'the file holds no YAML content (it is empty or only comments)'
        : `the file must hold a mapping (apiVersion: netpol-harness/v1, kind: Scenario, …), got ${isSeq(root) ? 'a list' : 'a single value'}`;
    src.report(root ?? null, [], what);
  }
  if (src.problems.length === 0) checkSchema(src, doc.contents as Node, scenarioSchema, []);
  if (src.problems.length > 0) throw new InputError(src.problems);
  const data = src.toData(doc);
  if (!data.ok) throw new InputError(src.problems);
  const builder = new ScenarioBuilder(src, doc, readPolicyFile);
  const scenario = builder.build(nullsAsAbsent(data.data) as RawScenario);
  if (src.problems.length > 0) throw new InputError(sortProblems(src.problems));
  return scenario;
}

/**
 * The schema treats a null value (`selector:`, `selector: ~`, an empty anchor) as an absent field;
 * so does the data the builder reads. Only a label change keeps its nulls: `role: null` removes a label.
 */
export function nullsAsAbsent(value: unknown, inLabelChange = false, keepNulls = false): unknown {
  if (Array.isArray(value)) return value.map((v) => nullsAsAbsent(v, inLabelChange));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null && !keepNulls) continue;
    out[key] = nullsAsAbsent(v, key === 'label' || inLabelChange, inLabelChange && key === 'labels');
  }
  return out;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Where a pod's address may stand in a manifest: the whole value of an ipBlock's cidr or except entry. */
const IP_BLOCK_VALUE = /^spec\.(ingress\[\d+\]\.from|egress\[\d+\]\.to)\[\d+\]\.ipBlock\.(cidr|except\[\d+\])$/;

/** YAML reads `${` inside `[ ]` or `{ }` as the start of a mapping: say so where a pod's address is. */
function withPodAddressHint(problem: Problem, text: string, lineOffset: number): Problem {
  const line = text.split('\n')[problem.line - lineOffset - 1];
  if (!line?.includes(POD_ADDRESS_START)) return problem;
  return {
    ...problem,
    message: `${problem.message} (a pod's address inside [ ] or { } must be quoted: "${POD_ADDRESS_FORM}")`,
  };
}
