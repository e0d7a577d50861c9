// A clock for tests of code that waits: time moves only when every task is waiting, straight to
// the next timer, so a minute of probing runs in milliseconds and every timing is exact.
import type { Clock } from '../engine/stabilize/stabilize.js';

export class VirtualClock implements Clock {
  private now = 0;
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;

  nowMs(): number {
    return this.now;
  }

  waitMs(ms: number): Promise<void> {
    return new Promise((resolve) =>
      this.timers.push({ at: this.now + Math.max(0, ms), seq: this.seq++, fire: resolve }),
    );
  }

  /** Runs until `work` settles, advancing time whenever nothing else can happen. */
  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const watched = work.finally(() => (done = true));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return watched;
      const next = this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq).shift();
      if (!next) throw new Error('VirtualClock: the work waits on something other than the clock');
      this.now = Math.max(this.now, next.at);
      next.fire();
    }
  }
}
