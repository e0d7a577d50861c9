import type { LazyCommands } from './program.js';
import { CAPTURE_DESCRIPTION, DIFF_DESCRIPTION, EXPLAIN_DESCRIPTION } from './reproduce-descriptions.js';

/**
 * Commands beyond `check`, `findings` and `completion`. Their modules (the Kubernetes client, kind,
 * the live engine) are imported only when one of their commands runs; the summaries here are what
 * `netpol-harness --help` lists (a test keeps them equal to the commands' own descriptions).
 */
export const installers: LazyCommands[] = [
  {
    commands: [
      {
        name: 'up',
        summary:
          "create (or reuse) the kind cluster with a CNI (Calico by default) and wait until nodes, the CNI's agents and CoreDNS are Ready",
      },
      { name: 'down', summary: 'delete the kind cluster' },
      {
        name: 'clean',
        summary:
          'delete the namespaces and outside stand-ins an interrupted run left (labelled app.kubernetes.io/managed-by=netpol-harness)',
      },
    ],
    load: async () => (await import('./cluster-commands.js')).installClusterCommands,
  },
  {
    commands: [
      {
        name: 'run',
        summary:
          'run scenarios live on the kind cluster (created when missing) or an existing one, and compare document, model and cluster per probe',
      },
    ],
    load: async () => (await import('./run-command.js')).installRunCommand,
  },
  {
    commands: [
      {
        name: 'preflight',
        summary:
          'prove the cluster enforces NetworkPolicy at all: two canary pods, a probe that must connect, a deny-all-ingress policy, the same probe that must then be blocked',
      },
    ],
    load: async () => (await import('./preflight-command.js')).installPreflightCommand,
  },
  {
    commands: [
      {
        name: 'merge',
        summary: 'join the --json files of several shards (check or run --shard i/n) into one report set',
      },
    ],
    load: async () => (await import('./merge-command.js')).installMergeCommand,
  },
  {
    commands: [{ name: 'capture', summary: CAPTURE_DESCRIPTION }],
    load: async () => (await import('./capture-command.js')).installCaptureCommand,
  },
  {
    commands: [{ name: 'explain', summary: EXPLAIN_DESCRIPTION }],
    load: async () => (await import('./explain-command.js')).installExplainCommand,
  },
  {
    commands: [{ name: 'diff', summary: DIFF_DESCRIPTION }],
    load: async () => (await import('./diff-command.js')).installDiffCommand,
  },
];
