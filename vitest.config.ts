import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Every test talks to real sockets and real GramJS clients: give them room, but never unbounded.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // GramJS's ping loop keeps a non-unref'd 10 s timer after any ping; do not let it hold the run open.
    teardownTimeout: 5_000,
    pool: 'forks',
  },
});
