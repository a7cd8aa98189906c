import { defineConfig } from 'vitest/config';

// Three tiers: unit tests need nothing running; integration tests talk to a real
// RabbitMQ and a real Docker engine; end-to-end tests drive Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.{ts,tsx}'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One Docker engine and two cores: run files one at a time so deadlines are not
          // eaten by contention with other test files.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/require-services.ts'],
        },
      },
      {
        // Faults under a load of FAULT_LOAD (default 200) submissions each: a worker killed, the
        // broker and a Docker engine of the test's own stopped and started, the gateway killed.
        // Minutes per fault on a 2-core machine, so not part of `npm test`: `npm run test:faults`.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
          globalSetup: ['test/support/require-services.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['test/support/require-services.ts'],
        },
      },
    ],
  },
});
