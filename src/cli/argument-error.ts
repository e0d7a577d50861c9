import { FlagError } from '../errors.js';

/** A positional argument's bad value: exit 2 like a flag's, naming the argument and the value. */
export class ArgumentError extends FlagError {
  constructor(argument: string, value: string, expected: string) {
    super(argument, value, expected);
    this.message = `argument ${argument}: invalid value "${value}": ${expected}`;
    this.name = 'ArgumentError';
  }
}
