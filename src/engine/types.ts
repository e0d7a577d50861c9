import type { ApplyResult } from '../kube/types.js';
import type { ApiAnswerClass, ApiCall } from '../scenario/api-call.js';
import type { ModelOutcome, OutcomeClass } from '../model/outcome.js';
import type { ProbeResult } from '../probe/types.js';
import type { ProbeRecord } from '../reachability/records.js';
import type { Enforcement } from './stabilize/stabilize.js';
import type { VerdictWithReason } from '../reachability/verdict.js';
import type { Scenario } from '../scenario/types.js';

/** What the cluster did for one expectation in one step. */
export interface LiveProbe {
  key: string;
  sent: boolean;
  /** The address as sent (real names, pod or cluster IP). */
  host?: string;
  /** The last probe's result; attempts summed over every probe of the cell in this step. */
  result?: ProbeResult;
  /** Outcome per probe, in the order sent. */
  history: ModelOutcome[];
  /** The same probe before any policy. */
  baseline?: ModelOutcome;
  /** `not-sent`: decided without traffic (see `reason`); the cluster gave no answer. */
  outcome: OutcomeClass | 'inconclusive' | 'not-sent';
  reason?: string;
  flaky: boolean;
  sourceNode?: string;
  destinationNode?: string;
  /** On a dual-stack cluster: the address family this record's probe went in (pod and service IPs are probed in both). */
  family?: 'ipv4' | 'ipv6';
  /**
   * When the probes behind this answer ran (epoch ms): the baseline's rounds, then the step's.
   * Empty when nothing was sent. The environment watch judges a record by these.
   */
  observedMs: ObservationWindow[];
  /** Set when an environment fault made the verdict inconclusive: what it would have been. */
  environment?: { verdictBefore: VerdictWithReason };
  /** Set when the traffic went through an outside stand-in whose address a policy's ipBlock was rewritten to hold. */
  standIn?: StandInRewrite;
}

/** An outside stand-in a probe's traffic went through, and the ipBlock rewrites in force for it. */
export interface StandInRewrite {
  documented: string;
  address: string;
  /** The rewrite notes of the policies in force (`egress[0]: 172.18.0.6/32 (stand-in for 52.1.2.3, …) added as a peer`). */
  rewritten: string[];
}

/** From the start of the first probe round to the end of the last one. */
export interface ObservationWindow {
  fromMs: number;
  toMs: number;
}

export interface LiveRecord extends ProbeRecord {
  live: LiveProbe;
}

export interface PolicyChange {
  policyId: string;
  action: 'apply' | 'delete';
  /** '' for a ClusterNetworkPolicy (cluster-scoped). */
  namespace: string;
  /** The name as written in the scenario. */
  name?: string;
  /** A ClusterNetworkPolicy's name as sent: the written one with a suffix that scopes it to this scenario. */
  sentName?: string;
  result: ApplyResult;
  /** Where the API server and the model's validator disagree about this document. */
  modelDiffers?: string;
  /** Pods' IPs written into ipBlocks in place of their addresses (`${podIP:y/b}/32 → 192.168.0.7/32`). */
  podAddresses?: string[];
  /** ipBlocks extended so the outside stand-ins are matched where their documented addresses are. */
  standIns?: string[];
}

export interface StepReport {
  index: number;
  name: string;
  changes: PolicyChange[];
  relabels: string[];
  /** Pods replaced in this step (`update pod …`, `restart pod …`). */
  podUpdates?: string[];
  stable: boolean;
  /** Probes sent in this step, all cells together. */
  probes: number;
  /** After a change: when the cells that changed took their final outcome (between lowerMs and upperMs after it). */
  enforcement?: Enforcement;
}

/** An API expectation's record in a run (api-steps.ts), with its step. */
/** One API expectation and what came back: the cluster's answer, and the model's where it has one (policy validation). */
export interface ApiRecord {
  call: ApiCall;
  /** The model's answer: only for `applied` (its validator and kubectl apply semantics); RBAC is not modelled. */
  model?: ApiAnswerClass;
  live: ApiAnswerClass | 'error';
  code?: number;
  message?: string;
  verdict: 'pass' | 'contradicted';
  /** Why the verdict, in one line. */
  why: string;
}

export type StepApiRecord = ApiRecord & { stepIndex: number; step: string };

export interface ScenarioRun {
  scenario: Scenario;
  runId: string;
  namespaces: { logical: string; real: string }[];
  steps: StepReport[];
  records: LiveRecord[];
  /** The outside stand-ins started for this run: documented address → stand-in address. */
  standIns?: { documented: string; standIn: string }[];
  /** API expectations (steps' `api:`), in order. */
  apiRecords?: StepApiRecord[];
  durationMs: number;
  /** Set when the scenario could not be set up or run; records are then incomplete. */
  error?: string;
  /** In a shared world: how the reset after this case went. */
  worldReset?: WorldReset;
}

/** After a case in a shared world: clean when every baseline probe showed its baseline answer again. */
export interface WorldReset {
  clean: boolean;
  /** What was not undone, or the probes not back at their baseline answer. */
  problems: string[];
  durationMs: number;
}
