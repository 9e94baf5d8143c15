import '../../src/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import type { Evaluation } from '../../src/schema/payload.js';
import { click, consoleDuring, getByRole, mount, newEndpoint, parseBody, rate, sleep, submitAndWait } from './helpers.js';

interface Attempt {
  errors: { attribute: string; message: string }[][];
  logged: string[];
  submits: number;
  requests: number;
}

/** Chooses 满意 with a real click, lets `hostile` run, then clicks 提交评价 for real. */
async function rateUnder(hostile: (el: HcpRating) => void | (() => void)): Promise<Attempt & { el: HcpRating }> {
  const { endpoint, received } = newEndpoint();
  const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
  const result: Attempt = { errors: [], logged: [], submits: 0, requests: 0 };
  el.addEventListener('hcp-error', (e) => result.errors.push((e as CustomEvent).detail.issues));
  el.addEventListener('hcp-submit', () => result.submits++);
  await rate(el, '满意');
  const undo = hostile(el);
  await el.updateComplete;
  try {
    result.logged = await consoleDuring('error', async () => {
      await click(getByRole(el, 'button', '提交评价'));
      await el.updateComplete;
      await sleep(200);
    });
  } finally {
    if (typeof undo === 'function') undo();
  }
  result.requests = (await received()).length;
  return { ...result, el };
}

/** A page stylesheet, as an integrator (or an attacker with CSS access) would add it. */
function pageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

