import { expectationLine, reachLine, rejectedLines } from '../explain/audit.js';
import { explainFlow } from '../explain/explain-flow.js';
import { parseFlow } from '../explain/flow-arg.js';
import { EXIT } from '../errors.js';
import type { World } from '../model/types.js';
import type { StepState } from '../reachability/world.js';
import { renderExplanation } from '../report/explain-console.js';
import type { ExplainFlags } from './explain-command.js';
import { ArgumentError } from './argument-error.js';
import { FlagError, type Io } from './program.js';
import { clusterScenario, scenarioAtStep, usesCluster, type ClusterView } from './scenario-world.js';
import { planLiveProbe } from '../explain/live-probe.js';
import { DEFAULT_LIVE_OPTIONS } from '../engine/run/run-scenario.js';
import { EnvironmentError } from '../errors.js';
import { ClusterKubeClient } from '../kube/client.js';
import { classifyOutput } from '../probe/classify.js';
import { renderThreeAnswers } from '../report/explain-console.js';

/** How much longer than the probe's own timeout the exec may take (the exec's round trip). */
const EXEC_SLACK_SECONDS = 5;

export async function runExplain(
  from: string,
  to: string,
  file: string | undefined,
  flags: ExplainFlags,
  io: Io,
): Promise<number> {
  let world: World;
  let where: string;
  let cluster: ClusterView | undefined;
  /** A scenario file's steps and the one asked about (a cluster has none). */
  let steps: { states: StepState[]; index: number } | undefined;
  if (file !== undefined) {
    if (usesCluster(flags))
      throw new ArgumentError('SCENARIO', file, 'give a scenario file or cluster flags (--context, -n, -A), not both');
    if (flags.probe)
      throw new FlagError(
        '--probe',
        'true',
        'probes go to a cluster: read one with -n NAMESPACE… or -A instead of a scenario file',
      );
    const s = scenarioAtStep(file, flags.step);
    world = s.state.world;
    where = s.where;
    steps = { states: s.states, index: s.state.index };
  } else {
    if (!usesCluster(flags))
      throw new ArgumentError(
        'SCENARIO',
        '',
        'give a scenario file, or read a cluster with -n NAMESPACE… or -A (and --context/--kubeconfig)',
      );
    if (flags.step !== undefined)
      throw new FlagError('--step', flags.step, 'steps belong to scenario files; a cluster has every policy in force');
    cluster = await clusterScenario(flags);
    world = cluster.world;
    where = cluster.where;
  }
  const flow = parseFlow(world, from, to);
  if ('error' in flow)
    throw new ArgumentError(
      flow.error.startsWith('FROM') ? 'FROM' : 'TO',
      flow.error.startsWith('FROM') ? from : to,
      flow.error.replace(/^(FROM|TO): /, ''),
    );
  const explanation = explainFlow(world, flow);
  const reach = reachLine(world, flow, explanation.result);
  io.out(
    renderExplanation(explanation, where, {
      first: steps ? rejectedLines(steps.states, steps.index) : [],
      underAnswer: [
        ...(steps ? [expectationLine(steps.states, steps.index, flow, explanation.result.outcome)] : []),
        ...(reach ? [reach] : []),
      ],
    }),
  );
  if (!flags.probe || !cluster) return EXIT.ok;
  const plan = planLiveProbe(flow, world, cluster.snapshot, cluster.renames, DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds);
  const model = explanation.result.outcome;
  if (plan.kind === 'not-sent') {
    io.out(renderThreeAnswers(model, { sent: false, reason: plan.reason }));
    return EXIT.ok;
  }
  const kube = new ClusterKubeClient(cluster.kubeConfig);
  let result;
  try {
    result = await kube.exec(
      { namespace: plan.namespace, name: plan.pod },
      plan.container,
      plan.argv,
      (DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds + EXEC_SLACK_SECONDS) * 1000,
    );
  } catch (err) {
    throw new EnvironmentError(
      `cannot run the probe in ${plan.namespace}/${plan.pod} (container ${plan.container})`,
      `run it by hand: ${plan.repro}`,
      { cause: err },
    );
  }
  const classified = classifyOutput(plan.tool, flow.protocol, result);
  io.out(
    renderThreeAnswers(model, {
      sent: true,
      outcome: classified.outcome,
      detail: classified.detail,
      repro: plan.repro,
    }),
  );
  return model === 'undefined' || classified.outcome === model ? EXIT.ok : EXIT.failed;
}
