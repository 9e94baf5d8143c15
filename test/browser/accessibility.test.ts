import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { HcpRating } from '../../src/index.js';
import type { TransportRequest, TransportResponse } from '../../src/outbox/transport.js';
import { colorContrast, textContrast } from './contrast.js';
import { framePage, upgraded } from './frames.js';
import {
  accessibleName, allByRole, click, clickInFrame, focused, getByRole, mount, newEndpoint, parseBody, press, rate, sleep, submitAndWait, type, until,
} from './helpers.js';

const $ = <T extends Element = HTMLElement>(el: HcpRating, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const box = (el: Element) => el.getBoundingClientRect();
/** The visible target of a control: a radio's or checkbox's label tile, else the control itself. */
const target = (control: HTMLElement) =>
  control.localName === 'input' && ['radio', 'checkbox'].includes((control as HTMLInputElement).type)
    ? (control as HTMLInputElement).labels![0]
    : control;

/** A transport that holds every request until the test answers it. */
function heldTransport() {
  const waiting: ((r: TransportResponse) => void)[] = [];
  const transport = (_request: TransportRequest) => new Promise<TransportResponse>((resolve) => waiting.push(resolve));
  // The durable outbox sends once the record is stored, a moment after hcp-queued: wait for that attempt.
  const answer = async (status: number) => {
    await waitUntil(() => waiting.length > 0, 'the outbox never sent the rating');
    waiting.splice(0).forEach((resolve) => resolve({ status }));
  };
  return { transport, answer };
}

let before: HTMLButtonElement | undefined;
afterEach(() => {
  before?.remove();
  before = undefined;
});

/** A focusable control on the page just before the widget, where keyboard tests start. */
function startBefore(): HTMLButtonElement {
  before = document.createElement('button');
  before.textContent = 'page button before the widget';
  document.body.prepend(before);
  before.focus();
  return before;
}

describe('accessibility: axe in every state', () => {
  it('initial, chosen, tags, blocked by an error, queued and sent', async () => {
    const { transport, answer } = heldTransport();
    const el = await mount(html`<hcp-rating endpoint="/held" .transport=${transport}></hcp-rating>`);
    await expect(el, 'initial').to.be.accessible();
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    await expect(el, 'blocked: no level').to.be.accessible();
    await rate(el, '不满意');
    await expect(el, 'chosen').to.be.accessible();
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    await expect(el, 'blocked: no reason').to.be.accessible();
    await click(getByRole(el, 'checkbox', '等待时间长'));
    await el.updateComplete;
    await expect(el, 'tags').to.be.accessible();
    const queued = oneEvent(el, 'hcp-queued');
    await click(getByRole(el, 'button', '提交评价'));
    await queued;
    await el.updateComplete;
    await expect(el, 'queued').to.be.accessible();
    const sent = oneEvent(el, 'hcp-sent');
    await answer(201);
    await sent;
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal('已提交，感谢您的评价！');
    await expect(el, 'sent').to.be.accessible();
  });

  it('长辈模式 and kiosk mode, including the kiosk thank-you screen', async () => {
    const elder = await mount(html`<hcp-rating elder endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await expect(elder).to.be.accessible();
    await rate(elder, '满意', ['办事效率高']);
    await expect(elder).to.be.accessible();
    elder.remove();
    const kiosk = await mount(html`<hcp-rating mode="kiosk" reset-after="60" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await expect(kiosk).to.be.accessible();
    await rate(kiosk, '非常满意');
    await submitAndWait(kiosk);
    await kiosk.updateComplete;
    expect(getByRole(kiosk, 'status').textContent).to.equal('感谢您的评价！');
    await expect(kiosk).to.be.accessible();
  });
});

describe('accessibility: keyboard and screen readers', () => {
  it('completes a rating with real key presses only, and puts focus on the result', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    startBefore();
    await press('Tab');
    expect(focused(), 'one tab stop for the group: the first level').to.equal(getByRole(el, 'radio', '非常满意'));
    expect(getByRole<HTMLInputElement>(el, 'radio', '非常满意').checked, 'focus alone selects nothing').to.equal(false);
    await press('ArrowDown');
    await el.updateComplete;
    expect(focused()).to.equal(getByRole(el, 'radio', '满意'));
    expect(getByRole<HTMLInputElement>(el, 'radio', '满意').checked, 'ArrowDown').to.equal(true);
    await press('ArrowRight');
    await el.updateComplete;
    expect(focused()).to.equal(getByRole(el, 'radio', '基本满意'));
    expect(getByRole<HTMLInputElement>(el, 'radio', '基本满意').checked, 'ArrowRight').to.equal(true);
    await press('End');
    await el.updateComplete;
    expect(focused()).to.equal(getByRole(el, 'radio', '非常不满意'));
    expect(getByRole<HTMLInputElement>(el, 'radio', '非常不满意').checked, 'End').to.equal(true);
    await press('Home');
    await el.updateComplete;
    expect(focused()).to.equal(getByRole(el, 'radio', '非常满意'));
    expect(getByRole<HTMLInputElement>(el, 'radio', '非常满意').checked, 'Home').to.equal(true);
    await press('ArrowUp'); // wraps to the last level, as native radio groups do
    await el.updateComplete;
    await press('ArrowLeft');
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'radio', '不满意').checked, 'ArrowUp wraps, ArrowLeft').to.equal(true);
    await press('Tab');
    expect(focused(), 'from the group straight to the first reason').to.equal(getByRole(el, 'checkbox', '服务态度差'));
    await press('Tab');
    await press('Space');
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'checkbox', '办事效率低').checked, 'Space').to.equal(true);
    for (let i = 0; i < 8; i++) await press('Tab'); // past the other seven reasons
    expect(focused()).to.equal(getByRole(el, 'textbox', '意见和建议（选填）'));
    await type('窗口等了很久');
    await press('Tab');
    expect(focused()).to.equal(getByRole(el, 'button', '提交评价'));
    const sent = oneEvent(el, 'hcp-sent');
    await press('Enter');
    await sent;
    await el.updateComplete;
    const status = getByRole(el, 'status');
    expect(focused(), 'focus on the result, never on <body>').to.equal(status);
    expect(status.textContent).to.equal('已提交，感谢您的评价！');
    const [request, ...more] = await received();
    expect(more, 'one request').to.have.length(0);
    const body = parseBody(request);
    expect(body).to.include({ level: 2, verdict: 'bad', comment: '窗口等了很久' });
    expect(body.tags).to.deep.equal(['N02']);
  });

  it('links each error to its control, marks it invalid, and moves focus there', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    const group = getByRole(el, 'radiogroup');
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    const levelError = $(el, `#${group.getAttribute('aria-describedby')}`);
    expect(levelError.textContent).to.equal('请先选择一个评价等级。');
    expect(levelError.getAttribute('role')).to.equal('alert');
    expect(focused()).to.equal(getByRole(el, 'radio', '非常满意'));
    await rate(el, '非常不满意');
    expect(group.hasAttribute('aria-invalid'), 'fixed errors go away').to.equal(false);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    const tags = getByRole(el, 'group', '需要改进的地方（可多选）');
    expect(tags.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, `#${tags.getAttribute('aria-describedby')}`).textContent).to.equal('请选择至少一项原因或填写意见，方便我们改进。');
    expect(focused()).to.equal(getByRole(el, 'checkbox', '服务态度差'));
  });

  it('has exactly one status live region from the first render', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const statuses = allByRole(el, 'status');
    expect(statuses).to.have.length(1);
    expect(statuses[0].textContent).to.equal('');
    expect(statuses[0].isConnected).to.equal(true);
  });

  it('hides the visible counter from assistive technology and announces the count politely once typing pauses', async () => {
    const delay = HcpRating.countAnnounceDelay;
    HcpRating.countAnnounceDelay = 800;
    try {
      const el = await mount(html`<hcp-rating lang="en" max-comment="3" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      const counter = $(el, '#comment-count');
      expect(counter.getAttribute('aria-hidden')).to.equal('true');
      const live = el.shadowRoot!.querySelector('[aria-live=polite]')!;
      await click(getByRole(el, 'textbox', 'Comments (optional)'));
      await type('a');
      await type('b');
      await el.updateComplete;
      expect(counter.textContent!.trim()).to.equal('1 character left');
      expect(live.textContent, 'not on every key press').to.equal('');
      // Each announcement is waited for as it comes (800 ms after the last key), not for a fixed 1.3 s.
      const announced = (text: string) => until(async () => (await el.updateComplete, live.textContent === text), 3000, `the announcement "${text}"`);
      await announced('1 character left');
      await type('cd');
      await announced('1 character too many');
      await press('Backspace');
      await press('Backspace');
      await press('Backspace');
      await announced('2 characters left');
      expect(getByRole(el, 'textbox').getAttribute('aria-describedby')).to.equal('comment-count');
    } finally {
      HcpRating.countAnnounceDelay = delay;
    }
  });

  it('gives every level an icon and its text, so colour is never the only cue', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    for (const radio of allByRole<HTMLInputElement>(el, 'radio')) {
      const label = radio.labels![0];
      expect(label.querySelector('svg[aria-hidden=true]')).to.exist;
      expect(label.textContent!.trim()).to.equal(accessibleName(radio));
    }
    await rate(el, '满意', ['办事效率高']);
    expect(getComputedStyle(target(getByRole(el, 'radio', '满意'))).borderTopWidth).to.equal('3px');
    expect(getComputedStyle(target(getByRole(el, 'checkbox', '办事效率高')), '::before').content).to.contain('✓');
  });
});

describe('accessibility: sizes', () => {
  async function controls(el: HcpRating): Promise<HTMLElement[]> {
    await rate(el, '满意');
    return [...allByRole(el, 'radio'), ...allByRole(el, 'checkbox'), getByRole(el, 'textbox'), ...allByRole(el, 'button')];
  }

  it('makes every target at least 44×44 CSS px', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    for (const control of await controls(el)) {
      const { width, height } = box(target(control));
      expect(width, accessibleName(control)).to.be.at.least(44);
      expect(height, accessibleName(control)).to.be.at.least(44);
    }
  });

  it('in 长辈模式: targets at least 60×60, body text 18 px or more, larger level labels, line height 1.5 or more', async () => {
    const el = await mount(html`<hcp-rating elder endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    for (const control of await controls(el)) {
      const { width, height } = box(target(control));
      expect(width, accessibleName(control)).to.be.at.least(60);
      expect(height, accessibleName(control)).to.be.at.least(60);
    }
    const body = parseFloat(getComputedStyle(getByRole(el, 'textbox')).fontSize);
    expect(body).to.be.at.least(18);
    const level = target(getByRole(el, 'radio', '满意'));
    expect(parseFloat(getComputedStyle(level).fontSize)).to.be.above(body);
    for (const text of [level, $(el, '.legend'), getByRole(el, 'textbox'), $(el, '#comment-count')]) {
      const style = getComputedStyle(text);
      expect(parseFloat(style.fontSize), text.className).to.be.at.least(18);
      expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize), text.className).to.be.at.least(1.5);
    }
    const xs = allByRole(el, 'radio').map((r) => Math.round(box(target(r)).x));
    expect(new Set(xs).size, 'one simple column of levels').to.equal(1);
  });
});

