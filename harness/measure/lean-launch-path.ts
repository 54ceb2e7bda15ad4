/** Where scripts/build-launcher.sh puts lean-launch (lean-launch.c beside this file). */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const LEAN_LAUNCH_PATH = join(PROJECT_ROOT, 'dist', 'launcher', 'lean-launch');
