// The probe agent: a POSIX shell loop that runs inside a client container for the whole scenario,
// over one long-lived exec stream. Pure text; nothing here does I/O.
//
// Protocol (one line each way per probe):
//   request  `<id> <command>`   id: decimal; command: the probe's argv, shell-quoted (no control characters)
//   reply    `NPH1 <nonce> R <id> <exit code> <ms|-> <stdout hex|-> <stderr hex|->`
//            ms: how long the command ran, timed inside the container to 10 ms (- without /proc/uptime)
//   ready    `NPH1 <nonce> READY <pid>` once, when the agent starts
// Each probe runs as a background child of the agent; its output goes to files and is sent back
// hex-encoded, so nothing a probe prints can be mistaken for a frame. Replies are written under a
// lock (mkdir is atomic), so two probes finishing together cannot interleave their lines.
// `jobs` after each spawn reaps finished children in shells that keep them until asked (dash reaps anyway).

import { shellQuote } from './command.js';

export const FRAME_MARK = 'NPH1';
/** Bytes of a probe's stdout and of its stderr that come back; the rest is cut (a probe's output is small). */
export const AGENT_OUTPUT_LIMIT_BYTES = 65536;
/** Exit code of an agent that could not make its work folder. */
export const AGENT_NO_TMPDIR_EXIT = 97;

/** The agent's shell program for one session, to run as `sh -c <script>`. */
export function agentScript(nonce: string): string {
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error(`agent nonce must be alphanumeric, got "${nonce}"`);
  const limit = AGENT_OUTPUT_LIMIT_BYTES;
  return [
    `n=${nonce}`,
    `d=$(mktemp -d "\${TMPDIR:-/tmp}/nph.XXXXXX" 2>/dev/null || mktemp -d /dev/shm/nph.XXXXXX 2>/dev/null) || { echo "probe agent: no writable temporary folder" >&2; exit ${AGENT_NO_TMPDIR_EXIT}; }`,
    `trap 'rm -rf "$d"' EXIT`,
    `trap 'exit 0' TERM INT HUP`,
    `hex() { od -An -v -tx1 -N ${limit} "$1" | tr -d ' \\n'; }`,
    // The clock is read with the shell's own \`read\` (no process): /proc/uptime, in hundredths of a second.
    `now() { read u _ </proc/uptime 2>/dev/null && s=\${u%.*} f=1\${u#*.}; }`,
    `printf '%s %s READY %s\\n' ${FRAME_MARK} "$n" "$$"`,
    `while IFS= read -r line; do`,
    `  id=\${line%% *}; cmd=\${line#* }`,
    `  case $id in ''|*[!0-9]*) continue;; esac`,
    `  (`,
    `    now && s0=$s f0=$f || s0=`,
    `    eval "$cmd" >"$d/$id.o" 2>"$d/$id.e" </dev/null`,
    `    rc=$?`,
    `    ms=-; [ -n "$s0" ] && now && ms=$(( ((s - s0) * 100 + f - f0) * 10 ))`,
    `    o=-; [ -s "$d/$id.o" ] && o=$(hex "$d/$id.o")`,
    `    e=-; [ -s "$d/$id.e" ] && e=$(hex "$d/$id.e")`,
    `    until mkdir "$d/lock" 2>/dev/null; do sleep 0.01 2>/dev/null || :; done`,
    `    printf '%s %s R %s %s %s %s %s\\n' ${FRAME_MARK} "$n" "$id" "$rc" "$ms" "$o" "$e"`,
    `    rm -rf "$d/lock" "$d/$id.o" "$d/$id.e"`,
    `  ) &`,
    `  jobs >/dev/null`,
    `done`,
    `wait`,
  ].join('\n');
}

/** Why a command cannot travel as one request line: a control character would end or corrupt the line. */
export function requestProblem(argv: readonly string[]): string | undefined {
  if (argv.length === 0) return 'empty command';
  // eslint-disable-next-line no-control-regex
  const bad = argv.find((a) => /[\x00-\x1f\x7f]/.test(a));
  return bad === undefined ? undefined : `argument ${JSON.stringify(bad)} contains a control character`;
}

/** The request line for one probe (with its newline). Throws if requestProblem finds one. */
export function encodeRequest(id: number, argv: readonly string[]): string {
  const problem = requestProblem(argv);
  if (problem) throw new Error(`probe command cannot be sent to the agent: ${problem}`);
  if (!Number.isSafeInteger(id) || id < 0) throw new Error(`request id must be a whole number, got ${id}`);
  return `${id} ${argv.map(shellQuote).join(' ')}\n`;
}
