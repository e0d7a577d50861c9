import { FlagError } from './flag-error.js';

/** A report that cannot be written where it was asked to go (a directory, no permission): exit 2 like a flag's bad value. */
export class OutputPathError extends FlagError {
  constructor(message: string) {
    super('', '', '');
    this.message = message;
    this.name = 'OutputPathError';
  }
}
