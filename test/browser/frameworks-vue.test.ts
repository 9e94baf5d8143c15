// <hcp-rating> used from Vue 3 with render functions (runtime-only build, as under a strict CSP).
// Vue sets known element properties as properties; `onHcpSent` listens to `hcp-sent`
// (what `@hcp-sent` in a template compiles to).
import '../../src/index.js';
import { expect, waitUntil } from '@open-wc/testing';
import type { App } from 'vue';
import type { HcpRating, HcpQueuedEvent, HcpSentEvent } from '../../src/index.js';
import { getByRole, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

// A URL the test server answers (test/support/frameworks.mjs): Vue's runtime-only browser build.
const VUE_URL: string = '/__vendor__/vue.js';
const { createApp, h, nextTick, ref } = (await import(VUE_URL)) as typeof import('vue');

let container: HTMLElement;
let app: App | undefined;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  app?.unmount();
  app = undefined;
  container.remove();
});

async function rendered(): Promise<HcpRating> {
  await nextTick();
  const el = container.querySelector('hcp-rating')!;
  expect(el, 'Vue did not render <hcp-rating>').to.exist;
  await el.updateComplete;
  return el;
}

describe('<hcp-rating> in Vue 3', () => {
  it('takes attributes, object properties (automatic and .prop) and @hcp-* listeners', async () => {
    const { endpoint, received } = newEndpoint();
    const sent: HcpSentEvent[] = [];
    const queued: HcpQueuedEvent[] = [];
    app = createApp({
      render: () =>
        h('hcp-rating', {
          endpoint,
          'task-code': 'VUE-TASK',
          'area-code': '440300',
          headers: { 'X-App-Id': 'vue-h5' },
          '.messages': { submit: '提交我的评价' },
          onHcpSent: (e: HcpSentEvent) => sent.push(e),
          onHcpQueued: (e: HcpQueuedEvent) => queued.push(e),
        }),
    });
    app.mount(container);
    const el = await rendered();
    expect(el.headers, 'set as a property').to.deep.equal({ 'X-App-Id': 'vue-h5' });
    expect(el.hasAttribute('headers')).to.equal(false);
    expect(el.messages, 'set as a property').to.deep.equal({ submit: '提交我的评价' });
    getByRole(el, 'button', '提交我的评价');
    await rate(el, '不满意', ['等待时间长']);
    await submitAndWait(el);
    await waitUntil(() => sent.length === 1, '@hcp-sent was not called');
    const [request] = await received();
    const body = parseBody(request);
    expect(body).to.include({ taskCode: 'VUE-TASK', areaCode: '440300', level: 2 });
    expect(body.tags).to.deep.equal(['N08']);
    expect(request.headers['x-app-id']).to.equal('vue-h5');
    expect(sent[0].detail).to.deep.equal({ id: body.id, status: 201 });
    expect(queued[0].detail.id).to.equal(body.id);
    await expect(el).to.be.accessible();
  });

  it('follows reactive state: ^attr bindings and properties update the element', async () => {
    const { endpoint, received } = newEndpoint();
    const scale = ref('five-level');
    const project = ref('P-100');
    app = createApp({
      render: () => h('hcp-rating', { endpoint, '^scale': scale.value, projectNo: project.value }),
    });
    app.mount(container);
    const el = await rendered();
    getByRole(el, 'radio', '非常满意');
    scale.value = 'good-bad';
    project.value = 'P-200';
    await nextTick();
    await el.updateComplete;
    expect(el.getAttribute('scale')).to.equal('good-bad');
    expect(el.projectNo).to.equal('P-200');
    await rate(el, '好评');
    await submitAndWait(el);
    expect(parseBody((await received())[0])).to.include({ scale: 'good-bad', verdict: 'good', projectNo: 'P-200' });
  });
});
