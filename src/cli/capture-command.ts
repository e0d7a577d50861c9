import { Command, Option } from 'commander';
import type { CommandInstaller, Io } from './program.js';
import { CAPTURE_DESCRIPTION } from './reproduce-descriptions.js';

export interface CaptureFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  selector?: string;
  out?: string;
  name: string;
  offline?: boolean;
}

/** Read-only cluster flags, the same on capture, explain and diff. */
export function addClusterFlags(command: Command): Command {
  return command
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .addOption(new Option('-n, --namespace <names...>', 'namespaces to read'))
    .option('-A, --all-namespaces', "every namespace but the cluster's own (kube-system, kube-public, kube-node-lease)")
    .option('-l, --selector <selector>', 'only pods matching this label selector (as kubectl -l)');
}

/** `capture`: an existing cluster's namespaces, read-only, as one scenario file. */
export const installCaptureCommand: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  addClusterFlags(program.command('capture').description(CAPTURE_DESCRIPTION))
    .option('-o, --out <file>', 'write the scenario here (default: stdout)')
    .option('--name <name>', 'the scenario name', 'captured')
    .option('--offline', 'write the local stand-in images (offline/image-map.yaml) instead of the real ones')
    .action(async (flags: CaptureFlags) => {
      const { runCapture } = await import('./capture-action.js');
      setExit(await runCapture(flags, io));
    });
};
