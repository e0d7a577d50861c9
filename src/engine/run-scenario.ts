import type { KubeClient } from '../kube/types.js';
import type { ModelOutcome } from '../model/outcome.js';
import { evaluateProbe } from '../model/probe.js';
import type { World } from '../model/types.js';
import type { ProbeJob, ProbeRunner } from '../probe/types.js';
import { modelAnswerAt } from '../reachability/check.js';
import { recordOf } from '../reachability/records.js';
import { worldsByStep } from '../reachability/world.js';
import { OUTSIDE_NAMESPACE } from '../scenario/outside.js';
import type { Scenario } from '../scenario/types.js';
import { applyStepChanges, type AppliedPolicies } from './changes.js';
import { updateDisputes, withDisputes, type Disputes } from './disputes.js';
import type { ImageMap } from './image-map.js';
import type { OutsideHostDriver } from '../cluster/outside-hosts.js';
import { liveAnswerOf, liveVerdictOf, type Observed } from './live-answer.js';
import { namespaceMapping } from './naming.js';
import { runApiCalls } from './api-steps.js';
import { replacePods } from './pod-replace.js';
import { setUpScenario, waitForPods, type SetupOptions } from './setup.js';
import { enforcementText } from './enforcement-text.js';
import { probeUntilStable, realClock, type ChangeContext, type Clock, type StableResults, type StabilizeOptions } from './stabilize.js';
import { liveIpOf, logicalKey, planProbe, withLiveAddresses, type LiveTopology, type ProbePlan } from './targets.js';
import type { LiveRecord, ObservationWindow, ScenarioRun, StepReport } from './types.js';

export interface LiveOptions {
  probeTimeoutSeconds: number;
  podReadyTimeoutSeconds: number;
  /** How often setup polls for pods and service accounts. */
  podPollIntervalMs: number;
  stabilize: Omit<StabilizeOptions, 'expected'>;
  offline: boolean;
}

/** Probing through sessions is cheap: cells that can still change are re-probed every 250 ms, overlapping. */
export const SESSION_STABILIZE: LiveOptions['stabilize'] = { deadlineSeconds: 60, settleSeconds: 10, intervalMs: 250, maxInFlightPerCell: 12 };
/** One exec per probe costs the node a quarter of a CPU-second: one probe per cell at a time, at most one a second. */
export const EXEC_STABILIZE: LiveOptions['stabilize'] = { deadlineSeconds: 60, settleSeconds: 10, intervalMs: 1000, maxInFlightPerCell: 1 };

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
}

function sendJobs(plans: ProbePlan[]): ProbeJob[] {
  const byKey = new Map<string, ProbeJob>();
  for (const p of plans) if (p.kind === 'send' && !byKey.has(p.job.key)) byKey.set(p.job.key, p.job);
  return [...byKey.values()];
}

function modelExpectations(world: World, jobs: ProbeJob[]): Map<string, ModelOutcome> {
  return new Map(jobs.map((j) => [j.key, evaluateProbe(world, j.logical).outcome]));
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
  return new Set(scenario.steps.flatMap((s) => s.expectations.filter((e) => e.from.namespace === OUTSIDE_NAMESPACE).map((e) => e.from.name)));
}

/** Each outside source reaches every pod of the scenario through the pod's node. */
async function routeSources(driver: OutsideHostDriver, runId: string, sources: ReadonlySet<string>, topo: LiveTopology): Promise<void> {
  const pods = [...topo.pods.values()].flatMap((p) => (p.ip && p.node ? [{ ip: p.ip, node: p.node }] : []));
  for (const host of sources) await driver.routeToPods(runId, host, pods);
}

/** Starts probing a step's cells until they are stable; `stop` ends it early (the step failed). */
function stepProbes(ctx: LiveContext, jobs: ProbeJob[], world: World, clock: Clock, change: ChangeContext | undefined): { results: Promise<StableResults>; stop: AbortController } {
  const stop = new AbortController();
  const results = probeUntilStable(ctx.runner, jobs, { ...ctx.options.stabilize, expected: modelExpectations(world, jobs) }, clock, change, stop.signal);
  return { results, stop };
}

