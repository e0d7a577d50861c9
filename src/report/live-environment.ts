import { describeDependency } from '../engine/environment/environment-deps.js';
import { describeFault } from '../engine/environment/environment-health.js';
import type { EnvironmentReport } from '../engine/environment/environment-watch.js';
import type { ScenarioRun } from '../engine/types.js';
import type { Colors } from './table.js';

/** Records a fault made inconclusive (they keep the verdict they would have had). */
export function voidedByEnvironment(runs: readonly ScenarioRun[]): number {
  return runs.reduce((n, r) => n + r.records.filter((x) => x.live.environment !== undefined).length, 0);
}

function watched(env: EnvironmentReport): string {
  const nodes = env.nodes.length ? `node${env.nodes.length === 1 ? '' : 's'} ${env.nodes.join(', ')}` : 'the nodes';
  const unknownCni = env.dependencies.some((d) => d.role === 'cni')
    ? []
    : ['no CNI agent recognised, so its health was not watched'];
  return [nodes, ...env.dependencies.map(describeDependency), ...unknownCni].join('; ');
}

function faultLine(f: EnvironmentReport['faults'][number]): string {
  return `${describeFault(f)}${f.detail ? ` (${f.detail})` : ''}`;
}

/** The top of a live report: was what enforcement depends on healthy for the whole run? */
export function renderEnvironmentConsole(env: EnvironmentReport, runs: readonly ScenarioRun[], c: Colors): string {
  if (env.faults.length === 0) return c.dim(`environment: healthy throughout the run (watched: ${watched(env)})`);
  const voided = voidedByEnvironment(runs);
  const out = [
    c.red(
      c.bold(
        `environment NOT healthy during the run: ${voided} verdict${voided === 1 ? '' : 's'} observed after the fault${env.faults.length === 1 ? '' : 's'} began ${voided === 1 ? 'is' : 'are'} inconclusive, and the run exits 3`,
      ),
    ),
    ...env.faults.map((f) => `  ${c.red('✗')} ${faultLine(f)}`),
    c.dim(`  watched: ${watched(env)}; times UTC`),
  ];
  return out.join('\n');
}

export function renderEnvironmentMarkdown(env: EnvironmentReport, runs: readonly ScenarioRun[]): string[] {
  if (env.faults.length === 0) return [`Environment: healthy throughout the run (watched: ${watched(env)}).`, ''];
  const voided = voidedByEnvironment(runs);
  return [
    `**Environment not healthy during the run**: ${voided} verdict${voided === 1 ? '' : 's'} observed after the fault${env.faults.length === 1 ? '' : 's'} began ${voided === 1 ? 'is' : 'are'} inconclusive (exit 3). Times UTC.`,
    '',
    ...env.faults.map((f) => `- ${faultLine(f)}`),
    '',
    `Watched: ${watched(env)}.`,
    '',
  ];
}
