import '../../src/index.js';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import type { TransportResponse } from '../../src/outbox/transport.js';
import {
  allByRole, click, clickInFrame, focused, getByRole, mount, newEndpoint, parseBody, press, rate, sleep, submitAndWait, type, until,
} from './helpers.js';

const THANKS = '感谢您的评价！';

interface FrameApi {
  ready: boolean;
  events: { type: string; id: string; status?: number; durable?: boolean }[];
}
type Frame = HTMLIFrameElement & { api: FrameApi; widget: () => HcpRating };
const frames: HTMLIFrameElement[] = [];

/**
 * A page of its own (test/browser/outbox-frame.ts) whose IndexedDB and localStorage refuse
 * every use, so its outbox keeps ratings in memory only (`durable: false`), with a kiosk widget.
 */
async function kioskFrame(query: Record<string, string>): Promise<Frame> {
  const frame = document.createElement('iframe') as Frame;
  frame.style.cssText = 'border:0;display:block;width:700px;height:900px';
  frame.src = `/test/browser/outbox-frame.html?${new URLSearchParams({ widget: '', endpoint: '/held', mode: 'kiosk', noStorage: '', ...query })}`;
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as (Window & { hcp?: FrameApi }) | null;
  await until(() => win()?.hcp?.ready, 10_000, 'the frame to load');
  frame.api = win()!.hcp!;
  frame.widget = () => frame.contentDocument!.querySelector('hcp-rating') as HcpRating;
  await frame.widget().updateComplete;
  return frame;
}

/** A citizen rates 满意 in the frame's widget and presses 提交评价, with real clicks. */
async function rateInFrame(frame: Frame): Promise<void> {
  const el = frame.widget();
  await clickInFrame(frame, getByRole(el, 'radio', '满意'));
  await el.updateComplete;
  await clickInFrame(frame, getByRole(el, 'button', '提交评价'));
}

const statusOf = (frame: Frame) => getByRole(frame.widget(), 'status').textContent ?? '';

/** Every text the frame widget's status shows, in order, including ones shown only briefly. */
function watchStatus(frame: Frame) {
  const texts: string[] = [statusOf(frame)];
  const observer = new MutationObserver(() => {
    const text = statusOf(frame);
    if (text !== texts[texts.length - 1]) texts.push(text);
  });
  observer.observe(frame.widget().shadowRoot!, { subtree: true, childList: true, characterData: true });
  return {
    all: () => [...texts],
    stop: () => observer.disconnect(),
  };
}

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
    const el = await mount(html`<hcp-rating mode="kiosk" reset-after="1" endpoint=${endpoint}></hcp-rating>`);
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
    await until(() => allByRole(el, 'radio').length > 0, 6000, 'the fresh form');
    const shown = performance.now() - thankedAt;
    expect(shown, 'the thank-you screen stays for reset-after seconds').to.be.within(800, 3000);
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

  it('thanks as soon as the rating is durably queued, before it is sent', async () => {
    const waiting: ((r: TransportResponse) => void)[] = [];
    const transport = () => new Promise<TransportResponse>((resolve) => waiting.push(resolve));
    const el = await mount(html`<hcp-rating mode="kiosk" reset-after="30" endpoint="/held" .transport=${transport}></hcp-rating>`);
    await rate(el, '满意');
    const queued = oneEvent(el, 'hcp-queued');
    const sent = oneEvent(el, 'hcp-sent');
    await click(getByRole(el, 'button'));
    const { detail } = await queued;
    expect(detail.durable, 'this page has IndexedDB').to.equal(true);
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent, 'thanks once saved on the device').to.equal(THANKS);
    // The durable outbox starts sending once the record is stored: it is still unanswered.
    await waitUntil(() => waiting.length > 0, 'the outbox never sent the rating');
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal(THANKS);
    waiting.splice(0).forEach((resolve) => resolve({ status: 201 }));
    await sent;
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal(THANKS);
  });

  describe('on a page that cannot store ratings (IndexedDB and localStorage refused)', () => {
    afterEach(() => frames.splice(0).forEach((f) => f.remove()));

    it('thanks only once the rating is sent', async () => {
      const waiting: ((r: TransportResponse) => void)[] = [];
      const frame = await kioskFrame({ resetAfter: '30' });
      frame.widget().transport = () => new Promise<TransportResponse>((resolve) => waiting.push(resolve));
      const seen = watchStatus(frame);
      await rateInFrame(frame);
      const queued = (await until(() => frame.api.events.find((e) => e.type === 'hcp-queued'), 5000, 'hcp-queued'))!;
      expect(queued.durable, 'kept in memory only').to.equal(false);
      await until(() => waiting.length > 0, 5000, 'the attempt to send');
      await frame.widget().updateComplete;
      expect(statusOf(frame), 'not saved, not sent: no thanks yet').to.equal('正在提交，请勿关闭页面…');
      expect(seen.all(), 'no thanks while unsent').to.not.include(THANKS);
      expect(frame.api.events.map((e) => e.type)).to.deep.equal(['hcp-queued']);
      waiting.splice(0).forEach((resolve) => resolve({ status: 201 }));
      await until(() => statusOf(frame) === THANKS, 5000, 'the thank-you screen');
      expect(frame.api.events.filter((e) => e.type === 'hcp-sent')).to.deep.equal([{ type: 'hcp-sent', id: queued.id, status: 201 }]);
      seen.stop();
    });

    it('does not thank for a rating that was neither sent nor saved, and keeps the retry', async () => {
      const frame = await kioskFrame({ resetAfter: '1' });
      let failing = true;
      const delivered: string[] = [];
      frame.widget().transport = async (request) => {
        if (failing) throw new TypeError('Failed to fetch');
        delivered.push(JSON.parse(request.body).id);
        return { status: 201 };
      };
      const seen = watchStatus(frame);
      await rateInFrame(frame);
      const queued = (await until(() => frame.api.events.find((e) => e.type === 'hcp-queued'), 5000, 'hcp-queued'))!;
      expect(queued.durable, 'kept in memory only').to.equal(false);
      await until(() => statusOf(frame).includes('尚未送达'), 5000, 'the failure');
      // Longer than reset-after: a thank-you screen would have come and reset the form by now.
      await sleep(1500);
      await frame.widget().updateComplete;
      expect(statusOf(frame)).to.equal('提交没有成功，您的评价尚未送达。请检查网络后重新提交。');
      expect(seen.all(), 'never thanked').to.not.include(THANKS);
      expect(allByRole(frame.widget(), 'radio'), 'the form did not reset').to.have.length(0);
      expect(frame.api.events.map((e) => e.type), 'neither sent nor failed for good').to.deep.equal(['hcp-queued']);
      // The retry is kept, and works once the network is back.
      failing = false;
      await clickInFrame(frame, getByRole(frame.widget(), 'button', '重新提交'));
      await until(() => statusOf(frame) === THANKS, 5000, 'the thank-you screen after the retry');
      expect(delivered).to.deep.equal([queued.id]);
      seen.stop();
    });
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
