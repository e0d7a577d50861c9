import type { KubeClient } from '../../kube/types.js';
import type { ModelOutcome } from '../../model/outcome.js';
import { evaluateProbe } from '../../model/probe.js';
import type { World } from '../../model/types.js';
import type { ProbeJob, ProbeRunner } from '../../probe/types.js';
import { modelAnswerAt } from '../../reachability/check.js';
import { recordOf } from '../../reachability/records.js';
import { worldsByStep, type StepState } from '../../reachability/world.js';
import { OUTSIDE_NAMESPACE } from '../../scenario/outside.js';
import type { Expectation, Scenario, Step } from '../../scenario/types.js';
import { applyStepChanges, deletePolicy, type AppliedPolicies } from '../steps/changes.js';
import { updateDisputes, withDisputes, type Disputes } from './disputes.js';
import type { ImageMap } from '../setup/image-map.js';
import type { OutsideHostDriver } from '../../cluster/outside-hosts.js';
import { liveAnswerOf, liveVerdictOf, type Observed } from './live-answer.js';
import { notLiveRun, whyNotLive, type ClusterPolicySupport } from './not-live.js';
import { mapNamespace, namespaceMapping } from '../naming.js';
import { runApiCalls } from '../steps/api-steps.js';
import { PreflightFailed, type PreflightGate } from '../preflight/preflight-gate.js';
import { replacePods } from '../steps/pod-replace.js';
import { familyExpectation, familyKey, inFamily, probedInEachFamily, secondFamily } from './families.js';
import { ipFamily, type Family } from '../../model/ip-address.js';
import type { PlacementNodes } from '../setup/placement.js';
import { setUpScenario, waitForPods, type SetupOptions } from '../setup/setup.js';
import { enforcementText } from '../stabilize/enforcement-text.js';
import {
  probeUntilStable,
  realClock,
  type ChangeContext,
  type Clock,
  type StableResults,
  type StabilizeOptions,
} from '../stabilize/stabilize.js';
import {
  liveIpOf,
  logicalKey,
  planProbe,
  withLiveAddresses,
  type LiveTopology,
  type ProbePlan,
} from '../setup/targets.js';
import type {
  LiveRecord,
  ObservationWindow,
  PolicyChange,
  ScenarioRun,
  StandInRewrite,
  StepReport,
  WorldReset,
} from '../types.js';
import { standInRewriteOf } from './stand-in-records.js';
import { labelRestores } from './shared-world.js';
import { debugLog } from '../../debug-log.js';

export interface LiveOptions {
  probeTimeoutSeconds: number;
  podReadyTimeoutSeconds: number;
  /** How often setup polls for pods and service accounts. */
  podPollIntervalMs: number;
  stabilize: Omit<StabilizeOptions, 'expected'>;
  offline: boolean;
}

/** Probing through sessions is cheap: cells that can still change are re-probed every 250 ms, overlapping. */
export const SESSION_STABILIZE: LiveOptions['stabilize'] = {
  deadlineSeconds: 60,
  settleSeconds: 10,
  intervalMs: 250,
  maxInFlightPerCell: 12,
};
/** One exec per probe costs the node a quarter of a CPU-second: one probe per cell at a time, at most one a second. */
export const EXEC_STABILIZE: LiveOptions['stabilize'] = {
  deadlineSeconds: 60,
  settleSeconds: 10,
  intervalMs: 1000,
  maxInFlightPerCell: 1,
};

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  probeTimeoutSeconds: 2,
  podReadyTimeoutSeconds: 300,
  podPollIntervalMs: 250,
  stabilize: SESSION_STABILIZE,
  offline: true,
};

