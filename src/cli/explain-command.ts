import type { Command } from 'commander';
import { addClusterFlags } from './capture-command.js';
import type { CommandInstaller, Io } from './program.js';
import { EXPLAIN_DESCRIPTION } from './reproduce-descriptions.js';

export interface ExplainFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  selector?: string;
  step?: string;
  probe?: boolean;
}

/** `explain`: one flow's answer with the full decision, in a scenario file or on a cluster's objects. */
export const installExplainCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  addClusterFlags(
    program
      .command('explain')
      .description(EXPLAIN_DESCRIPTION)
      .argument('<from>', 'source pod: NAME (in default) or NAMESPACE/NAME')
      .argument(
        '<to>',
        'target: NAME:PORT[/PROTO] or NAMESPACE/NAME:PORT (a pod), or as scenario rows write it (pod/…, svc-ip/…, a service name, dns:NAME)',
      )
      .argument('[scenario]', 'scenario file (omit with --context/--kubeconfig/-n/-A to read the cluster)'),
  )
    .option('--step <step>', 'step number (1-based) or name (default: the last step)')
    .option(
      '--probe',
      'on a cluster: also send the probe (one exec of nc, udpprobe or dig in the source pod) and show model and cluster side by side',
    )
    .action(async (from: string, to: string, file: string | undefined, flags: ExplainFlags) => {
      const { runExplain } = await import('./explain-action.js');
      setExit(await runExplain(from, to, file, flags, io));
    });
};
