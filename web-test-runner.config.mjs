import { esbuildPlugin } from '@web/dev-server-esbuild';
import { testEndpoint } from './test/support/test-endpoint.mjs';
import { a11ySnapshotPlugin } from './test/support/a11y-snapshot.mjs';
import { frameworkPlugins } from './test/support/frameworks.mjs';
import { freshStoragePlugin } from './test/support/fresh-storage.mjs';
import { mediaFeaturesPlugin } from './test/support/media-features.mjs';
import { chromium, firefox, selectedEngines, webkit } from './test/support/browsers.mjs';
import { baselineRunnerPlugin } from './test/support/baseline-profile.js';
import { elementClickPlugin } from './test/support/element-click.mjs';
import { timingReporter } from './test/support/timing-reporter.mjs';
import { defaultReporter } from '@web/test-runner';

const ALL = 'test/browser/**/*.test.ts';

/**
 * Files an engine cannot run, because a test command they need does not exist for its driver
 * (not because the widget fails there). Everything else runs in all three engines.
 * Suites that need such a command are named `*-media.test.ts` (Chromium only) or listed here.
 */
const EXCLUDED = {
  chromium: [],
  // a11y-snapshot and emulate-media need the DevTools protocol.
  firefox: ['test/browser/*-media.test.ts'],
  // Also: set-viewport is missing, and WebDriver cannot type characters outside the BMP.
  // WebKitWebDriver also types no characters outside the BMP and drops repeated characters and
  // spaces in longer strings, so the suites that check typed comments byte for byte skip it.
  webkit: [
    'test/browser/*-media.test.ts',
    'test/browser/reason-required.test.ts',
    'test/browser/hostile-input.test.ts',
    'test/browser/pii.test.ts',
    'test/browser/transport-hygiene.test.ts',
  ],
};

/**
 * The baseline profile (test/support/baseline-profile.js): the core suites again in Chromium with
 * every API of test/support/baseline-gaps.js removed and its CSS features dropped before the SDK
 * loads, as the oldest engines of the promise (Safari 15.0, Chromium 69) lack them.
 */
const BASELINE = process.env.HCP_BASELINE_FILES ? process.env.HCP_BASELINE_FILES.split(',') : [
  'test/browser/rendering.test.ts',
  'test/browser/states.test.ts',
  'test/browser/keyboard.test.ts',
  'test/browser/accessibility.test.ts',
  'test/browser/level-integrity.test.ts',
  'test/browser/payload.test.ts',
  'test/browser/config-errors.test.ts',
  'test/browser/outbox-delivery.test.ts',
  'test/browser/outbox-storage.test.ts',
  'test/browser/outbox-widget.test.ts',
  'test/browser/outbox-tabs.test.ts',
  'test/browser/launcher.test.ts',
  'test/browser/style-nonce.test.ts',
  'test/browser/script-tag.test.ts',
  'test/browser/hit-targets.test.ts',
  'test/browser/baseline.test.ts',
];
const baselineHtml = (testFramework) =>
  `<!doctype html><html><body><script type="module" src="/test/support/baseline-profile.js?apply"></script><script type="module" src="${testFramework}"></script></body></html>`;

const engines = selectedEngines();
const focused = process.argv.some((arg) => arg === '--files' || arg.startsWith('--files='));
const wk = engines.includes('webkit') ? webkit() : undefined;
const launchers = { chromium, firefox, webkit: () => wk.launcher };

export default {
  nodeResolve: true,
  // TypeScript, compiled by esbuild as the browser asks for each file.
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    a11ySnapshotPlugin(),
    mediaFeaturesPlugin(),
    freshStoragePlugin(),
    baselineRunnerPlugin(),
    elementClickPlugin(),
    ...frameworkPlugins(),
    ...(wk ? [wk.plugin] : []),
  ],
  middleware: [testEndpoint()],
  // `npx wtr --files x.test.ts` runs just that file in the selected engines; otherwise one group per engine.
  ...(focused
    ? { browsers: engines.map((name) => launchers[name]()) }
    : {
        groups: [
          ...engines.map((name) => ({
            name,
            files: [ALL, '!test/browser/baseline.test.ts', ...EXCLUDED[name].map((f) => `!${f}`)],
            browsers: [launchers[name]()],
          })),
          ...(engines.includes('chromium') ? [{ name: 'baseline', files: BASELINE, browsers: [chromium()], testRunnerHtml: baselineHtml }] : []),
        ],
      }),
  // Lit's one-line dev-mode notice is expected in tests, where dev-mode checks are wanted.
  reporters: [defaultReporter(), ...(process.env.HCP_TIMINGS ? [timingReporter()] : [])],
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrency: 1,
  // One engine at a time: timing-sensitive tests stay honest on a 2-core machine.
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
};
