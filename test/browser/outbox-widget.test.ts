import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { allByRole, click, getByRole, mount, parseBody, rate, sleep, submitAndWait } from './helpers.js';
import { indexedDbKV } from '../../src/outbox/kv.js';
import { newBin, ratingsFromClicks, until, windowEvents } from './outbox-helpers.js';

describe('the widget over the durable outbox', () => {
  let events: ReturnType<typeof windowEvents>;
  beforeEach(() => (events = windowEvents()));
  afterEach(() => events.stop());

  it('says 已保存 while the endpoint fails, then 已提交 once it is delivered; window hears hcp-sent once', async () => {
    const bin = newBin();
    await bin.script([{ status: 503 }], { status: 201 });
    const el = await mount(html`<hcp-rating endpoint=${bin.endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    const status = getByRole(el, 'status');
    await until(() => status.textContent === '已保存，网络恢复后将自动提交。', 5000, 'the saved state');
    await expect(el).to.be.accessible();
    // Retried by the outbox (about a second of backoff), no click needed.
    await until(() => status.textContent === '已提交，感谢您的评价！', 6000, 'the delivered state');
    await sleep(400);
    const [request] = (await bin.received()).slice(-1);
    expect(events.of('hcp-sent').map((e) => e.detail)).to.deep.equal([{ id: parseBody(request as never).id, status: 201 }]);
    expect((await bin.counts()).stored).to.equal(1);
  });

  it('says 已保存 in zh-TW and en too', async () => {
    for (const [lang, text] of [
      ['zh-TW', '已儲存，網路恢復後將自動提交。'],
      ['en', 'Saved. It will be submitted when the connection is back.'],
    ]) {
      const bin = newBin();
      await bin.script([], { status: 503, retryAfter: '3600' });
      const el = await mount(html`<hcp-rating lang=${lang} endpoint=${bin.endpoint}></hcp-rating>`);
      await rate(el, lang === 'en' ? 'Satisfied' : '滿意');
      await click(getByRole(el, 'button'));
      await until(() => getByRole(el, 'status').textContent === text, 5000, `${lang} saved state`);
    }
  });

  it('a double click on 提交 queues and sends one rating', async () => {
    const bin = newBin();
    const el = await mount(html`<hcp-rating endpoint=${bin.endpoint}></hcp-rating>`);
    await rate(el, '满意');
    const button = getByRole(el, 'button');
    const r = button.getBoundingClientRect();
    const position: [number, number] = [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
    let queued = 0;
    el.addEventListener('hcp-queued', () => queued++);
    await sendMouse({ type: 'click', position });
    await sendMouse({ type: 'click', position });
    await until(async () => (await bin.counts()).stored === 1, 5000, 'delivery');
    await sleep(300);
    expect((await bin.counts()).requests).to.equal(1);
    expect(queued).to.equal(1);
  });

  describe('一次一评: one rating per transaction in this browser', () => {
    it('remembers a rated project-no: the widget shows it was rated, with no form', async () => {
      const bin = newBin();
      const first = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-ONCE"></hcp-rating>`);
      await rate(first, '非常满意');
      await submitAndWait(first);
      first.remove();

      const again = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-ONCE"></hcp-rating>`);
      await until(() => getByRole(again, 'status').textContent === '您已评价过本次办件，感谢您的参与。', 3000, 'the rated notice');
      expect(allByRole(again, 'radio')).to.have.length(0);
      expect(allByRole(again, 'button')).to.have.length(0);
      await expect(again).to.be.accessible();

      const en = await mount(html`<hcp-rating lang="en" endpoint=${bin.endpoint} project-no="P-ONCE"></hcp-rating>`);
      await until(() => getByRole(en, 'status').textContent === 'You have already rated this case. Thank you!', 3000, 'the en notice');

      const otherCase = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-OTHER"></hcp-rating>`);
      await sleep(200);
      expect(allByRole(otherCase, 'radio'), 'another transaction can be rated').to.have.length(5);
    });

    it('with allow-follow-up offers one 追评 (assessNumber 2), then no more', async () => {
      const bin = newBin();
      const first = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-FOLLOW" allow-follow-up></hcp-rating>`);
      await rate(first, '不满意', ['等待时间长']);
      await submitAndWait(first);
      first.remove();

      const again = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-FOLLOW" allow-follow-up></hcp-rating>`);
      await until(() => getByRole(again, 'status').textContent === '您已评价过本次办件。如有补充，可以追加评价一次。', 3000, 'the follow-up offer');
      await expect(again).to.be.accessible();
      await click(getByRole(again, 'button', '追加评价（追评）'));
      await again.updateComplete;
      await rate(again, '满意');
      await submitAndWait(again);
      const bodies = (await bin.received()).map((r) => parseBody(r as never));
      expect(bodies.map((b) => [b.projectNo, b.assessNumber])).to.deep.equal([
        ['P-FOLLOW', 1],
        ['P-FOLLOW', 2],
      ]);
      again.remove();

      const third = await mount(html`<hcp-rating endpoint=${bin.endpoint} project-no="P-FOLLOW" allow-follow-up></hcp-rating>`);
      await until(() => getByRole(third, 'status').textContent === '您已评价过本次办件，感谢您的参与。', 3000, 'the final notice');
      expect(allByRole(third, 'button')).to.have.length(0);
    });
  });

  it('refuses a new rating when 500 already wait: a clear message and hcp-failed, the old ones kept', async () => {
    const waiting = newBin();
    await waiting.script([], { status: 404 });
    const [model] = await ratingsFromClicks(1);
    const kv = await indexedDbKV('haochaping', 5000);
    // 500 ratings left queued by earlier visits (copies of one real rating, as the outbox stores them).
    const keys: string[] = [];
    for (let i = 0; i < 500; i++) {
      const id = `${model.id.slice(0, -4)}${i.toString(16).padStart(4, '0')}`;
      keys.push(`o:${id}`);
      await kv.set(`o:${id}`, {
        v: 1, id, payload: { ...model, id }, endpoint: waiting.endpoint, format: 'canonical', withCredentials: false,
        headers: {}, custom: false, createdAt: Date.now(), attempts: 0, nextAt: Date.now(), state: 'pending', leaseUntil: 0,
      });
    }
    try {
      const bin = newBin();
      const el = await mount(html`<hcp-rating endpoint=${bin.endpoint}></hcp-rating>`);
      await rate(el, '满意');
      const failed = await submitAndWait(el, 'hcp-failed');
      expect(failed.detail.reason).to.contain('500 ratings are already waiting');
      await el.updateComplete;
      expect(getByRole(el, 'status').textContent).to.equal('待提交的评价已达上限，本次评价未能保存。请稍后再试。');
      await expect(el).to.be.accessible();
      const kept = new Set((await kv.entries('o:')).map(([key]) => key));
      expect(keys.filter((key) => kept.has(key)).length, 'no old rating dropped').to.equal(500);
      expect((await bin.counts()).requests).to.equal(0);
    } finally {
      for (const key of keys) await kv.del(key);
    }
  });
});
