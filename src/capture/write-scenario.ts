import { Document } from 'yaml';
import { evaluateProbe } from '../model/probe.js';
import { DEFAULT_CLUSTER_FACTS, type ClusterFacts } from '../model/types.js';
import { flowsAmong, podRef, scenarioObjects } from '../reachability/flows.js';
import { worldsByStep } from '../reachability/world.js';
import { parseScenario } from '../scenario/parse.js';
import type { CaptureInfo } from './to-scenario.js';

type Json = Record<string, unknown>;

const noPolicyFiles = () => undefined;

/**
 * The captured scenario as YAML, with its expectation matrix: in every step, each pod to every
 * other pod's declared ports and to every service port, expecting what the model answers there
 * (rows are `derived`). The document goes through the scenario loader first, so the model sees
 * exactly what `run` will load. Flows the spec leaves undefined get no row; `capture.leftOut`
 * counts them. Pure.
 */
export function renderCapturedScenario(
  document: Json,
  info: CaptureInfo,
  file: string,
  facts: ClusterFacts = DEFAULT_CLUSTER_FACTS,
): string {
  const scenario = parseScenario(file, yamlOf(document), noPolicyFiles);
  const steps = document.steps as Json[];
  const undecided: string[] = [];
  for (const state of worldsByStep(scenario, facts)) {
    const { pods, services } = scenarioObjects(state.world);
    const rows: string[] = [];
    for (const flow of flowsAmong(pods, services)) {
      const answer = evaluateProbe(state.world, {
        from: { pod: flow.from.name, namespace: flow.from.namespace },
        target: flow.target,
        port: flow.port,
        protocol: flow.protocol,
      });
      const row = `${podRef(flow.from)} -> ${flow.targetText}`;
      if (answer.outcome === 'undefined') undecided.push(`${row} (${state.step.name})`);
      else rows.push(`${row} ${answer.outcome}`);
    }
    (steps[state.index] as Json).expect = rows;
  }
  if (undecided.length)
    info.leftOut.push(
      `${undecided.length} flow${undecided.length === 1 ? '' : 's'} the spec leaves undefined, so no expectation: ${undecided.join('; ')}`,
    );
  const doc = new Document(document);
  doc.commentBefore = [
    ` Captured by \`netpol-harness capture\` from ${info.from} at ${info.at}`,
    ` (namespaces ${info.namespaces.join(', ')}${info.labelSelector ? `, pods matching ${info.labelSelector}` : ''}), read-only.`,
    " Every expectation is the model's answer for the captured objects (derived): `netpol-harness run`",
    ' on this file shows whether a cluster gives the same answers. Never copied: env, secrets,',
    ' volumes, commands, service account tokens; capture.leftOut lists everything left out.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}

function yamlOf(document: Json): string {
  return new Document(document).toString({ lineWidth: 0 });
}