/** Runs one scenario on the cluster: set up, baseline, each step's changes and probes, verdicts. */
export async function runScenarioLive(scenario: Scenario, ctx: LiveContext): Promise<ScenarioRun> {
  const clock = ctx.clock ?? realClock;
  const started = clock.nowMs();
  const mapping = namespaceMapping(scenario, ctx.runId);
  const run: ScenarioRun = {
    scenario,
    runId: ctx.runId,
    namespaces: [...mapping].map(([logical, real]) => ({ logical, real })),
    steps: [],
    records: [],
    durationMs: 0,
  };
  const say = (s: string) => ctx.progress(`${scenario.name}: ${s}`);
  let standInsStarted = false;
  try {
    say(`creating ${run.namespaces.map((n) => n.real).join(', ')}`);
    const setupOptions: SetupOptions = { runId: ctx.runId, images: ctx.images, offline: ctx.options.offline, podReadyTimeoutSeconds: ctx.options.podReadyTimeoutSeconds, pollIntervalMs: ctx.options.podPollIntervalMs };
    let topo = await setUpScenario(ctx.kube, scenario, mapping, setupOptions, clock);
    say(`${topo.pods.size} pods ready`);
    const sources = outsideSources(scenario);
    if (scenario.outside?.length && ctx.externalAsWritten && !ctx.outside) {
      // Each documented address stands for itself; sources outside the cluster cannot be sent from here.
      topo = { ...topo, outside: new Map(scenario.outside.map((h) => [h.address, h.address])) };
      say(`--external: probes to ${scenario.outside.map((h) => h.address).join(', ')} go to those addresses`);
    }
    if (scenario.outside?.length && ctx.outside) {
      standInsStarted = true;
      const standIns = await ctx.outside.start(scenario.outside, ctx.runId, sources);
      const driver = ctx.outside;
      topo = { ...topo, outside: standIns, outsideSources: new Map([...sources].map((h) => [h, driver.containerName(ctx.runId, h)])) };
      await routeSources(driver, ctx.runId, sources, topo);
      run.standIns = [...standIns].map(([documented, standIn]) => ({ documented, standIn }));
      say(`outside stand-ins: ${run.standIns.map((s) => `${s.documented} → ${s.standIn}`).join(', ')}`);
    }
    const states = worldsByStep(scenario).map((s) => ({ ...s, world: withLiveAddresses(s.world, topo) }));
    const noChange = { name: 'baseline', apply: [], delete: [], relabel: [], expectations: [], line: 0 };
    const baselineWorld = withLiveAddresses((worldsByStep({ ...scenario, steps: [noChange] })[0] as (typeof states)[number]).world, topo);
    const plans = states.map((s) => s.step.expectations.map((e) => planProbe(e, scenario, s.world, topo, ctx.options.probeTimeoutSeconds)));

    const baselineJobs = sendJobs(plans.flat());
    say(`baseline: ${baselineJobs.length} probes before any policy`);
    const baselineStarted = clock.nowMs();
    const baseline = await probeUntilStable(ctx.runner, baselineJobs, { ...ctx.options.stabilize, expected: modelExpectations(baselineWorld, baselineJobs) }, clock);
    const baselineWindow: ObservationWindow = { fromMs: baselineStarted, toMs: clock.nowMs() };
    const baselineOutcome = new Map([...baseline.final].map(([k, r]) => [k, r.outcome]));

    const applied: AppliedPolicies = new Map();
    const lastOutcome = new Map(baselineOutcome);
    let disputes: Disputes = new Map();
    for (const state of states) {
      const { step, index } = state;
      const updates = step.update ?? [];
      const hasChanges = step.apply.length + step.delete.length + step.relabel.length + updates.length > 0;
      // Enforcement is timed from the first change sent, or, when pods were replaced, from when they were Ready again.
      let changedAtMs = clock.nowMs();
      // A step that changes only policies and labels is probed while its changes are being sent:
      // probes that still see the old state bound from below when the change took effect.
      const early = hasChanges && updates.length === 0 && !step.api?.length ? stepProbes(ctx, sendJobs(plans[index] as ProbePlan[]), state.world, clock, { atMs: changedAtMs, before: new Map(lastOutcome) }) : undefined;
      let sent: Awaited<ReturnType<typeof applyStepChanges>>;
      try {
        sent = await applyStepChanges(ctx.kube, step, scenario.policies, applied, mapping, ctx.runId, state.applied, topo.outside, liveIpOf(topo));
      } catch (err) {
        early?.stop.abort();
        await early?.results.catch(() => undefined);
        throw err;
      }
      const { changes, relabels } = sent;
      if (step.api?.length) {
        const records = await runApiCalls(ctx.kube, step.api, mapping, ctx.runId, changes, state.applied);
        run.apiRecords = [...(run.apiRecords ?? []), ...records.map((r) => ({ ...r, stepIndex: index, step: step.name }))];
        say(`step ${index + 1} api: ${records.map((r) => `${r.call.text} → ${r.live}`).join('; ')}`);
      }
      let podUpdates: string[] = [];
      if (updates.length > 0) {
        podUpdates = await replacePods(ctx.kube, scenario, updates, state.world, mapping, setupOptions, clock);
        // New pods, new IPs: this step and the later ones are planned again with them.
        topo = { ...topo, pods: await waitForPods(ctx.kube, scenario, mapping, setupOptions, clock) };
        for (let j = index; j < states.length; j++) {
          const later = states[j] as (typeof states)[number];
          states[j] = { ...later, world: withLiveAddresses(later.world, topo) };
          plans[j] = later.step.expectations.map((e) => planProbe(e, scenario, (states[j] as (typeof states)[number]).world, topo, ctx.options.probeTimeoutSeconds));
        }
        if (standInsStarted && ctx.outside) await routeSources(ctx.outside, ctx.runId, sources, topo);
        say(`${podUpdates.join('; ')}: ready again`);
        changedAtMs = clock.nowMs();
      }
      disputes = updateDisputes(disputes, changes);
      const jobs = sendJobs(plans[index] as ProbePlan[]);
      const reuseBaseline = index === 0 && !hasChanges;
      const stable = reuseBaseline
        ? baseline
        : await (early?.results ?? stepProbes(ctx, jobs, (states[index] as (typeof states)[number]).world, clock, hasChanges ? { atMs: changedAtMs, before: new Map(lastOutcome) } : undefined).results);
      const windows = reuseBaseline ? [baselineWindow] : [baselineWindow, { fromMs: changedAtMs, toMs: clock.nowMs() }];
      for (const [key, r] of stable.final) lastOutcome.set(key, r.outcome);
      const report: StepReport = { index, name: step.name, changes, relabels, ...(podUpdates.length ? { podUpdates } : {}), stable: stable.stable, probes: stable.probes };
      if (stable.enforcement) report.enforcement = stable.enforcement;
      run.steps.push(report);
      const took = stable.enforcement ? `, took effect ${enforcementText(stable.enforcement)} after the change` : '';
      say(`step ${index + 1}/${states.length} ${step.name}: ${jobs.length} cells, ${stable.probes} probes${hasChanges ? ` in ${((clock.nowMs() - changedAtMs) / 1000).toFixed(1)} s${took}` : ''}`);

      step.expectations.forEach((e, i) => {
        const plan = (plans[index] as ProbePlan[])[i] as ProbePlan;
        const key = plan.kind === 'send' ? plan.job.key : plan.key;
        const observed = plan.kind === 'send' ? observedOf(stable, key) : undefined;
        const answer = liveAnswerOf(plan, observed, baselineOutcome.get(key));
        const model = modelAnswerAt(states, index, e);
        const record: LiveRecord = {
          ...recordOf(scenario, { name: step.name, index }, e, model, withDisputes(liveVerdictOf(e, model, answer, observed?.result), e, model, mapping, disputes)),
          live: {
            key,
            sent: plan.kind === 'send',
            ...(plan.kind === 'send' ? { host: plan.job.host } : {}),
            ...(observed ? { result: observed.result } : {}),
            history: observed?.history ?? [],
            ...(baselineOutcome.has(key) ? { baseline: baselineOutcome.get(key) } : {}),
            outcome: answer.outcome,
            ...(answer.reason ? { reason: answer.reason } : {}),
            flaky: answer.flaky,
            sourceNode: topo.pods.get(logicalKey(e.from.namespace, e.from.name))?.node,
            destinationNode: nodeOfDestination(model.destination, topo),
            observedMs: plan.kind === 'send' ? windows : [],
          },
        };
        run.records.push(record);
      });
    }
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
    say(`failed: ${run.error}`);
  } finally {
    if (standInsStarted && ctx.outside) {
      try {
        await ctx.outside.stop(ctx.runId);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        run.error = run.error ? `${run.error}; ${why}` : why;
      }
    }
  }
  run.durationMs = clock.nowMs() - started;
  return run;
}
