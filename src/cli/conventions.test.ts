import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { main, type LazyCommands } from './program.js';

async function cli(argv: string[], lazy: LazyCommands[] = [], colorOut = false) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), colorOut }, lazy);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A lazy command whose action has a bug (a TypeError), as a live command might. */
const buggy: LazyCommands = {
  commands: [{ name: 'boom', summary: 'fails with a bug' }],
  load: async () => (program) => {
    program
      .command('boom')
      .description('fails with a bug')
      .action(() => {
        (undefined as unknown as { x: number }).x.toFixed();
      });
  },
};

describe('cli conventions', () => {
  it('a bug in the harness exits 4 asking for a report, the stack only with --debug', async () => {
    const plain = await cli(['boom'], [buggy]);
    expect(plain.code).to.equal(4);
    expect(plain.err).to.equal(
      "internal error, please report: Cannot read properties of undefined (reading 'x')\n  (run again with --debug to see the stack)",
    );
    const debug = await cli(['boom', '--debug'], [buggy]);
    expect(debug.code).to.equal(4);
    expect(debug.err).to.match(
      /^internal error, please report: .*\nTypeError: Cannot read properties of undefined \(reading 'x'\)\n\s+at /,
    );
  });

  it('an unknown command exits 2 with a hint, also with --help', async () => {
    for (const argv of [['captur', '--help'], ['chek'], ['help', 'chek']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).to.equal(2);
      expect(r.out).to.equal('');
    }
    expect((await cli(['chek', '--help'])).err).to.equal(
      "error: unknown command 'chek' (did you mean 'check'?)\n(netpol-harness --help lists the commands)",
    );
    expect(
      (
        await cli(
          ['rn'],
          [
            buggy,
            { commands: [{ name: 'run', summary: 'live' }], load: () => Promise.reject(new Error('must not load')) },
          ],
        )
      ).err,
    ).to.include("(did you mean 'run'?)");
  });

  it('an unknown flag exits 2 with a hint', async () => {
    const r = await cli(['check', '--quite']);
    expect(r.code).to.equal(2);
    expect(r.err).to.include("error: unknown option '--quite'\n(Did you mean --quiet?)");
  });

  it('lists lazy commands in --help without loading them; loads one for its own --help', async () => {
    const never: LazyCommands = {
      commands: [{ name: 'run', summary: 'run scenarios live' }],
      load: () => Promise.reject(new Error('loaded')),
    };
    const root = await cli(['--help'], [never]);
    expect(root.code).to.equal(0);
    expect(root.out).to.match(/\n {2}run \[options\] +run scenarios live\n/);
    expect(root.out).to.include('Exit codes:\n  0  nothing --fail-on names occurred');
    expect(root.out).to.include('Environment:\n  KUBECONFIG');
    expect(root.out).to.include('Examples:\n');
    expect(root.out).to.include('--cluster current');
    const own = await cli(['boom', '--help'], [buggy]);
    expect(own.code).to.equal(0);
    expect(own.out).to.include('Usage: netpol-harness boom [options]');
    expect(own.out).to.include('-q, --quiet');
    expect(own.out).to.include('-v, --verbose');
    expect(own.out).to.include('--color <when>');
  });

  it('--json - writes the records to stdout and the report to stderr', async () => {
    const r = await cli(['check', 'src/cli/testdata/disagree', '--json', '-']);
    expect(r.code).to.equal(1);
    const lines = r.out.split('\n');
    expect(lines).to.have.length(4);
    for (const l of lines) expect(JSON.parse(l)).to.have.property('verdict');
    expect(r.err).to.include('summary: 1 scenarios');
    const junit = await cli(['check', 'src/cli/testdata/disagree', '--junit', '-', '--quiet']);
    expect(junit.out).to.match(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect((await cli(['check', '--json', '-', '--junit', '-'])).code).to.equal(2);
  });

  it('colours: --color always|never|auto, --no-color, and the terminal default', async () => {
    const red = '\u001b[31m';
    const run = async (argv: string[], auto: boolean) =>
      (await cli(['check', 'src/cli/testdata/disagree', '--quiet', ...argv], [], auto)).out.includes(red);
    expect(await run([], true)).to.equal(true);
    expect(await run([], false)).to.equal(false);
    expect(await run(['--color', 'always'], false)).to.equal(true);
    expect(await run(['--color', 'never'], true)).to.equal(false);
    expect(await run(['--color', 'auto'], true)).to.equal(true);
    expect(await run(['--no-color'], true)).to.equal(false);
    expect((await cli(['check', '--color', 'sometimes'])).code).to.equal(2);
  });

  it('--verbose says what was done on stderr; --quiet keeps stderr for errors', async () => {
    const v = await cli(['check', 'src/cli/testdata/good', '-v']);
    expect(v.err).to.match(/^checked 1 scenarios \(4 probes\) in \d+ ms\ndone in \d+\.\d\d s, exit code 0$/);
    const q = await cli(['check', 'src/cli/testdata/bad', '-q']);
    expect(q.code).to.equal(2);
    expect(q.err).to.include('2 problems in the input');
  });

  it('prints bash and zsh completion scripts naming every command and its options', async () => {
    const bash = await cli(['completion', 'bash'], [buggy]);
    expect(bash.code).to.equal(0);
    expect(bash.out).to.include('complete -o filenames -F _netpol_harness netpol-harness');
    expect(bash.out).to.include('check findings completion compare boom help');
    expect(bash.out).to.match(/--color\) COMPREPLY=\(\$\(compgen -W "always never auto"/);
    const zsh = await cli(['completion', 'zsh']);
    expect(zsh.out).to.match(/^#compdef netpol-harness\n/);
    expect(zsh.out).to.include("'--strict[also fail");
    expect((await cli(['completion', 'fish'])).code).to.equal(2);
  });

  it('the bash completion completes commands and options in a real bash', async () => {
    const script = (await cli(['completion', 'bash'])).out;
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _netpol_harness; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      )
        .trim()
        .split('\n');
    expect(complete(['netpol-harness', 'ch'])).to.deep.equal(['check']);
    expect(complete(['netpol-harness', 'check', '--st'])).to.deep.equal(['--strict']);
    expect(complete(['netpol-harness', 'check', '--color', 'n'])).to.deep.equal(['never']);
  });

  it('a rejected manifest that no probe depends on is a finding, and fails under --strict', async () => {
    const plain = await cli(['check', 'src/cli/testdata/rejected', '--quiet']);
    expect(plain.code).to.equal(0);
    expect(plain.out).to.include('[manifest would be rejected by the API server]');
    expect(plain.out).to.include(
      'spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Egress", "Ingress"',
    );
    const strict = await cli(['check', 'src/cli/testdata/rejected', '--quiet', '--strict']);
    expect(strict.code).to.equal(1);
    expect(strict.out).to.include('strict: 1 rejected manifest and 0 probes undefined by the spec count as failures');
  });
});

describe('run: how the cluster is chosen', () => {
  it('kind by default; --cluster current, --kubeconfig or --context: an existing cluster as kubectl finds it', async () => {
    const { chooseDriver } = await import('./run-command.js');
    expect(chooseDriver({}).describe()).to.match(/^kind cluster/);
    expect(chooseDriver({ cluster: 'current' }).describe()).to.equal('existing cluster (current context)');
    expect(chooseDriver({ context: 'prod' }).describe()).to.equal('existing cluster (context prod)');
    expect(() => chooseDriver({ cluster: 'kind', context: 'prod' })).to.throw(
      'option --cluster: invalid value "kind": --kubeconfig and --context choose an existing cluster',
    );
  });

  it('says so in run --help', async () => {
    const { installers } = await import('./installers.js');
    const r = await cli(['run', '--help'], installers);
    expect(r.code).to.equal(0);
    expect(r.out).to.include('--cluster <which>');
    expect(r.out).to.include('How run and preflight choose the cluster');
    expect(r.out).to.include('else every file of $KUBECONFIG (merged)');
  });
});
