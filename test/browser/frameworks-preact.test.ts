// <hcp-rating> used from Preact, as README says: like React 19, Preact sets a value as a property
// when the element has one (objects included) and `onhcp-sent` listens to `hcp-sent`.
import '../../src/index.js';
import { expect, waitUntil } from '@open-wc/testing';
import { h, render } from 'preact';
import type { HcpRating, HcpSentEvent } from '../../src/index.js';
import { getByRole, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

let container: HTMLElement;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('<hcp-rating> in Preact', () => {
  it('takes attributes, object properties and onhcp-* listeners, and a rating by real clicks is sent', async () => {
    const { endpoint, received } = newEndpoint();
    const sent: HcpSentEvent[] = [];
    render(
      h('hcp-rating', {
        endpoint,
        'task-code': 'PREACT-TASK',
        'area-code': '440300',
        headers: { 'X-App-Id': 'preact-h5' },
        messages: { submit: '提交我的评价' },
        'onhcp-sent': (e: HcpSentEvent) => sent.push(e),
      }),
      container,
    );
    const el = container.querySelector('hcp-rating') as HcpRating;
    expect(el, 'Preact did not render <hcp-rating>').to.exist;
    await el.updateComplete;
    expect(el.headers, 'set as a property').to.deep.equal({ 'X-App-Id': 'preact-h5' });
    expect(el.hasAttribute('headers')).to.equal(false);
    getByRole(el, 'button', '提交我的评价');
    await rate(el, '不满意', ['等待时间长']);
    await submitAndWait(el);
    await waitUntil(() => sent.length === 1, 'onhcp-sent was not called');
    const [request] = await received();
    const body = parseBody(request);
    expect(body).to.include({ taskCode: 'PREACT-TASK', areaCode: '440300', level: 2 });
    expect(request.headers['x-app-id']).to.equal('preact-h5');
    expect(sent[0].detail).to.deep.equal({ id: body.id, status: 201 });
    await expect(el).to.be.accessible();
  });
});
