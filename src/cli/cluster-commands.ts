import { Command, Option } from 'commander';
import { kubeconfigProblem } from '../cluster/kubeconfig.js';
import { createProgress } from '../cluster/progress.js';
import { DEFAULT_READY_TIMEOUT_SECONDS, KindDriver } from '../cluster/kind.js';
import { CNI_NAMES, defaultClusterName, DEFAULT_CNI, type CniName } from '../cluster/cni.js';
import { DEFAULT_IP_FAMILY, IP_FAMILIES, type IpFamily } from '../cluster/ip-family.js';
import { EnvironmentError, EXIT } from '../errors.js';
import { ClusterKubeClient } from '../kube/client.js';
import { deleteManaged } from '../kube/managed.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { DockerOutsideHosts } from '../cluster/outside-hosts.js';
import { CommandNotFoundError, runWithExeca } from '../cluster/program-runner.js';
import type { CommandInstaller, Io } from './program.js';
import { parseClusterName, parseNodeCount, parseSeconds, registryMirrorOption } from './cluster-options.js';
import type { Mirror } from '../cluster/registry-mirror.js';
import { handleInterrupt } from '../live/interrupt.js';

interface UpOptions {
  nodes: 1 | 2;
  offline?: boolean;
  cni: CniName;
  ipFamily: IpFamily;
  name?: string;
  readyTimeout: number;
  retain?: boolean;
  registryMirror?: Mirror;
  nodeImage?: string;
}

interface DownOptions {
  name?: string;
  cni: CniName;
  ipFamily: IpFamily;
}

interface CleanOptions {
  kubeconfig?: string;
  context?: string;
  runId?: string;
}

/** `up`, `down` and `clean`: the kind cluster's lifecycle and leftovers of interrupted runs. */
export const installClusterCommands: CommandInstaller = (program: Command, io: Io, setExit: (code: number) => void) => {
  program
    .command('up')
    .description(
      "create (or reuse) the kind cluster with a CNI (Calico by default) and wait until nodes, the CNI's agents and CoreDNS are Ready",
    )
    .addOption(cniOption())
    .addOption(
      new Option('--nodes <count>', 'nodes: 1, or 2 for a control plane and a worker')
        .argParser(parseNodeCount)
        .default(1),
    )
    .addOption(ipFamilyOption())
    .option('--offline', 'use the locally built node and Calico images (default: when netpol-harness/kind-node exists)')
    .option(
      '--no-offline',
      'let the nodes pull what is missing; node image kindest/node of the Kubernetes version proven offline (offline/versions.env)',
    )
    .addOption(registryMirrorOption())
    .option('--node-image <image>', 'the kind node image to create the cluster with (instead of the one chosen above)')
    .addOption(nameOption())
    .addOption(
      new Option('--ready-timeout <seconds>', 'how long to wait for readiness')
        .argParser(parseSeconds('--ready-timeout'))
        .default(DEFAULT_READY_TIMEOUT_SECONDS),
    )
    .option('--retain', 'keep a cluster this command created even if it never became ready')
    .action(async (opts: UpOptions) => setExit(await runUp(opts, io)));

  program
    .command('down')
    .description('delete the kind cluster')
    .addOption(cniOption('whose default cluster name to use'))
    .addOption(ipFamilyOption('whose default cluster name to use'))
    .addOption(nameOption())
    .action(async (opts: DownOptions) => setExit(await runDown(opts, io)));

  program
    .command('clean')
    .description(
      'delete the namespaces and outside stand-ins an interrupted run left (labelled app.kubernetes.io/managed-by=netpol-harness)',
    )
    .option('--kubeconfig <file>', 'kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context (default: the current one)')
    .option('--run-id <id>', 'only the namespaces of this run')
    .action(async (opts: CleanOptions) => setExit(await runClean(opts, io)));
};