describe('accessibility: contrast', () => {
  async function check(el: HcpRating, minText: number): Promise<void> {
    await rate(el, '非常不满意');
    await click(getByRole(el, 'button'));
    await el.updateComplete;
    expect($(el, '#reason-error').textContent).to.not.equal('');
    expect(textContrast($(el, '#reason-error')), 'error text').to.be.at.least(minText);
    await rate(el, '不满意', ['办事效率低']);
    await click(getByRole(el, 'textbox'));
    await type('x'.repeat(10));
    await el.updateComplete;
    const texts = [
      $(el, '.legend'),
      target(getByRole(el, 'radio', '满意')),
      target(getByRole(el, 'radio', '不满意')),
      target(getByRole(el, 'checkbox', '办事效率低')),
      target(getByRole(el, 'checkbox', '等待时间长')),
      getByRole(el, 'textbox'),
      $(el, '#comment-count'),
      getByRole(el, 'button'),
    ];
    for (const text of texts) expect(textContrast(text), `${text.className} text`).to.be.at.least(minText);
    for (const bounded of [target(getByRole(el, 'radio', '满意')), target(getByRole(el, 'checkbox', '等待时间长')), getByRole(el, 'textbox')]) {
      expect(colorContrast(bounded, 'borderTopColor', $(el, '.base')), `${bounded.className} boundary`).to.be.at.least(3);
    }
    // The focus ring, as a keyboard user sees it: outside the control, on the widget's surface.
    startBefore();
    await press('Tab');
    const radio = focused() as HTMLInputElement;
    const ring = getComputedStyle(target(radio));
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    expect(colorContrast(target(radio), 'outlineColor', $(el, '.base')), 'focus ring').to.be.at.least(3);
  }

  it('text at least 4.5:1, boundaries and the focus ring at least 3:1 in the default theme', async () => {
    await check(await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`), 4.5);
  });

  it('text at least 7:1 in 长辈模式', async () => {
    await check(await mount(html`<hcp-rating elder endpoint=${newEndpoint().endpoint}></hcp-rating>`), 7);
  });
});

describe('accessibility: adaptation', () => {
  it('reflows without horizontal scrolling in a 320 px viewport (400 % zoom of a 1280 px page), also in 长辈模式 and with tags shown', async () => {
    for (const elder of [false, true]) {
      const mode = elder ? '长辈模式' : 'default';
      const page = await framePage(`<hcp-rating ${elder ? 'elder ' : ''}endpoint="/x" task-name="居民身份证换领"></hcp-rating>`, { width: 320 });
      try {
        await upgraded(page);
        const el = page.doc.querySelector('hcp-rating') as HcpRating;
        expect(page.win.innerWidth).to.equal(320);
        const fits = (when: string) => {
          expect(page.doc.documentElement.scrollWidth, `page width, ${mode}, ${when}`).to.be.at.most(320);
          for (const node of el.shadowRoot!.querySelectorAll<HTMLElement>('label, textarea, button, p')) {
            expect(node.getBoundingClientRect().right, `${node.className || node.tagName}, ${mode}, ${when}`).to.be.at.most(320);
          }
        };
        const levels = () => allByRole(el, 'radio').map((r) => box(target(r)));
        const rows = levels();
        expect(new Set(rows.map((r) => `${Math.round(r.width)}x${Math.round(r.height)}`)).size, `levels of equal size, ${mode}`).to.equal(1);
        expect(new Set(rows.map((r) => Math.round(r.x))).size, `levels stacked in one column, ${mode}`).to.equal(1);
        expect(rows[0].width, `levels as full-width rows, ${mode}`).to.be.at.least(box(el).width - 1);
        fits('nothing chosen');
        const icon = () => box(target(getByRole(el, 'radio', '不满意')).querySelector('svg')!);
        const unchosen = icon();
        await clickInFrame(page.frame, getByRole(el, 'radio', '不满意'));
        await el.updateComplete;
        expect(getByRole<HTMLInputElement>(el, 'radio', '不满意').checked).to.equal(true);
        expect(allByRole(el, 'checkbox').length, 'tags shown').to.be.above(0);
        expect(icon().x, `choosing does not shift the tile’s content, ${mode}`).to.be.closeTo(unchosen.x, 0.5);
        fits('with tags shown');
        expect(new Set(levels().map((r) => Math.round(r.x))).size, `levels stacked in one column, ${mode}, with tags shown`).to.equal(1);
      } finally {
        page.remove();
      }
    }
  });

  it('keeps its size and layout on a hostile host page (resets, box-sizing, huge or tiny root font)', async () => {
    const hostile = `<style>
      html { font-size: 62.5% !important; }
      * { box-sizing: content-box !important; line-height: 1 !important; letter-spacing: 4px !important;
          text-align: center !important; color: #999 !important; font-size: 10px !important; }
      input, label, button, textarea, p, div { display: none !important; padding: 40px !important; }
    </style>`;
    const page = await framePage(`<hcp-rating endpoint="/x"></hcp-rating>`, { width: 800, head: hostile });
    try {
      await upgraded(page);
      const el = page.doc.querySelector('hcp-rating') as HcpRating;
      // A real click at the tile's place in the top page (the frame need not sit at 0,0).
      await clickInFrame(page.frame, getByRole(el, 'radio', '满意'));
      await el.updateComplete;
      expect(getByRole<HTMLInputElement>(el, 'radio', '满意').checked, 'the level is chosen despite the page CSS').to.equal(true);
      const textbox = getByRole(el, 'textbox');
      expect(parseFloat(getComputedStyle(textbox).fontSize)).to.be.at.least(16);
      expect(getComputedStyle($(el, '.base')).letterSpacing).to.equal('normal');
      expect(textContrast($(el, '.legend'))).to.be.at.least(4.5);
      for (const control of [...allByRole(el, 'radio'), textbox, getByRole(el, 'button')]) {
        expect(box(target(control)).height, accessibleName(control)).to.be.at.least(44);
      }
    } finally {
      page.remove();
    }
    const huge = await framePage(`<hcp-rating endpoint="/x"></hcp-rating>`, { width: 800, head: '<style>html { font-size: 64px }</style>' });
    try {
      await upgraded(huge);
      const el = huge.doc.querySelector('hcp-rating') as HcpRating;
      expect(parseFloat(getComputedStyle(getByRole(el, 'button')).fontSize)).to.be.at.most(20);
      expect(huge.doc.documentElement.scrollWidth).to.be.at.most(800);
    } finally {
      huge.remove();
    }
  });
});

describe('accessibility: before and without JavaScript', () => {
  const fallback = '<hcp-rating endpoint="/x"><a href="https://zwfw.example.gov.cn/hcp">到政务服务网评价</a></hcp-rating>';

  it('shows the slotted fallback link when the script fails to load, and before it upgrades', async () => {
    const page = await framePage(fallback, { width: 600, script: '/no-such-sdk.js' });
    try {
      await sleep(100);
      const link = page.doc.querySelector('a')!;
      expect(page.win.customElements.get('hcp-rating')).to.equal(undefined);
      expect(link.getClientRects().length, 'rendered').to.be.above(0);
      expect(box(link).height).to.be.above(0);
      expect(link.textContent).to.equal('到政务服务网评价');
    } finally {
      page.remove();
    }
  });

  it('shows the fallback link in an engine that cannot parse the bundle (below the syntax floor)', async () => {
    // Stands for the bundle in an engine below the floor (real Chromium 64 cannot parse it:
    // test/node/old-chromium.test.mjs): a script that fails to parse, so none of it runs.
    const unparsable = '<script>window.hcpParsed = true; const a = { b: 1 }; a.b ?= 2;</script>';
    const page = await framePage(fallback, { width: 600, script: '', head: unparsable });
    try {
      await sleep(100);
      expect((page.win as unknown as { hcpParsed?: boolean }).hcpParsed, 'the file did not run').to.equal(undefined);
      expect(page.win.customElements.get('hcp-rating')).to.equal(undefined);
      const link = page.doc.querySelector('a')!;
      expect(box(link).height, 'the fallback link is shown').to.be.above(0);
      expect(link.textContent).to.equal('到政务服务网评价');
    } finally {
      page.remove();
    }
  });

  it('replaces the fallback with the form once it upgrades', async () => {
    const page = await framePage(fallback, { width: 600 });
    try {
      await upgraded(page);
      const el = page.doc.querySelector('hcp-rating') as HcpRating;
      expect(page.doc.querySelector('a')!.getClientRects().length, 'fallback no longer rendered').to.equal(0);
      expect(allByRole(el, 'radio')).to.have.length(5);
    } finally {
      page.remove();
    }
  });
});
