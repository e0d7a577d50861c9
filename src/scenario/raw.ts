import type { SchemaData } from './schema.js';
import type {
  apiCallSchema,
  containerSchema,
  expectationSchema,
  labelChangeSchema,
  outsideHostSchema,
  podSchema,
  podUpdateSchema,
  policySchema,
  scenarioSchema,
  serviceSchema,
  stepSchema,
  worldSchema,
} from './schema-v1.js';
import type { recordedFindingSchema } from './annotations.js';

/*
 * A scenario file as data, once decode.ts has checked it against the schema and read nulls as
 * absent. Every type here is derived from schema-v1.ts: the schema the loader checks, the JSON
 * Schema editors read (npm run schema) and these types are one definition.
 */
export type RawScenario = SchemaData<typeof scenarioSchema>;
export type RawWorld = SchemaData<typeof worldSchema>;
export type RawPod = SchemaData<typeof podSchema>;
export type RawContainer = SchemaData<typeof containerSchema>;
export type RawService = SchemaData<typeof serviceSchema>;
export type RawOutsideHost = SchemaData<typeof outsideHostSchema>;
export type RawPolicy = SchemaData<typeof policySchema>;
export type RawStep = SchemaData<typeof stepSchema>;
export type RawLabelChange = SchemaData<typeof labelChangeSchema>;
export type RawPodUpdate = SchemaData<typeof podUpdateSchema>;
export type RawApiCall = SchemaData<typeof apiCallSchema>;
export type RawExpectation = SchemaData<typeof expectationSchema>;
export type RawRecordedFinding = SchemaData<typeof recordedFindingSchema>;
/** What `listen:` holds: `80`, `53/UDP` or `{ port, protocol }`. */
export type RawListen = NonNullable<RawPod['listen']>;