export interface LiveContext {
  kube: KubeClient;
  runner: ProbeRunner;
  runId: string;
  images: ImageMap;
  options: LiveOptions;
  /** Progress lines (stderr). */
  progress: (line: string) => void;
  clock?: Clock;
  /** Starts the stand-ins for a scenario's `outside:` addresses; without it they are not sent (as any address outside the cluster). */
  outside?: OutsideHostDriver;
  /** `--external` (an existing cluster with real egress): probes go to the declared outside addresses as written, policies unchanged. */
  externalAsWritten?: boolean;
  /** The preflight, run alongside the setup: no probe before it has passed, no setup once it has failed. */
  preflight?: PreflightGate;
  /** The nodes the scenario's pods are spread over (several nodes only). */
  placement?: PlacementNodes;
  /** A dual-stack cluster: services get both families, and probes to pod and service IPs go once per family. */
  dualStack?: boolean;
  /**
   * A world created before this case and shared with others (run-corpus.ts): the case sets nothing
   * up, and afterwards undoes its policies and labels and proves the world back at its baseline.
   */
  shared?: SharedWorldSlot;
  /** Whether ClusterNetworkPolicies are sent (run-corpus.ts asks the cluster once); unset: not sent. */
  clusterPolicies?: ClusterPolicySupport;
  /**
   * Prove ClusterNetworkPolicy enforced before sending any (cluster-policy-support.ts). Unset: when
   * the run has a preflight. A session's later runs have no gate but still prove it.
   */
  clusterPolicyPreflight?: boolean;
}

/** The copy of a shared world a case runs in: its real namespaces and its pods as created. */
export interface SharedWorldSlot {
  mapping: Map<string, string>;
  topo: LiveTopology;
}

function sendJobs(plans: ProbePlan[]): ProbeJob[] {
  const byKey = new Map<string, ProbeJob>();
  for (const p of plans) if (p.kind === 'send' && !byKey.has(p.job.key)) byKey.set(p.job.key, p.job);
  return [...byKey.values()];
}

/** Each job's world: one for all, or (dual-stack) each family's. */
type WorldOf = World | ((job: ProbeJob) => World);

function modelExpectations(world: WorldOf, jobs: ProbeJob[]): Map<string, ModelOutcome> {
  const of = typeof world === 'function' ? world : () => world;
  return new Map(jobs.map((j) => [j.key, evaluateProbe(of(j), j.logical).outcome]));
}

function observedOf(stable: StableResults, key: string): Observed | undefined {
  const result = stable.final.get(key);
  return result ? { result, history: stable.history.get(key) ?? [], flaky: stable.flaky.has(key) } : undefined;
}

function nodeOfDestination(destination: string | undefined, topo: LiveTopology): string | undefined {
  const m = destination ? /^([^/]+)\/([^:]+):/.exec(destination) : null;
  return m ? topo.pods.get(logicalKey(m[1] as string, m[2] as string))?.node : undefined;
}

/** Outside hosts some expectation probes from. */
function outsideSources(scenario: Scenario): Set<string> {
  return new Set(
    scenario.steps.flatMap((s) =>
      s.expectations.filter((e) => e.from.namespace === OUTSIDE_NAMESPACE).map((e) => e.from.name),
    ),
  );
}

/** Each outside source reaches every pod of the scenario through the pod's node. */
async function routeSources(
  driver: OutsideHostDriver,
  runId: string,
  sources: ReadonlySet<string>,
  topo: LiveTopology,
): Promise<void> {
  const pods = [...topo.pods.values()].flatMap((p) => (p.ip && p.node ? [{ ip: p.ip, node: p.node }] : []));
  for (const host of sources) await driver.routeToPods(runId, host, pods);
}

/** Starts probing a step's cells until they are stable; `stop` ends it early (the step failed). */
function stepProbes(
  ctx: LiveContext,
  jobs: ProbeJob[],
  world: WorldOf,
  clock: Clock,
  change: ChangeContext | undefined,
): { results: Promise<StableResults>; stop: AbortController } {
  const stop = new AbortController();
  const results = probeUntilStable(
    ctx.runner,
    jobs,
    { ...ctx.options.stabilize, expected: modelExpectations(world, jobs) },
    clock,
    change,
    stop.signal,
  );
  return { results, stop };
}