/** A script that reaches into the open shadow root and styles one tile. */
function shadowStyle(el: HcpRating, css: string): void {
  const root: ShadowRoot = el.shadowRoot!;
  if (!('adoptedStyleSheets' in ShadowRoot.prototype)) {
    // The baseline profile (no constructable stylesheets): the widget's own styles are <style> too.
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
    return;
  }
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

function expectRefused(attempt: Attempt, problem: RegExp) {
  expect(attempt.submits, 'no hcp-submit').to.equal(0);
  expect(attempt.requests, 'nothing sent').to.equal(0);
  expect(attempt.errors).to.have.length(1);
  expect(attempt.errors[0][0].attribute).to.equal('part(level)');
  expect(attempt.errors[0].map((i) => i.message).join('\n')).to.match(problem);
  expect(attempt.logged.join('\n')).to.match(problem);
}

describe('every level stays visible at a comparable size, or no rating is accepted', () => {
  for (const [what, css, problem] of [
    ['display:none', 'display: none', /is hidden/],
    ['visibility:hidden', 'visibility: hidden', /is hidden/],
    ['opacity:0', 'opacity: 0', /is hidden/],
    ['a clip-path', 'clip-path: inset(50%)', /is clipped/],
  ] as const) {
    it(`refuses when the page hides the levels through ::part(level) with ${what}`, async () => {
      const attempt = await rateUnder(() => pageStyle(`hcp-rating::part(level) { ${css} }`));
      expectRefused(attempt, problem);
    });
  }

  it('refuses when a script shrinks one level (不满意) to a fraction of the others', async () => {
    const attempt = await rateUnder((el) => shadowStyle(el, '.slot:nth-child(4) > .choice { transform: scale(0.4); }'));
    expectRefused(attempt, /"不满意" is shrunk/);
  });

  it('refuses when a script hides one level (非常不满意) with display:none', async () => {
    const attempt = await rateUnder((el) => shadowStyle(el, '.slot:nth-child(5) > .choice { display: none !important; }'));
    expectRefused(attempt, /"非常不满意" is hidden/);
  });

  it('refuses when a script fades one level', async () => {
    const attempt = await rateUnder((el) => shadowStyle(el, '.slot:nth-child(4) > .choice { opacity: 0.2; }'));
    expectRefused(attempt, /"不满意" is faded/);
  });

  it('refuses when a script removes a level', async () => {
    const attempt = await rateUnder((el) => {
      const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]');
      const last = radios[radios.length - 1];
      last.labels?.[0]?.remove();
      last.remove();
    });
    expectRefused(attempt, /5 levels were rendered but 4 remain/);
  });

  it('refuses when a script disables a level', async () => {
    const attempt = await rateUnder((el) => {
      el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[4].disabled = true;
    });
    expectRefused(attempt, /"非常不满意" was disabled/);
  });

  it('tells the citizen why nothing was submitted', async () => {
    const { el } = await rateUnder(() => pageStyle('hcp-rating::part(level) { visibility: hidden }'));
    expect(el.shadowRoot!.querySelector('#level-error')!.textContent).to.contain('没有完整显示全部评价等级');
  });

  it('accepts a page that restyles the levels evenly', async () => {
    const undo = pageStyle('hcp-rating.themed::part(level) { border-color: #333; padding: 1rem; opacity: 0.9 }');
    try {
      const { endpoint, received } = newEndpoint();
      const el = await mount(html`<hcp-rating class="themed" endpoint=${endpoint}></hcp-rating>`);
      let errors = 0;
      el.addEventListener('hcp-error', () => errors++);
      await rate(el, '不满意', ['服务态度差']);
      await submitAndWait(el);
      expect(errors).to.equal(0);
      expect(await received()).to.have.length(1);
    } finally {
      undo();
    }
  });

  it('accepts the narrow (320 px) and 长辈模式 layouts as rendered', async () => {
    const { endpoint, received } = newEndpoint();
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 320px">
      <hcp-rating endpoint=${endpoint}></hcp-rating><hcp-rating elder endpoint=${endpoint}></hcp-rating>
    </div>`);
    for (const el of wrapper.querySelectorAll('hcp-rating')) {
      await el.updateComplete;
      await rate(el, '非常满意');
      await submitAndWait(el);
    }
    expect(await received()).to.have.length(2);
  });

  it('accepts the good-bad scale as rendered', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '好评');
    await submitAndWait(el);
    expect(await received()).to.have.length(1);
  });
});

describe('integrity of what is submitted', () => {
  it('carries dwellMs: the time from showing the widget to submitting', async () => {
    const { endpoint, received } = newEndpoint();
    const mounted = performance.now();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await sleep(400);
    await rate(el, '满意');
    await submitAndWait(el);
    const elapsed = performance.now() - mounted;
    const { dwellMs } = parseBody((await received())[0]);
    expect(dwellMs).to.be.a('number');
    expect(Number.isInteger(dwellMs)).to.equal(true);
    expect(dwellMs).to.be.at.least(400).and.at.most(Math.ceil(elapsed));
  });

  it('a level a page script checks (with change or arrow-key events) is not chosen: a real 提交 asks for a level', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    const submitted: Evaluation[] = [];
    el.addEventListener('hcp-submit', (e) => submitted.push((e as CustomEvent<Evaluation>).detail));
    const best = getByRole<HTMLInputElement>(el, 'radio', '非常满意');
    best.checked = true;
    best.dispatchEvent(new Event('change', { bubbles: true }));
    getByRole(el, 'radio', '不满意').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('input:checked'), 'the scripted check is undone').to.have.length(0);
    // The citizen, who chose nothing, presses 提交评价.
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#level-error')!.textContent).to.contain('请先选择一个评价等级');
    await sleep(300);
    expect(submitted).to.have.length(0);
    expect(await received()).to.have.length(0);
  });

  it('a reason a page script checks is not chosen: a 差评 still asks the citizen for one', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '不满意');
    const reason = getByRole<HTMLInputElement>(el, 'checkbox', '服务态度差');
    reason.checked = true;
    reason.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(reason.checked, 'the scripted check is undone').to.equal(false);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#reason-error')!.textContent).to.contain('请选择至少一项原因');
    await sleep(300);
    expect(await received()).to.have.length(0);
  });

  it('pre-selects nothing whatever attributes or properties the page sets, so a real 提交 asks for a level', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(
      html`<hcp-rating endpoint=${endpoint} level="5" value="5" checked selected="5" aria-checked="true" data-level="5"></hcp-rating>`,
    );
    expect(el.shadowRoot!.querySelectorAll('input:checked'), 'attributes').to.have.length(0);
    Object.assign(el, { level: 5, value: 5 });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('input:checked'), 'properties').to.have.length(0);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#level-error')!.textContent).to.contain('请先选择一个评价等级');
    await sleep(100);
    expect(await received()).to.have.length(0);
  });
});
