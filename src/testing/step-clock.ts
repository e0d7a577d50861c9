// A clock for tests: time moves only when the test says so.
import type { Clock } from '../engine/stabilize/stabilize.js';

/** Time moves only when the test says so: each tick ends the watcher's current wait. */
export class StepClock implements Clock {
  t = Date.UTC(2026, 10, 29, 12, 1, 0);
  private waiters: (() => void)[] = [];
  nowMs = (): number => this.t;
  waitMs = (ms: number): Promise<void> =>
    new Promise((resolve) => this.waiters.push(() => ((this.t += ms), resolve())));
  /** Ends the pending wait and lets the poll that follows finish. */
  async tick(): Promise<void> {
    this.waiters.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