/** Creates or reuses the cluster; on Ctrl-C, deletes what this command created (unless --retain). */
async function runUp(opts: UpOptions, io: Io): Promise<number> {
  const started = Date.now();
  const name = opts.name ?? defaultClusterName(opts.cni, opts.ipFamily);
  const driver = new KindDriver({
    name,
    cni: opts.cni,
    nodes: opts.nodes,
    ipFamily: opts.ipFamily,
    readyTimeoutSeconds: opts.readyTimeout,
    // A registry mirror is for pulling, unless --offline says otherwise.
    ...(opts.offline === undefined ? (opts.registryMirror ? { offline: false } : {}) : { offline: opts.offline }),
    ...(opts.retain ? { retain: true } : {}),
    ...(opts.registryMirror ? { registryMirror: opts.registryMirror } : {}),
    ...(opts.nodeImage ? { nodeImage: opts.nodeImage } : {}),
  });
  const progress = createProgress(io.err);
  const interrupt = handleInterrupt(async () => {
    io.err('interrupted');
    await driver.abandon(progress).catch((err: unknown) => {
      throw new Error(`could not delete the cluster: ${err instanceof Error ? err.message : String(err)}`, {
        cause: err,
      });
    });
  }, io.err);
  try {
    await driver.ensureUp(progress);
  } catch (err) {
    if (interrupt.fired()) await new Promise<never>(() => undefined); // the interrupt handler exits
    throw err;
  } finally {
    if (!interrupt.fired()) interrupt.dispose();
  }
  io.out(`ready: ${driver.describe()} in ${secondsSince(started)} s; kubectl context kind-${name}`);
  if (!driver.cni.enforcesNetworkPolicy)
    io.err(`note: ${opts.cni} does not enforce NetworkPolicy: policies are accepted and ignored on this cluster`);
  return EXIT.ok;
}

async function runDown(opts: DownOptions, io: Io): Promise<number> {
  const started = Date.now();
  const name = opts.name ?? defaultClusterName(opts.cni, opts.ipFamily);
  const driver = new KindDriver({ name, nodes: 1, readyTimeoutSeconds: DEFAULT_READY_TIMEOUT_SECONDS });
  await driver.down(createProgress(io.err));
  io.out(`down: kind cluster "${name}" is gone (${secondsSince(started)} s)`);
  return EXIT.ok;
}

/** Deletes the harness's namespaces, then the outside stand-ins on the kind network (none without Docker). */
async function runClean(opts: CleanOptions, io: Io): Promise<number> {
  let kc;
  try {
    kc = loadKubeConfig({
      ...(opts.kubeconfig ? { kubeconfigPath: opts.kubeconfig } : {}),
      ...(opts.context ? { context: opts.context } : {}),
    });
  } catch (err) {
    throw kubeconfigProblem(err);
  }
  let deleted: string[];
  let policies: string[];
  try {
    ({ clusterPolicies: policies, namespaces: deleted } = await deleteManaged(new ClusterKubeClient(kc), opts.runId));
  } catch (err) {
    throw new EnvironmentError(
      `clean on context ${kc.getCurrentContext()} failed`,
      'is the cluster up? (netpol-harness up)',
      { cause: err },
    );
  }
  for (const name of policies) io.out(`deleted clusternetworkpolicy ${name}`);
  for (const name of deleted) io.out(`deleted namespace ${name}`);
  // Outside stand-ins an interrupted run left on the kind network (none without Docker).
  try {
    for (const name of await new DockerOutsideHosts(runWithExeca, '').remove(opts.runId))
      io.out(`removed outside stand-in ${name}`);
  } catch (err) {
    if (!(err instanceof CommandNotFoundError)) throw err;
  }
  io.out(
    deleted.length
      ? `clean: ${deleted.length} namespace${deleted.length === 1 ? '' : 's'} deleted (context ${kc.getCurrentContext()})`
      : `clean: nothing to delete (context ${kc.getCurrentContext()})`,
  );
  return EXIT.ok;
}

function cniOption(purpose = 'the pod network and NetworkPolicy agent to install'): Option {
  return new Option(
    '--cni <name>',
    `${purpose}: calico, kube-router (its network-policy controller on the bridge CNI), or bridge-no-policy (the bridge CNI alone: enforces nothing)`,
  )
    .choices([...CNI_NAMES])
    .default(DEFAULT_CNI);
}

function nameOption(): Option {
  return new Option(
    '--name <name>',
    `kind cluster name (default: ${defaultClusterName(DEFAULT_CNI)} for calico, netpol-harness-<cni> for the others; -ipv6 or -dual added for those families)`,
  ).argParser(parseClusterName);
}

function ipFamilyOption(purpose = 'the address family of pods and Services'): Option {
  return new Option(
    '--ip-family <family>',
    `${purpose}: ipv4, ipv6 or dual (dual-stack, IPv4 first); ipv6 and dual with --cni calico only`,
  )
    .choices([...IP_FAMILIES])
    .default(DEFAULT_IP_FAMILY);
}

function secondsSince(startedMs: number): string {
  return ((Date.now() - startedMs) / 1000).toFixed(1);
}
