import { Option, type Command } from 'commander';

export type ColorChoice = 'always' | 'never' | 'auto';

/**
 * `--color` as commands have it: `--color always|never|auto` or `--no-color` (false). `auto` (and a
 * bare default) means colours only on a terminal and without NO_COLOR: that answer is `auto`.
 */
export function resolveColor(value: unknown, auto: boolean): boolean {
  if (value === 'always') return true;
  if (value === 'never' || value === false) return false;
  return auto;
}

/** Options every command has; added where a command does not declare its own. */
export function addCommonOptions(cmd: Command): void {
  const has = (flag: string) => cmd.options.some((o) => o.long === flag);
  if (!has('--quiet'))
    cmd.addOption(new Option('-q, --quiet', 'results and errors only: no progress or notes on stderr'));
  if (!has('--verbose'))
    cmd.addOption(new Option('-v, --verbose', 'more detail on stderr: what was checked and how long it took'));
  if (!has('--color'))
    cmd.addOption(
      new Option('--color <when>', 'colours: always, never, or auto (on a terminal, unless NO_COLOR is set)').choices([
        'always',
        'never',
        'auto',
      ]),
    );
  if (!has('--no-color')) cmd.addOption(new Option('--no-color', 'no colours (same as --color never)'));
}
