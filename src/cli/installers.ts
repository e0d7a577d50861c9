import type { CommandInstaller } from './program.js';
import { installClusterCommands } from './cluster-commands.js';
import { installRunCommand } from './run-command.js';
import { installCaptureCommand } from './capture-command.js';
import { installExplainCommand } from './explain-command.js';
import { installDiffCommand } from './diff-command.js';

/** Commands beyond `check` and `findings`; the live engine adds its own here. */
export const installers: CommandInstaller[] = [installClusterCommands, installRunCommand, installCaptureCommand, installExplainCommand, installDiffCommand];
