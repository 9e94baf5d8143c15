// The one setting uni-app needs: Vue's template compiler must treat hcp-* tags as custom
// elements (otherwise it tries to resolve a component at run time and warns).
import { defineConfig } from 'vite';
import uni from '@dcloudio/vite-plugin-uni';

export default defineConfig({
  plugins: [uni({ vueOptions: { template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('hcp-') } } } })],
});
