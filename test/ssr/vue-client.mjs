// The browser half of the Vue page: hydrates the server's HTML, as Nuxt does.
import { createSSRApp } from 'vue';
import { App } from './vue-app.mjs';

createSSRApp(App).mount('#app');
