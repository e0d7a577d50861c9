import type { CommandInstaller } from './program.js';
import { installClusterCommands } from './cluster-commands.js';
import { installPreflightCommand } from './preflight-command.js';
import { installRunCommand } from './run-command.js';

/** Commands beyond `check` and `findings`; the live engine adds its own here. */
export const installers: CommandInstaller[] = [installClusterCommands, installRunCommand, installPreflightCommand];