/** One scenario's run on the cluster, as its phases share it. */
interface LiveRun {
  scenario: Scenario;
  ctx: LiveContext;
  clock: Clock;
  startedMs: number;
  mapping: Map<string, string>;
  run: ScenarioRun;
  say: (line: string) => void;
  setupOptions: SetupOptions;
  /** Outside hosts some expectation probes from. */
  sources: Set<string>;
  /** Set before the stand-ins start, so that a failed start still stops what did start. */
  standInsStarted: boolean;
}

/**
 * Where the probes go: the pods and outside addresses, each step's world with their live
 * addresses, and its expectations' probes. A step that replaces pods plans itself and the
 * later steps again.
 */
interface LivePlan {
  topo: LiveTopology;
  states: StepState[];
  plans: ProbePlan[][];
  baselineWorld: World;
  /** Dual-stack: the same probes to pod and service IPs in the second family, with that family's worlds. */
  second?: FamilyPlan;
  /** Dual-stack: the first family (the pods' primary IPs'), which every record without a second copy is in too. */
  first?: Family;
}

/** The second family's worlds (its addresses, the policies as sent) and its plans (undefined: probed once). */
interface FamilyPlan {
  family: Family;
  states: StepState[];
  plans: (ProbePlan | undefined)[][];
  baselineWorld: World;
}

/** Every probe the scenario sends, once each (both families'): what its baseline probes. */
function baselineJobs(plan: LivePlan): ProbeJob[] {
  return sendJobs([
    ...plan.plans.flat(),
    ...(plan.second?.plans.flat().filter((p): p is ProbePlan => p !== undefined) ?? []),
  ]);
}

/** A step's jobs, both families' on a dual-stack cluster. */
function stepJobs(plan: LivePlan, index: number): ProbeJob[] {
  const second = plan.second?.plans[index]?.filter((p): p is ProbePlan => p !== undefined) ?? [];
  return sendJobs([...(plan.plans[index] ?? []), ...second]);
}

/** The world a job is judged in at a step: its family's. */
function worldOfStep(plan: LivePlan, index: number): WorldOf {
  const first = (plan.states[index] as StepState).world;
  const second = plan.second;
  if (!second) return first;
  const other = (second.states[index] as StepState).world;
  return (job) => (job.family === second.family ? other : first);
}

/** Every probe once, before any policy. */
interface Baseline {
  stable: StableResults;
  window: ObservationWindow;
  outcome: Map<string, ModelOutcome>;
}

/** What one step hands to the next. */
interface StepCarry {
  applied: AppliedPolicies;
  lastOutcome: Map<string, ModelOutcome>;
  disputes: Disputes;
}

/** What a step changed, and from when its enforcement is timed. */
interface StepChanges {
  changes: PolicyChange[];
  relabels: string[];
  podUpdates: string[];
  hasChanges: boolean;
  changedAtMs: number;
  /** The step's probes, when they started while its changes were being sent. */
  probing: Promise<StableResults> | undefined;
}

/** A step's probes once stable, and when they ran. */
interface StepProbes {
  step: Step;
  index: number;
  /** Distinct probes sent. */
  cells: number;
  stable: StableResults;
  windows: ObservationWindow[];
  disputes: Disputes;
}

/** How a scenario's namespaces and pods are set up under these live options, for one scenario's run id. */
export function setupOptionsOf(
  options: LiveOptions,
  runId: string,
  images: ImageMap,
  cluster: Pick<LiveContext, 'placement' | 'dualStack'> = {},
): SetupOptions {
  return {
    runId,
    images,
    offline: options.offline,
    podReadyTimeoutSeconds: options.podReadyTimeoutSeconds,
    pollIntervalMs: options.podPollIntervalMs,
    ...(cluster.placement ? { placement: cluster.placement } : {}),
    ...(cluster.dualStack ? { dualStack: true } : {}),
  };
}

