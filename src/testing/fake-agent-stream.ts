// The fake client's exec stream: an in-memory stand-in for the probe agent (src/probe/agent-script.ts)
// that answers each request line with the fake's exec answer, framed as the real agent frames it.
import type { ExecStream } from '../kube/types.js';

/** Splits a line of words quoted as shellQuote quotes them (bare words and '…' with '\'' escapes). */
export function splitQuotedWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    while (i < line.length && line[i] !== ' ') {
      if (line[i] === "'") {
        const end = line.indexOf("'", i + 1);
        if (end === -1) throw new Error(`unterminated quote in ${JSON.stringify(line)}`);
        word += line.slice(i + 1, end);
        i = end + 1;
      } else if (line[i] === '\\') {
        word += line[i + 1] ?? '';
        i += 2;
      } else {
        word += line[i];
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

export type AgentAnswer = (argv: string[]) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** A stream that behaves like the agent started with `sh -c <script>`: READY, then one reply per request. */
export function fakeAgentStream(script: string, answer: AgentAnswer): ExecStream {
  const nonce = /^n=([A-Za-z0-9]+)$/m.exec(script)?.[1];
  if (!nonce) throw new Error('fake exec stream: not a probe agent script (no nonce)');
  const out: ((c: Buffer) => void)[] = [];
  const early: Buffer[] = [];
  let finish: (v: { exitCode?: number; reason: string }) => void = () => {};
  let open = true;
  const ended = new Promise<{ exitCode?: number; reason: string }>((resolve) => (finish = resolve));
  const emit = (line: string) => {
    if (!open) return;
    const chunk = Buffer.from(line + '\n', 'latin1');
    if (out.length) out.forEach((l) => l(chunk));
    else early.push(chunk);
  };
  const hex = (s: string) => (s ? Buffer.from(s).toString('hex') : '-');
  let buffered = '';
  emit(`NPH1 ${nonce} READY 1`);
  return {
    write(data) {
      buffered += data;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const space = line.indexOf(' ');
        const id = line.slice(0, space);
        void answer(splitQuotedWords(line.slice(space + 1))).then(
          (r) => emit(`NPH1 ${nonce} R ${id} ${r.exitCode} - - ${hex(r.stdout)} ${hex(r.stderr)}`),
          (err: unknown) => emit(`NPH1 ${nonce} R ${id} 127 - - - ${hex(String(err))}`),
        );
      }
    },
    onStdout(l) {
      out.push(l);
      early.splice(0).forEach(l);
    },
    onStderr() {},
    ended,
    close() {
      open = false;
      finish({ reason: 'closed by the harness' });
    },
  };
}
