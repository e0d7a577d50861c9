import type { CommandInstaller } from './program.js';

/** Commands beyond `check` and `findings`; the live engine adds its own here. */
export const installers: CommandInstaller[] = [];
