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

/** 0 pass, 1 probes disagreed, 2 bad input, 3 environment, 4 a bug in netpol-harness itself. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, environment: 3, internal: 4 } as const;
