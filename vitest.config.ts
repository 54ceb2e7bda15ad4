import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        // Unit tests start nothing real: both cores, and all of them before any integration test,
        // so they never share the machine with a timed boot.
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } },
      },
      {
        // Integration and browser tests boot real VMs and containers: never in parallel with each
        // other, a concurrent boot would distort the timings they check and can hang microvm under TCG.
        extends: true,
        test: {
          name: 'real',
          include: ['test/integration/**/*.test.ts', 'test/browser/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
