import { OUTCOME_CLASSES } from '../model/outcome.js';
import { API_ANSWERS } from '../scenario/api-call.js';
import { TOOLS } from '../scenario/types.js';
import { VERDICTS } from './record-json.js';

/** Where `npm run schema` writes the JSON Schema of the `--json` records. */
export const RECORDS_SCHEMA_FILE = 'schema/records.schema.json';

type JsonSchema = { [key: string]: unknown };

const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });
const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', description, ...extra });
const strings = (description: string, items: JsonSchema = { type: 'string' }): JsonSchema => ({
  type: 'array',
  items,
  description,
});
const oneOf = (values: readonly string[]) => ({ enum: [...values] });

/** What a file's records belong to: the fields `merge` checks shards by (both headers have them). */
const SHARD_SET: Record<string, JsonSchema> = {
  runSet: str("What ties the shards of one run together (`--run-set`; a run's own id by default)."),
  shard: str("This file's shard, `i/n` (`--shard i/n`); absent for a whole run.", {
    pattern: '^[1-9][0-9]*/[1-9][0-9]*$',
  }),
  corpus: {
    type: 'object',
    description: 'The scenarios selected before sharding: the same in every shard of one corpus.',
    properties: {
      scenarios: int('How many scenarios.', { minimum: 0 }),
      sha256: str("A hash of the scenario files' content.", { pattern: '^[0-9a-f]{64}$' }),
    },
    required: ['scenarios', 'sha256'],
    additionalProperties: false,
  },
  harnessVersion: str('The version of netpol-harness that wrote the file.'),
  partial: strings('Set by `merge --allow-partial`: why the merged set is not one whole run.'),
  mergedFrom: strings('Set by `merge`: the shard of each file merged (`i/n`, or `whole`), in order.'),
};

const PROVENANCE: JsonSchema = {
  description: "Where the expectation comes from: a document's own words, or derived by the scenario's author.",
  oneOf: [
    {
      type: 'object',
      properties: {
        kind: { const: 'documented', description: 'The document states it.' },
        file: str("The document's file."),
        section: str('The section of the document.'),
        quote: str("The document's words, as written."),
      },
      required: ['kind', 'file', 'section'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        kind: { const: 'derived', description: 'The document does not state it; the author derived it.' },
        reason: str('Why the author expects it.'),
      },
      required: ['kind'],
      additionalProperties: false,
    },
  ],
};

const MODEL_OUTCOMES = [...OUTCOME_CLASSES, 'undefined'];

