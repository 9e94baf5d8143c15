// A Vue 3 page with <hcp-rating>, as a Nuxt page would be: renderToString on the server,
// createSSRApp(…).mount() hydrating it in the browser. Render functions, so no template compiler.
import { h, onMounted, ref } from 'vue';
import 'haochaping';

export const App = {
  setup() {
    const sent = ref('');
    // For the test: Vue has hydrated the page.
    onMounted(() => (document.documentElement.dataset.hydrated = 'true'));
    return () =>
      h('main', [
        h('h1', '办件已办结'),
        h('hcp-rating', {
          endpoint: '/api/evaluations',
          'project-no': 'SSR-VUE-0001',
          'task-code': '11440300MB2C92055T4440111002000',
          'task-name': '个体工商户设立登记',
          headers: { 'X-Demo-Framework': 'vue-ssr' },
          onHcpSent: (e) => (sent.value = e.detail.id),
        }),
        h('p', { class: 'app-log' }, sent.value ? `已提交：${sent.value}` : '尚未提交'),
      ]);
  },
};
