import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import type { TransportRequest } from '../../src/index.js';
import { allByRole, click, focused, getByRole, mount, newEndpoint, parseBody, rate, sleep, submitAndWait, until } from './helpers.js';

describe('honest states', () => {
  it('says 已提交 only after the endpoint answered 2xx', async () => {
    let answer!: (status: number) => void;
    const requests: TransportRequest[] = [];
    const transport = (request: TransportRequest) => {
      requests.push(request);
      return new Promise<{ status: number }>((resolve) => (answer = (status) => resolve({ status })));
    };
    const el = await mount(html`<hcp-rating endpoint="/never-called" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    const queued = oneEvent(el, 'hcp-queued');
    await click(getByRole(el, 'button'));
    const queuedDetail = (await queued).detail;
    // Stored first, then sent.
    await until(() => requests.length, 5000, 'the attempt to send');
    expect(queuedDetail).to.deep.equal({ id: JSON.parse(requests[0].body).id, durable: true });
    await el.updateComplete;
    const status = getByRole(el, 'status');
    expect(status.textContent).to.equal('正在提交…');
    await expect(el).to.be.accessible();

    const sent = oneEvent(el, 'hcp-sent');
    answer(201);
    expect((await sent).detail).to.deep.equal({ id: JSON.parse(requests[0].body).id, status: 201 });
    await el.updateComplete;
    expect(status.textContent).to.equal('已提交，感谢您的评价！');
    expect(focused()).to.equal(status);
    expect(allByRole(el, 'radio'), 'the form is gone').to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('on a server error says the rating is saved (not delivered), and resends the same id on retry', async () => {
    const failing = newEndpoint('status=503&failFirst=1');
    const el = await mount(html`<hcp-rating endpoint=${failing.endpoint}></hcp-rating>`);
    let sentEvents = 0;
    el.addEventListener('hcp-sent', () => sentEvents++);
    await rate(el, '非常满意');
    await click(getByRole(el, 'button'));
    await until(() => getByRole(el, 'status').textContent!.includes('已保存'), 5000, 'the saved state');
    const status = getByRole(el, 'status');
    // Stored in IndexedDB: the outbox retries by itself, so the citizen is told it is saved.
    expect(status.textContent).to.equal('已保存，网络恢复后将自动提交。');
    expect(sentEvents).to.equal(0);
    expect(focused()).to.equal(status);
    await expect(el).to.be.accessible();

    // The endpoint has recovered; the citizen presses 重新提交.
    const sent = oneEvent(el, 'hcp-sent');
    await click(getByRole(el, 'button', '重新提交'));
    await sent;
    await el.updateComplete;
    expect(status.textContent).to.equal('已提交，感谢您的评价！');
    const [first, second] = await failing.received();
    expect(parseBody(second).id, 'same id: the server can deduplicate').to.equal(parseBody(first).id);
    expect(parseBody(second).attempt).to.equal(2);
  });

  it('on a network failure says the rating is saved, offers a retry and never claims success', async () => {
    const transport = () => Promise.reject(new TypeError('Failed to fetch'));
    const el = await mount(html`<hcp-rating endpoint="/x" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    // The attempt starts once the rating is stored, and fails.
    await until(() => getByRole(el, 'status').textContent !== '正在提交…', 5000, 'the attempt to end');
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal('已保存，网络恢复后将自动提交。');
    getByRole(el, 'button', '重新提交');
  });

  it('reports a refused rating (422) with hcp-failed and an honest message', async () => {
    const { endpoint } = newEndpoint('status=422');
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    const failed = await submitAndWait(el, 'hcp-failed');
    expect(failed.detail).to.include({ status: 422 });
    expect(failed.detail.reason).to.contain('422');
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.contain('未被受理');
    expect(allByRole(el, 'button'), 'a refused rating is not resent').to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('keeps the rating and offers a retry when the endpoint is misconfigured (404)', async () => {
    const { endpoint } = newEndpoint('status=404');
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    let failed = 0;
    el.addEventListener('hcp-failed', () => failed++);
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    await sleep(100);
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.contain('暂时无法接收');
    expect(failed).to.equal(0);
    getByRole(el, 'button', '重新提交');
  });

  it('sends nothing when an hcp-submit listener cancels', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    el.addEventListener('hcp-submit', (e) => e.preventDefault());
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    await sleep(100);
    expect(await received()).to.have.length(0);
    expect(getByRole<HTMLInputElement>(el, 'radio', '满意').checked, 'the form stays as it was').to.equal(true);
  });

  it('bubbles its events out of the shadow root to window', async () => {
    const { endpoint } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    const seen: string[] = [];
    const record = (e: Event) => seen.push(e.type);
    const names = ['hcp-submit', 'hcp-queued', 'hcp-sent'];
    names.forEach((n) => window.addEventListener(n, record));
    await rate(el, '满意');
    await submitAndWait(el);
    names.forEach((n) => window.removeEventListener(n, record));
    expect(seen).to.deep.equal(names);
  });

  it('announces hcp-queued before hcp-sent even when the transport answers at once', async () => {
    const transport = () => Promise.resolve({ status: 204 });
    const el = await mount(html`<hcp-rating endpoint="/x" .transport=${transport}></hcp-rating>`);
    const seen: string[] = [];
    for (const name of ['hcp-submit', 'hcp-queued', 'hcp-sent']) el.addEventListener(name, (e) => seen.push(e.type));
    await rate(el, '满意');
    await submitAndWait(el);
    expect(seen).to.deep.equal(['hcp-submit', 'hcp-queued', 'hcp-sent']);
  });

  it('still tells window about the delivery when the widget was removed meanwhile', async () => {
    let answer: (() => void) | undefined;
    const transport = () => new Promise<{ status: number }>((resolve) => (answer = () => resolve({ status: 200 })));
    const el = await mount(html`<hcp-rating endpoint="/x" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    el.remove();
    // The attempt starts once the rating is stored.
    await until(() => answer, 5000, 'the attempt to send');
    const sent = oneEvent(window, 'hcp-sent');
    answer!();
    expect((await sent).detail.status).to.equal(200);
  });
});
