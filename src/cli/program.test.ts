import { expect } from 'chai';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './program.js';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = 'src/cli/testdata';

describe('cli: netpol-harness check', () => {
  it('exits 0 when every expectation agrees with the spec', async () => {
    const r = await cli('check', `${dir}/good`);
    expect(r.code).to.equal(0);
    expect(r.out).to.include(
      'summary: 1 scenarios, 2 documented expectations, 2 derived, 4 agree with the spec, 0 documented disagreements',
    );
    expect(r.out).to.include('    from \\ to  http://web\n    ok-client  .\n    other      X');
  });

  it('exits 1 and explains a disagreement', async () => {
    const r = await cli('check', `${dir}/disagree`);
    expect(r.code).to.equal(1);
    expect(r.out).to.include(
      'disagrees: other → http://web (wget): document allowed [001_5f6841d6eea2b153.txt § Task 3: Test Blocked Traffic], model blocked',
    );
    expect(r.out).to.include(
      'ingress to default/web: isolated by allow-ok; no rule allows it (allow-ok ingress[0]: other does not match podSelector app=ok)',
    );
  });

  it('exits 2 on bad input, naming file, line and field, without a stack trace', async () => {
    const r = await cli('check', `${dir}/bad`);
    expect(r.code).to.equal(2);
    expect(r.err.split('\n')).to.deep.equal([
      'error: src/cli/testdata/bad/bad.yaml:9:35: clients[1].colour: unknown field "colour" (known fields: name, namespace, labels, image, kind, container, ports, listen, command, containers, createdBy, node, source)',
      'error: src/cli/testdata/bad/bad.yaml:23:14: steps[0].derived: must be true or false, got the string "yes-please"',
      '2 problems in the input; nothing was run',
    ]);
    expect(r.out).to.equal('');
  });

  it('exits 2 for a path that does not exist and for an unknown option', async () => {
    expect((await cli('check', 'no/such/dir')).err).to.equal(
      'error: no/such/dir: no such file or directory\n1 problem in the input; nothing was run',
    );
    const r = await cli('check', '--frobnicate');
    expect(r.code).to.equal(2);
    expect(r.err).to.include("error: unknown option '--frobnicate'");
  });

  it('writes one JSON record per probe and JUnit XML', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nph-'));
    const r = await cli(
      'check',
      `${dir}/disagree`,
      '--json',
      join(tmp, 'p.json'),
      '--junit',
      join(tmp, 'p.xml'),
      '--quiet',
    );
    expect(r.code).to.equal(1);
    const records = readFileSync(join(tmp, 'p.json'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).to.have.length(4);
    expect(records[3]).to.include({
      scenario: 'disagree',
      step: 'apply',
      from: 'other',
      to: 'http://web',
      port: 80,
      protocol: 'TCP',
      tool: 'wget',
      model: 'blocked',
      verdict: 'disagrees',
    });
    expect(records[3]?.documented).to.deep.equal(['allowed']);
    const xml = readFileSync(join(tmp, 'p.xml'), 'utf8');
    expect(xml).to.include('<testsuite name="disagree" tests="4" failures="1" errors="0" skipped="0"');
    expect(xml).to.include('<failure type="disagrees" message="the document says allowed, the spec says blocked">');
  });

  it('takes the cluster facts from flags, and names a bad value', async () => {
    const kind = await cli('check', 'scenarios/004-exercise-3.yaml', '--quiet');
    const managed = await cli('check', 'scenarios/004-exercise-3.yaml', '--quiet', '--api-server-port', '443');
    expect(kind.out).to.include('policies see 6443');
    expect(kind.out).to.include('findings (2):');
    expect(managed.out).not.to.include('policies see 6443');
    expect(managed.out).to.include('findings (1):');
    const bad = await cli('check', '--pod-cidr', '10.0.0.0/99');
    expect(bad.code).to.equal(2);
    expect(bad.err).to.equal(
      'error: option --pod-cidr: invalid value "10.0.0.0/99": expected a CIDR such as 10.244.0.0/16',
    );
    expect((await cli('check', '--api-server-port', 'https')).err).to.equal(
      'error: option --api-server-port: invalid value "https": expected a port number 1-65535',
    );
  });

  it('prints help', async () => {
    const r = await cli('--help');
    expect(r.code).to.equal(0);
    expect(r.out).to.include('check [options] [paths...]');
  });
});

describe('cli: netpol-harness findings', () => {
  it('writes the findings as Markdown', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'nph-'));
    const r = await cli('findings', `${dir}/disagree`, '--out', join(tmp, 'f.md'));
    expect(r.code).to.equal(0);
    expect(r.out).to.equal(`wrote ${join(tmp, 'f.md')}: 1 findings from 1 scenarios`);
    const md = readFileSync(join(tmp, 'f.md'), 'utf8');
    expect(md).to.include('### Task 3: Test Blocked Traffic: claim contradicts the NetworkPolicy spec');
    expect(md).to.include('- **Claims:** other → http://web (wget, step "apply"): allowed');
  });
});

describe('cli: netpol-harness compare', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'nph-compare-'));
  const line = (over: Record<string, unknown>) =>
    JSON.stringify({
      scenario: 's',
      scenarioFile: 's.yaml',
      line: 9,
      step: 'apply',
      stepIndex: 0,
      from: 'x/b',
      to: 'svc-ip/x/s-x-a:80',
      port: 80,
      protocol: 'TCP',
      tool: 'nc',
      documented: ['blocked'],
      model: 'blocked',
      explanation: ['ingress to x/a: isolated by p; no rule allows it (p ingress: none)'],
      verdict: 'pass',
      runId: 'r-0',
      live: 'blocked',
      flaky: false,
      ...over,
    });
  const write = (name: string, text: string) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  };

  it('exits 0 when both runs answered every probe alike', async () => {
    const r = await cli('compare', write('a.json', line({})), write('b.json', line({ runId: 'r-1' })));
    expect(r.code).to.equal(0);
    expect(r.out).to.include('1 probes in both runs: 1 the same, 0 differ');
  });

  it('exits 1 when they differ, and writes Markdown and HTML', async () => {
    const r = await cli(
      'compare',
      join(tmp, 'a.json'),
      write('c.json', line({ live: 'allowed', verdict: 'enforcement-mismatch' })),
      '--label-a',
      'calico',
      '--label-b',
      'other',
      '--markdown',
      join(tmp, 'd.md'),
      '--html',
      join(tmp, 'd.html'),
    );
    expect(r.code).to.equal(1);
    expect(r.out).to.include('      other   allowed [enforcement-mismatch]');
    expect(readFileSync(join(tmp, 'd.md'), 'utf8')).to.include('# calico vs other');
    expect(readFileSync(join(tmp, 'd.html'), 'utf8')).to.include('<h1>calico vs other</h1>');
  });

  it('exits 2 naming the file and line of a record it cannot read, in either file', async () => {
    const r = await cli('compare', write('bad.json', '{"scenario": 1}\n'), join(tmp, 'missing.json'));
    expect(r.code).to.equal(2);
    expect(r.err.split('\n')).to.deep.equal([
      `error: ${join(tmp, 'bad.json')}:1:1: "scenario" is missing or not a string: not a \`run --json\` record (a \`check --json\` record has no live answer)`,
      `error: ${join(tmp, 'missing.json')}: no such file or directory`,
      '2 problems in the input; nothing was run',
    ]);
  });
});
