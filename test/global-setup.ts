/**
 * CLI tests run the compiled harness (dist/), as users do: build it once before any test so a
 * test never runs stale code.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.VMBENCH_SKIP_BUILD === '1') return; // a developer who just built
  execFileSync('npx', ['--no-install', 'tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync('node', ['scripts/build-page-script.mjs'], { stdio: 'inherit' });
  execFileSync('bash', ['scripts/build-launcher.sh'], { stdio: 'inherit' });
}
