import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'], // test/e2e/*.e2e.test.ts included: they start the app themselves
    exclude: ['**/node_modules/**', '**/.tmp/**', '**/data/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2, // 2-core machine; each browser test file runs its own Chromium
    environment: 'node',
  },
});
