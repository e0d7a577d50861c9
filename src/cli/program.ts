import { Command, CommanderError } from 'commander';
import { EnvironmentError, EXIT, InputError } from '../errors.js';
import { VERSION } from '../harness-version.js';
import { escapeUnprintable } from '../excerpt.js';
import { formatProblem } from '../problems.js';
import { runCheck, runFindings } from './check-command.js';
import { FlagError } from '../errors.js';
import { terminalText } from '../terminal-text.js';

export { FlagError };
import { addCommonOptions, resolveColor } from './common-options.js';
import { commandShapes, completionScript, SHELLS, type Shell } from './completion.js';
import { CLUSTER_CHOICE, COMMAND_HELP_AFTER, ROOT_HELP_AFTER } from './help-text.js';
import { didYouMean } from './suggest.js';
import { defaultRunSet, runSetOption, shardOption, type Shard } from './shard.js';
import { addGateOptions, gateFromFlags, type GateFlags } from './gate-options.js';
import { annotationsOn, problemAnnotations } from '../report/annotations.js';
import { runCompare } from '../compare/command.js';
import { isValidCidr } from '../model/cidr.js';
import { DEFAULT_CLUSTER_FACTS, type ClusterFacts } from '../model/types.js';

export function clusterFactsFromFlags(podCidr: string, apiServerPort: string): ClusterFacts {
  if (!isValidCidr(podCidr)) throw new FlagError('--pod-cidr', podCidr, 'expected a CIDR such as 10.244.0.0/16');
  const port = Number(apiServerPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new FlagError('--api-server-port', apiServerPort, 'expected a port number 1-65535');
  return { ...DEFAULT_CLUSTER_FACTS, podCIDR: podCidr, apiServerEndpointPort: port };
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Whether colours are wanted when the user said nothing (`--color auto`): stdout is a terminal and NO_COLOR is unset. */
  colorOut: boolean;
  /** Detail for `--verbose` (stderr); absent or silent otherwise. */
  verbose?: (s: string) => void;
}

/** Installs commands on the program (the live ones do, from their own modules). */
export type CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => void;

/**
 * Commands whose modules load only when they run: names and summaries are known up front (for
 * `--help` and completion), the module with the cluster client and the live engine is imported
 * when one of its commands is invoked.
 */
export interface LazyCommands {
  commands: readonly { name: string; summary: string }[];
  load: () => Promise<CommandInstaller>;
}

export { VERSION };

export function buildProgram(io: Io, setExit: (code: number) => void, installers: CommandInstaller[] = []): Command {
  const program = new Command('netpol-harness')
    .description(
      'Runs documented Kubernetes NetworkPolicy recipes and compares, per probe, what the document says, what the spec says and what the cluster did.',
    )
    .version(VERSION)
    .option('--debug', 'on an internal error, print the stack trace')
    .showHelpAfterError('(add --help for the usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(terminalText(s.trimEnd())) })
    .addHelpText('after', ROOT_HELP_AFTER)
    .exitOverride();

  const check = program
    .command('check')
    .description(
      'evaluate scenarios on the NetworkPolicy model alone (no cluster): truth tables, disagreements, findings',
    )
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .option('--json <file>', "write one JSON record per probe ('-': stdout, and the report goes to stderr)")
    .option('--junit <file>', "write JUnit XML ('-': stdout, and the report goes to stderr)")
    .option(
      '--html <file>',
      "write a self-contained HTML report (truth tables; click a cell for its detail; '-': stdout, and the report goes to stderr)",
    )
    .option(
      '--markdown <file>',
      "write a Markdown summary (CI job summary; '-': stdout, and the report goes to stderr)",
    )
    .option('-q, --quiet', 'print only findings and the summary')
    .option(
      '--strict',
      'also fail (exit 1) on probes the spec leaves undefined and on manifests the API server would reject (adds inconclusive,rejected to --fail-on)',
    )
    .option(
      '--pod-cidr <cidr>',
      "the cluster's pod CIDR, for ipBlocks over pods whose IPs are not known",
      DEFAULT_CLUSTER_FACTS.podCIDR,
    )
    .option(
      '--api-server-port <port>',
      'the port the API server listens on behind kubernetes.default:443',
      String(DEFAULT_CLUSTER_FACTS.apiServerEndpointPort),
    )
    .addOption(shardOption())
    .addOption(runSetOption());
  addGateOptions(check, 'check').action(
    (
      paths: string[],
      opts: {
        json?: string;
        junit?: string;
        html?: string;
        markdown?: string;
        quiet?: boolean;
        color: boolean;
        strict?: boolean;
        podCidr: string;
        apiServerPort: string;
        shard?: Shard;
        runSet?: string;
      } & GateFlags,
    ) => {
      const facts = clusterFactsFromFlags(opts.podCidr, opts.apiServerPort);
      const gate = gateFromFlags(opts, 'check');
      const runSet = opts.runSet ?? defaultRunSet();
      setExit(runCheck(paths, { ...opts, facts, gate, ...(runSet ? { runSet } : {}) }, io.out, io.err, io.verbose));
    },
  );

  program
    .command('findings')
    .description('write the findings list (documents vs spec) as Markdown')
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action((paths: string[], opts: { out?: string }) => {
      setExit(runFindings(paths, opts.out, io.out));
    });

  program
    .command('completion')
    .description('print a shell completion script: source <(netpol-harness completion bash), or zsh')
    .argument('<shell>', `the shell: ${SHELLS.join(' or ')}`)
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new FlagError('<shell>', shell, `expected ${SHELLS.join(' or ')}`);
      io.out(completionScript(shell as Shell, commandShapes(program)).trimEnd());
      setExit(EXIT.ok);
    });

  program
    .command('compare')
    .description(
      'the same scenarios run on two clusters (run --json files), side by side: every probe whose live answer differs, by scenario and rule kind; exit 1 when they differ',
    )
    .argument('<a>', 'JSON lines from `netpol-harness run --json` on the first cluster')
    .argument('<b>', 'the same from the second cluster')
    .option('--label-a <name>', 'what to call the first run (default: its file)')
    .option('--label-b <name>', 'what to call the second run (default: its file)')
    .option('--markdown <file>', 'also write the report as Markdown')
    .option('--html <file>', 'also write the report as HTML')
    .action((a: string, b: string, opts: { labelA?: string; labelB?: string; markdown?: string; html?: string }) => {
      setExit(runCompare(a, b, opts, io.out, io.err));
    });

  for (const install of installers) install(program, io, setExit);
  return program;
}