/** One probe: `check --json` writes the fields up to `reason`, `run --json` all that apply. */
const PROBE: JsonSchema = {
  type: 'object',
  title: 'probe record',
  description:
    'One probe (an expectation row, at one step): what the document says, what the spec says, and for a live run what the cluster did.',
  properties: {
    scenario: str("The scenario's name."),
    scenarioFile: str('The scenario file, as given on the command line.'),
    line: int("The expectation's line in the scenario file.", { minimum: 0 }),
    step: str("The step's name."),
    stepIndex: int("The step's index in the scenario, from 0.", { minimum: 0 }),
    from: str('The source: a client or workload, `namespace/name` outside the default namespace.'),
    to: str(
      'The target as the scenario names it (`http://web`, `pod/web:80`, `svc-ip/x/s:80/udp`, an outside address).',
    ),
    port: int('The destination port.', { minimum: 0, maximum: 65535 }),
    protocol: str('The destination protocol.', oneOf(['TCP', 'UDP', 'SCTP'])),
    tool: str('The probe tool.', oneOf(TOOLS)),
    documented: strings('The outcomes the document accepts (one of them is a pass).', oneOf(OUTCOME_CLASSES)),
    provenance: PROVENANCE,
    model: str(
      "The NetworkPolicy spec's answer (the model); `undefined` where the spec leaves it to the implementation.",
      oneOf(MODEL_OUTCOMES),
    ),
    destination: str('Where the model resolved the target to (`namespace/pod:port`, an address).'),
    explanation: strings("The model's reasons, one line each: the policies and rules that decided."),
    verdict: str('The verdict: see docs/probing.md#verdicts.', oneOf(VERDICTS)),
    reason: str('Why the verdict, in one line.'),
    runId: str("Live runs: the scenario run's id (`RUN-N`), in its namespaces' names."),
    live: str(
      'Live runs: what the cluster did (an outcome), or inconclusive, or not-sent.',
      oneOf([...OUTCOME_CLASSES, 'inconclusive', 'not-sent']),
    ),
    liveReason: str("Live runs: why that outcome (the tool's words)."),
    flaky: { type: 'boolean', description: 'Live runs: whether the attempts answered differently.' },
    sent: { type: 'boolean', description: 'Live runs: whether the probe was sent at all.' },
    traffic: str(
      "Live runs: what the traffic says of the expectation (confirmed-stand-in: only through an outside stand-in a policy's ipBlock was rewritten to hold, so the rewrite's answer).",
      oneOf(['confirmed', 'confirmed-stand-in', 'contradicted', 'not-sent', 'undecided']),
    ),
    standIn: {
      type: 'object',
      description:
        'Live runs: the outside stand-in the traffic went through, and the ipBlock rewrites in force for it.',
      properties: {
        documented: str('The documented address.'),
        address: str("The stand-in's address."),
        rewritten: strings('The rewrite notes of the policies in force.'),
      },
      required: ['documented', 'address', 'rewritten'],
      additionalProperties: false,
    },
    sentTo: str('Live runs: the address or name the probe was sent to.'),
    sourceNode: str('Live runs: the node the source pod ran on.'),
    destinationNode: str('Live runs: the node the destination pod ran on.'),
    nodePair: str(
      'Live runs: whether source and destination ran on one node (both known only).',
      oneOf(['same-node', 'cross-node']),
    ),
    family: str('Dual-stack runs: the address family the probe went in.', oneOf(['ipv4', 'ipv6'])),
    baseline: str(
      'Live runs: what the same probe did before any policy (the reference answer).',
      oneOf([...OUTCOME_CLASSES, 'inconclusive', 'not-sent']),
    ),
    history: strings('Live runs: the outcome of each attempt, in order.'),
    attempts: int('Live runs: how many attempts were made (0 when not sent).', { minimum: 0 }),
    command: strings('Live runs: the probe command run in the source container.'),
    exitCode: { type: ['integer', 'null'], description: "Live runs: the probe command's exit code." },
    output: str("Live runs: the probe command's output (bounded)."),
    detail: str('Live runs: the line of the output the outcome was read from.'),
    bodyExcerpt: str('Live runs: the start of an HTTP body, when the expectation names one.'),
    durationMs: {
      type: 'number',
      minimum: 0,
      description: 'Live runs: how long the last attempt took, in milliseconds.',
    },
    repro: str('Live runs: a kubectl command that runs the same probe by hand.'),
    via: str('Live runs: how the probe reached the container (session: the probe agent; exec: one exec a probe).'),
    transportNote: str('Live runs: why the probe went another way than asked.'),
    observed: {
      type: 'array',
      description:
        'Live runs: when the cell was watched (ISO times): the windows the environment watcher judges it by.',
      items: {
        type: 'object',
        properties: { from: str('Start (ISO time).'), to: str('End (ISO time).') },
        required: ['from', 'to'],
        additionalProperties: false,
      },
    },
    verdictBeforeEnvironment: str('Live runs: the verdict before an environment fault made it inconclusive.'),
    enforcement: {
      type: 'object',
      description: "Live runs: when the step's change took effect, after the change: between lowerMs and upperMs.",
      properties: {
        lowerMs: { type: 'number', minimum: 0, description: 'No sooner than this (ms after the change).' },
        upperMs: { type: 'number', minimum: 0, description: 'No later than this (ms after the change).' },
      },
      required: ['lowerMs', 'upperMs'],
      additionalProperties: false,
    },
  },
  required: [
    'scenario',
    'scenarioFile',
    'line',
    'step',
    'stepIndex',
    'from',
    'to',
    'port',
    'protocol',
    'tool',
    'documented',
    'provenance',
    'model',
    'explanation',
    'verdict',
    'reason',
  ],
  additionalProperties: false,
};

const API_ANSWER = [...API_ANSWERS];

