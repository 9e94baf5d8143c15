import '../../src/index.js';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import type { TransportResponse } from '../../src/outbox/transport.js';
import { allByRole, click, focused, getByRole, mount, newEndpoint, parseBody, press, rate, sleep, submitAndWait, type } from './helpers.js';

const THANKS = '感谢您的评价！';

function expectEmptyForm(el: HcpRating): void {
  const radios = allByRole<HTMLInputElement>(el, 'radio');
  expect(radios, 'the levels are back').to.have.length(5);
  expect(radios.some((r) => r.checked), 'no level chosen').to.equal(false);
  expect(allByRole(el, 'checkbox'), 'no reasons until a level is chosen').to.have.length(0);
  expect(getByRole<HTMLTextAreaElement>(el, 'textbox').value, 'no comment').to.equal('');
  expect(getByRole(el, 'status').textContent).to.equal('');
  expect(el.shadowRoot!.textContent).to.not.contain('窗口');
}

describe('kiosk mode (mode="kiosk")', () => {
  it('thanks the citizen, then after reset-after seconds shows a fresh, empty form', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating mode="kiosk" reset-after="2" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '不满意', ['等待时间长']);
    await click(getByRole(el, 'textbox'));
    await type('窗口人太少');
    await submitAndWait(el);
    await el.updateComplete;
    const status = getByRole(el, 'status');
    expect(status.textContent).to.equal(THANKS);
    expect(focused(), 'the thank-you message has focus').to.equal(status);
    expect(allByRole(el, 'radio'), 'nothing else on the thank-you screen').to.have.length(0);
    expect(allByRole(el, 'button')).to.have.length(0);
    // Poll rather than sleep a fixed time, so a busy machine cannot make this flaky.
    const thankedAt = performance.now();
    while (allByRole(el, 'radio').length === 0 && performance.now() - thankedAt < 6000) await sleep(25);
    const shown = performance.now() - thankedAt;
    expect(shown, 'the thank-you screen stays for reset-after seconds').to.be.within(1800, 4000);
    await el.updateComplete;
    expectEmptyForm(el);
    expect(focused(), 'focus back at the start of the form').to.equal(getByRole(el, 'radio', '非常满意'));
    // The next citizen's rating carries nothing of the last one.
    await rate(el, '非常满意');
    await submitAndWait(el);
    const [first, second] = (await received()).map(parseBody);
    expect(first.comment).to.equal('窗口人太少');
    expect(second.level).to.equal(5);
    expect(second.tags).to.deep.equal([]);
    expect(second.comment ?? '').to.equal('');
    expect(second.id).to.not.equal(first.id);
  });

  it('thanks as soon as the rating is durably queued, else once it is sent', async () => {
    const waiting: ((r: TransportResponse) => void)[] = [];
    const transport = () => new Promise<TransportResponse>((resolve) => waiting.push(resolve));
    const el = await mount(html`<hcp-rating mode="kiosk" reset-after="30" endpoint="/held" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    const queued = oneEvent(el, 'hcp-queued');
    await click(getByRole(el, 'button'));
    const { detail } = await queued;
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent === THANKS, 'thanks exactly when saved on the device').to.equal(detail.durable);
    const sent = oneEvent(el, 'hcp-sent');
    // The durable outbox starts sending once the record is stored: answer that attempt.
    await waitUntil(() => waiting.length > 0, 'the outbox never sent the rating');
    waiting.splice(0).forEach((resolve) => resolve({ status: 201 }));
    await sent;
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal(THANKS);
  });

  it('does not thank for a rating that was neither sent nor saved, and keeps the retry', async () => {
    const transport = () => Promise.reject(new TypeError('Failed to fetch'));
    const el = await mount(html`<hcp-rating mode="kiosk" reset-after="1" endpoint="/x" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    const queued = oneEvent(el, 'hcp-queued');
    await click(getByRole(el, 'button'));
    const { detail } = await queued;
    await sleep(300);
    await el.updateComplete;
    if (detail.durable) {
      // Saved on the device: the outbox will deliver it, so the citizen is done.
      expect(getByRole(el, 'status').textContent).to.equal(THANKS);
      return;
    }
    expect(getByRole(el, 'status').textContent).to.not.equal(THANKS);
    getByRole(el, 'button', '重新提交');
  });

  it('starts a fresh form when a new project-no arrives, mid-rating or on the thank-you screen', async () => {
    const el = await mount(
      html`<hcp-rating mode="kiosk" reset-after="60" project-no="BJ2026001" endpoint=${newEndpoint().endpoint}></hcp-rating>`,
    );
    await rate(el, '不满意', ['办事效率低']);
    await click(getByRole(el, 'textbox'));
    await type('窗口');
    el.setAttribute('project-no', 'BJ2026002');
    await el.updateComplete;
    expectEmptyForm(el);
    await rate(el, '满意');
    await submitAndWait(el);
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal(THANKS);
    el.projectNo = 'BJ2026003';
    await el.updateComplete;
    expectEmptyForm(el);
  });

  it('still reports the last rating’s delivery after the form moved on to the next citizen', async () => {
    const waiting: ((r: TransportResponse) => void)[] = [];
    const transport = () => new Promise<TransportResponse>((resolve) => waiting.push(resolve));
    const el = await mount(
      html`<hcp-rating mode="kiosk" reset-after="60" project-no="A1" endpoint="/held" .transport=${transport}></hcp-rating>`,
    );
    await rate(el, '满意');
    const queued = oneEvent(el, 'hcp-queued');
    await click(getByRole(el, 'button'));
    const { detail } = await queued;
    el.projectNo = 'A2';
    await el.updateComplete;
    expectEmptyForm(el);
    const sent = oneEvent(el, 'hcp-sent');
    // The durable outbox starts sending once the record is stored: answer that attempt.
    await waitUntil(() => waiting.length > 0, 'the outbox never sent the rating');
    waiting.splice(0).forEach((resolve) => resolve({ status: 201 }));
    expect((await sent).detail.id).to.equal(detail.id);
    await el.updateComplete;
    expectEmptyForm(el);
  });

  it('fills the screen with 长辈模式-sized targets', async () => {
    const el = await mount(html`<hcp-rating mode="kiosk" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await rate(el, '满意');
    const base = el.shadowRoot!.querySelector('.base')!.getBoundingClientRect();
    expect(base.width).to.be.at.least(el.getBoundingClientRect().width - 1);
    expect(base.height).to.be.at.least(innerHeight - 1);
    for (const control of [...allByRole<HTMLInputElement>(el, 'radio').map((r) => r.labels![0]), ...allByRole<HTMLInputElement>(el, 'checkbox').map((r) => r.labels![0]), getByRole(el, 'button')]) {
      const { width, height } = control.getBoundingClientRect();
      expect(Math.min(width, height), control.textContent!).to.be.at.least(60);
    }
    expect(parseFloat(getComputedStyle(getByRole(el, 'textbox')).fontSize)).to.be.at.least(18);
    // Keyboard use on a kiosk with a keypad still works.
    getByRole(el, 'radio', '满意').focus();
    await press('End');
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'radio', '非常不满意').checked).to.equal(true);
  });
});
