import { Command, Option } from 'commander';
import { DEFAULT_PREFLIGHT } from '../engine/preflight/preflight.js';
import { EnvironmentError, EXIT } from '../errors.js';
import { parseSeconds } from './cluster-options.js';
import { preflightOnCluster, type PreflightFlags } from '../live/preflight.js';
import type { CommandInstaller, Io } from './program.js';
import { clusterOption, connect, noteKubeconfigIgnored } from './run-command.js';

export const installPreflightCommand: CommandInstaller = (
  program: Command,
  io: Io,
  setExit: (code: number) => void,
) => {
  program
    .command('preflight')
    .description(
      'prove the cluster enforces NetworkPolicy at all: two canary pods, a probe that must connect, a deny-all-ingress policy, the same probe that must then be blocked',
    )
    .addOption(clusterOption())
    .option('--kubeconfig <file>', 'check an existing cluster from this kubeconfig (no kind)')
    .option('--context <name>', 'check an existing cluster: this kubeconfig context (no kind)')
    .option('--offline', 'local stand-in images (offline/image-map.yaml) and node image (default)')
    .option(
      '--no-offline',
      'the canary server runs upstream nginx, pulled by the nodes; the client runs our probe image',
    )
    .option('--retain', 'keep the canary namespace afterwards')
    .addOption(
      new Option('--timeout <seconds>', 'probe timeout per attempt')
        .argParser(parseSeconds('--timeout'))
        .default(DEFAULT_PREFLIGHT.probeTimeoutSeconds),
    )
    .addOption(
      new Option('--deadline <seconds>', 'how long the deny policy may take to be enforced')
        .argParser(parseSeconds('--deadline'))
        .default(DEFAULT_PREFLIGHT.enforceDeadlineSeconds),
    )
    .action(async (opts: PreflightFlags & { cluster?: 'kind' | 'current'; kubeconfig?: string; context?: string }) => {
      noteKubeconfigIgnored(opts, io, 'preflight');
      let connected;
      try {
        connected = await connect(opts, io);
      } catch (err) {
        if (err instanceof EnvironmentError) throw err;
        throw new EnvironmentError(
          `cannot reach the cluster: ${err instanceof Error ? err.message : String(err)}`,
          'netpol-harness up, or pass --kubeconfig/--context',
          { cause: err },
        );
      }
      io.err(`cluster: ${connected.description}`);
      const result = await preflightOnCluster(connected.kube, opts, io.err);
      io.out(`preflight ${result.outcome}: ${result.sentence}`);
      for (const d of result.details) io.out(`  ${d}`);
      setExit(result.outcome === 'pass' ? EXIT.ok : EXIT.environment);
    });
};
