// Before any verdict, prove the cluster enforces NetworkPolicy at all: two canary pods, a probe
// that must connect, a deny-all-ingress policy, and the same probe that must then be blocked.
// The same check, with an Admin-tier Deny ClusterNetworkPolicy instead, proves that API.
import { placementNodes } from '../setup/placement.js';
import type { ApplyResult, KubeClient } from '../../kube/types.js';
import { deleteManaged } from '../../kube/managed.js';
import type { OutcomeClass } from '../../model/outcome.js';
import { hostPort } from '../../model/ip-address.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from '../../probe/types.js';
import {
  canaryJob,
  canaryManifests,
  canaryNamespace,
  denyAllIngress,
  waitForCanary,
  type CanaryOptions,
  CANARY_PORT,
} from './preflight-canary.js';
import { harnessLabels } from '../setup/manifests.js';
import { waitForServiceAccounts } from '../setup/setup.js';
import type { Clock } from '../stabilize/stabilize.js';

export interface PreflightOptions extends CanaryOptions {
  probeTimeoutSeconds: number;
  /** How long the first probe may take to connect (a new pod's network can take a moment). */
  connectDeadlineSeconds: number;
  /** How long after the deny policy the probe must be blocked. */
  enforceDeadlineSeconds: number;
  /** Keep the canary namespace afterwards. */
  retain?: boolean;
  /** The policy that must block the probe (default: a deny-all-ingress NetworkPolicy). */
  deny?: CanaryDeny;
}

/** A policy whose enforcement the canary proves: the API it belongs to, in words, and how to send it. */
export interface CanaryDeny {
  /** The API proven: `NetworkPolicy`, `ClusterNetworkPolicy`. */
  api: string;
  /** The policy in words, as a sentence goes on: `a deny-all-ingress policy`. */
  what: string;
  apply(kube: KubeClient, namespace: string): Promise<ApplyResult>;
}

export const NETWORK_POLICY_DENY: CanaryDeny = {
  api: 'NetworkPolicy',
  what: 'a deny-all-ingress policy',
  apply: (kube, namespace) => kube.applyNetworkPolicy(namespace, denyAllIngress()),
};

export const DEFAULT_PREFLIGHT = {
  probeTimeoutSeconds: 2,
  connectDeadlineSeconds: 30,
  enforceDeadlineSeconds: 30,
  podReadyTimeoutSeconds: 120,
  pollIntervalMs: 1000,
} as const;

/**
 * pass: policies are enforced. networking-broken: the pods never reached each other, so no block
 * could prove anything. not-enforcing: traffic flows and a deny policy does not stop it.
 * setup-failed: the canary could not be made (pods not ready, a probe that cannot run).
 */
export type PreflightOutcome = 'pass' | 'networking-broken' | 'not-enforcing' | 'setup-failed';

export interface PreflightResult {
  outcome: PreflightOutcome;
  /** One sentence that says what is wrong (or that all is well). */
  sentence: string;
  /** What supports it: the probes' outcomes, the repro line, the pods' status. */
  details: string[];
  /** pass: from the policy's creation to the end of the first blocked probe. */
  enforcedAfterMs?: number;
  namespace: string;
}

interface Probed {
  met: boolean;
  /** When the first probe of the final run of wanted outcomes ended. */
  firstMetMs?: number;
  last: ProbeResult;
  outcomes: OutcomeClass[];
}

/**
 * Probes every pollIntervalMs (from one probe's start to the next's) until `confirmations` probes in a row are wanted, or the deadline
 * passes (a run of wanted outcomes that has begun may finish past it).
 */
