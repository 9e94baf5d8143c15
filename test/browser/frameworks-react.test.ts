// <hcp-rating> used from React 19, the way an H5 team writes it: no wrapper component.
// React 19 sets known element properties as properties and adds `onhcp-*` props as listeners.
import '../../src/index.js';
import { expect, waitUntil } from '@open-wc/testing';
// React 19 as the demo serves it: one ES module bundled from React's CommonJS (demo/vendor.mjs).
import type { ReactNode } from 'react';
import type { HcpRating, HcpSentEvent, HcpSubmitEvent, TransportRequest } from '../../src/index.js';
import { getByRole, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

// The ReactDOM API this file uses (@types/react-dom is not installed).
interface Root {
  render(node: ReactNode): void;
  unmount(): void;
}
type ReactVendor = typeof import('react') & { createRoot(container: Element): Root; flushSync<R>(fn: () => R): R };
// A URL the test server answers (test/support/frameworks.mjs), typed as the packages it bundles.
const REACT_URL: string = '/__vendor__/react.js';
const { createElement, createRoot, flushSync, useEffect, useRef, useState } = (await import(REACT_URL)) as ReactVendor;

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  root.unmount();
  container.remove();
});

async function rendered(): Promise<HcpRating> {
  await waitUntil(() => container.querySelector('hcp-rating'), 'React did not render <hcp-rating>');
  const el = container.querySelector('hcp-rating')!;
  await el.updateComplete;
  return el;
}

describe('<hcp-rating> in React 19', () => {
  it('takes attributes, object properties and onhcp-* event props from JSX', async () => {
    const { endpoint, received } = newEndpoint();
    const sent: HcpSentEvent[] = [];
    const submitted: HcpSubmitEvent[] = [];
    flushSync(() =>
      root.render(
        createElement('hcp-rating', {
          endpoint,
          'task-code': 'REACT-TASK',
          'dept-name': '市政务服务数据管理局',
          headers: { 'X-App-Id': 'react-h5' },
          messages: { submit: '提交我的评价' },
          'onhcp-submit': (e: HcpSubmitEvent) => submitted.push(e),
          'onhcp-sent': (e: HcpSentEvent) => sent.push(e),
        }),
      ),
    );
    const el = await rendered();
    expect(el.getAttribute('task-code')).to.equal('REACT-TASK');
    expect(el.headers, 'set as a property, not stringified into an attribute').to.deep.equal({ 'X-App-Id': 'react-h5' });
    expect(el.hasAttribute('headers')).to.equal(false);
    expect(el.messages, 'set as a property').to.deep.equal({ submit: '提交我的评价' });
    getByRole(el, 'button', '提交我的评价');
    await rate(el, '满意', ['办事效率高']);
    await submitAndWait(el);
    await waitUntil(() => sent.length === 1, 'onhcp-sent was not called');
    const [request] = await received();
    const body = parseBody(request);
    expect(body).to.include({ taskCode: 'REACT-TASK', deptName: '市政务服务数据管理局', level: 4 });
    expect(request.headers['x-app-id']).to.equal('react-h5');
    expect(sent[0].detail).to.deep.equal({ id: body.id, status: 201 });
    expect(submitted.map((e) => e.detail.id)).to.deep.equal([body.id]);
    await expect(el).to.be.accessible();
  });

  it('passes a transport function as a property, and a ref gives the element for addEventListener', async () => {
    const requests: TransportRequest[] = [];
    const queued: string[] = [];
    function App() {
      const ref = useRef<HcpRating>(null);
      useEffect(() => {
        const el = ref.current!;
        const onQueued = (e: HTMLElementEventMap['hcp-queued']) => queued.push(e.detail.id);
        el.addEventListener('hcp-queued', onQueued);
        return () => el.removeEventListener('hcp-queued', onQueued);
      }, []);
      return createElement('hcp-rating', {
        ref,
        endpoint: 'https://zwfw.example.gov.cn/api/evaluations',
        transport: async (request: TransportRequest) => {
          requests.push(request);
          return { status: 202 };
        },
      });
    }
    flushSync(() => root.render(createElement(App)));
    const el = await rendered();
    expect(el.transport).to.be.a('function');
    await rate(el, '非常满意');
    const event = await submitAndWait(el);
    expect(event.detail.status).to.equal(202);
    expect(requests).to.have.length(1);
    expect(requests[0].url).to.equal('https://zwfw.example.gov.cn/api/evaluations');
    expect(queued).to.deep.equal([JSON.parse(requests[0].body).id]);
  });

  it('follows React state: a changed prop reaches the next rating, and unmounting removes the element', async () => {
    const { endpoint, received } = newEndpoint();
    let setProject!: (value: string) => void;
    function App() {
      const [project, set] = useState('P-001');
      setProject = set;
      return createElement('hcp-rating', { endpoint, 'project-no': project });
    }
    flushSync(() => root.render(createElement(App)));
    const first = await rendered();
    expect(first.projectNo).to.equal('P-001');
    flushSync(() => setProject('P-002'));
    const el = await rendered();
    // Compared as a boolean: a failing chai message with the elements in it does not serialize.
    expect(el === first, 'React updated the element instead of replacing it').to.equal(true);
    expect(container.querySelectorAll('hcp-rating')).to.have.length(1);
    await el.updateComplete;
    expect(el.projectNo).to.equal('P-002');
    await rate(el, '基本满意');
    await submitAndWait(el);
    expect(parseBody((await received())[0]).projectNo).to.equal('P-002');
    flushSync(() => root.render(null));
    expect(container.querySelector('hcp-rating')).to.equal(null);
  });
});