/** One API expectation of a live run (`kind: "api"`). */
const API: JsonSchema = {
  type: 'object',
  title: 'API expectation record',
  description:
    "One API request of a step (run only): the answer the document expects, the model's, and the API server's.",
  properties: {
    kind: { const: 'api', description: 'An API expectation, not a probe.' },
    scenario: str("The scenario's name."),
    scenarioFile: str('The scenario file, as given on the command line.'),
    line: int("The request's line in the scenario file.", { minimum: 0 }),
    step: str("The step's name."),
    stepIndex: int("The step's index in the scenario, from 0.", { minimum: 0 }),
    request: str('The request as tables show it (`label pod victim role=db`, `apply allow-web`).'),
    documented: strings('The answers the document accepts.', oneOf(API_ANSWER)),
    documentedReason: str("Text the API server's message must contain."),
    provenance: PROVENANCE,
    model: str("The model's answer (applied policies only: RBAC is not modelled).", oneOf(API_ANSWER)),
    live: str('What the API server answered.', oneOf([...API_ANSWER, 'error'])),
    code: int("The API server's HTTP status code."),
    message: str("The API server's message."),
    verdict: str(
      'pass, or contradicted: the API server answered otherwise (what --fail-on calls api-contradicted).',
      oneOf(['pass', 'contradicted']),
    ),
    reason: str('Why the verdict, in one line.'),
    runId: str("The scenario run's id."),
  },
  required: ['kind', 'scenario', 'verdict'],
  additionalProperties: false,
};

const SHAPE: JsonSchema = {
  type: 'object',
  description: 'The shape of the cluster the verdicts came from.',
  properties: {
    cni: str('calico, kube-router, kube-network-policies, bridge-no-policy, or unknown.'),
    cniVersion: str("The CNI agent image's tag."),
    kubernetesVersion: str("The kubelets' version (several joined by `, ` when they differ)."),
    nodes: int('How many nodes.', { minimum: 0 }),
    ipFamily: str("The cluster's address family.", oneOf(['ipv4', 'ipv6', 'dual'])),
    probeMode: str('How probes reached the containers (`--probe-mode`).', oneOf(['session', 'exec'])),
    images: str(
      "The test pods' images: built here (offline) or the documents' own (pulled).",
      oneOf(['offline', 'pulled']),
    ),
    harnessVersion: str('The version of netpol-harness that ran.'),
    harnessCommit: str("The git commit of the harness's checkout, when it is one."),
  },
  required: ['cni', 'nodes', 'probeMode', 'images', 'harnessVersion'],
  additionalProperties: false,
};

/** The first line of `run --json` (and of merge's output of run files). */
const RUN_HEADER: JsonSchema = {
  type: 'object',
  title: 'run header',
  description: 'The first line of `run --json`: the run, its shard, and the shape of its cluster.',
  properties: {
    kind: { const: 'run', description: 'The header of a live run.' },
    runId: str("The run's id (merge: the shards' ids, space-separated)."),
    ...SHARD_SET,
    shape: SHAPE,
  },
  required: ['kind', 'runId'],
  additionalProperties: false,
};

/** The first line of `check --shard i/n --json`. */
const CHECK_HEADER: JsonSchema = {
  type: 'object',
  title: 'check header',
  description: 'The first line of `check --shard i/n --json`: its shard (a whole check writes no header).',
  properties: { kind: { const: 'check', description: 'The header of a check shard.' }, ...SHARD_SET },
  required: ['kind'],
  additionalProperties: false,
};

/**
 * The JSON Schema (draft-07) of one line of what `check --json`, `run --json` and `merge --json`
 * write (JSON lines): a probe record, an API expectation record (run), or a header (run; check
 * with --shard). Every field has a description.
 */
export function recordsJsonSchema(): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from src/report/records-schema.ts by `npm run schema`; do not edit by hand.',
    title: 'netpol-harness --json record',
    description:
      'One line of the JSON-lines file that check --json, run --json and merge --json write. docs/commands.md describes the commands.',
    definitions: { probe: PROBE, api: API, runHeader: RUN_HEADER, checkHeader: CHECK_HEADER },
    oneOf: [
      { $ref: '#/definitions/probe' },
      { $ref: '#/definitions/api' },
      { $ref: '#/definitions/runHeader' },
      { $ref: '#/definitions/checkHeader' },
    ],
  };
}

export function recordsJsonSchemaText(): string {
  return JSON.stringify(recordsJsonSchema(), null, 2) + '\n';
}
