/** A flag's bad value: exit 2, naming the flag and the value. */
export class FlagError extends Error {
  constructor(flag: string, value: string, expected: string) {
    super(`option ${flag}: invalid value "${value}": ${expected}`);
    this.name = 'FlagError';
  }
}
