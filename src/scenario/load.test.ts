import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarios, MAX_PROBLEMS_PER_FILE } from './load.js';
import { formatProblem, InputError } from '../problems.js';

const GOOD = readFileSync('src/cli/testdata/good/ok.yaml', 'utf8');

/** The problems loadScenarios reports for `files` (name → content), formatted, with the temp dir replaced by `D`. */
function problemsOf(files: Record<string, string | Uint8Array>, setup?: (dir: string) => void): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'nph-load-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  setup?.(dir);
  try {
    loadScenarios([dir]);
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => formatProblem(p).split(dir).join('D'));
    throw err;
  }
  return [];
}

const aliases = (n: number) =>
  `${GOOD}x-list: &x 1\n`.replace('name: ok\n', `name: ok\ntitle: &t title\n`) +
  `# ${n}\n` +
  `description: [${Array(n).fill('*t').join(', ')}]\n`;

describe('loadScenarios: bad input is a located problem, never a crash', () => {
  it('reports an empty file and a comment-only file', () => {
    expect(problemsOf({ 'a.yaml': '', 'b.yaml': '# only a comment\n' })).to.deep.equal([
      'D/a.yaml:1:1: the file holds no YAML content (it is empty or only comments)',
      'D/b.yaml:1:1: the file holds no YAML content (it is empty or only comments)',
    ]);
  });

  it('reports a file that is a list or a single value', () => {
    expect(problemsOf({ 'a.yaml': '- 1\n', 'b.yaml': 'just text\n' })).to.deep.equal([
      'D/a.yaml:1:1: the file must hold a mapping (apiVersion: netpol-harness/v1, kind: Scenario, …), got a list',
      'D/b.yaml:1:1: the file must hold a mapping (apiVersion: netpol-harness/v1, kind: Scenario, …), got a single value',
    ]);
  });

  it('reports an undefined alias where it is used', () => {
    expect(problemsOf({ 'a.yaml': GOOD.replace('apply: [allow-ok]', 'apply: [*nope]') })).to.deep.equal([
      'D/a.yaml:27:13: invalid YAML: alias *nope names no anchor (define &nope before using it)',
    ]);
  });

  it('accepts an anchor used 100 times and refuses the 101st use', () => {
    const ok = problemsOf({ 'a.yaml': aliases(100) });
    expect(ok.join('\n')).not.to.include('more than 100 times');
    const bad = problemsOf({ 'a.yaml': aliases(101) });
    expect(bad).to.have.length(1);
    expect(bad[0]).to.match(/^D\/a\.yaml:32:415: invalid YAML: anchor &t is used more than 100 times$/);
  });

  it('reports a policy manifest that is not YAML at its line in the scenario file', () => {
    expect(
      problemsOf({ 'a.yaml': GOOD.replace('metadata: { name: allow-ok }', 'metadata: { name: [allow-ok }') }),
    ).to.deep.equal([
      'D/a.yaml:17:29: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'D/a.yaml:17:30: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('reports duplicate keys', () => {
    expect(problemsOf({ 'a.yaml': GOOD.replace('name: ok\n', 'name: ok\nname: again\n') })).to.deep.equal([
      'D/a.yaml:4:1: invalid YAML: Map keys must be unique',
    ]);
  });

  it('reports non-UTF-8, binary and control bytes with their line', () => {
    expect(
      problemsOf({
        'latin1.yaml': Buffer.from('name: caf\xe9\n', 'latin1'),
        'bin.yaml': Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]),
        'ctl.yaml': 'a: 1\nname: x\u001b[31m\n',
      }),
    ).to.deep.equal([
      'D/bin.yaml:1:1: control character 0x7f in the text (a binary file?); YAML allows only tab, line feed and carriage return',
      'D/ctl.yaml:2:8: control character 0x1b in the text (a binary file?); YAML allows only tab, line feed and carriage return',
      'D/latin1.yaml:1:10: not UTF-8 text: byte 0xe9 cannot start or continue a character (a binary file, or another encoding?)',
    ]);
  });

  it('reports unreadable paths: a directory behind a *.yaml link, a dangling link', () => {
    expect(
      problemsOf({}, (dir) => {
        mkdirSync(join(dir, 'real-dir'));
        symlinkSync(join(dir, 'real-dir'), join(dir, 'linked.yaml'));
        symlinkSync(join(dir, 'gone'), join(dir, 'dangling.yaml'));
      }),
    ).to.deep.equal([
      'D/dangling.yaml: no such file or directory',
      'D/linked.yaml: not a regular file but a directory: a scenario or policy file is read from a regular file',
    ]);
  });

  it("reports every file's problems together, and the good files are not reported", () => {
    const problems = problemsOf({
      'a.yaml': '',
      'good.yaml': GOOD,
      'z.yaml': GOOD.replace('name: ok', 'name: z').replace('derived: true', 'derived: maybe'),
    });
    expect(problems).to.deep.equal([
      'D/a.yaml:1:1: the file holds no YAML content (it is empty or only comments)',
      'D/z.yaml:23:14: steps[0].derived: must be true or false, got the string "maybe"',
    ]);
  });

  it('quotes at most a short excerpt, with control characters escaped', () => {
    const [problem] = problemsOf({ 'a.yaml': GOOD.replace('derived: true', `derived: "${'y'.repeat(5000)}\\u001b"`) });
    expect(problem).to.equal(
      `D/a.yaml:23:14: steps[0].derived: must be true or false, got the string "${'y'.repeat(60)}… (4941 more characters)"`,
    );
    const [ctl] = problemsOf({ 'a.yaml': GOOD.replace('derived: true', 'derived: "bell\\u0007"') });
    expect(ctl).to.equal('D/a.yaml:23:14: steps[0].derived: must be true or false, got the string "bell\\u{7}"');
  });

  it(`shows at most ${MAX_PROBLEMS_PER_FILE} problems of a garbage file and counts the rest`, () => {
    const garbage = Array.from({ length: 200 }, (_, i) => `k${i}: 1`).join('\n');
    const problems = problemsOf({ 'a.yaml': garbage });
    expect(problems).to.have.length(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems[MAX_PROBLEMS_PER_FILE]).to.match(/: … and 185 more problems in this file$/);
  });
});

describe('loadScenarios: a null field is an absent field', () => {
  it('an empty service selector (an empty anchor) selects as if absent, and checks without a crash', async () => {
    const { checkScenario } = await import('../reachability/check.js');
    const dir = mkdtempSync(join(tmpdir(), 'nph-null-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      GOOD.replace('selector: { app: web }', 'selector: &empty').replace(
        'derived: true',
        'derived: true\n    label: [{ pod: web, labels: { app: null } }]',
      ),
    );
    const [scenario] = loadScenarios([dir]);
    expect(scenario?.services[0]?.selector).to.equal(undefined);
    expect(scenario?.steps[0]?.relabel[0]?.labels).to.deep.equal({ app: null });
    expect(checkScenario(scenario!).records).to.have.length(4);
  });
});
