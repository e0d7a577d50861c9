import { expect } from 'chai';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false });
  return { code, out, err };
}

const dir = 'src/cli/testdata';
const EXPLANATION = [
  'DNS: egress not isolated, the name can be looked up',
  'service default/web port 80 → targetPort 80: web:80',
  'egress from default/other: not isolated (no policy selects it for Egress), allowed',
  'ingress to default/web: isolated by allow-ok; no rule allows it (allow-ok ingress[0]: other does not match podSelector app=ok)',
];

describe('cli: check --markdown and --html', () => {
  it('writes the Markdown summary: counts, scenarios, and every probe not passing with its line', async () => {
    const md = join(mkdtempSync(join(tmpdir(), 'nph-')), 'check.md');
    const r = await cli('check', `${dir}/disagree`, '--quiet', '--markdown', md);
    expect(r.code).to.equal(1);
    expect(readFileSync(md, 'utf8')).to.equal(
      [
        '# netpol-harness check',
        '',
        '1 scenarios, 4 expectations (2 documented, 2 derived).',
        '',
        '| verdict | count |',
        '|---|---|',
        '| pass | 3 |',
        '| disagrees | 1 |',
        '| inconclusive | 0 |',
        '',
        '| scenario | file | expectations | pass | not pass |',
        '|---|---|---|---|---|',
        '| disagree | src/cli/testdata/disagree/disagree.yaml | 4 | 3 | 1 |',
        '',
        '## Not passing',
        '',
        '| where | step | probe | document | model | verdict | why |',
        '|---|---|---|---|---|---|---|',
        `| src/cli/testdata/disagree/disagree.yaml:28 | apply | other → http://web (wget) | allowed [001_5f6841d6eea2b153.txt § Task 3: Test Blocked Traffic] | blocked | disagrees | ${['the document says allowed, the spec says blocked', ...EXPLANATION].join('; ')} |`,
        '',
        '## Gate',
        '',
        '**Failed**: 1 disagrees (fails on disagrees).',
        '',
      ].join('\n'),
    );
  });

  it('writes an HTML page that carries the records and the findings', async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'nph-')), 'check.html');
    await cli('check', `${dir}/disagree`, '--quiet', '--html', html);
    const page = readFileSync(html, 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)?.[1] ?? 'null',
    ) as {
      records: { verdict: string }[];
      meta: { findings: { title: string; where: string }[] };
    };
    expect(data.records.map((x) => x.verdict)).to.deep.equal(['pass', 'pass', 'pass', 'disagrees']);
    expect(data.meta.findings).to.deep.equal([
      {
        title: 'claim contradicts the NetworkPolicy spec',
        where: '001_5f6841d6eea2b153.txt § Task 3: Test Blocked Traffic (src/cli/testdata/disagree/disagree.yaml:28)',
        claim: 'other → http://web (wget, step "apply"): allowed',
        actual: 'blocked',
        scenario: 'disagree',
        line: 28,
        fix: 'Say blocked for other → http://web (apply), or change the policy so that it gives allowed.',
      },
    ]);
  });
});

describe('cli: GitHub annotations', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.GITHUB_ACTIONS;
    process.env.GITHUB_ACTIONS = 'true';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_ACTIONS;
    else process.env.GITHUB_ACTIONS = saved;
  });

  it('puts each disagreement on its scenario line', async () => {
    const r = await cli('check', `${dir}/disagree`, '--quiet');
    expect(r.out.filter((l) => l.startsWith('::'))).to.deep.equal([
      '::error file=src/cli/testdata/disagree/disagree.yaml,line=28,title=netpol-harness disagrees%3A disagree::other → http://web (wget) in step "apply": document allowed, model blocked: the document says allowed, the spec says blocked%0A' +
        EXPLANATION.join('%0A'),
    ]);
  });

  it('puts each bad-input problem on its line and column', async () => {
    const r = await cli('check', `${dir}/bad`);
    expect(r.code).to.equal(2);
    expect(r.err).to.deep.equal([
      'error: src/cli/testdata/bad/bad.yaml:9:35: clients[1].colour: unknown field "colour" (known fields: name, namespace, labels, image, kind, container, ports, listen, command, containers, createdBy, node, source)',
      'error: src/cli/testdata/bad/bad.yaml:23:14: steps[0].derived: must be true or false, got the string "yes-please"',
      '::error file=src/cli/testdata/bad/bad.yaml,line=9,col=35,title=netpol-harness%3A bad input::clients[1].colour: unknown field "colour" (known fields: name, namespace, labels, image, kind, container, ports, listen, command, containers, createdBy, node, source)',
      '::error file=src/cli/testdata/bad/bad.yaml,line=23,col=14,title=netpol-harness%3A bad input::steps[0].derived: must be true or false, got the string "yes-please"',
      '2 problems in the input; nothing was run',
    ]);
  });

  it('prints none for a corpus that agrees', async () => {
    const r = await cli('check', `${dir}/good`, '--quiet');
    expect(r.code).to.equal(0);
    expect(r.out.filter((l) => l.startsWith('::'))).to.deep.equal([]);
  });
});
