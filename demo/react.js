// <hcp-rating> in a React 19 app: no wrapper component. React 19 passes objects such as
// `headers` and `messages` as element properties and `onhcp-*` props as event listeners.
// /vendor-react.js is React bundled as an ES module by demo/vendor.mjs (`npm start` builds it).
import { createElement as h, createRoot, StrictMode, useState } from '/vendor-react.js';

function ServiceDone() {
  const [log, setLog] = useState([]);
  const note = (text) => setLog((lines) => [...lines, text]);
  return h(
    'section',
    { className: 'card' },
    h('h2', null, '办件已办结：不动产登记资料查询'),
    h('hcp-rating', {
      endpoint: '/api/evaluations',
      'project-no': 'DEMO-REACT-0001',
      'task-code': '11440300MB2C92055T4440111001000',
      'task-name': '不动产登记资料查询',
      'dept-name': '某市不动产登记中心',
      headers: { 'X-Demo-Framework': 'react' },
      messages: { submit: '提交评价' },
      'onhcp-queued': (e) => note(`已保存：${e.detail.id}`),
      'onhcp-sent': (e) => note(`已提交（HTTP ${e.detail.status}）：${e.detail.id}`),
      'onhcp-failed': (e) => note(`被拒绝（HTTP ${e.detail.status}）：${e.detail.reason}`),
    }),
    h('h3', null, '组件事件'),
    h('ul', { className: 'event-log' }, log.map((line, i) => h('li', { key: i }, line))),
  );
}

// React sets a property only on an element it knows: render once <hcp-rating> is defined.
await customElements.whenDefined('hcp-rating');
createRoot(document.getElementById('app')).render(h(StrictMode, null, h(ServiceDone)));
