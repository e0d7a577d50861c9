import { explainFlow } from '../explain/explain-flow.js';
import { parseFlow } from '../explain/flow-arg.js';
import { EXIT } from '../errors.js';
import type { World } from '../model/types.js';
import { renderExplanation } from '../report/explain-console.js';
import type { ExplainFlags } from './explain-command.js';
import { ArgumentError } from './argument-error.js';
import { FlagError, type Io } from './program.js';
import { clusterScenario, scenarioAtStep, usesCluster } from './scenario-world.js';

export async function runExplain(from: string, to: string, file: string | undefined, flags: ExplainFlags, io: Io): Promise<number> {
  let world: World;
  let where: string;
  if (file !== undefined) {
    if (usesCluster(flags)) throw new ArgumentError('SCENARIO', file, 'give a scenario file or cluster flags (--context, -n, -A), not both');
    const s = scenarioAtStep(file, flags.step);
    world = s.state.world;
    where = s.where;
  } else {
    if (!usesCluster(flags)) throw new ArgumentError('SCENARIO', '', 'give a scenario file, or read a cluster with -n NAMESPACE… or -A (and --context/--kubeconfig)');
    if (flags.step !== undefined) throw new FlagError('--step', flags.step, 'steps belong to scenario files; a cluster has every policy in force');
    const c = await clusterScenario(flags);
    world = c.world;
    where = c.where;
  }
  const flow = parseFlow(world, from, to);
  if ('error' in flow) throw new ArgumentError(flow.error.startsWith('FROM') ? 'FROM' : 'TO', flow.error.startsWith('FROM') ? from : to, flow.error.replace(/^(FROM|TO): /, ''));
  io.out(renderExplanation(explainFlow(world, flow), where));
  return EXIT.ok;
}
