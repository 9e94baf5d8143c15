/**
 * A web-test-runner plugin serving React 19 and Vue 3 as browser-ready ES modules at
 * /__vendor__/react.js and /__vendor__/vue.js, for test/browser/frameworks-*.test.ts.
 * The same modules the demo uses (demo/vendor.mjs): React is CommonJS and is bundled with
 * rollup once per run, rather than converted file by file by the dev server.
 * Bare `react` imports (src/react-component.ts) resolve to the same module.
 * One line in web-test-runner.config.mjs adds it: `...frameworkPlugins()`.
 */
import { reactModule, vueModule } from '../../demo/vendor.mjs';

export function frameworkPlugins() {
  const modules = { '/__vendor__/react.js': reactModule, '/__vendor__/vue.js': vueModule };
  const cache = new Map();
  return [
    {
      name: 'haochaping-framework-vendors',
      // src/react-component.ts imports `react` by name: the same module, not React's CommonJS files.
      resolveImport({ source }) {
        return source === 'react' ? '/__vendor__/react.js' : undefined;
      },
      serve(context) {
        const build = modules[context.path];
        if (!build) return undefined;
        if (!cache.has(context.path)) cache.set(context.path, build());
        return cache.get(context.path).then((body) => ({ body, type: 'js' }));
      },
    },
  ];
}
