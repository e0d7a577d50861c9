import { expect } from 'chai';
import { localExecStream, type LocalExecStream } from '../testing/local-exec-stream.js';
import { FrameDecoder, parseFrameLine, type AgentFrame } from './agent-frames.js';
import { agentScript, encodeRequest } from './agent-script.js';
import { AgentSession, SessionFailure } from './agent-session.js';

// These tests run the real agent script with this machine's /bin/sh (dash on Debian), the same
// POSIX shell family the client images have.

function startLocal(streams: LocalExecStream[] = []): Promise<AgentSession> {
  return AgentSession.start(async (command) => {
    const s = localExecStream(command);
    streams.push(s);
    return s;
  }, 5000);
}

async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('AgentSession (real agent, local shell)', () => {
  let sessions: AgentSession[] = [];
  afterEach(() => {
    sessions.forEach((s) => s.close());
    sessions = [];
  });
  const open = async (streams?: LocalExecStream[]) => {
    const s = await startLocal(streams);
    sessions.push(s);
    return s;
  };

  it('runs a command and returns its exit code, stdout and stderr', async () => {
    const s = await open();
    const r = await s.run(['sh', '-c', 'echo out; echo err >&2; exit 3'], 5000);
    expect(r).to.include({ exitCode: 3, stdout: 'out\n', stderr: 'err\n' });
    expect(r.durationMs).to.be.a('number');
    // timed inside the agent, in hundredths of a second: at most one tick more than the round trip
    expect(r.toolMs)
      .to.be.a('number')
      .and.to.be.at.most(r.durationMs + 10);
  });

  it("places each tool start in our clock, from the agent's: inside the probe's round trip, however long it was", async () => {
    const s = await open();
    for (const sleep of ['0', '0.2', '0']) {
      const sent = Date.now();
      // the tool starts only after the request arrived; the sleep happens inside the tool
      const r = await s.run(['sh', '-c', `sleep ${sleep}`], 5000);
      const received = Date.now();
      const w = r.toolStartedMs;
      expect(w, 'a window').to.not.equal(undefined);
      expect(w?.earliestMs).to.be.at.least(sent);
      expect(w?.latestMs).to.be.at.most(received);
      expect((w?.latestMs ?? 0) - (w?.earliestMs ?? 0)).to.be.at.most(received - sent);
      // a tool that sleeps started well before its end: the window lies before the reply by about the sleep
      if (sleep === '0.2') expect(received - (w?.latestMs ?? received)).to.be.at.least(150);
    }
  });

  it('keeps arguments with quotes, spaces and shell characters intact', async () => {
    const s = await open();
    const arg = `it's $HOME; \`x\` "q" *`;
    const r = await s.run(['printf', '%s', arg], 5000);
    expect(r.stdout).to.equal(arg);
  });

  it('cannot be fooled by output that looks like a frame', async () => {
    const s = await open();
    const fake = 'NPH1 0000000000000000 R 2 0 1 - -\nNPH1 anything R 1 0 1 6869 -\n';
    const r = await s.run(['printf', fake.replace(/\n/g, '\\n')], 5000);
    expect(r.stdout).to.equal(fake);
    const second = await s.run(['echo', 'next'], 5000);
    expect(second.stdout).to.equal('next\n');
  });

  it('runs probes in parallel, each answered under its own id', async () => {
    const s = await open();
    const started = Date.now();
    const rs = await Promise.all(
      [0.6, 0.2, 0.4, 0.1, 0.5].map((t, i) => s.run(['sh', '-c', `sleep ${t}; echo ${i}`], 5000)),
    );
    expect(rs.map((r) => r.stdout)).to.deep.equal(['0\n', '1\n', '2\n', '3\n', '4\n']);
    // each command timed inside the agent
    expect(rs[0]?.toolMs).to.be.within(550, 1500);
    expect(rs[3]?.toolMs).to.be.within(50, 900);
    // in parallel: well under the 1.8 s the sleeps add up to (bounds loose for a loaded machine)
    expect(Date.now() - started).to.be.below(1800);
  });

  it('returns long outputs whole, in chunk frames, while other probes answer in between', async () => {
    const s = await open();
    // 9000 bytes on stdout and 3000 on stderr (too long for a reply line), and short probes alongside
    const long = s.run(
      [
        'sh',
        '-c',
        'i=0; while [ $i -lt 900 ]; do printf "%09d\\n" $i; i=$((i + 1)); done; i=0; while [ $i -lt 300 ]; do printf "e%08d\\n" $i >&2; i=$((i + 1)); done',
      ],
      10000,
    );
    const short = Array.from({ length: 20 }, (_, i) => s.run(['echo', `s${i}`], 10000));
    const r = await long;
    expect(r.exitCode).to.equal(0);
    expect(r.stdout).to.equal(Array.from({ length: 900 }, (_, i) => `${String(i).padStart(9, '0')}\n`).join(''));
    expect(r.stderr).to.equal(Array.from({ length: 300 }, (_, i) => `e${String(i).padStart(8, '0')}\n`).join(''));
    expect((await Promise.all(short)).map((x) => x.stdout)).to.deep.equal(
      Array.from({ length: 20 }, (_, i) => `s${i}\n`),
    );
  });

  it('keeps every reply line under one atomic pipe write, so lines of probes finishing together never mix', async () => {
    const lines: string[] = [];
    const streams: LocalExecStream[] = [];
    const s = await open(streams);
    streams[0]?.onStdout((c) => lines.push(...c.toString('latin1').split('\n')));
    const outputs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        s.run(['sh', '-c', `head -c ${3000 + i * 700} /dev/zero | tr '\\0' ${String.fromCharCode(97 + i)}`], 10000),
      ),
    );
    outputs.forEach((o, i) => expect(o.stdout).to.equal(String.fromCharCode(97 + i).repeat(3000 + i * 700)));
    expect(Math.max(...lines.map((l) => l.length))).to.be.below(4096);
  });

  it('rejects every pending probe with a SessionFailure when the agent dies mid-probe', async () => {
    const streams: LocalExecStream[] = [];
    const s = await open(streams);
    const pending = s.run(['sleep', '5'], 10000);
    setTimeout(() => streams[0]?.kill(), 100);
    const err = await failureOf(pending);
    expect(err).to.be.instanceOf(SessionFailure);
    expect(err.message).to.match(/^the probe agent's exec stream ended \(killed by SIGKILL\)/);
    expect(s.alive).to.equal(false);
    expect(await failureOf(s.run(['true'], 1000))).to.be.instanceOf(SessionFailure);
  });

  it('declares the session dead when a probe is not answered in time', async () => {
    const s = await open();
    const err = await failureOf(s.run(['sleep', '3'], 300));
    expect(err.message).to.equal('the probe agent did not answer `sleep 3` within 0.3 s');
    expect(s.alive).to.equal(false);
  });

  it('fails to start when the container has no shell', async () => {
    const err = await failureOf(
      AgentSession.start(async (command) => localExecStream(['/nonexistent/sh', ...command.slice(1)]), 3000),
    );
    expect(err).to.be.instanceOf(SessionFailure);
    expect(err.message).to.match(
      /^the probe agent's exec stream ended \(could not start: spawn \/nonexistent\/sh ENOENT\)/,
    );
  });

  it('reaps finished probes (no zombies pile up in the agent)', async () => {
    const s = await open();
    await Promise.all(Array.from({ length: 30 }, () => s.run(['true'], 5000)));
    const ps = await s.run(['sh', '-c', `ps -o stat= --ppid ${s.pid}`], 5000);
    // The reply of a probe goes out before its process ends, so the last few may not be reaped yet (30 would be).
    expect(ps.stdout.split('\n').filter((l) => l.startsWith('Z')).length).to.be.at.most(5);
  });
});