/** Runs one scenario on the cluster: set up, plan, baseline, then each step's changes, probes and records. */
export async function runScenarioLive(scenario: Scenario, ctx: LiveContext): Promise<ScenarioRun> {
  const notLive = whyNotLive(scenario, ctx.clusterPolicies);
  if (notLive) {
    ctx.progress(`${scenario.name}: not run live: ${notLive}`);
    return notLiveRun(scenario, ctx.runId, notLive);
  }
  const live = startRun(scenario, ctx);
  let plan: LivePlan | undefined;
  let baseline: Baseline | undefined;
  let carry: StepCarry | undefined;
  try {
    if (ctx.preflight?.failed) throw new PreflightFailed();
    const topo = ctx.shared ? ctx.shared.topo : await setUp(live);
    if (ctx.preflight && !(await ctx.preflight.passed())) throw new PreflightFailed();
    plan = planRun(live, topo);
    baseline = await probeBaseline(live, plan);
    carry = { applied: new Map(), lastOutcome: new Map(baseline.outcome), disputes: new Map() };
    // Read as the loop goes: a step that replaces pods replaces its own and the later states.
    for (const state of plan.states) await runStep(live, plan, baseline, carry, state);
  } catch (err) {
    live.run.error = err instanceof Error ? err.message : String(err);
    if (!(err instanceof PreflightFailed)) live.say(`failed: ${live.run.error}`);
  } finally {
    await stopStandIns(live);
  }
  if (ctx.shared) live.run.worldReset = await resetSharedWorld(live, plan, baseline, carry);
  live.run.durationMs = live.clock.nowMs() - live.startedMs;
  return live.run;
}

/**
 * After a case in a shared world: its policies deleted, every label it changed put back, then its
 * baseline probes sent again until each shows what it showed before the case's first change. A
 * cell that does not within the stabilisation deadline leaves the world dirty (the caller makes a
 * new copy): a case never sees another case's policy.
 */
const debugReset = debugLog('reset');

