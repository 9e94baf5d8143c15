// Registers <hcp-rating> once, before the app renders (the packed haochaping, as npm installs it).
import 'haochaping';
import { createSSRApp } from 'vue';
import App from './App.vue';

export function createApp() {
  const app = createSSRApp(App);
  return { app };
}
