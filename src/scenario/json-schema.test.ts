import { Ajv } from 'ajv';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { parse } from 'yaml';
import { findScenarioFiles } from './load.js';
import { scenarioJsonSchema, scenarioJsonSchemaText, worldJsonSchemaText } from './json-schema.js';
import { checkSchema } from './schema.js';
import { scenarioSchema } from './schema-v1.js';
import { YamlSource } from './yaml-source.js';

const SCHEMA_FILE = 'schema/scenario.schema.json';
/** The editor line a scenario file starts with: the schema's path relative to the file's folder. */
function schemaLine(file: string): string {
  return `# yaml-language-server: $schema=${relative(dirname(file), SCHEMA_FILE)}`;
}

function validator() {
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(scenarioJsonSchema());
}

function loaderAccepts(text: string): boolean {
  const src = new YamlSource('t.yaml', text);
  const doc = src.parseOne();
  checkSchema(src, doc.contents, scenarioSchema, []);
  return src.problems.length === 0;
}

const HEAD = 'apiVersion: netpol-harness/v1\nkind: Scenario\nname: t\nsource: { file: a.txt, section: S }\n';

describe('scenario JSON Schema', () => {
  it(`${SCHEMA_FILE} is what \`npm run schema\` makes from the loader's schema today`, () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8'), `${SCHEMA_FILE} is stale: run npm run schema`).to.equal(
      scenarioJsonSchemaText(),
    );
  });

  it('schema/world.schema.json is what `npm run schema` makes today, too', () => {
    expect(
      readFileSync('schema/world.schema.json', 'utf8'),
      'schema/world.schema.json is stale: run npm run schema',
    ).to.equal(worldJsonSchemaText());
  });

  it('describes every field, so that editors show help on hover', () => {
    const missing: string[] = [];
    let fields = 0;
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      for (const [name, field] of Object.entries((o.properties ?? {}) as Record<string, { description?: unknown }>)) {
        fields++;
        if (typeof field.description !== 'string' || field.description === '') missing.push(`${path}.${name}`);
        walk(field, `${path}.${name}`);
      }
      for (const key of ['items', 'anyOf', 'additionalProperties'])
        for (const inner of [o[key]].flat()) walk(inner, key === 'items' ? `${path}[]` : path);
    };
    walk(scenarioJsonSchema(), '');
    expect(fields).to.be.greaterThan(150);
    expect(missing).to.deep.equal([]);
  });

  it('accepts every scenario of the corpus, and every one names it on its first line for editors', () => {
    const validate = validator();
    const files = findScenarioFiles(['scenarios']);
    expect(files.length).to.be.greaterThan(40);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text.split('\n')[0], file).to.equal(schemaLine(file));
      const ok = validate(parse(text));
      expect(ok, `${file}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  const cases: [string, string, boolean][] = [
    ['a minimal scenario', 'steps: [{ name: s }]', true],
    ['an unknown top-level field', 'colour: red\nsteps: [{ name: s }]', false],
    ['an unknown field in a client', 'clients: [{ name: c, colour: red }]\nsteps: [{ name: s }]', false],
    ['a missing required field', 'steps: [{ section: x }]', false],
    ['an empty step list', 'steps: []', false],
    ['a name that is no RFC 1123 label', 'clients: [{ name: Client }]\nsteps: [{ name: s }]', false],
    ['a port out of range', 'workloads: [{ name: w, ports: [{ containerPort: 70000 }] }]\nsteps: [{ name: s }]', false],
    [
      'a port given as a string',
      'workloads: [{ name: w, ports: [{ containerPort: "80" }] }]\nsteps: [{ name: s }]',
      false,
    ],
    [
      'an unsupported protocol',
      'workloads: [{ name: w, ports: [{ containerPort: 80, protocol: ICMP }] }]\nsteps: [{ name: s }]',
      false,
    ],
    ['a label value that is a number', 'clients: [{ name: c, labels: { tier: 1 } }]\nsteps: [{ name: s }]', false],
    ['a removed label (null) in a relabel', 'steps: [{ name: s, label: [{ pod: c, labels: { app: null } }] }]', true],
    [
      'a null label value outside a relabel',
      'clients: [{ name: c, labels: { app: null } }]\nsteps: [{ name: s }]',
      false,
    ],
    ['an optional field left empty', 'description:\nsteps: [{ name: s, apply: }]', true],
    [
      'listen ports as numbers, strings and mappings',
      'workloads: [{ name: w, listen: [80, 53/UDP, { port: 5000, protocol: TCP }] }]\nsteps: [{ name: s }]',
      true,
    ],
    [
      'expectations as rows and mappings, one result or several',
      'steps: [{ name: s, expect: ["a -> b allowed", { from: a, to: b, expect: [blocked, refused] }, { from: a, to: b, expect: allowed }] }]',
      true,
    ],
    [
      'an expectation with an unknown result',
      'steps: [{ name: s, expect: [{ from: a, to: b, expect: maybe }] }]',
      false,
    ],
    ['derived given as a string', 'steps: [{ name: s, derived: "yes" }]', false],
    [
      'a targetPort by name or number',
      'services: [{ name: w, ports: [{ port: 80, targetPort: http }, { port: 81, targetPort: 8081 }] }]\nsteps: [{ name: s }]',
      true,
    ],
    ['a service with no ports', 'services: [{ name: w, ports: [] }]\nsteps: [{ name: s }]', false],
    ['a namespace name of 64 characters', `namespaces: [{ name: ${'n'.repeat(64)} }]\nsteps: [{ name: s }]`, false],
    [
      'a service name that starts with a digit',
      'services: [{ name: 1w, ports: [{ port: 80 }] }]\nsteps: [{ name: s }]',
      false,
    ],
    ['a label key a/b/c', 'clients: [{ name: c, labels: { a/b/c: x } }]\nsteps: [{ name: s }]', false],
    ['a label value with a space', 'clients: [{ name: c, labels: { app: "a b" } }]\nsteps: [{ name: s }]', false],
    [
      'a label value of 64 characters',
      `clients: [{ name: c, labels: { app: ${'v'.repeat(64)} } }]\nsteps: [{ name: s }]`,
      false,
    ],
    [
      'a prefixed label key, an empty label value',
      'clients: [{ name: c, labels: { example.com/tier: "", app: web-1.x_y } }]\nsteps: [{ name: s }]',
      true,
    ],
  ];

  for (const [what, body, accepted] of cases) {
    it(`${accepted ? 'accepts' : 'rejects'}, as the loader does, ${what}`, () => {
      const text = HEAD + body + '\n';
      const validate = validator();
      expect(loaderAccepts(text), 'the loader').to.equal(accepted);
      expect(validate(parse(text)), JSON.stringify(validate.errors)).to.equal(accepted);
    });
  }
});
