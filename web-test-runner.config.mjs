import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { testEndpoint } from './test/support/test-endpoint.mjs';
import { a11ySnapshotPlugin } from './test/support/a11y-snapshot.mjs';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { frameworkPlugins } from './test/support/frameworks.mjs';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  // Decorators must be lowered: browsers do not run them yet.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), a11ySnapshotPlugin(), ...frameworkPlugins()],
  middleware: [testEndpoint()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath,
        args: chromiumArgs,
      },
    }),
  ],
  // Lit's one-line dev-mode notice is expected in tests, where dev-mode checks are wanted.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
};