/** The command named on the command line (after root options), and for `help X` the X. */
function invokedCommand(argv: string[]): { name?: string; helpFor?: string } {
  const operands = argv.filter((a) => !a.startsWith('-'));
  const [name, second] = operands;
  return name === 'help'
    ? { name, ...(second !== undefined ? { helpFor: second } : {}) }
    : { ...(name !== undefined ? { name } : {}) };
}

/** What `help [command]` takes: the root options that make sense with it. */
const HELP_OPTIONS = ['--debug', '-h', '--help'];

/** Runs the CLI; the only place errors become messages and exit codes. */
export async function main(argv: string[], io: Io, lazy: LazyCommands[] = []): Promise<number> {
  const debug = argv.includes('--debug') || /netpol-harness/.test(process.env.DEBUG ?? '');
  let code: number = EXIT.ok;
  // The commands' own view of the terminal: --quiet and --verbose change it, errors below still use `io`.
  const session: Io = { ...io, verbose: () => undefined };
  try {
    const program = buildProgram(session, (c) => (code = c));
    const known = [
      ...program.commands.map((c) => c.name()),
      ...lazy.flatMap((l) => l.commands.map((c) => c.name)),
      'help',
    ];
    const { name, helpFor } = invokedCommand(argv);
    const unknownOption =
      name === 'help' ? argv.find((a) => a.startsWith('-') && !HELP_OPTIONS.includes(a)) : undefined;
    if (unknownOption !== undefined) {
      io.err(`error: unknown option '${escapeUnprintable(unknownOption)}'`);
      io.err('(add --help for the usage)');
      return EXIT.badInput;
    }
    for (const word of [name, helpFor]) {
      if (word !== undefined && !known.includes(word)) {
        io.err(`error: unknown command '${escapeUnprintable(word)}'${didYouMean(word, known)}`);
        io.err('(netpol-harness --help lists the commands)');
        return EXIT.badInput;
      }
    }
    const wanted =
      name === 'completion' ? lazy : lazy.filter((l) => l.commands.some((c) => c.name === name || c.name === helpFor));
    for (const l of lazy) {
      if (wanted.includes(l)) (await l.load())(program, session, (c) => (code = c));
      else for (const c of l.commands) program.command(c.name).description(c.summary);
    }
    for (const cmd of program.commands) {
      addCommonOptions(cmd);
      cmd.addHelpText(
        'after',
        ['run', 'preflight', 'clean'].includes(cmd.name())
          ? `\n${CLUSTER_CHOICE}\n${COMMAND_HELP_AFTER}`
          : COMMAND_HELP_AFTER,
      );
    }
    program.hook('preAction', (_root, action) => {
      const opts = action.opts() as { color?: unknown; quiet?: boolean; verbose?: boolean };
      action.setOptionValue('color', resolveColor(opts.color, io.colorOut));
      if (opts.quiet) session.err = () => undefined;
      if (opts.verbose) session.verbose = (s) => io.err(s);
    });
    const started = Date.now();
    await program.parseAsync(argv, { from: 'user' });
    session.verbose?.(`done in ${((Date.now() - started) / 1000).toFixed(2)} s, exit code ${code}`);
    return code;
  } catch (err) {
    return reportError(err, io, debug);
  }
}

