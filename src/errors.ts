export { InputError } from './problems.js';

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

/** A flag's bad value: exit 2, naming the flag and the value. */
export class FlagError extends Error {
  constructor(flag: string, value: string, expected: string) {
    super(`option ${flag}: invalid value "${value}": ${expected}`);
    this.name = 'FlagError';
  }
}

/** A report that cannot be written where it was asked to go (a directory, no permission): exit 2 like a flag's bad value. */
export class OutputPathError extends FlagError {
  constructor(message: string) {
    super('', '', '');
    this.message = message;
    this.name = 'OutputPathError';
  }
}
