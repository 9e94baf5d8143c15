// <hcp-rating> in a Vue 3 app with the runtime-only build and render functions: no template
// compiler, hence no eval (the demo runs under a strict CSP). In a template you would write
// <hcp-rating :headers="headers" @hcp-sent="onSent"> and tell the compiler
// `isCustomElement: (tag) => tag.startsWith('hcp-')`.
// /vendor-vue.js is Vue's vue.runtime.esm-browser.prod.js, copied by demo/vendor.mjs (`npm start`).
import { createApp, h, ref } from '/vendor-vue.js';

const ServiceDone = {
  setup() {
    const log = ref([]);
    const note = (text) => log.value.push(text);
    return () =>
      h('section', { class: 'card' }, [
        h('h2', '办件已办结：个体工商户设立登记'),
        h('hcp-rating', {
          endpoint: '/api/evaluations',
          'project-no': 'DEMO-VUE-0001',
          'task-code': '11440300MB2C92055T4440111002000',
          'task-name': '个体工商户设立登记',
          'dept-name': '某市市场监督管理局',
          headers: { 'X-Demo-Framework': 'vue' },
          '.messages': { submit: '提交评价' },
          onHcpQueued: (e) => note(`已保存：${e.detail.id}`),
          onHcpSent: (e) => note(`已提交（HTTP ${e.detail.status}）：${e.detail.id}`),
          onHcpFailed: (e) => note(`被拒绝（HTTP ${e.detail.status}）：${e.detail.reason}`),
        }),
        h('h3', '组件事件'),
        h('ul', { class: 'event-log' }, log.value.map((line, i) => h('li', { key: i }, line))),
      ]);
  },
};

await customElements.whenDefined('hcp-rating');
createApp(ServiceDone).mount('#app');
