import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the built renderer (`npm run build:renderer`) served by the loopback bridge
 * (a fresh data dir per test, see tests/e2e/fixtures.ts), driven in Debian's Chromium.
 * Never `npx playwright install`: the browser is the system one.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  // Two cores on the build machines: one browser + one core at a time is the steady choice.
  workers: 1,
  retries: 0,
  forbidOnly: true,
  // Generous: the build machines are shared (type-checks and other suites run beside these).
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
