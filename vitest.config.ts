import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Mock servers listen on ephemeral loopback ports; files run in parallel forked workers.
    pool: 'forks',
    reporters: ['default', './test-summary-reporter.ts'],
  },
});
