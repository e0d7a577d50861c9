import type { Command } from 'commander';

export type Shell = 'bash' | 'zsh';
export const SHELLS: readonly Shell[] = ['bash', 'zsh'];

interface CommandShape {
  name: string;
  summary: string;
  options: { flags: string[]; description: string; takesValue: boolean; choices?: readonly string[] }[];
}

/** What completion needs of the program: its commands and their options. */
export function commandShapes(program: Command): CommandShape[] {
  return program.commands
    .filter((c) => c.name() !== 'help')
    .map((c) => ({
      name: c.name(),
      summary: c.description(),
      options: [
        ...c.options.map((o) => ({
          flags: [o.long, o.short].filter((f): f is string => Boolean(f)),
          description: o.description,
          takesValue: o.required || o.optional,
          ...(o.argChoices ? { choices: o.argChoices } : {}),
        })),
        { flags: ['--help', '-h'], description: 'display help for command', takesValue: false },
      ],
    }));
}

/** A completion script for `shell`, generated from the commands and options the program declares. */
export function completionScript(shell: Shell, commands: CommandShape[]): string {
  return shell === 'bash' ? bashScript(commands) : zshScript(commands);
}

function bashScript(commands: CommandShape[]): string {
  const cases = commands.map((c) => {
    const flags = c.options.flatMap((o) => o.flags).join(' ');
    const valued = c.options.filter((o) => o.takesValue);
    const choices = valued
      .filter((o) => o.choices)
      .map(
        (o) =>
          `      ${o.flags.join('|')}) COMPREPLY=($(compgen -W "${(o.choices ?? []).join(' ')}" -- "$cur")); return ;;`,
      );
    const others = valued.filter((o) => !o.choices).flatMap((o) => o.flags);
    return [
      `    ${c.name})`,
      `      case "$prev" in`,
      ...choices.map((l) => '  ' + l),
      ...(others.length ? [`        ${others.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`] : []),
      `      esac`,
      `      opts="${flags}" ;;`,
    ].join('\n');
  });
  return `# bash completion for netpol-harness: source <(netpol-harness completion bash)
_netpol_harness() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="\${COMP_WORDS[1]}" opts=""
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(' ')} help --help --version --debug" -- "$cur"))
    return
  fi
  case "$cmd" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -o filenames -F _netpol_harness netpol-harness
`;
}

/** Text safe inside a zsh _arguments spec in single quotes. */
function zq(s: string): string {
  return s.replace(/'/g, "'\\''").replace(/([[\]:])/g, '\\$1');
}

function zshScript(commands: CommandShape[]): string {
  const list = commands.map((c) => `    '${zq(c.name)}:${zq(c.summary)}'`).join('\n');
  const cases = commands.map((c) => {
    const specs = c.options.flatMap((o) =>
      o.flags.map((f) => {
        const value = !o.takesValue
          ? ''
          : o.choices
            ? `:${zq(f.replace(/^-+/, ''))}:(${o.choices.join(' ')})`
            : ':value:_files';
        return `'${f}[${zq(o.description)}]${value}'`;
      }),
    );
    return `    ${c.name}) _arguments ${specs.join(' ')} '*:file:_files' ;;`;
  });
  return `#compdef netpol-harness
# zsh completion for netpol-harness: source <(netpol-harness completion zsh), or save as _netpol-harness in $fpath
_netpol_harness() {
  local -a commands
  commands=(
${list}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case "$words[1]" in
${cases.join('\n')}
  esac
}
compdef _netpol_harness netpol-harness
`;
}
