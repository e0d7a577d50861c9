import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../scenario/parse.js';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { runInSession } from '../testing/live-session.js';
import { installers } from './installers.js';
import { main } from './program.js';
import { reportRuns, sessionOptions, type RunOptions } from './run-command.js';

/**
 * Hostile inputs through the CLI's entry, generated here (the largest is 1 MB): each ends with a
 * plain located message and its exit code, well inside the deadline, never a hang or a stack.
 */
const DEADLINE_MS = 15_000;

const GOOD = readFileSync('src/cli/testdata/good/ok.yaml', 'utf8');
const PROBLEM_TAIL = (n: number) => `${n} problem${n === 1 ? '' : 's'} in the input; nothing was run`;

interface Run {
  code: number;
  out: string;
  err: string;
}

let dir: string;

async function cli(...argv: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut: false }, installers);
  const local = (s: string[]) => s.join('\n').split(dir).join('D');
  return { code, out: local(out), err: local(err) };
}

/** Writes `name` under the temporary folder and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** The 1-based line of the `n`th line of `text` that starts with `prefix`. */
function lineOf(text: string, prefix: string, n = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) if (line.startsWith(prefix) && ++seen === n) return i + 1;
  throw new Error(`no line ${n} starting with ${prefix}`);
}

/** Makes a FIFO at `path`; the caller opens no writer, so a reader that opens it blocking would hang. */
async function fifo(path: string): Promise<string> {
  await new Promise<void>((resolve, reject) =>
    spawn('mkfifo', [path]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo: ${c}`)))),
  );
  return path;
}

/** A sparse file one byte over `bytes`: refused from its size, never read (and it takes no disk). */
function sparse(name: string, bytes: number): string {
  const path = file(name, '');
  truncateSync(path, bytes + 1);
  return path;
}

/** A kubeconfig for one cluster at `server`. */
function kubeconfig(name: string, server: string, context = 'hostile'): string {
  return file(
    name,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: c-${context}, cluster: { server: "${server}", insecure-skip-tls-verify: true } }]`,
      `users: [{ name: u-${context}, user: { token: t0ken } }]`,
      `contexts: [{ name: ${context}, context: { cluster: c-${context}, user: u-${context} } }]`,
      `current-context: ${context}`,
      '',
    ].join('\n'),
  );
}

/** Runs `work` with environment variables set, and puts them back. */
async function withEnv<T>(vars: Record<string, string | undefined>, work: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
    }
  };
  apply(vars);
  try {
    return await work();
  } finally {
    apply(saved);
  }
}

/** No control character but the line break: what reached the terminal is safe to show. */
function controls(text: string): string[] {
  return [...text].filter((c) => (c < ' ' && c !== '\n') || c === '\u007f');
}

/** GOOD's policy as a manifest file of its own. */
const ALLOW_OK = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: { name: allow-ok }',
  'spec:',
  '  podSelector: { matchLabels: { app: web } }',
  '  ingress: [{ from: [{ podSelector: { matchLabels: { app: ok } } }] }]',
  '',
].join('\n');

const withTitleAnchor = GOOD.replace('name: ok\n', 'name: ok\ntitle: &t title\n');

