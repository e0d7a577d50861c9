import { writeOutput } from './check-command.js';
import { scenarioJsonSchemaText, worldJsonSchemaText } from '../scenario/json-schema.js';
import { RECORDS_SCHEMA_FILE, recordsJsonSchemaText } from '../report/records-schema.js';

/** `npm run schema`: writes the scenario JSON Schema that editors use (first line of every scenario file). */
export const SCHEMA_FILE = 'schema/scenario.schema.json';

writeOutput(SCHEMA_FILE, scenarioJsonSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
/** The world files scenarios name with `world:`. */
export const WORLD_SCHEMA_FILE = 'schema/world.schema.json';
writeOutput(WORLD_SCHEMA_FILE, worldJsonSchemaText());
console.log(`wrote ${WORLD_SCHEMA_FILE}`);
// The records check, run and merge write with --json, one a line.
writeOutput(RECORDS_SCHEMA_FILE, recordsJsonSchemaText());
console.log(`wrote ${RECORDS_SCHEMA_FILE}`);