async function resetSharedWorld(
  live: LiveRun,
  plan: LivePlan | undefined,
  baseline: Baseline | undefined,
  carry: StepCarry | undefined,
): Promise<WorldReset> {
  const { ctx, clock, scenario, mapping } = live;
  const started = clock.nowMs();
  const problems: string[] = [];
  // ClusterNetworkPolicies go below, all at once: one by name here would be the same work twice.
  for (const prepared of carry?.applied.values() ?? [])
    for (const p of prepared) {
      if (!p.name || p.cluster) continue;
      try {
        await deletePolicy(ctx.kube, p);
      } catch (err) {
        problems.push(
          `policy ${p.namespace}/${p.name} not deleted: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  // Every ClusterNetworkPolicy labelled with this copy's run id, so also one the case lost track
  // of (an apply that threw after the server took it): it could allow what the baseline allows
  // already, and no probe would see it. None is sent unless the run found them live.
  if (ctx.clusterPolicies?.live) {
    try {
      await ctx.kube.deleteManagedClusterNetworkPolicies(ctx.runId);
    } catch (err) {
      problems.push(
        `clusternetworkpolicies of ${ctx.runId} not deleted: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  for (const r of labelRestores(scenario)) {
    try {
      if (r.target === 'pod')
        await ctx.kube.patchPodLabels({ namespace: mapNamespace(mapping, r.namespace), name: r.name }, r.labels);
      else await ctx.kube.patchNamespaceLabels(mapNamespace(mapping, r.name), r.labels);
    } catch (err) {
      problems.push(
        `labels of ${r.target} ${r.namespace}${r.target === 'pod' ? `/${r.name}` : ''} not restored: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  debugReset(
    '%s: policies deleted and labels restored (%d problems); probing the baseline again',
    scenario.name,
    problems.length,
  );
  if (!plan || !baseline) problems.push('the case ended before its baseline, so nothing proves the world clean');
  else {
    const jobs = baselineJobs(plan);
    const again = await probeUntilStable(
      ctx.runner,
      jobs,
      { ...ctx.options.stabilize, expected: baseline.outcome },
      clock,
    );
    for (const job of jobs) {
      const was = baseline.outcome.get(job.key);
      const now = again.final.get(job.key)?.outcome;
      if (was !== now) problems.push(`${job.key}: ${now ?? 'no answer'}, not ${was ?? 'unknown'} as before the case`);
    }
  }
  const reset: WorldReset = { clean: problems.length === 0, problems, durationMs: clock.nowMs() - started };
  debugReset(
    '%s: %s in %d ms',
    scenario.name,
    reset.clean ? 'clean' : `NOT clean: ${problems.join('; ')}`,
    reset.durationMs,
  );
  live.say(
    reset.clean
      ? `shared world reset and proven clean in ${(reset.durationMs / 1000).toFixed(1)} s`
      : `shared world NOT clean after the reset: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`,
  );
  return reset;
}

function startRun(scenario: Scenario, ctx: LiveContext): LiveRun {
  const clock = ctx.clock ?? realClock;
  const startedMs = clock.nowMs();
  const mapping = ctx.shared?.mapping ?? namespaceMapping(scenario, ctx.runId);
  const run: ScenarioRun = {
    scenario,
    runId: ctx.runId,
    namespaces: [...mapping].map(([logical, real]) => ({ logical, real })),
    steps: [],
    records: [],
    durationMs: 0,
  };
  const say = (s: string) => ctx.progress(`${scenario.name}: ${s}`);
  const setupOptions = setupOptionsOf(ctx.options, ctx.runId, ctx.images, ctx);
  return {
    scenario,
    ctx,
    clock,
    startedMs,
    mapping,
    run,
    say,
    setupOptions,
    sources: outsideSources(scenario),
    standInsStarted: false,
  };
}

/** Namespaces and pods, and what the outside addresses become: themselves (`--external`) or stand-ins. */
async function setUp(live: LiveRun): Promise<LiveTopology> {
  const { scenario, ctx, run, say, sources } = live;
  say(`creating ${run.namespaces.map((n) => n.real).join(', ')}`);
  let topo = await setUpScenario(ctx.kube, scenario, live.mapping, live.setupOptions, live.clock);
  say(`${topo.pods.size} pods ready`);
  if (scenario.outside?.length && ctx.externalAsWritten && !ctx.outside) {
    // Each documented address stands for itself; sources outside the cluster cannot be sent from here.
    topo = { ...topo, outside: new Map(scenario.outside.map((h) => [h.address, h.address])) };
    say(`--external: probes to ${scenario.outside.map((h) => h.address).join(', ')} go to those addresses`);
  }
  if (scenario.outside?.length && ctx.outside) {
    live.standInsStarted = true;
    const standIns = await ctx.outside.start(scenario.outside, ctx.runId, sources);
    const driver = ctx.outside;
    topo = {
      ...topo,
      outside: standIns,
      outsideSources: new Map([...sources].map((h) => [h, driver.containerName(ctx.runId, h)])),
    };
    await routeSources(driver, ctx.runId, sources, topo);
    run.standIns = [...standIns].map(([documented, standIn]) => ({ documented, standIn }));
    say(`outside stand-ins: ${run.standIns.map((s) => `${s.documented} → ${s.standIn}`).join(', ')}`);
  }
  return topo;
}

function planRun(live: LiveRun, topo: LiveTopology): LivePlan {
  const { scenario } = live;
  const states = worldsByStep(scenario).map((s) => ({ ...s, world: withLiveAddresses(s.world, topo) }));
  const noChange = { name: 'baseline', apply: [], delete: [], relabel: [], expectations: [], line: 0 };
  const baselineWorld = withLiveAddresses(
    (worldsByStep({ ...scenario, steps: [noChange] })[0] as StepState).world,
    topo,
  );
  const plans = states.map((s) => planStep(live, s, topo));
  const family = live.ctx.dualStack ? secondFamily(topo) : undefined;
  const second = family ? planFamily(live, family, topo) : undefined;
  const first = second ? ipFamily([...topo.pods.values()].find((p) => p.ip)?.ip ?? '') : undefined;
  return { topo, states, plans, baselineWorld, ...(second ? { second } : {}), ...(first ? { first } : {}) };
}

/** The second family's plan: the worlds with its addresses (and the policies as sent), its probes to pod and service IPs. */
function planFamily(live: LiveRun, family: Family, topo: LiveTopology): FamilyPlan {
  const { scenario } = live;
  const familyTopo = inFamily(topo, family);
  const sentIps = liveIpOf(topo);
  const inIt = (world: World) => withLiveAddresses(world, familyTopo, sentIps);
  const states = worldsByStep(scenario).map((s) => ({ ...s, world: inIt(s.world) }));
  const plans = states.map((s) =>
    s.step.expectations.map((e) => {
      if (!probedInEachFamily(e)) return undefined;
      const p = planProbe(e, scenario, s.world, familyTopo, live.ctx.options.probeTimeoutSeconds);
      return p.kind === 'send'
        ? { kind: 'send' as const, job: { ...p.job, key: familyKey(p.job.key, family), family } }
        : { ...p, key: familyKey(p.key, family) };
    }),
  );
  const noChange = { name: 'baseline', apply: [], delete: [], relabel: [], expectations: [], line: 0 };
  const baselineWorld = inIt((worldsByStep({ ...scenario, steps: [noChange] })[0] as StepState).world);
  return { family, states, plans, baselineWorld };
}

function planStep(live: LiveRun, state: StepState, topo: LiveTopology): ProbePlan[] {
  return state.step.expectations.map((e) =>
    planProbe(e, live.scenario, state.world, topo, live.ctx.options.probeTimeoutSeconds),
  );
}

async function probeBaseline(live: LiveRun, plan: LivePlan): Promise<Baseline> {
  const { ctx, clock } = live;
  const jobs = baselineJobs(plan);
  live.say(`baseline: ${jobs.length} probes before any policy`);
  const fromMs = clock.nowMs();
  const second = plan.second;
  const baselineWorld: WorldOf = second
    ? (job) => (job.family === second.family ? second.baselineWorld : plan.baselineWorld)
    : plan.baselineWorld;
  const stable = await stepProbes(ctx, jobs, baselineWorld, clock, undefined).results;
  const window: ObservationWindow = { fromMs, toMs: clock.nowMs() };
  const outcome = new Map([...stable.final].map(([k, r]) => [k, r.outcome]));
  return { stable, window, outcome };
}

/** One step: its changes, then its probes until stable, its report and its records. */
async function runStep(
  live: LiveRun,
  plan: LivePlan,
  baseline: Baseline,
  carry: StepCarry,
  state: StepState,
): Promise<void> {
  const changed = await changeStep(live, plan, carry, state);
  carry.disputes = updateDisputes(carry.disputes, changed.changes);
  const probes = await probeStep(live, plan, baseline, carry, state, changed);
  reportStep(live, plan, changed, probes);
  const plans = plan.plans[state.index] as ProbePlan[];
  const second = plan.second;
  state.step.expectations.forEach((e, i) => {
    const first = liveRecordOf(live, plan.states, plan.topo, baseline, probes, e, plans[i] as ProbePlan, plan.first);
    live.run.records.push(first);
    const other = second?.plans[state.index]?.[i];
    if (!second || !other) return;
    const model = modelAnswerAt(second.states, state.index, e);
    const derived = familyExpectation(e, second.family, first.model, model);
    live.run.records.push(
      liveRecordOf(live, second.states, plan.topo, baseline, probes, derived, other, second.family),
    );
  });
}

/** The step's policy changes and relabels (probed as they are sent when that is all), its API calls, then its pod replacements. */
async function changeStep(live: LiveRun, plan: LivePlan, carry: StepCarry, state: StepState): Promise<StepChanges> {
  const { ctx, clock } = live;
  const { step, index } = state;
  const updates = step.update ?? [];
  const hasChanges = step.apply.length + step.delete.length + step.relabel.length + updates.length > 0;
  // Enforcement is timed from the first change sent, or, when pods were replaced, from when they were Ready again.
  let changedAtMs = clock.nowMs();
  // A step that changes only policies and labels is probed while its changes are being sent:
  // probes that still see the old state bound from below when the change took effect.
  const early =
    hasChanges && updates.length === 0 && !step.api?.length
      ? stepProbes(ctx, stepJobs(plan, index), worldOfStep(plan, index), clock, {
          atMs: changedAtMs,
          before: new Map(carry.lastOutcome),
        })
      : undefined;
  let sent: Awaited<ReturnType<typeof applyStepChanges>>;
  try {
    sent = await applyStepChanges(
      ctx.kube,
      step,
      live.scenario.policies,
      carry.applied,
      live.mapping,
      ctx.runId,
      state.applied,
      plan.topo.outside,
      liveIpOf(plan.topo),
    );
  } catch (err) {
    early?.stop.abort();
    await early?.results.catch(() => undefined);
    throw err;
  }
  const { changes, relabels } = sent;
  if (step.api?.length) await runStepApiCalls(live, state, changes);
  let podUpdates: string[] = [];
  if (updates.length > 0) {
    podUpdates = await replaceStepPods(live, plan, state);
    changedAtMs = clock.nowMs();
  }
  return { changes, relabels, podUpdates, hasChanges, changedAtMs, probing: early?.results };
}

/** The step's probes until stable, timed from its change (started already, or now); the first step, when it changes nothing, is the baseline. */
async function probeStep(
  live: LiveRun,
  plan: LivePlan,
  baseline: Baseline,
  carry: StepCarry,
  state: StepState,
  changed: StepChanges,
): Promise<StepProbes> {
  const { ctx, clock } = live;
  const { step, index } = state;
  const { hasChanges, changedAtMs } = changed;
  const jobs = stepJobs(plan, index);
  const reuseBaseline = index === 0 && !hasChanges;
  const stable = reuseBaseline
    ? baseline.stable
    : await (changed.probing ??
        stepProbes(
          ctx,
          jobs,
          worldOfStep(plan, index),
          clock,
          hasChanges ? { atMs: changedAtMs, before: new Map(carry.lastOutcome) } : undefined,
        ).results);
  const windows = reuseBaseline ? [baseline.window] : [baseline.window, { fromMs: changedAtMs, toMs: clock.nowMs() }];
  for (const [key, r] of stable.final) carry.lastOutcome.set(key, r.outcome);
  return { step, index, cells: jobs.length, stable, windows, disputes: carry.disputes };
}

/** The step's report in the run, and its progress line. */
function reportStep(live: LiveRun, plan: LivePlan, changed: StepChanges, probes: StepProbes): void {
  const { changes, relabels, podUpdates, hasChanges, changedAtMs } = changed;
  const { step, index, stable } = probes;
  const report: StepReport = {
    index,
    name: step.name,
    changes,
    relabels,
    ...(podUpdates.length ? { podUpdates } : {}),
    stable: stable.stable,
    probes: stable.probes,
  };
  if (stable.enforcement) report.enforcement = stable.enforcement;
  live.run.steps.push(report);
  const took = stable.enforcement ? `, took effect ${enforcementText(stable.enforcement)} after the change` : '';
  live.say(
    `step ${index + 1}/${plan.states.length} ${step.name}: ${probes.cells} cells, ${stable.probes} probes${hasChanges ? ` in ${((live.clock.nowMs() - changedAtMs) / 1000).toFixed(1)} s${took}` : ''}`,
  );
}

async function runStepApiCalls(live: LiveRun, state: StepState, changes: PolicyChange[]): Promise<void> {
  const { ctx, run } = live;
  const { step, index } = state;
  const records = await runApiCalls(ctx.kube, step.api ?? [], live.mapping, ctx.runId, changes, state.applied);
  run.apiRecords = [...(run.apiRecords ?? []), ...records.map((r) => ({ ...r, stepIndex: index, step: step.name }))];
  live.say(`step ${index + 1} api: ${records.map((r) => `${r.call.text} → ${r.live}`).join('; ')}`);
}

/** Replaces the step's pods and waits for them. New pods, new IPs: this step and the later ones are planned again with them. */
async function replaceStepPods(live: LiveRun, plan: LivePlan, state: StepState): Promise<string[]> {
  const { ctx, clock } = live;
  const podUpdates = await replacePods(
    ctx.kube,
    live.scenario,
    state.step.update ?? [],
    state.world,
    live.mapping,
    live.setupOptions,
    clock,
  );
  plan.topo = {
    ...plan.topo,
    pods: await waitForPods(ctx.kube, live.scenario, live.mapping, live.setupOptions, clock),
  };
  for (let j = state.index; j < plan.states.length; j++) {
    const later = plan.states[j] as StepState;
    plan.states[j] = { ...later, world: withLiveAddresses(later.world, plan.topo) };
    plan.plans[j] = planStep(live, plan.states[j] as StepState, plan.topo);
  }
  // The second family's probes go to the new pods' addresses too (the steps before ran already).
  if (plan.second) plan.second = planFamily(live, plan.second.family, plan.topo);
  if (live.standInsStarted && ctx.outside) await routeSources(ctx.outside, ctx.runId, live.sources, plan.topo);
  live.say(`${podUpdates.join('; ')}: ready again`);
  return podUpdates;
}

/** One expectation's record: the document's claim, the model's answer and what the cluster did. */
function liveRecordOf(
  live: LiveRun,
  states: readonly StepState[],
  topo: LiveTopology,
  baseline: Baseline,
  probes: StepProbes,
  e: Expectation,
  probe: ProbePlan,
  family?: Family,
): LiveRecord {
  const { step, index, stable, windows } = probes;
  const key = probe.kind === 'send' ? probe.job.key : probe.key;
  const observed = probe.kind === 'send' ? observedOf(stable, key) : undefined;
  const answer = liveAnswerOf(probe, observed, baseline.outcome.get(key));
  const model = modelAnswerAt(states, index, e);
  return {
    ...recordOf(
      live.scenario,
      { name: step.name, index },
      e,
      model,
      withDisputes(liveVerdictOf(e, model, answer, observed?.result), e, model, live.mapping, probes.disputes),
    ),
    live: {
      key,
      sent: probe.kind === 'send',
      ...(probe.kind === 'send' ? { host: probe.job.host } : {}),
      ...(observed ? { result: observed.result } : {}),
      history: observed?.history ?? [],
      ...(baseline.outcome.has(key) ? { baseline: baseline.outcome.get(key) } : {}),
      outcome: answer.outcome,
      ...(answer.reason ? { reason: answer.reason } : {}),
      flaky: answer.flaky,
      sourceNode: topo.pods.get(logicalKey(e.from.namespace, e.from.name))?.node,
      destinationNode: nodeOfDestination(model.destination, topo),
      ...(family ? { family } : {}),
      observedMs: probe.kind === 'send' ? windows : [],
      ...standInField(live, index, e, probe),
    },
  };
}

function standInField(live: LiveRun, index: number, e: Expectation, probe: ProbePlan): { standIn?: StandInRewrite } {
  if (probe.kind !== 'send' || !live.run.standIns?.length) return {};
  const standIn = standInRewriteOf(live.scenario, live.run.standIns, live.run.steps, index, e, probe.job.host);
  return standIn ? { standIn } : {};
}

/** A failure to stop the outside stand-ins joins the run's error. */
async function stopStandIns(live: LiveRun): Promise<void> {
  if (!live.standInsStarted || !live.ctx.outside) return;
  try {
    await live.ctx.outside.stop(live.ctx.runId);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    live.run.error = live.run.error ? `${live.run.error}; ${why}` : why;
  }
}
