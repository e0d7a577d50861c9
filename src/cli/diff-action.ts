import { applyOver, loadPolicyManifests, policySetOf, type PolicySet } from '../diff/policy-files.js';
import { diffPolicySets } from '../diff/compare.js';
import {
  diffFlowSet,
  NothingToCompareError,
  originsLine,
  scenarioRows,
  whyNothingToCompare,
  type FlowRow,
} from '../diff/flow-set.js';
import { parsePortList } from '../diff/port-list.js';
import { readTextFile } from '../scenario/read-text-file.js';
import { EXIT } from '../errors.js';
import type { World } from '../model/types.js';
import { renderDiffConsole } from '../report/diff-console.js';
import { renderDiffHtml } from '../report/diff-html.js';
import { renderDiffMarkdown } from '../report/diff-markdown.js';
import { writeOutput } from './check-command.js';
import type { DiffFlags } from './diff-command.js';
import { ArgumentError } from './argument-error.js';
import { FlagError, type Io } from './program.js';
import { clusterScenario, scenarioAtStep, usesCluster } from './scenario-world.js';

/** A scenario file (`kind: Scenario`), as opposed to a manifest file or folder. */
export function isScenarioFile(path: string): boolean {
  const read = readTextFile(path);
  return read.ok && /^kind:\s*Scenario\s*$/m.test(read.text);
}

interface Sides {
  base: World;
  /** The expectation rows of the scenario the pods come from (a captured cluster's too). */
  rows: FlowRow[];
  /** Where the pods come from: a scenario at a step, or a cluster. */
  podsText: string;
  before: PolicySet;
  after: PolicySet;
  beforeText: string;
  afterText: string;
}

async function sidesOf(paths: string[], flags: DiffFlags): Promise<Sides> {
  const ns = flags.defaultNamespace;
  if (usesCluster(flags)) {
    if (paths.length !== 1)
      throw new ArgumentError(
        'PATHS',
        paths.join(' '),
        'with cluster flags, give one folder (or file) of proposed changes',
      );
    if (flags.world || flags.step)
      throw new FlagError(
        flags.world ? '--world' : '--step',
        flags.world ?? flags.step ?? '',
        'the cluster supplies the pods and the policies in force',
      );
    const c = await clusterScenario(flags);
    const loaded = loadPolicyManifests(paths, ns);
    const changes = {
      ...loaded,
      policies: loaded.policies.map((p) => ({ ...p, namespace: c.renames.get(p.namespace) ?? p.namespace })),
    };
    return {
      base: c.world,
      rows: scenarioRows(c.scenario),
      podsText: c.where,
      before: policySetOf(c.world),
      after: applyOver(policySetOf(c.world), changes),
      beforeText: c.where,
      afterText: `the same with ${paths[0]} applied`,
    };
  }
  if (paths.length !== 2)
    throw new ArgumentError(
      'PATHS',
      paths.join(' '),
      'give BEFORE and AFTER (or SCENARIO and CHANGES), or one folder of changes with -n/-A',
    );
  const [first, second] = paths as [string, string];
  if (isScenarioFile(first)) {
    if (flags.world) throw new FlagError('--world', flags.world, 'the scenario supplies the pods already');
    const s = scenarioAtStep(first, flags.step);
    const changes = loadPolicyManifests([second], ns);
    return {
      base: s.state.world,
      rows: scenarioRows(s.scenario),
      podsText: s.where,
      before: policySetOf(s.state.world),
      after: applyOver(policySetOf(s.state.world), changes),
      beforeText: s.where,
      afterText: `the same with ${second} applied`,
    };
  }
  if (!flags.world)
    throw new FlagError(
      '--world',
      '',
      `${first} is not a scenario: give --world SCENARIO for the pods, services and namespaces`,
    );
  const w = scenarioAtStep(flags.world, flags.step);
  return {
    base: w.state.world,
    rows: scenarioRows(w.scenario),
    podsText: w.where,
    before: loadPolicyManifests([first], ns),
    after: loadPolicyManifests([second], ns),
    beforeText: `${first} over the pods of ${w.scenario.file}`,
    afterText: second,
  };
}

/** A NetworkPolicy in a namespace the pods do not live in would silently change nothing: bad input. */
function checkNamespaces(sides: Sides): void {
  const known = new Set(sides.base.namespaces.map((n) => n.name));
  const stray = [...sides.before.policies, ...sides.after.policies].filter((p) => !known.has(p.namespace));
  if (stray.length) {
    const names = [...new Set(stray.map((p) => `${p.namespace}/${p.name}`))].join(', ');
    throw new ArgumentError(
      'PATHS',
      names,
      `is in a namespace the pods' side lacks (it has ${[...known].sort().join(', ')}); set metadata.namespace or --default-namespace`,
    );
  }
}

export async function runDiff(paths: string[], flags: DiffFlags, io: Io): Promise<number> {
  const ports = flags.ports === undefined ? [] : parsePortList(flags.ports);
  const sides = await sidesOf(paths, flags);
  checkNamespaces(sides);
  const set = diffFlowSet({ world: sides.base, rows: sides.rows, ports });
  io.verbose?.(originsLine(set));
  const diff = diffPolicySets(sides.base, sides.before, sides.after, set.flows);
  const nothing = whyNothingToCompare(sides.base, sides.podsText, diff);
  if (nothing) throw new NothingToCompareError(nothing);
  io.out(renderDiffConsole(diff, sides.beforeText, sides.afterText));
  if (flags.markdown) writeOutput(flags.markdown, renderDiffMarkdown(diff, sides.beforeText, sides.afterText));
  if (flags.html) writeOutput(flags.html, renderDiffHtml(diff, sides.beforeText, sides.afterText));
  return diff.changes.length ? EXIT.failed : EXIT.ok;
}
