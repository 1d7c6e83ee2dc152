import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // GramJS's ping loop keeps a non-unref'd 10 s timer after any ping; do not let it hold the run open.
    teardownTimeout: 5_000,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**'],
          environment: 'node',
          // Every test talks to real sockets and real GramJS clients: give them room, but never unbounded.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        // The renderer's components in jsdom with Testing Library.
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 15_000,
        },
      },
    ],
  },
});