async function probeUntil(
  runner: ProbeRunner,
  job: ProbeJob,
  wanted: (o: OutcomeClass) => boolean,
  deadlineSeconds: number,
  confirmations: number,
  opts: PreflightOptions,
  clock: Clock,
): Promise<Probed> {
  const deadline = clock.nowMs() + deadlineSeconds * 1000;
  const outcomes: OutcomeClass[] = [];
  let streak = 0;
  let firstMetMs: number | undefined;
  for (;;) {
    const sentMs = clock.nowMs();
    const [result] = await runner.run([job]);
    const last = result as ProbeResult;
    const outcome = last.outcome === 'undefined' ? 'check-failed' : last.outcome;
    outcomes.push(outcome);
    if (wanted(outcome)) {
      if (streak === 0) firstMetMs = clock.nowMs();
      if (++streak >= confirmations)
        return { met: true, ...(firstMetMs === undefined ? {} : { firstMetMs }), last, outcomes };
    } else streak = 0;
    if (streak === 0 && clock.nowMs() >= deadline) return { met: false, last, outcomes };
    // The interval runs from the probe's start: a blocked probe has waited out its timeout already.
    await clock.waitMs(Math.max(0, opts.pollIntervalMs - (clock.nowMs() - sentMs)));
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The probes' outcomes before the policy and (once there is one) after it, the last one's output, and its repro line. */
function probeDetails(before: Probed, after?: Probed): string[] {
  const last = (after ?? before).last;
  return [
    `before the policy: ${before.outcomes.join(' → ')}`,
    ...(after ? [`after the policy: ${after.outcomes.join(' → ')}`] : []),
    `last: exit ${last.exitCode ?? '-'}: ${last.detail}`,
    ...(last.repro ? [`repro: ${last.repro}`] : []),
  ];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The check itself, in a namespace of its own that is deleted afterwards (also on failure). */
export async function runPreflight(
  kube: KubeClient,
  runner: ProbeRunner,
  opts: PreflightOptions,
  clock: Clock,
  progress: (line: string) => void,
): Promise<PreflightResult> {
  const namespace = canaryNamespace(opts.runId);
  try {
    return await check(kube, runner, namespace, opts, clock, progress);
  } finally {
    if (opts.retain) progress(`preflight: --retain: keeping namespace ${namespace}`);
    else
      await deleteManaged(kube, opts.runId).catch((err: unknown) =>
        progress(
          `preflight: could not delete namespace ${namespace}: ${message(err)}; run \`netpol-harness clean --run-id ${opts.runId}\``,
        ),
      );
  }
}

async function check(
  kube: KubeClient,
  runner: ProbeRunner,
  namespace: string,
  opts: PreflightOptions,
  clock: Clock,
  progress: (line: string) => void,
): Promise<PreflightResult> {
  const deny = opts.deny ?? NETWORK_POLICY_DENY;
  const api = deny.api;
  let server;
  try {
    progress(`preflight: creating canary pods in ${namespace}`);
    await kube.createNamespace(namespace, harnessLabels(opts.runId));
    await waitForServiceAccounts(kube, [namespace], opts, clock);
    const placement = placementNodes(await kube.listNodes());
    if (placement.names.length >= 2)
      progress(`preflight: the server on ${placement.names[0]}, the client on ${placement.names[1]} (across nodes)`);
    for (const manifest of canaryManifests(namespace, opts, placement)) await kube.create(manifest);
    ({ server } = await waitForCanary(kube, namespace, opts, clock));
  } catch (err) {
    return {
      outcome: 'setup-failed',
      sentence: `The preflight could not set up its canary pods, so it cannot tell whether the cluster enforces ${api}: ${message(err)}.`,
      details: [],
      namespace,
    };
  }
  const job = canaryJob(namespace, server.ip as string, opts.probeTimeoutSeconds);
  const where = `client → server pod ${hostPort(server.ip as string, CANARY_PORT)}`;

  progress(`preflight: ${where} must connect`);
  const open = await probeUntil(runner, job, (o) => o === 'allowed', opts.connectDeadlineSeconds, 1, opts, clock);
  if (!open.met) {
    const last = open.last.outcome;
    if (last === 'check-failed')
      return {
        outcome: 'setup-failed',
        sentence: `The preflight probe could not run (${open.last.detail}), so it cannot tell whether the cluster enforces ${api}.`,
        details: probeDetails(open),
        namespace,
      };
    if (last === 'refused')
      return {
        outcome: 'setup-failed',
        sentence: `The canary server refused connections on port ${CANARY_PORT} (nothing listening), so the preflight cannot tell whether the cluster enforces ${api}.`,
        details: probeDetails(open),
        namespace,
      };
    return {
      outcome: 'networking-broken',
      sentence: `Pods cannot reach each other: ${where} never connected within ${opts.connectDeadlineSeconds} s (${last}), with no policy in place, so the cluster's pod networking is broken and no verdict about ${api} would mean anything.`,
      details: probeDetails(open),
      namespace,
    };
  }

  progress(`preflight: connected; applying ${deny.what} to the server, the probe must now be blocked`);
  const applied = await deny
    .apply(kube, namespace)
    .catch((err: unknown) => ({ accepted: false as const, status: 0, message: message(err) }));
  if (!applied.accepted)
    return {
      outcome: 'setup-failed',
      sentence: `The preflight's ${deny.what} was not accepted (${applied.message}), so it cannot tell whether the cluster enforces ${api}.`,
      details: [],
      namespace,
    };
  const policyAt = clock.nowMs();

  const closed = await probeUntil(
    runner,
    job,
    (o) => o === 'blocked' || o === 'refused',
    opts.enforceDeadlineSeconds,
    2,
    opts,
    clock,
  );
  if (closed.met) {
    const enforcedAfterMs = (closed.firstMetMs ?? policyAt) - policyAt;
    return {
      outcome: 'pass',
      sentence: `${api} is enforced: ${where} connected, and was ${closed.last.outcome} within ${seconds(enforcedAfterMs)} of ${deny.what} selecting the server (an upper bound: it includes the probe's ${opts.probeTimeoutSeconds} s timeout).`,
      details: probeDetails(open, closed),
      enforcedAfterMs,
      namespace,
    };
  }
  if (closed.last.outcome === 'check-failed') {
    return {
      outcome: 'setup-failed',
      sentence: `The preflight probe failed after the deny policy (${closed.last.detail}), so it cannot tell whether the cluster enforces ${api}.`,
      details: probeDetails(open, closed),
      namespace,
    };
  }
  const intermittent = closed.outcomes.some((o) => o === 'blocked' || o === 'refused');
  return {
    outcome: 'not-enforcing',
    sentence: `${api} is not enforced: pods reach each other, but ${where} still connected ${opts.enforceDeadlineSeconds} s after ${deny.what} selected the server${intermittent ? ' (blocked only now and then)' : ''}; the CNI does not enforce ${api}, or its policy agent is not running.`,
    details: probeDetails(open, closed),
    namespace,
  };
}
