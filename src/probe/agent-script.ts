// The probe agent: a POSIX shell loop that runs inside a client container for the whole scenario,
// over one long-lived exec stream. Pure text; nothing here does I/O.
//
// Protocol (one line each way per probe):
//   request  `<id> <command>`   id: decimal; command: the probe's argv, shell-quoted (no control characters)
//   reply    `NPH1 <nonce> R <id> <exit code> <ms|-> <start|-> <stdout hex|-|+> <stderr hex|-|+>`
//            ms: how long the command ran, timed inside the container to 10 ms (- without /proc/uptime)
//            start: when it started, the container's /proc/uptime in hundredths of a second (-: none)
//   chunk    `NPH1 <nonce> C <id> <o|e> <hex>`   part of an output too long for the reply line (its field there is +),
//            sent before the reply, in order
//   ready    `NPH1 <nonce> READY <pid>` once, when the agent starts
// Each probe runs as a background child of the agent; its output goes to files and is sent back
// hex-encoded, so nothing a probe prints can be mistaken for a frame. Every line the agent writes
// is shorter than a pipe's atomic write (4096 bytes) and is written by one printf, so lines of
// probes finishing together never interleave, and no lock is needed. The output files are reused
// by slot (the id modulo AGENT_SLOTS, overwritten, removed when the agent ends): the session never
// has two probes of one slot in flight. The hex encoding word-splits od's output and joins it with
// an empty IFS: a probe costs the agent its subshell, the tool and one od per non-empty stream.
// `jobs` after each spawn reaps finished children in shells that keep them until asked (dash reaps anyway).

import { shellQuote } from './command.js';

export const FRAME_MARK = 'NPH1';
/** Bytes of a probe's stdout and of its stderr that come back; the rest is cut (a probe's output is small). */
export const AGENT_OUTPUT_LIMIT_BYTES = 65536;
/** Exit code of an agent that could not make its work folder. */
export const AGENT_NO_TMPDIR_EXIT = 97;
/** Output files are reused by id modulo this: the session keeps the probes of one slot from overlapping. */
export const AGENT_SLOTS = 4096;
/**
 * Hex characters of one output that still fit in the reply line (two of them, with the frame's
 * other fields, stay under 4096 bytes); a longer output goes in chunk frames of AGENT_CHUNK_BYTES.
 */
export const AGENT_INLINE_HEX_CHARS = 1900;
export const AGENT_CHUNK_BYTES = 1400;

/** The agent's shell program for one session, to run as `sh -c <script>`. */
export function agentScript(nonce: string): string {
  if (!/^[A-Za-z0-9]+$/.test(nonce)) throw new Error(`agent nonce must be alphanumeric, got "${nonce}"`);
  const limit = AGENT_OUTPUT_LIMIT_BYTES;
  return [
    `n=${nonce}`,
    `d=$(mktemp -d "\${TMPDIR:-/tmp}/nph.XXXXXX" 2>/dev/null || mktemp -d /dev/shm/nph.XXXXXX 2>/dev/null) || { echo "probe agent: no writable temporary folder" >&2; exit ${AGENT_NO_TMPDIR_EXIT}; }`,
    `trap 'rm -rf "$d"' EXIT`,
    `trap 'exit 0' TERM INT HUP`,
    // hex FILE: h=the hex of FILE; or, when too long for the reply line, h=+ after sending it as chunk frames (w: o or e)
    `hex() {`,
    `  set -f; set -- $(od -An -v -tx1 -N ${limit} "$1"); IFS=; h="$*"; unset IFS`,
    `  [ \${#h} -le ${AGENT_INLINE_HEX_CHARS} ] && return 0`,
    `  c=; i=0`,
    `  for t; do c=$c$t; i=$((i + 1)); [ $i -lt ${AGENT_CHUNK_BYTES} ] && continue; printf '%s %s C %s %s %s\\n' ${FRAME_MARK} "$n" "$id" "$w" "$c"; c=; i=0; done`,
    `  [ -z "$c" ] || printf '%s %s C %s %s %s\\n' ${FRAME_MARK} "$n" "$id" "$w" "$c"`,
    `  h=+`,
    `}`,
    // The clock is read with the shell's own \`read\` (no process): /proc/uptime, in hundredths of a second.
    `now() { read u _ </proc/uptime 2>/dev/null && s=\${u%.*} f=1\${u#*.}; }`,
    `printf '%s %s READY %s\\n' ${FRAME_MARK} "$n" "$$"`,
    `while IFS= read -r line; do`,
    `  id=\${line%% *}; cmd=\${line#* }`,
    `  case $id in ''|*[!0-9]*) continue;; esac`,
    `  (`,
    `    k=$d/$((id % ${AGENT_SLOTS}))`,
    `    now && s0=$s f0=$f || s0=`,
    `    eval "$cmd" >"$k.o" 2>"$k.e" </dev/null`,
    `    rc=$?`,
    `    ms=-; st=-; [ -n "$s0" ] && now && ms=$(( ((s - s0) * 100 + f - f0) * 10 )) && st=$(( s0 * 100 + f0 - 100 ))`,
    `    o=-; [ -s "$k.o" ] && w=o && hex "$k.o" && o=$h`,
    `    e=-; [ -s "$k.e" ] && w=e && hex "$k.e" && e=$h`,
    `    printf '%s %s R %s %s %s %s %s %s\\n' ${FRAME_MARK} "$n" "$id" "$rc" "$ms" "$st" "$o" "$e"`,
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
