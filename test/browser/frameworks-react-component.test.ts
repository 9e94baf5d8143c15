// haochaping/react-component: <HcpRating>, made with @lit/react, in React 19 here (the test
// runner's React; React 18 runs it in test/node/demo-stacks.test.mjs, inside the Taro app).
// Its props are set as the element's properties and its onHcp* props are listeners of the hcp-* events.
import { expect, waitUntil } from '@open-wc/testing';
import type { ReactNode } from 'react';
import { HcpRating, HcpRatingElement } from '../../src/react-component.js';
import type { HcpFailedEvent, HcpSentEvent, HcpSubmitEvent } from '../../src/index.js';
import { getByRole, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

interface Root {
  render(node: ReactNode): void;
  unmount(): void;
}
type ReactVendor = typeof import('react') & { createRoot(container: Element): Root; flushSync<R>(fn: () => R): R };
const REACT_URL: string = '/__vendor__/react.js';
const { createElement, createRoot, flushSync, useState } = (await import(REACT_URL)) as ReactVendor;

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

async function rendered(): Promise<HcpRatingElement> {
  await waitUntil(() => container.querySelector('hcp-rating'), 'React did not render <hcp-rating>');
  const el = container.querySelector('hcp-rating')!;
  await el.updateComplete;
  return el;
}

/** The element's events as its manifest documents them (custom-elements.json, from the JSDoc), and `hcp-case` (SPEC §7). */
async function documentedEvents(): Promise<string[]> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: { tagName?: string; events?: { name: string }[] }[] }[] };
  const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating')!;
  return [...new Set([...element.events!.map((e) => e.name), 'hcp-case'])];
}

/** `hcp-sent` → `onHcpSent` (SPEC §3's prop names). */
const propFor = (name: string) => `on${name.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;

describe('haochaping/react-component: <HcpRating>', () => {
  it('sets headers and messages as properties (no attribute) and delivers with the header; onHcpSubmit and onHcpSent run', async () => {
    const { endpoint, received } = newEndpoint();
    const sent: HcpSentEvent[] = [];
    const submitted: HcpSubmitEvent[] = [];
    flushSync(() =>
      root.render(
        createElement(HcpRating, {
          endpoint,
          taskCode: 'REACT-COMPONENT-TASK',
          deptName: '市政务服务数据管理局',
          headers: { 'X-App-Id': 'react-component' },
          messages: { submit: '提交我的评价' },
          onHcpSubmit: (e) => submitted.push(e),
          onHcpSent: (e) => sent.push(e),
        }),
      ),
    );
    const el = await rendered();
    expect(el).to.be.instanceOf(HcpRatingElement);
    expect(el.headers).to.deep.equal({ 'X-App-Id': 'react-component' });
    expect(el.hasAttribute('headers'), 'not stringified into an attribute').to.equal(false);
    getByRole(el, 'button', '提交我的评价');
    await rate(el, '满意', ['办事效率高']);
    await submitAndWait(el);
    await waitUntil(() => sent.length === 1, 'onHcpSent was not called');
    const [request] = await received();
    const body = parseBody(request);
    expect(body).to.include({ taskCode: 'REACT-COMPONENT-TASK', deptName: '市政务服务数据管理局', level: 4 });
    expect(request.headers['x-app-id']).to.equal('react-component');
    expect(sent[0].detail).to.deep.equal({ id: body.id, status: 201 });
    expect(submitted.map((e) => e.detail.id)).to.deep.equal([body.id]);
  });

  it('listens to every documented hcp-* event, hcp-case included, through its onHcp* prop', async () => {
    const names = await documentedEvents();
    expect(names).to.include.members(['hcp-submit', 'hcp-queued', 'hcp-sent', 'hcp-failed', 'hcp-error', 'hcp-case']);
    const heard: string[] = [];
    const props: Record<string, unknown> = { endpoint: '/api/evaluations' };
    for (const name of names) props[propFor(name)] = (e: Event) => heard.push(`${propFor(name)}:${e.type}`);
    flushSync(() => root.render(createElement(HcpRating, props)));
    const el = await rendered();
    for (const name of names) el.dispatchEvent(new CustomEvent(name, { detail: {} }));
    expect(heard).to.deep.equal(names.map((name) => `${propFor(name)}:${name}`));
  });

  it('follows React state: a new listener replaces the old one and a changed prop reaches the element', async () => {
    let setProject!: (value: string) => void;
    const failures: string[] = [];
    function App() {
      const [project, set] = useState('P-001');
      setProject = set;
      return createElement(HcpRating, { endpoint: '/api/evaluations', projectNo: project, onHcpFailed: (e: HcpFailedEvent) => failures.push(`${project}:${e.detail.code}`) });
    }
    flushSync(() => root.render(createElement(App)));
    const el = await rendered();
    expect(el.projectNo).to.equal('P-001');
    flushSync(() => setProject('P-002'));
    expect(el.projectNo).to.equal('P-002');
    el.dispatchEvent(new CustomEvent('hcp-failed', { detail: { code: 'refused' } }));
    expect(failures, 'the listener of the latest render, once').to.deep.equal(['P-002:refused']);
  });
});
