// Cases that declare the same world (namespaces, pods, services) can run in turn on one copy of it,
// created once: the conformance corpus's 45 TCP and UDP cases do. Pure: which cases share, how
// they are spread over copies, and what a case must undo before the next one starts.
import { costliestFirst } from '../../scenario/cost.js';
import type { Scenario } from '../../scenario/types.js';
import { whyNotLive, type ClusterPolicySupport } from './not-live.js';

export type WorldMode = 'shared' | 'per-case';

/** Fewer cases than this of one world run alone: sharing saves little and proves less. */
export const MIN_SHARED = 4;
export const WORLD_MODES: readonly WorldMode[] = ['shared', 'per-case'];

/**
 * Cases per copy of a world: a copy's 9 pods cost more node CPU than the cases run on it in turn
 * cost wall time. Measured on the conformance corpus, one node (docs/live-run/shared-world/): 4 a
 * copy, 78-97 s and 120-149 node CPU-s; 8, 75.5 s and 105.4; 12, 82.4 s and 90.6.
 */
export const MIN_CASES_PER_COPY = 12;

/** Equal for scenarios whose namespaces, pods and services are declared alike (file lines aside). */
export function worldKey(s: Scenario): string {
  const strip = (x: object) => ({ ...x, line: 0 });
  return JSON.stringify({
    namespaces: s.namespaces.map(strip),
    pods: s.pods.map(strip),
    services: s.services.map(strip),
  });
}

/**
 * Why a scenario cannot share a world, or undefined when it can. Sharing needs a case that changes
 * only policies and labels: no outside stand-ins, no pods replaced, no API requests (which may
 * create objects), nothing the reset below could not undo.
 */
export function whyNotShareable(s: Scenario, clusterPolicies?: ClusterPolicySupport): string | undefined {
  if (s.outside?.length) return 'it has outside addresses (stand-ins of its own)';
  if (s.steps.some((st) => st.update?.length)) return 'a step replaces pods';
  if (s.steps.some((st) => st.api?.length)) return 'a step sends API requests';
  if (s.pods.some((p) => p.role !== 'workload')) return 'it has client pods of its own';
  const notLive = whyNotLive(s, clusterPolicies);
  if (notLive) return `it is not run live: ${notLive}`;
  return undefined;
}

export interface SharedWorldPlan {
  /** The indexes of the world's cases, costliest first: the queue its copies take cases from. */
  cases: number[];
  /** Copies of the world made at once. Each takes the next case when it is free, so a copy made early runs more. */
  copies: number;
}

export interface WorldPlan {
  /** Each world shared by enough cases, with its queue of cases and its number of copies. */
  shared: SharedWorldPlan[];
  /** Scenarios that run as today, each in a world of its own. */
  alone: number[];
}

/**
 * Groups the shareable scenarios by world; a group of fewer than MIN_SHARED runs alone. A group
 * gets up to `atOnce` copies, one per `perCopy` cases. Its cases queue costliest first, and each
 * copy takes the next one when it is free: the copies end at about the same time even when their
 * pods came up at different times.
 */
export function planWorlds(
  scenarios: readonly Scenario[],
  mode: WorldMode,
  atOnce: number,
  perCopy = MIN_CASES_PER_COPY,
  clusterPolicies?: ClusterPolicySupport,
): WorldPlan {
  if (mode === 'per-case') return { shared: [], alone: scenarios.map((_, i) => i) };
  const groups = new Map<string, number[]>();
  const alone: number[] = [];
  scenarios.forEach((s, i) => {
    if (whyNotShareable(s, clusterPolicies)) alone.push(i);
    else groups.set(worldKey(s), [...(groups.get(worldKey(s)) ?? []), i]);
  });
  const shared: SharedWorldPlan[] = [];
  for (const members of groups.values()) {
    if (members.length < Math.min(perCopy, MIN_SHARED)) {
      alone.push(...members);
      continue;
    }
    const copies = Math.max(1, Math.min(atOnce, Math.ceil(members.length / perCopy)));
    const cases = costliestFirst(members.map((i) => scenarios[i] as Scenario)).map((k) => members[k] as number);
    shared.push({ cases, copies });
  }
  return { shared, alone: alone.sort((a, b) => a - b) };
}

export interface LabelRestore {
  target: 'pod' | 'namespace';
  /** Logical names. */
  namespace: string;
  name: string;
  /** Each label a case changed, back to its declared value (null: it had none). */
  labels: Record<string, string | null>;
}

/** Pure: the label patches that put back every label a case's steps changed, as the world declares it. */
export function labelRestores(s: Scenario): LabelRestore[] {
  const out = new Map<string, LabelRestore>();
  for (const step of s.steps)
    for (const change of step.relabel) {
      const isPod = change.target === 'pod';
      const declared = isPod
        ? s.pods.find((p) => p.namespace === change.namespace && p.name === change.name)?.labels
        : s.namespaces.find((n) => n.name === change.name)?.labels;
      const key = isPod ? `pod/${change.namespace}/${change.name}` : `namespace/${change.name}`;
      const entry = out.get(key) ?? {
        target: change.target,
        namespace: isPod ? change.namespace : change.name,
        name: change.name,
        labels: {},
      };
      for (const label of Object.keys(change.labels)) entry.labels[label] = declared?.[label] ?? null;
      out.set(key, entry);
    }
  return [...out.values()];
}
