import { expect } from 'chai';
import { stringify } from 'yaml';
import { checkSchema, int, list, obj, str, type Schema, type SchemaData } from './schema.js';
import { YamlSource } from './yaml-source.js';
import type { RawPod } from './raw.js';

/** True when A and B are the same type (checked by `tsc`, which `npm run lint` runs over the tests). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Equal<A, B>) => ok;

const protocol = str({ enum: ['TCP', 'UDP'] });
const port = obj({ port: int(1, 65535), protocol, name: str() }, ['port']);
const all = obj(
  {
    name: str(),
    ports: list(port, true),
    labels: { type: 'stringMap' },
    changes: { type: 'stringMap', nullValues: true },
    target: { type: 'intOrString' },
    derived: { type: 'bool' },
    expect: { type: 'listOrOne', items: str({ enum: ['allowed', 'blocked'] }) },
    listen: list({ type: 'stringOrObject', object: port, allowInt: true }),
    row: { type: 'stringOrObject', object: obj({ from: str() }) },
  },
  ['name', 'ports'],
);

describe('raw types: SchemaData derives from a schema the data the loader accepts', () => {
  it('types each kind of schema as the data it accepts (checked by tsc), and the loader accepts such data', () => {
    same<
      SchemaData<typeof all>,
      {
        name: string;
        ports: { port: number; protocol?: 'TCP' | 'UDP'; name?: string }[];
        labels?: Record<string, string>;
        changes?: Record<string, string | null>;
        target?: number | string;
        derived?: boolean;
        expect?: 'allowed' | 'blocked' | ('allowed' | 'blocked')[];
        listen?: (string | number | { port: number; protocol?: 'TCP' | 'UDP'; name?: string })[];
        row?: string | { from?: string };
      }
    >(true);
    same<RawPod['kind'], 'Pod' | 'Deployment' | undefined>(true);
    same<RawPod['name'], string>(true);

    const samples: SchemaData<typeof all>[] = [
      { name: 'a', ports: [{ port: 80 }] },
      {
        name: 'b',
        ports: [{ port: 53, protocol: 'UDP', name: 'dns' }],
        labels: { app: 'web' },
        changes: { app: null, tier: 'db' },
        target: 'http',
        derived: true,
        expect: ['allowed', 'blocked'],
        listen: [80, '53/UDP', { port: 5000 }],
        row: { from: 'x' },
      },
      { name: 'c', ports: [{ port: 1 }], target: 8080, expect: 'blocked', row: 'a -> b allowed' },
    ];
    for (const sample of samples) {
      const src = new YamlSource('t.yaml', stringify(sample));
      checkSchema(src, src.parseOne().contents, all as Schema, []);
      expect(src.problems, JSON.stringify(sample)).to.deep.equal([]);
    }
  });
});
