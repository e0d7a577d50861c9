import { Command, CommanderError, Option } from 'commander';
import { EnvironmentError, EXIT, InputError } from '../errors.js';
import { formatProblem } from '../scenario/problems.js';
import { runCheck, runFindings } from './check-command.js';
import { runCompare } from '../compare/command.js';
import { isValidCidr } from '../model/cidr.js';
import { DEFAULT_CLUSTER_FACTS, type ClusterFacts } from '../model/types.js';

/** A flag's bad value: exit 2, naming the flag and the value. */
export class FlagError extends Error {
  constructor(flag: string, value: string, expected: string) {
    super(`option ${flag}: invalid value "${value}": ${expected}`);
    this.name = 'FlagError';
  }
}

export function clusterFactsFromFlags(podCidr: string, apiServerPort: string): ClusterFacts {
  if (!isValidCidr(podCidr)) throw new FlagError('--pod-cidr', podCidr, 'expected a CIDR such as 10.244.0.0/16');
  const port = Number(apiServerPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new FlagError('--api-server-port', apiServerPort, 'expected a port number 1-65535');
  return { ...DEFAULT_CLUSTER_FACTS, podCIDR: podCidr, apiServerEndpointPort: port };
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  colorOut: boolean;
}

/** Extra commands (the live ones) register themselves here. */
export type CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => void;

export function buildProgram(io: Io, setExit: (code: number) => void, installers: CommandInstaller[] = []): Command {
  const program = new Command('netpol-harness')
    .description('Runs documented Kubernetes NetworkPolicy recipes and compares, per probe, what the document says, what the spec says and what the cluster did.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride();

  program
    .command('check')
    .description('evaluate scenarios on the NetworkPolicy model alone (no cluster): truth tables, disagreements, findings')
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .option('--json <file>', 'write one JSON record per probe')
    .option('--junit <file>', 'write JUnit XML')
    .option('-q, --quiet', 'print only findings and the summary')
    .option('--strict', 'also fail (exit 1) on probes the spec leaves undefined')
    .option('--pod-cidr <cidr>', 'the cluster\'s pod CIDR, for ipBlocks over pods whose IPs are not known', DEFAULT_CLUSTER_FACTS.podCIDR)
    .option('--api-server-port <port>', 'the port the API server listens on behind kubernetes.default:443', String(DEFAULT_CLUSTER_FACTS.apiServerEndpointPort))
    .addOption(new Option('--no-color', 'no colours').default(io.colorOut))
    .action((paths: string[], opts: { json?: string; junit?: string; quiet?: boolean; color: boolean; strict?: boolean; podCidr: string; apiServerPort: string }) => {
      const facts = clusterFactsFromFlags(opts.podCidr, opts.apiServerPort);
      setExit(runCheck(paths, { ...opts, facts }, io.out));
    });

  program
    .command('findings')
    .description('write the findings list (documents vs spec) as Markdown')
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .action((paths: string[], opts: { out?: string }) => {
      setExit(runFindings(paths, opts.out, io.out));
    });

  program
    .command('compare')
    .description('the same scenarios run on two clusters (run --json files), side by side: every probe whose live answer differs, by scenario and rule kind; exit 1 when they differ')
    .argument('<a>', 'JSON lines from `netpol-harness run --json` on the first cluster')
    .argument('<b>', 'the same from the second cluster')
    .option('--label-a <name>', 'what to call the first run (default: its file)')
    .option('--label-b <name>', 'what to call the second run (default: its file)')
    .option('--markdown <file>', 'also write the report as Markdown')
    .option('--html <file>', 'also write the report as HTML')
    .action((a: string, b: string, opts: { labelA?: string; labelB?: string; markdown?: string; html?: string }) => {
      setExit(runCompare(a, b, opts, io.out));
    });

  for (const install of installers) install(program, io, setExit);
  return program;
}

/** Runs the CLI; the only place errors become messages and exit codes. */
export async function main(argv: string[], io: Io, installers: CommandInstaller[] = []): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), installers);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    return reportError(err, io);
  }
}

export function reportError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
    return EXIT.badInput;
  }
  if (err instanceof FlagError) {
    io.err(`error: ${err.message}`);
    return EXIT.badInput;
  }
  if (err instanceof InputError) {
    for (const p of err.problems) io.err(`error: ${formatProblem(p)}`);
    io.err(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} in the input; nothing was run`);
    return EXIT.badInput;
  }
  if (err instanceof EnvironmentError) {
    io.err(`error: ${err.message}`);
    if (err.cause instanceof Error) io.err(`  caused by: ${err.cause.message}`);
    if (err.hint) io.err(`  hint: ${err.hint}`);
    return EXIT.environment;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.err(`internal error: ${e.message}`);
  if (process.env.DEBUG) io.err(e.stack ?? '');
  else io.err('  (set DEBUG=netpol-harness* to see the stack)');
  return EXIT.failed;
}
