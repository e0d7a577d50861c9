import type { Command } from 'commander';
import { addClusterFlags } from './capture-command.js';
import type { CommandInstaller, Io } from './program.js';
import { DIFF_DESCRIPTION } from './reproduce-descriptions.js';

export interface DiffFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  selector?: string;
  world?: string;
  step?: string;
  defaultNamespace: string;
  markdown?: string;
  html?: string;
  ports?: string;
}

/** `diff`: two policy sets over the same pods; exit 1 when an answer changes. */
export const installDiffCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  addClusterFlags(
    program
      .command('diff')
      .description(DIFF_DESCRIPTION)
      .argument('<paths...>', 'BEFORE AFTER, SCENARIO CHANGES, or (with cluster flags) CHANGES'),
  )
    .option('--world <scenario>', 'the pods, services and namespaces when BEFORE is a folder of manifests')
    .option('--step <step>', 'with SCENARIO: the step whose policies are in force (default: the last)')
    .option('--default-namespace <name>', 'namespace of manifests without metadata.namespace', 'default')
    .option(
      '--ports <list>',
      'also compare every pod with every other pod on these ports: a comma list of PORT, FROM-TO and either with /tcp or /udp (80,443,53/udp,8000-8010)',
    )
    .option('--markdown <file>', 'also write the diff as Markdown')
    .option('--html <file>', 'also write the diff as a self-contained HTML page')
    .action(async (paths: string[], flags: DiffFlags) => {
      const { runDiff } = await import('./diff-action.js');
      setExit(await runDiff(paths, flags, io));
    });
};
