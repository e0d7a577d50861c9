import type { OutcomeClass } from '../model/outcome.js';
import type { ProbeTarget } from '../model/probe.js';
import type { ClusterNetworkPolicy } from '../model/cnp-types.js';
import type { ContainerPort, ListeningPort, Namespace, NetworkPolicy, Protocol, ServicePort } from '../model/types.js';
import type { ManifestIssue } from '../manifest/networkpolicy.js';
import type { Mistake, Prerequisite, RecordedFinding } from './annotations.js';
import type { ApiCall } from './api-call.js';
import type { OutsideHost } from './outside.js';
import type { NodePlacement } from './node-placement.js';

/** Where an expectation or object comes from in the source documents. */
export interface SourceRef {
  file: string;
  section: string;
  quote?: string;
}

export type Provenance = ({ kind: 'documented' } & SourceRef) | { kind: 'derived'; reason?: string };

/**
 * `dns`: a name lookup (dig) through the pod's resolver, for targets written `dns:NAME`.
 * `telnet`: a TCP connect as the documents' `telnet HOST PORT` (BusyBox's applet).
 */
export type Tool = 'wget' | 'nc' | 'curl' | 'dns' | 'telnet';
export const TOOLS: readonly Tool[] = ['wget', 'nc', 'curl', 'dns', 'telnet'];

/** One container of a pod declared with `containers:`. */
export interface ScenarioContainer {
  name: string;
  image: string;
  containerPorts: ContainerPort[];
  listening: ListeningPort[];
  command?: string[];
}

/**
 * A pod. Declared with one container's fields (image, container, ports, listen, command) or with
 * `containers:`; then `containers` is set, and the pod-level fields are the first container's
 * (name, image, command) and the union of all containers' ports (what named ports resolve
 * against and what the pod's network namespace listens on).
 */
export interface ScenarioPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  role: 'workload' | 'client';
  kind: 'Pod' | 'Deployment';
  containerName: string;
  containerPorts: ContainerPort[];
  listening: ListeningPort[];
  command?: string[];
  containers?: ScenarioContainer[];
  createdBy?: string;
  /** Where it runs on several nodes (`node:`); the referenced pod as a logical `namespace/name`. Absent: spread. */
  node?: NodePlacement;
  line: number;
}

export interface ScenarioService {
  name: string;
  namespace: string;
  selector: Record<string, string> | undefined;
  ports: ServicePort[];
  createdBy?: string;
  line: number;
}

/**
 * One manifest document inside a policy entry: accepted (with its typed form) or rejected (with
 * why). A NetworkPolicy has `policy`; a ClusterNetworkPolicy (cluster-scoped) has `clusterPolicy`.
 */
export type PolicyDocument =
  | { accepted: true; policy: NetworkPolicy; text: string }
  | { accepted: true; clusterPolicy: ClusterNetworkPolicy; policy?: undefined; text: string }
  | { accepted: false; name?: string; issues: LocatedIssue[]; text: string };

export interface LocatedIssue extends Omit<ManifestIssue, 'node'> {
  line: number;
}

export interface ScenarioPolicy {
  id: string;
  /** Namespace `kubectl apply` targets when the manifest names none. */
  namespace: string;
  /** The manifest text exactly as the document gives it. */
  text: string;
  /** File the text came from (the scenario itself for inline manifests) and its first line there. */
  file: string;
  line: number;
  documents: PolicyDocument[];
  source?: SourceRef;
  correctionOf?: string;
  reason?: string;
  /** The document shows this policy on purpose as a mistake. */
  mistake?: Mistake;
  /** What to change in the document, when the policy is a finding. */
  fix?: string;
}

export interface LabelChange {
  target: 'pod' | 'namespace';
  name: string;
  namespace: string;
  /** A null value removes the label (`kubectl label pod x app-`). */
  labels: Record<string, string | null>;
  line: number;
}

/**
 * A pod replaced in a step (`update:`): new containerPorts and/or listening ports, or a plain
 * restart. Live, the pod is deleted and created again under the same name (a pod's ports cannot
 * be changed in place), with the labels it has at that step; it gets a new IP.
 */
export interface PodUpdate {
  name: string;
  namespace: string;
  /** The new declared containerPorts; undefined: unchanged. */
  containerPorts?: ContainerPort[];
  /** What the process listens on afterwards; undefined: unchanged. */
  listening?: ListeningPort[];
  /** True for `restart: true` with no other change. */
  restartOnly: boolean;
  line: number;
}

export interface Expectation {
  from: { name: string; namespace: string };
  target: ProbeTarget;
  /** The target as written, for tables (`apiserver:8001`, `http://apiserver:5001/metrics`). */
  targetText: string;
  port: number;
  protocol: Protocol;
  tool: Tool;
  /** For URL targets: the scheme (https is fetched without verifying the certificate, as `curl -k`). */
  scheme?: 'http' | 'https';
  path?: string;
  expected: OutcomeClass[];
  body?: string;
  provenance: Provenance;
  note?: string;
  /** What to change in the document, when this claim is a finding. */
  fix?: string;
  line: number;
}

export interface Step {
  name: string;
  apply: string[];
  delete: string[];
  relabel: LabelChange[];
  /** Pods replaced in this step, after the policy changes and relabels. */
  update?: PodUpdate[];
  /** API requests with expected answers (api-call.ts), after the relabels, before the pod updates. */
  api?: ApiCall[];
  expectations: Expectation[];
  /** Set on a step the document relies on without showing it. */
  prerequisite?: Prerequisite;
  line: number;
}

/** Where a captured scenario was read from, and what capture left out (`netpol-harness capture`). */
export interface CaptureRecord {
  from: string;
  at: string;
  namespaces?: string[];
  labelSelector?: string;
  leftOut: string[];
  policyFieldsRemoved?: string[];
}

export interface Scenario {
  file: string;
  name: string;
  title: string;
  description?: string;
  source: SourceRef;
  capture?: CaptureRecord;
  /** The world file its namespaces, pods and services come from (`world:`), as the loader shows its path; absent when it declares them. */
  world?: string;
  namespaces: Namespace[];
  pods: ScenarioPod[];
  services: ScenarioService[];
  /** Documented addresses outside the cluster with a stand-in (outside.ts); absent when none. */
  outside?: OutsideHost[];
  policies: ScenarioPolicy[];
  steps: Step[];
  /** Defects of the document's text that no probe shows, recorded with their fix. */
  findings?: RecordedFinding[];
}
