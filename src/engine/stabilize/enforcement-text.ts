import type { Enforcement } from './stabilize.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "between 2.95 s and 3.20 s" (the probe before saw the old outcome, this one the new), or "within 0.04 s". */
export function enforcementText(e: Enforcement): string {
  return e.lowerMs > 0 ? `between ${seconds(e.lowerMs)} and ${seconds(e.upperMs)}` : `within ${seconds(e.upperMs)}`;
}
