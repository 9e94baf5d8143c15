// Each frame is a page of its own (a tab, or the next visit). This top page loads no SDK,
// so only the frames' outboxes touch the shared haochaping database.
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { HcpRating } from '../../src/index.js';
import { getByRole, sleep } from './helpers.js';
import { newBin, until } from './outbox-helpers.js';

interface FrameApi {
  ready: boolean;
  events: { type: string; id: string; status?: number; durable?: boolean }[];
  outbox: { pending(): Promise<number> };
}
type Frame = HTMLIFrameElement & { api: FrameApi; widget: () => HcpRating };

const frames: HTMLIFrameElement[] = [];
async function openFrame(query: Record<string, string>): Promise<Frame> {
  const frame = document.createElement('iframe') as Frame;
  frame.style.cssText = 'border:0;display:block;width:700px;height:900px';
  frame.src = `/test/browser/outbox-frame.html?${new URLSearchParams(query)}`;
  document.body.append(frame);
  frames.push(frame);
  const win = () => frame.contentWindow as (Window & { hcp?: FrameApi }) | null;
  await until(() => win()?.hcp?.ready, 10_000, 'the frame to load');
  frame.api = win()!.hcp!;
  frame.widget = () => frame.contentDocument!.querySelector('hcp-rating') as HcpRating;
  return frame;
}

/** A real mouse click on a control inside a frame, at its position in the top page. */
async function clickIn(frame: HTMLIFrameElement, control: HTMLElement): Promise<void> {
  const target = (control as HTMLInputElement).labels?.[0] ?? control;
  target.scrollIntoView({ block: 'center' });
  const f = frame.getBoundingClientRect();
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(f.x + r.x + r.width / 2), Math.round(f.y + r.y + r.height / 2)] });
  await sendMouse({ type: 'move', position: [0, 0] });
}

/** A citizen rates 满意 in the frame's widget and presses 提交. */
async function rateInFrame(frame: Frame): Promise<void> {
  const el = frame.widget();
  await clickIn(frame, getByRole(el, 'radio', '满意'));
  await el.updateComplete;
  await clickIn(frame, getByRole(el, 'button'));
}

const statusOf = (frame: Frame) => getByRole(frame.widget(), 'status').textContent ?? '';

describe('outbox across page loads and frames', () => {
  afterEach(() => frames.splice(0).forEach((f) => f.remove()));

  it('a rating queued on one visit is delivered on the next load, with one hcp-sent on that page’s window', async () => {
    const bin = newBin();
    await bin.script([], { status: 404 });
    const visit = await openFrame({ widget: '', endpoint: bin.endpoint });
    await rateInFrame(visit);
    await until(() => statusOf(visit).includes('暂时无法接收'), 5000, 'the paused state');
    const queued = visit.api.events.find((e) => e.type === 'hcp-queued')!;
    expect(queued.durable).to.equal(true);
    visit.remove(); // the citizen closes the tab

    await bin.script([], { status: 201 });
    const next = await openFrame({});
    await until(() => next.api.events.some((e) => e.type === 'hcp-sent'), 5000, 'delivery on the next load');
    await sleep(300);
    expect(next.api.events.filter((e) => e.type === 'hcp-sent')).to.deep.equal([{ type: 'hcp-sent', id: queued.id, status: 201 }]);
    expect((await bin.counts()).ids[queued.id]).to.deep.equal({ requests: 2, stored: 1 });
    expect(await next.api.outbox.pending()).to.equal(0);
  });

  it('a send interrupted by removing its frame is resent once, after its lease expires', async () => {
    const bin = newBin();
    await bin.script([], { status: 404 });
    const visit = await openFrame({ widget: '', endpoint: bin.endpoint });
    await rateInFrame(visit);
    await until(() => statusOf(visit).includes('暂时无法接收'), 5000, 'the paused state');
    const { id } = visit.api.events.find((e) => e.type === 'hcp-queued')!;
    visit.remove();

    // The next page starts sending; the endpoint is slow; the page goes away mid-send.
    await bin.script([{ status: 201, hangMs: 3000 }], { status: 201 });
    const dying = await openFrame({ own: JSON.stringify({ leaseMs: 800 }) });
    await until(async () => (await bin.counts()).requests === 2, 5000, 'the interrupted send');
    const interruptedAt = Date.now();
    dying.remove();

    // Going away (pagehide), the frame sends the interrupted attempt once more with keepalive:
    // the same body, the same Idempotency-Key. Its answer reaches nobody, so the record stays.
    await until(async () => (await bin.counts()).requests === 3, 2000, 'the keepalive copy');
    const copied = await bin.received();
    expect(copied[2].body, 'the keepalive copy is the interrupted attempt').to.equal(copied[1].body);

    const survivor = await openFrame({ own: JSON.stringify({ leaseMs: 800 }) });
    await until(() => survivor.api.events.some((e) => e.type === 'hcp-sent' && e.id === id), 6000, 'the resend');
    const received = await bin.received();
    expect(received).to.have.length(4);
    expect(received[3].at - interruptedAt, 'not before the lease expired').to.be.at.least(500);
    expect(JSON.parse(received[3].body)).to.include({ id, attempt: 3 });
    await sleep(300);
    expect((await bin.counts()).ids[id].requests, 'resent once').to.equal(4);
    expect((await bin.counts()).stored, 'one rating').to.equal(1);
    expect(await survivor.api.outbox.pending()).to.equal(0);
  });

  it('without any storage, says so honestly: durable: false, never 已保存', async () => {
    const bin = newBin();
    await bin.script([], { status: 503 });
    const page = await openFrame({ widget: '', endpoint: bin.endpoint, noStorage: '' });
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(statusOf(page)));
    observer.observe(page.widget().shadowRoot!, { subtree: true, childList: true, characterData: true });
    await rateInFrame(page);
    await until(() => statusOf(page).includes('尚未送达'), 5000, 'the failure');
    observer.disconnect();
    seen.add(statusOf(page));
    expect(page.api.events.find((e) => e.type === 'hcp-queued')).to.include({ durable: false });
    expect([...seen].some((text) => text.includes('已保存')), [...seen].join(' | ')).to.equal(false);
    expect([...seen]).to.include('正在提交，请勿关闭页面…');
    expect(statusOf(page)).to.equal('评价服务器暂时繁忙（错误 503），您的评价尚未送达。请稍后重新提交。');
    getByRole(page.widget(), 'button', '重新提交');
  });
});
