// What `--help` lists for capture, explain and diff: here, so the root help needs none of their modules.
export const CAPTURE_DESCRIPTION =
  "read namespaces, pods, services and NetworkPolicies of a cluster (read-only) and write a scenario that reproduces them, with the model's expectation matrix";
export const EXPLAIN_DESCRIPTION =
  "explain one flow: the model's answer and every policy and rule that decided it, in a scenario file (a captured cluster too) or on a live cluster's objects (read-only)";
export const DIFF_DESCRIPTION =
  'the flows whose answer changes between two sets of NetworkPolicies over the same pods, grouped by policy and rule; exit 1 when any changes. ' +
  'BEFORE AFTER: two folders (or files) of manifests, each a full set, over the pods of --world SCENARIO; ' +
  'SCENARIO CHANGES: the policies in force in a scenario (a captured one too), and the same with CHANGES applied as kubectl apply would; ' +
  "with -n/-A (--context, --kubeconfig) and CHANGES: the cluster's policies, read-only, and the same with CHANGES applied. " +
  "The flows compared: each pod to every other pod's declared and listened-on ports, every service port, every flow an expectation row of the scenario probes, and --ports; " +
  'when no policy decides any of them, nothing can be compared: diff exits 2 and says why';
