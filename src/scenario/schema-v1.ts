import { mistakeSchema, prerequisiteStepFields, recordedFindingSchema } from './annotations.js';
import { dns1035LabelErrors, dns1123LabelErrors } from '../manifest/k8s-names.js';
import { int, list, obj, str, type Schema } from './schema.js';
import { TOOLS } from './types.js';
import { API_ANSWERS } from './api-call.js';
import { NODE_PLACEMENT_HELP } from './node-placement.js';

/** The scenario file format, version 1. Unknown fields are errors. */
export const API_VERSION = 'netpol-harness/v1';

/** A namespace's, a pod's, a container's name (a pod's names its container when it has one). */
const DNS_LABEL = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  patternHint: 'must be a lowercase RFC 1123 label',
  rules: dns1123LabelErrors,
  maxLength: 63,
};
/** A Service's name: an RFC 1123 label that starts with a letter. */
const DNS_1035_LABEL = {
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  patternHint: 'must be a lowercase RFC 1035 label (a letter first)',
  rules: dns1035LabelErrors,
  maxLength: 63,
};
const labels = { type: 'stringMap', labels: true } as const satisfies Schema;
const labelChanges = { type: 'stringMap', nullValues: true, labels: true } as const satisfies Schema;
const protocol = str({ enum: ['TCP', 'UDP', 'SCTP'] });
const outcome = str({ enum: ['allowed', 'blocked', 'refused', 'dns-failure', 'no-such-port', 'check-failed'] });
const source = obj({ file: str(), section: str(), quote: str() }, ['section']);

const containerPort = obj({ name: str(), containerPort: int(1, 65535), protocol }, ['containerPort']);
const listen = {
  type: 'stringOrObject',
  object: obj({ port: int(1, 65535), protocol }, ['port']),
  allowInt: true,
} as const satisfies Schema;

export const containerSchema = obj(
  { name: str(DNS_LABEL), image: str(), ports: list(containerPort), listen: list(listen), command: list(str()) },
  ['name', 'image'],
);

export const podSchema = obj(
  {
    name: str(DNS_LABEL),
    namespace: str(DNS_LABEL),
    labels,
    image: str(),
    kind: str({ enum: ['Pod', 'Deployment'] }),
    container: str(DNS_LABEL),
    ports: list(containerPort),
    listen: list(listen),
    command: list(str()),
    containers: list(containerSchema),
    createdBy: str(),
    node: {
      type: 'stringOrObject',
      object: obj({ 'same-as': str(), 'other-than': str() }),
      description: NODE_PLACEMENT_HELP,
    },
    source,
  },
  ['name'],
);

const servicePort = obj({ name: str(), port: int(1, 65535), targetPort: { type: 'intOrString' }, protocol }, ['port']);
export const serviceSchema = obj(
  {
    name: str(DNS_1035_LABEL),
    namespace: str(DNS_LABEL),
    selector: labels,
    ports: list(servicePort, true),
    createdBy: str(),
    source,
  },
  ['name', 'ports'],
);

/** What editors show for a policy's manifest (docs/scenario-format.md, "A pod's address in a policy"). */
const MANIFEST_HELP =
  "The manifest verbatim; may hold several `---` documents. An ipBlock's cidr or except entry may be a pod's address, ${podIP:NAMESPACE/NAME}/BITS: the /BITS network around that pod's IP (/32: the pod alone), written in when the run sends the policy. Quote it inside [ ] or { }.";

export const policySchema = obj(
  {
    id: str(),
    namespace: str(DNS_LABEL),
    file: str({
      description: `A policy file, relative to the scenario. ${MANIFEST_HELP.replace('The manifest verbatim; may', 'It may')}`,
    }),
    manifest: str({ description: MANIFEST_HELP }),
    source,
    correctionOf: str(),
    reason: str(),
    mistake: mistakeSchema,
    fix: str(),
  },
  ['id'],
);

export const labelChangeSchema = obj({ pod: str(), namespace: str(), labels: labelChanges }, ['labels']);

export const expectationSchema = obj(
  {
    from: str(),
    to: str(),
    port: int(1, 65535),
    protocol,
    tool: str({ enum: TOOLS }),
    path: str(),
    expect: { type: 'listOrOne', items: outcome },
    body: str(),
    section: str(),
    file: str(),
    quote: str(),
    derived: { type: 'bool' },
    reason: str(),
    note: str(),
    fix: str(),
  },
  ['from', 'to', 'expect'],
);

export const podUpdateSchema = obj(
  {
    pod: str(),
    namespace: str(DNS_LABEL),
    ports: list(containerPort),
    listen: list(listen),
    restart: { type: 'bool' },
  },
  ['pod'],
);

export const outsideHostSchema = obj({ name: str(DNS_LABEL), address: str(), listen: list(listen), source }, [
  'name',
  'address',
]);

export const apiCallSchema = obj(
  {
    create: str(),
    get: str(),
    list: str(),
    label: obj({ pod: str(), labels: labelChanges }, ['pod', 'labels']),
    applied: str(),
    namespace: str(DNS_LABEL),
    as: str(),
    expect: { type: 'listOrOne', items: str({ enum: API_ANSWERS }) },
    reason: str(),
    section: str(),
    file: str(),
    quote: str(),
    derived: { type: 'bool' },
    note: str(),
  },
  ['expect'],
);

export const stepSchema = obj(
  {
    name: str(),
    section: str(),
    derived: { type: 'bool' },
    apply: list(str()),
    delete: list(str()),
    label: list(labelChangeSchema),
    update: list(podUpdateSchema),
    api: list(apiCallSchema),
    expect: list({ type: 'stringOrObject', object: expectationSchema }),
    ...prerequisiteStepFields,
  },
  ['name'],
);

/** What a world holds: namespaces, pods and services. A scenario declares them, or names a world file that does. */
const worldParts = {
  namespaces: list(obj({ name: str(DNS_LABEL), labels, source }, ['name'])),
  workloads: list(podSchema),
  services: list(serviceSchema),
};

/**
 * A world file (`kind: World`): the namespaces, pods and services that scenarios of one corpus
 * share, named by each with `world:` instead of declaring their own.
 */
export const worldSchema = obj(
  {
    apiVersion: str({ enum: [API_VERSION] }),
    kind: str({ enum: ['World'] }),
    name: str(DNS_LABEL),
    description: str(),
    ...worldParts,
  },
  ['apiVersion', 'kind', 'name'],
);

export const scenarioSchema = obj(
  {
    apiVersion: str({ enum: [API_VERSION] }),
    kind: str({ enum: ['Scenario'] }),
    name: str(DNS_LABEL),
    title: str(),
    description: str(),
    source: obj({ file: str(), section: str() }, ['file', 'section']),
    capture: obj(
      {
        from: str(),
        at: str(),
        namespaces: list(str()),
        labelSelector: str(),
        leftOut: list(str()),
        policyFieldsRemoved: list(str()),
      },
      ['from', 'at', 'leftOut'],
    ),
    world: str(),
    ...worldParts,
    clients: list(podSchema),
    outside: list(outsideHostSchema),
    policies: list(policySchema),
    steps: list(stepSchema, true),
    findings: list(recordedFindingSchema),
  },
  ['apiVersion', 'kind', 'name', 'source', 'steps'],
);
