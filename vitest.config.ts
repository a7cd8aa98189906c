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
