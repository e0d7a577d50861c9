import { Option, type Command } from 'commander';
import { readBoundedText } from '../bounded-file.js';
import { FlagError } from '../errors.js';
import { parseBaseline, type Baseline } from '../report/baseline.js';
import {
  DEFAULT_FAIL_ON,
  FAIL_CLASSES,
  failOnHelp,
  parseFailOn,
  type FailClass,
  type GateCommand,
} from '../report/fail-on.js';
import type { Gate } from '../report/gate.js';

/** The flags that decide what exits 1, as commander leaves them. */
export interface GateFlags {
  failOn?: string;
  baseline?: string;
  writeBaseline?: string;
}

/** `--fail-on`, `--baseline`, `--write-baseline` on check, run or merge. */
export function addGateOptions(cmd: Command, command: GateCommand | 'merge'): Command {
  return cmd
    .addOption(new Option('--fail-on <classes>', failOnHelp(command)))
    .option(
      '--baseline <file>',
      'known outcomes (written by --write-baseline): those with the same verdict do not fail; new or changed ones do; entries that no longer occur are listed',
    )
    .option('--write-baseline <file>', "write this run's outcomes that did not pass as a baseline file");
}

/** A baseline lists the outcomes that did not pass, a few hundred bytes each. */
export const BASELINE_FILE_LIMIT = { maxBytes: 64 * 1024 * 1024, what: 'a baseline file' };

/** A baseline file; a missing or unreadable one is the flag's fault (exit 2), a bad one bad input (exit 2). */
export function readBaselineFile(file: string): Baseline {
  const read = readBoundedText(file, BASELINE_FILE_LIMIT);
  if (!read.ok)
    throw new FlagError(
      '--baseline',
      file,
      read.missing ? 'no such file (write one with --write-baseline FILE)' : read.message,
    );
  return parseBaseline(file, read.text);
}

/**
 * The gate the flags ask for: `--fail-on` (else `dflt`, the command's default), and the baseline
 * read. `extra` classes are added (check --strict). Throws before anything runs when a flag is bad.
 */
export function gateFromFlags(
  flags: GateFlags,
  command: GateCommand | 'merge',
  dflt: readonly FailClass[] = command === 'merge' ? DEFAULT_FAIL_ON.run : DEFAULT_FAIL_ON[command],
  extra: readonly FailClass[] = [],
): Gate {
  const picked = new Set([...(flags.failOn === undefined ? dflt : parseFailOn(flags.failOn, command, dflt)), ...extra]);
  return {
    failOn: FAIL_CLASSES.filter((c) => picked.has(c)),
    ...(flags.failOn !== undefined ? { explicit: true } : {}),
    ...(flags.baseline !== undefined ? { baseline: readBaselineFile(flags.baseline) } : {}),
  };
}
