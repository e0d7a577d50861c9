/** The parts of `--help` that are the same for every command: how the cluster is chosen, exit codes, environment, examples. */

export const CLUSTER_CHOICE = `How run and preflight choose the cluster (clean always uses the existing-cluster rules):
  --cluster kind (the default)  the kind cluster "netpol-harness" with Calico, created when
                                        missing (as \`netpol-harness up\` does); its credentials come
                                        from kind, whatever KUBECONFIG says
  --cluster current                     an existing cluster, found as kubectl finds it: the file of
                                        --kubeconfig, else every file of $KUBECONFIG (merged), else
                                        ~/.kube/config; the context of --context, else current-context
  --kubeconfig FILE or --context NAME   imply --cluster current`;

export const EXIT_CODES = `Exit codes:
  0  nothing --fail-on names occurred (or the --baseline knows it)
  1  something --fail-on names occurred, new or changed from the --baseline; by default
     check: a disagreement; run and merge: an enforcement mismatch, a disagreement, a flaky
     probe or a contradicted API expectation (not a document defect)
  2  bad input: a scenario file, a flag, a command (the message names file, line and field)
  3  environment: no Docker, no kind, no cluster, not ready
  4  internal error in netpol-harness itself (please report it; --debug prints the stack)`;

export const ENVIRONMENT = `Environment:
  KUBECONFIG   kubeconfig files (':'-separated) for --cluster current and clean, as for kubectl
  NO_COLOR     no colours unless --color always (https://no-color.org)
  DEBUG        netpol-harness* prints internal-error stacks, like --debug
  NETPOL_HARNESS_RUN_SET  the run set when --run-set is not given
  NETPOL_HARNESS_REQUEST_TIMEOUT  seconds one API request may take (default 30)
  GITHUB_ACTIONS, GITHUB_RUN_ID  on GitHub: failures as annotations; run set github-$GITHUB_RUN_ID`;

export const EXAMPLES = `Examples:
  netpol-harness check                           every scenario under scenarios/ on the model alone
  netpol-harness check scenarios/002-default-deny.yaml --junit reports/check.xml
  netpol-harness check --json - | jq .verdict     one JSON record per probe on stdout
  netpol-harness up && netpol-harness run        bring up kind + Calico, run the corpus live
  netpol-harness run --cluster current           run on kubectl's current context
  source <(netpol-harness completion bash)       shell completion (bash; zsh: completion zsh)`;

export const ROOT_HELP_AFTER = ['', CLUSTER_CHOICE, '', EXIT_CODES, '', ENVIRONMENT, '', EXAMPLES].join('\n');
export const COMMAND_HELP_AFTER = ['', EXIT_CODES, '', ENVIRONMENT].join('\n');
