/**
 * The expected cost of running a scenario live, in tenths of a second: a fixed part (namespaces,
 * pods, clean-up), a part per step (changes and waiting for them to take effect) and a part per
 * expectation. Fitted by least squares on the per-scenario times of docs/live-run/console.txt
 * (8.5 s + 6.4 s per step + 0.3 s per expectation).
 */
export const COST_PER_SCENARIO = 85;
export const COST_PER_STEP = 64;
export const COST_PER_EXPECTATION = 3;

/** What the cost needs to know of a scenario. */
export interface Costed {
  name: string;
  steps: readonly { expectations: readonly unknown[] }[];
}

export function expectedCost(s: Pick<Costed, 'steps'>): number {
  const expectations = s.steps.reduce((n, step) => n + step.expectations.length, 0);
  return COST_PER_SCENARIO + COST_PER_STEP * s.steps.length + COST_PER_EXPECTATION * expectations;
}

/**
 * The order to start scenarios in when only some run at once: the costliest first (longest
 * processing time first), so that the run does not end on one long scenario alone while the
 * machine idles. Ties keep the input's order. Returns indices into `scenarios`.
 */
export function costliestFirst(scenarios: readonly Pick<Costed, 'steps'>[]): number[] {
  return scenarios
    .map((s, index) => ({ index, cost: expectedCost(s) }))
    .sort((a, b) => b.cost - a.cost || a.index - b.index)
    .map((s) => s.index);
}
