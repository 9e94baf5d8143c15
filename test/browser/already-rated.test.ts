/**
 * Server-side 一次一评 (SPEC §5): an endpoint answers 409 when the transaction (`project-no`,
 * `task-code`, `assessNumber`) already holds a rating under another id — rated on another
 * phone, say. The rating is set aside (not retried, not paused), the citizen is told the case
 * was already rated (with the 追评 offer where allowed), `hcp-failed` says `code:
 * 'already-rated'`, and the browser remembers the transaction. Every `hcp-failed` has a `code`.
 */
import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { outbox, OutboxFullError } from '../../src/outbox/outbox.js';
import type { HcpFailedDetail } from '../../src/events.js';
import { click, getByRole, mount, newEndpoint, rate } from './helpers.js';
import { restoreStubs, stub, until } from './outbox-helpers.js';

let project = 0;
const projectNo = () => `P409-${Date.now()}-${project++}`;

async function failedOnSubmit(el: HTMLElement): Promise<HcpFailedDetail> {
  const failed = new Promise<HcpFailedDetail>((resolve) => el.addEventListener('hcp-failed', (e) => resolve((e as CustomEvent).detail), { once: true }));
  await click(getByRole(el as never, 'button', '提交评价'));
  return failed;
}

describe('409: the transaction was already rated on the server', () => {
  afterEach(restoreStubs);

  it('says 已评价, sets the rating aside with code already-rated, and a new widget for the case shows it rated', async () => {
    const { endpoint, received } = newEndpoint('status=409');
    const no = projectNo();
    const el = await mount(html`<hcp-rating endpoint=${endpoint} project-no=${no}></hcp-rating>`);
    await rate(el, '满意');
    const failed = await failedOnSubmit(el);
    expect(failed).to.include({ status: 409, code: 'already-rated' });
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.contain('已评价');
    expect(el.shadowRoot!.querySelector('input[type=radio]'), 'no form to rate again').to.equal(null);
    expect(await outbox.pending(), 'set aside, not retried').to.equal(0);
    await new Promise((r) => setTimeout(r, 300));
    expect((await received()).length, 'asked once').to.equal(1);

    const again = await mount(html`<hcp-rating endpoint=${endpoint} project-no=${no}></hcp-rating>`);
    await until(() => getByRole(again, 'status').textContent!.includes('已评价'), 3000, 'the remembered transaction');
  });

  it('offers the one 追评 where the page allows it', async () => {
    const { endpoint } = newEndpoint('status=409');
    const el = await mount(html`<hcp-rating endpoint=${endpoint} project-no=${projectNo()} allow-follow-up></hcp-rating>`);
    await rate(el, '不满意', ['等待时间长']);
    await failedOnSubmit(el);
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal('您已评价过本次办件。如有补充，可以追加评价一次。');
    expect(getByRole(el, 'button', '追加评价（追评）')).to.exist;
  });
});

describe('every hcp-failed carries a code', () => {
  afterEach(restoreStubs);

  it('full when the queue is full, unstorable when no store took the rating', async () => {
    for (const [error, code] of [
      [new OutboxFullError(500), 'full'],
      [new Error('DataCloneError'), 'unstorable'],
    ] as const) {
      stub(outbox, 'enqueue', () => Promise.reject(error));
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      await rate(el, '满意');
      const failed = await failedOnSubmit(el);
      expect(failed, code).to.include({ status: 0, code });
      restoreStubs();
    }
  });

  it('refused for 400, 413 and 422', async () => {
    for (const status of [400, 413, 422]) {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint(`status=${status}`).endpoint}></hcp-rating>`);
      await rate(el, '满意');
      expect(await failedOnSubmit(el), String(status)).to.include({ status, code: 'refused' });
    }
  });
});
