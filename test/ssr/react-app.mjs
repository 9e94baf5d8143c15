// A React 19 page with <hcp-rating>, written as a Next.js or Remix page would be: rendered to HTML
// on the server (react-dom/server), then hydrated in the browser (hydrateRoot). The same module
// runs in both places, so importing `haochaping/react` here also runs on the server.
import { createElement as h, useEffect, useState, useSyncExternalStore } from 'react';
import 'haochaping/react';

const subscribe = () => () => {};
// Made once, as an app's settings usually are: a re-render alone would not set it again.
const HEADERS = { 'X-Demo-Framework': 'react-ssr' };

/** false while the server renders and while React hydrates, true from the render after. */
const useHydrated = () => useSyncExternalStore(subscribe, () => true, () => false);

function Page({ ratingKey, projectNo }) {
  const [sent, setSent] = useState('');
  // For the test: React has hydrated the page and run its effects.
  useEffect(() => void (document.documentElement.dataset.hydrated = 'true'), []);
  return h(
    'main',
    null,
    h('h1', null, '办件已办结'),
    h('hcp-rating', {
      key: ratingKey,
      endpoint: '/api/evaluations',
      'project-no': projectNo,
      'task-code': '11440300MB2C92055T4440111001000',
      'task-name': '不动产登记资料查询',
      headers: HEADERS,
      'onhcp-sent': (e) => setSent(e.detail.id),
    }),
    h('p', { className: 'app-log' }, sent ? `已提交：${sent}` : '尚未提交'),
  );
}

/**
 * The README's workaround for React 19 skipping a custom element's properties and listeners while
 * hydrating (facebook/react#35446): a key that changes once hydrated, so React creates the element
 * again, with all of them.
 */
export function App() {
  return h(Page, { ratingKey: useHydrated() ? 'client' : 'server', projectNo: 'SSR-REACT-0001' });
}

/** The same page without the workaround: it shows the bug. */
export function PlainApp() {
  return h(Page, { projectNo: 'SSR-REACT-PLAIN' });
}
