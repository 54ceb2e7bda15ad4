/** Project folders the CLI reads from by default. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../version.js';

export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');
export const RESULTS_DIR = join(PROJECT_ROOT, 'results');
export const DEFAULT_SUITE = ['startup', 'stop', 'isolation'];
