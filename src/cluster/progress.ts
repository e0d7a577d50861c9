import type { Progress } from './driver.js';

/** Progress lines through `write` (stderr in the CLI); durations from `nowMs`. */
export function createProgress(write: (line: string) => void, nowMs: () => number = Date.now): Progress {
  return {
    async step<T>(title: string, work: () => Promise<T>): Promise<T> {
      const started = nowMs();
      const took = () => `(${((nowMs() - started) / 1000).toFixed(1)} s)`;
      try {
        const result = await work();
        write(` ✓ ${title} ${took()}`);
        return result;
      } catch (err) {
        write(` ✗ ${title} ${took()}`);
        throw err;
      }
    },
    info(message: string): void {
      write(` • ${message}`);
    },
    result(ok: boolean, message: string): void {
      write(` ${ok ? '✓' : '✗'} ${message}`);
    },
  };
}

/** Progress that prints nothing (tests, --quiet). */
export const silentProgress: Progress = createProgress(() => undefined);