describe('agent framing', () => {
  it('returns binary output byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const stream = localExecStream(['sh', '-c', agentScript('abc123')]);
    const decoder = new FrameDecoder('abc123');
    const frames: AgentFrame[] = [];
    const got = new Promise<void>((resolve) =>
      stream.onStdout((c) => {
        frames.push(...decoder.feed(c));
        if (frames.some((f) => f.kind === 'reply')) resolve();
      }),
    );
    const octal = [...bytes].map((b) => `\\${b.toString(8).padStart(3, '0')}`).join('');
    stream.write(encodeRequest(7, ['printf', octal]));
    await got;
    stream.close();
    const reply = frames.find((f) => f.kind === 'reply');
    expect(reply).to.deep.include({ kind: 'reply', id: 7, exitCode: 0 });
    expect(reply?.kind === 'reply' && reply.stdout?.equals(bytes)).to.equal(true);
  });

  it('decodes frames split across chunks anywhere', () => {
    const text = 'NPH1 n1 READY 42\nnoise line\nNPH1 n1 R 3 1 15 123456 6869 -\nNPH1 other R 4 0 - - - -\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const d = new FrameDecoder('n1');
      const frames = [...d.feed(Buffer.from(text.slice(0, cut))), ...d.feed(Buffer.from(text.slice(cut)))];
      expect(frames).to.have.length(2);
      expect(frames[0]).to.deep.equal({ kind: 'ready', pid: 42 });
      expect(frames[1]).to.deep.include({ kind: 'reply', id: 3, exitCode: 1, toolMs: 15, startCs: 123456 });
    }
  });

  it('reads chunk frames, and a reply whose outputs came in chunks', () => {
    expect(parseFrameLine('NPH1 n1 C 3 o 6869', 'n1')).to.deep.equal({
      kind: 'chunk',
      id: 3,
      stream: 'stdout',
      data: Buffer.from('hi'),
    });
    expect(parseFrameLine('NPH1 n1 C 3 e 21', 'n1')).to.deep.equal({
      kind: 'chunk',
      id: 3,
      stream: 'stderr',
      data: Buffer.from('!'),
    });
    expect(parseFrameLine('NPH1 n1 R 3 0 5 - + -', 'n1')).to.deep.equal({
      kind: 'reply',
      id: 3,
      exitCode: 0,
      toolMs: 5,
      stdout: undefined,
      stderr: Buffer.alloc(0),
    });
    for (const bad of [
      'NPH1 n1 C 3 x 6869',
      'NPH1 n1 C 3 o',
      'NPH1 n1 C 3 o -',
      'NPH1 n1 C 3 o 686',
      'NPH1 n1 C y o 68',
      'NPH1 n1 R 3 0 5 - ++ -',
    ])
      expect(parseFrameLine(bad, 'n1'), bad).to.equal(undefined);
  });

  it('takes nothing but well-formed lines of its own session for a frame', () => {
    expect(parseFrameLine('NPH1 n1 R 3 0 5 - - -', 'n1')).to.deep.include({ id: 3, toolMs: 5 });
    expect(parseFrameLine('NPH1 n1 R 3 0 5 77 - -', 'n1')).to.deep.include({ id: 3, toolMs: 5, startCs: 77 });
    expect(parseFrameLine('NPH1 n1 R 3 0 - - 6g -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R 3 0 - - 686 -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n2 R 3 0 - - - -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R x 0 - - - -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R 3 0 x - - -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R 3 0 - x - -', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R 3 0 - - - - extra', 'n1')).to.equal(undefined);
    expect(parseFrameLine('NPH1 n1 R 3 0 - - -', 'n1')).to.equal(undefined);
  });

  it('refuses commands that would break the line protocol', () => {
    expect(() => encodeRequest(1, ['wget', 'http://x/\nNPH1'])).to.throw(
      'probe command cannot be sent to the agent: argument "http://x/\\nNPH1" contains a control character',
    );
  });
});