/**
 * `instanceof`, or the same class from a second copy of its module (a lazily imported command
 * under a loader such as tsx can get one): a class of that name in the error's prototype chain,
 * and the shape the caller needs, decide.
 */
function isA<T extends Error>(
  err: unknown,
  cls: abstract new (...args: never[]) => T,
  shape: (e: Error) => boolean = () => true,
): err is T {
  if (err instanceof cls) return true;
  if (!(err instanceof Error) || !shape(err)) return false;
  for (let p: unknown = Object.getPrototypeOf(err); p; p = Object.getPrototypeOf(p)) {
    if ((p as { constructor?: { name?: string } }).constructor?.name === cls.name) return true;
  }
  return false;
}

export function reportError(err: unknown, io: Io, debug = false): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      return EXIT.ok;
    return EXIT.badInput;
  }
  if (isA(err, FlagError)) {
    io.err(`error: ${terminalText(err.message)}`);
    return EXIT.badInput;
  }
  if (isA(err, InputError, (e) => Array.isArray((e as InputError).problems))) {
    for (const p of err.problems) io.err(`error: ${formatProblem(p)}`);
    if (annotationsOn()) for (const a of problemAnnotations(err.problems)) io.err(a);
    io.err(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the input; nothing was run`);
    return EXIT.badInput;
  }
  if (isA(err, EnvironmentError)) {
    io.err(`error: ${terminalText(err.message)}`);
    if (err.cause instanceof Error) io.err(`  caused by: ${terminalText(err.cause.message)}`);
    if (err.hint) io.err(`  hint: ${terminalText(err.hint)}`);
    return EXIT.environment;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.err(`internal error, please report: ${escapeUnprintable(e.message)}`);
  if (debug) io.err(e.stack ?? '');
  else io.err('  (run again with --debug to see the stack)');
  return EXIT.internal;
}