describe('cli: hostile input ends in a located message and its exit code', function () {
  this.timeout(DEADLINE_MS);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nph-hostile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('YAML aliases', () => {
    it('refuses the 101st use of an anchor among 20,000 at once (one pass, not one per alias)', async () => {
      const text = `${withTitleAnchor}description:\n${'  - *t\n'.repeat(20_000)}`;
      const r = await cli('check', file('aliases.yaml', text));
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          `error: D/aliases.yaml:${lineOf(text, '  - *t', 101)}:5: invalid YAML: anchor &t is used more than 100 times`,
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });

    it('accepts an anchor used exactly 100 times, as documented', async () => {
      const clients = Array.from({ length: 100 }, (_, i) => `  - { name: c${i}, image: alpine, labels: *l }\n`);
      const text = GOOD.replace('labels: { app: web }', 'labels: &l { app: web }').replace(
        'clients:\n',
        `clients:\n${clients.join('')}`,
      );
      const r = await cli('check', '-q', file('hundred.yaml', text));
      expect(r.err).to.equal('');
      expect(r.code).to.equal(0);
      expect(r.out).to.include('summary: 1 scenarios');
    });

    it('loads a 1 MB file of 50,000 anchors and their aliases', async () => {
      const count = 50_000;
      const anchors = Array.from({ length: count }, (_, i) => `&a${i} x`).join(', ');
      const aliases = Array.from({ length: count }, (_, i) => `*a${i}`).join(', ');
      const text = GOOD.replace(
        'workloads:',
        `capture:\n  from: x\n  at: y\n  policyFieldsRemoved: [${anchors}]\n  leftOut: [${aliases}]\nworkloads:`,
      );
      expect(text.length).to.be.within(900_000, 1024 * 1024);
      const r = await cli('check', '-q', file('many.yaml', text));
      expect(r.err).to.equal('');
      expect(r.code).to.equal(0);
    });

    it('refuses aliases that expand past 100,000 nodes (an alias bomb)', async () => {
      const levels = Array.from(
        { length: 9 },
        (_, i) => `x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]\n`,
      );
      const text = `${GOOD}x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${levels.join('')}`;
      const r = await cli('check', file('bomb.yaml', text));
      expect(r.code).to.equal(2);
      // x1 to x3 stand for 12,330 nodes, each *a3 for 11,111: the 8th *a3 of x4 goes past.
      const line = lineOf(text, 'x4:');
      expect(r.err).to.equal(
        [
          `error: D/bomb.yaml:${line}:${'x4: &a4 ['.length + 1 + 7 * '*a3, '.length}: invalid YAML: the aliases stand for more than 100000 nodes in all (an alias bomb?); write the data out or use fewer aliases`,
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });

    it('refuses an alias inside the node it names', async () => {
      const r = await cli('check', file('loop.yaml', GOOD.replace('labels: { app: web }', 'labels: &l { app: *l }')));
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          'error: D/loop.yaml:6:50: invalid YAML: alias *l is inside the node &l names (it would contain itself)',
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });
  });

  describe('files that are not scenario files', () => {
    it('refuses a device (/dev/zero) unread', async () => {
      const r = await cli('check', '/dev/zero');
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          'error: /dev/zero: not a regular file but a character device: a scenario or policy file is read from a regular file',
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });

    it('refuses a FIFO named p.yaml in a scanned folder without opening it for a writer', async () => {
      file('ok.yaml', GOOD);
      const fifo = join(dir, 'p.yaml');
      await new Promise<void>((resolve, reject) =>
        spawn('mkfifo', [fifo]).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo: ${c}`)))),
      );
      // A safety valve: should the check block opening the FIFO, a writer comes and goes, and the test fails instead of hanging.
      const valve = spawn('sh', ['-c', `sleep ${DEADLINE_MS / 1000 + 1}; : > "$1"`, 'sh', fifo], { stdio: 'ignore' });
      try {
        const r = await cli('check', dir);
        expect(r.code).to.equal(2);
        expect(r.err).to.equal(
          [
            'error: D/p.yaml: not a regular file but a named pipe (FIFO): a scenario or policy file is read from a regular file',
            PROBLEM_TAIL(1),
          ].join('\n'),
        );
      } finally {
        valve.kill();
      }
    });

    it('refuses a file over 1 MiB unread', async () => {
      const r = await cli('check', file('big.yaml', `${GOOD}#${'x'.repeat(1024 * 1024)}\n`));
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          `error: D/big.yaml: file is ${GOOD.length + 1024 * 1024 + 2} bytes; a scenario or policy file may be at most 1048576 bytes (is it the right file?)`,
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });

    it('reads a file named twice once', async () => {
      const path = file('ok.yaml', GOOD);
      const r = await cli('check', '-q', path, join(dir, '.', 'sub', '..', 'ok.yaml'), dir);
      expect(r.err).to.equal('');
      expect(r.code).to.equal(0);
      expect(r.out).to.include('summary: 1 scenarios');
    });
  });

  describe('YAML structure', () => {
    it('refuses nesting deeper than 100 levels where it starts', async () => {
      const text = `${GOOD}x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
      const r = await cli('check', file('deep.yaml', text));
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          `error: D/deep.yaml:${lineOf(text, 'x:')}:${'x: '.length + 100}: nested deeper than 100 levels: a scenario or policy file may nest at most 100 (it needs about ten)`,
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });

    it('says plainly that a scenario file holds one YAML document', async () => {
      const text = `${GOOD}---\nname: second\n`;
      const r = await cli('check', file('two.yaml', text));
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        [
          `error: D/two.yaml:${lineOf(text, '---')}:1: a scenario file holds one YAML document; a second one starts here (remove it, or move it to a file of its own)`,
          PROBLEM_TAIL(1),
        ].join('\n'),
      );
    });
  });

  describe('names and labels the API server would refuse', () => {
    it('refuses them under check --strict, before anything is applied', async () => {
      const text = GOOD.replace(
        'workloads:',
        [
          'namespaces:',
          `  - name: ${'n'.repeat(64)}`,
          `  - name: ${'m'.repeat(253)}`,
          `    labels: { a/b/c: x, team: "a b", long: ${'v'.repeat(64)} }`,
          'workloads:',
        ].join('\n'),
      ).replace(
        '    apply: [allow-ok]\n',
        '    apply: [allow-ok]\n    label: [{ pod: other, labels: { app: "no good" } }]\n',
      );
      const r = await cli('check', '--strict', file('names.yaml', text));
      expect(r.code).to.equal(2);
      const label = lineOf(text, '    labels: { a/b/c');
      const qualified =
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', with an optional DNS subdomain prefix and '/'";
      const value =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
      expect(r.err.split('\n')).to.deep.equal([
        `error: D/names.yaml:6:11: namespaces[0].name: invalid value "${'n'.repeat(60)}… (4 more characters)": must be no more than 63 characters`,
        `error: D/names.yaml:7:11: namespaces[1].name: invalid value "${'m'.repeat(60)}… (193 more characters)": must be no more than 63 characters`,
        `error: D/names.yaml:${label}:15: namespaces[1].labels.a/b/c: invalid label key "a/b/c": ${qualified}`,
        `error: D/names.yaml:${label}:31: namespaces[1].labels.team: invalid label value "a b": ${value}`,
        `error: D/names.yaml:${label}:44: namespaces[1].labels.long: invalid label value "${'v'.repeat(60)}… (4 more characters)": must be no more than 63 characters`,
        `error: D/names.yaml:${lineOf(text, '    label: [')}:42: steps[1].label[0].labels.app: invalid label value "no good": ${value}`,
        PROBLEM_TAIL(6),
      ]);
    });
  });

  describe('control characters', () => {
    it('reach the terminal escaped, in the report and in messages', async () => {
      const text = GOOD.replace('- name: baseline', '- name: "base\\e[2Jline\\a"');
      const r = await cli('check', '--no-color', file('ctl.yaml', text));
      expect(r.code).to.equal(0);
      expect(r.out).to.include('step 1/2: base\\u{1b}[2Jline\\u{7}');
      expect([...r.out].filter((c) => c < ' ' && c !== '\n')).to.deep.equal([]);
      const flag = await cli('check', '--pod-cidr', 'a\u001b]0;title\u0007');
      expect(flag.code).to.equal(2);
      expect(flag.err).to.equal(
        'error: option --pod-cidr: invalid value "a\\u{1b}]0;title\\u{7}": expected a CIDR such as 10.244.0.0/16',
      );
    });

    it('reach the terminal escaped in explain and diff output, from a file name and a step name', async () => {
      const text = GOOD.replace('- name: baseline', '- name: "base\\e[2Jline\\a"');
      const scenario = file('w\u001b]0;t\u0007.yaml', text);
      const explained = await cli('explain', '--no-color', '--step', '1', 'ok-client', 'web:80', scenario);
      expect(explained.code, explained.err).to.equal(0);
      expect(explained.out).to.include('w\\u{1b}]0;t\\u{7}.yaml');
      expect(controls(explained.out)).to.deep.equal([]);
      file('b\u001b[2J/allow.yaml', ALLOW_OK);
      mkdirSync(join(dir, 'a\u0007'));
      const diffed = await cli(
        'diff',
        '--no-color',
        '--world',
        scenario,
        join(dir, 'b\u001b[2J'),
        join(dir, 'a\u0007'),
      );
      expect(diffed.code, diffed.err).to.equal(1);
      expect(diffed.out).to.include('b\\u{1b}[2J');
      expect(diffed.out).to.include('a\\u{7}');
      expect(controls(diffed.out)).to.deep.equal([]);
    });

    it("reach the terminal escaped in run's report, with colours off and with colours on (only the report's own colour codes)", async () => {
      const text = GOOD.replace('- name: apply', '- name: "app\\e]0;title\\aly"');
      const scenario = parseScenario('ctl.yaml', text, () => undefined);
      const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
      for (const color of [false, true]) {
        const out: string[] = [];
        const io = { out: (x: string) => out.push(x), err: (x: string) => out.push(x), colorOut: color };
        const opts: RunOptions = { concurrency: 2, parallel: 2, timeout: 2, color, probeMode: 'session' };
        // The progress lines as run prints them (sessionOptions), and then the report.
        const run = await runInSession([scenario], kube, opts, sessionOptions(opts, io).progress);
        expect(reportRuns(run, opts, io)).to.equal(1);
        const shown = out.join('\n');
        expect(shown).to.include('app\\u{1b}]0;title\\u{7}ly');
        const colourCodes = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');
        expect(controls(shown.replace(colourCodes, ''))).to.deep.equal([]);
        if (color) expect(shown).to.match(colourCodes);
      }
    });
  });

  describe('files named on the command line that are not what they claim', () => {
    it('merge refuses a FIFO, a folder and a file over 256 MiB as shards, each with its name', async () => {
      const pipe = await fifo(join(dir, 'p.json'));
      mkdirSync(join(dir, 'd.json'));
      const big = sparse('big.json', 256 * 1024 * 1024);
      const r = await cli('merge', pipe, join(dir, 'd.json'), big);
      expect(r.code).to.equal(2);
      expect(r.err.split('\n')).to.deep.equal([
        'error: D/p.json: not a regular file but a named pipe (FIFO): a --json report is read from a regular file',
        'error: D/d.json: not a regular file but a directory: a --json report is read from a regular file',
        `error: D/big.json: file is ${256 * 1024 * 1024 + 1} bytes; a --json report may be at most ${256 * 1024 * 1024} bytes (is it the right file?)`,
        PROBLEM_TAIL(3),
      ]);
    });

    it('compare refuses a FIFO and a folder as runs, each with its name', async () => {
      const pipe = await fifo(join(dir, 'c.json'));
      mkdirSync(join(dir, 'e.json'));
      const r = await cli('compare', pipe, join(dir, 'e.json'));
      expect(r.code).to.equal(2);
      expect(r.err.split('\n')).to.deep.equal([
        'error: D/c.json: not a regular file but a named pipe (FIFO): a --json report is read from a regular file',
        'error: D/e.json: not a regular file but a directory: a --json report is read from a regular file',
        PROBLEM_TAIL(2),
      ]);
    });

    it('--baseline refuses a FIFO and a file over 64 MiB before anything runs', async () => {
      const ok = file('ok.yaml', GOOD);
      const pipe = await fifo(join(dir, 'b.json'));
      const r = await cli('check', '-q', ok, '--baseline', pipe);
      expect(r.code).to.equal(2);
      expect(r.err).to.equal(
        'error: option --baseline: invalid value "D/b.json": not a regular file but a named pipe (FIFO): a baseline file is read from a regular file',
      );
      const big = await cli('check', '-q', ok, '--baseline', sparse('big.json', 64 * 1024 * 1024));
      expect(big.code).to.equal(2);
      expect(big.err).to.match(
        /^error: option --baseline: invalid value "D\/big\.json": file is 67108865 bytes; a baseline file may be at most 67108864 bytes/,
      );
    });

    it('diff refuses a FIFO among the manifests and a manifest over 1 MiB, each with its name', async () => {
      const world = file('world.yaml', GOOD);
      file('before/allow.yaml', ALLOW_OK);
      mkdirSync(join(dir, 'after'));
      await fifo(join(dir, 'after', 'p.yaml'));
      sparse('after/big.yaml', 1024 * 1024);
      const r = await cli('diff', '--world', world, join(dir, 'before'), join(dir, 'after'));
      expect(r.code).to.equal(2);
      expect(r.err.split('\n')).to.deep.equal([
        `error: D/after/big.yaml: file is ${1024 * 1024 + 1} bytes; a scenario or policy file may be at most 1048576 bytes (is it the right file?)`,
        'error: D/after/p.yaml: not a regular file but a named pipe (FIFO): a scenario or policy file is read from a regular file',
        PROBLEM_TAIL(2),
      ]);
    });

    it('a kubeconfig that is a FIFO or a folder is refused with its name (exit 3, as any unusable kubeconfig)', async () => {
      const pipe = await fifo(join(dir, 'kc'));
      const r = await cli('clean', '--kubeconfig', pipe);
      expect(r.code).to.equal(3);
      expect(r.err.split('\n')[0]).to.equal(
        'error: unable to read kubeconfig D/kc: not a regular file but a named pipe (FIFO): a kubeconfig file is read from a regular file',
      );
      const folder = await withEnv({ KUBECONFIG: dir }, () => cli('clean'));
      expect(folder.code).to.equal(3);
      expect(folder.err.split('\n')[0]).to.equal(
        'error: unable to read kubeconfig D: not a regular file but a directory: a kubeconfig file is read from a regular file',
      );
    });
  });

  describe('an API server that accepts connections and never answers', () => {
    let server: Server;
    let sockets: Socket[];
    let url: string;

    beforeEach(async () => {
      sockets = [];
      server = createServer((socket) => {
        sockets.push(socket);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterEach(() => {
      for (const s of sockets) s.destroy();
      server.close();
    });

    /** The command against the silent server with a 0.3 s request deadline: exit 3, the server and request named, in time. */
    async function silent(...argv: string[]): Promise<Run> {
      return silentWith({ KUBECONFIG: undefined }, ...argv);
    }

    async function silentWith(env: Record<string, string | undefined>, ...argv: string[]): Promise<Run> {
      const started = Date.now();
      const r = await withEnv({ NETPOL_HARNESS_REQUEST_TIMEOUT: '0.3', ...env }, () => cli(...argv));
      expect(Date.now() - started).to.be.below(DEADLINE_MS / 2);
      expect(r.code, r.err).to.equal(3);
      expect(r.err).to.include(`${url}/`);
      expect(r.err).to.include('the API server did not answer within 0.3 s');
      return r;
    }

    it('ends run --cluster current with exit 3 at its first request', async () => {
      const r = await silent(
        'run',
        '--cluster',
        'current',
        '--kubeconfig',
        kubeconfig('kc', url),
        file('ok.yaml', GOOD),
      );
      expect(r.err).to.include(`GET ${url}/version: the API server did not answer within 0.3 s`);
    });

    it('ends capture -A with exit 3', async () => {
      const r = await silent('capture', '-A', '--kubeconfig', kubeconfig('kc', url), '-o', join(dir, 'out.yaml'));
      expect(r.err).to.include(`unable to list namespaces: GET ${url}/api/v1/namespaces: `);
    });

    it('ends explain -A (a live cluster read) with exit 3', async () => {
      const r = await silent('explain', 'a/x', 'b/y:80', '-A', '--kubeconfig', kubeconfig('kc', url));
      expect(r.err).to.include(`GET ${url}/api/v1/namespaces: `);
    });

    it('ends clean with exit 3', async () => {
      const r = await silent('clean', '--kubeconfig', kubeconfig('kc', url));
      expect(r.err).to.include(
        `unable to list namespaces (app.kubernetes.io/managed-by=netpol-harness): GET ${url}/api/v1/namespaces?`,
      );
    });

    it('ends preflight --cluster current with exit 3, on the cluster KUBECONFIG names (as run)', async () => {
      const r = await silentWith({ KUBECONFIG: kubeconfig('kc', url) }, 'preflight', '--cluster', 'current');
      expect(r.err).to.include(`GET ${url}/version: `);
    });

    it('KUBECONFIG=missing:good skips the missing file, as kubectl does; --kubeconfig missing is an error', async () => {
      const good = kubeconfig('good', url);
      const r = await silentWith({ KUBECONFIG: `${join(dir, 'missing')}:${good}` }, 'clean');
      expect(r.err).to.include('error: clean on context hostile failed');
      const missing = await cli('clean', '--kubeconfig', join(dir, 'missing'));
      expect(missing.code).to.equal(3);
      expect(missing.err.split('\n')[0]).to.equal(
        'error: unable to read kubeconfig D/missing: no such file or directory',
      );
    });
  });

  describe('the command line', () => {
    it('refuses an unknown option of help', async () => {
      const r = await cli('help', '--bogus');
      expect(r).to.deep.equal({ code: 2, out: '', err: "error: unknown option '--bogus'\n(add --help for the usage)" });
    });
  });

  describe('reports that cannot be written', () => {
    it('names a directory (exit 2) and a full disk (exit 3) with the error code', async () => {
      const ok = file('ok.yaml', GOOD);
      const toDir = await cli('check', '-q', ok, '--json', dir);
      expect(toDir.code).to.equal(2);
      expect(toDir.err).to.equal('error: cannot write D: it is a directory (EISDIR)');
      const underFile = await cli('check', '-q', ok, '--markdown', join(ok, 'x.md'));
      expect(underFile.code).to.equal(2);
      expect(underFile.err).to.equal(
        'error: cannot write D/ok.yaml/x.md: a part of the path is not a directory (ENOTDIR)',
      );
      const full = await cli('check', '-q', ok, '--json', '/dev/full');
      expect(full.code).to.equal(3);
      expect(full.err).to.equal('error: cannot write /dev/full: no space left on device (ENOSPC)');
    });
  });
});
