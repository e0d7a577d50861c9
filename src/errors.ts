export { InputError } from './scenario/problems.js';

/** The environment is not usable: no Docker, no kind, a cluster that never became ready. Exit code 3. */
export class EnvironmentError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}

export const EXIT = { ok: 0, failed: 1, badInput: 2, environment: 3 } as const;
