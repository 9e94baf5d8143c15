import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, oneEvent } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import { mountFloatingLauncher, type HcpLauncher } from '../../src/launcher/floating-launcher.js';
import type { HcpRating } from '../../src/index.js';
import { framePage } from './frames.js';
import { accessibleName, click, focused, getByRole, newEndpoint, parseBody, press, rate, sleep } from './helpers.js';

const { endpoint, received } = newEndpoint();
let launcher: HcpLauncher;
let pageButton: HTMLButtonElement;

const shadow = (selector: string) => launcher.shadowRoot!.querySelector<HTMLElement>(selector)!;
const launcherButton = () => shadow('button.launcher');
const dialog = () => shadow('dialog') as HTMLDialogElement;
const rating = () => dialog().querySelector('hcp-rating') as HcpRating;
const name = (el: Element) => el.getAttribute('aria-label') ?? el.textContent!.trim();

beforeEach(async () => {
  configure({ endpoint });
  pageButton = document.createElement('button');
  pageButton.textContent = 'a control of the page';
  document.body.append(pageButton);
  launcher = mountFloatingLauncher();
  await launcher.updateComplete;
});

afterEach(() => {
  if (launcher.isOpen) launcher.close();
  launcher.remove();
  pageButton.remove();
  document.documentElement.removeAttribute('lang');
});

async function openWithClick(): Promise<void> {
  await click(launcherButton());
  await rating().updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
}

describe('floating launcher (data-launcher="floating")', () => {
  it('is a small button named “评价” in a corner, clear of the safe area', async () => {
    const button = launcherButton();
    expect(name(button)).to.equal('评价');
    expect(button.localName).to.equal('button');
    expect(getComputedStyle(launcher).position).to.equal('fixed');
    const rect = launcher.getBoundingClientRect();
    expect(rect.right).to.be.at.most(innerWidth - 16 + 0.5);
    expect(rect.bottom).to.be.at.most(innerHeight - 16 + 0.5);
    expect(rect.width * rect.height, 'small').to.be.below((innerWidth * innerHeight) / 20);
    for (const b of launcher.shadowRoot!.querySelectorAll('button.launcher, button.hide')) {
      const r = b.getBoundingClientRect();
      expect(Math.min(r.width, r.height), name(b)).to.be.at.least(44);
    }
    await expect(launcher).to.be.accessible();
  });

  it('sits in a landmark of its own, named like its button, so moving by landmarks finds it', async () => {
    expect(launcher.getAttribute('role')).to.equal('complementary');
    expect(launcher.getAttribute('aria-label')).to.equal('评价');
    document.documentElement.lang = 'en';
    await sleep(0);
    await launcher.updateComplete;
    expect(launcher.getAttribute('aria-label')).to.equal('Rate this service');
  });

  it('shares the element\'s design tokens, so both look alike and a page restyles both at once', async () => {
    const inline = document.createElement('hcp-rating') as HcpRating;
    inline.endpoint = endpoint;
    document.body.append(inline);
    await inline.updateComplete;
    const tokens = ['--hcp-accent', '--hcp-accent-soft', '--hcp-on-accent', '--hcp-text', '--hcp-muted', '--hcp-surface', '--hcp-border', '--hcp-error', '--hcp-focus', '--hcp-radius', '--hcp-font'];
    const of = (el: Element) => tokens.map((t) => getComputedStyle(el).getPropertyValue(t).trim());
    expect(of(launcher)).to.deep.equal(of(inline));
    expect(of(launcher).every(Boolean), 'every token has a value').to.equal(true);
    inline.remove();
  });

  it('speaks the page default language (data-lang, configure({ lang })) over the page\'s own lang, as the element does', async () => {
    document.documentElement.lang = 'zh-CN';
    configure({ lang: 'en' });
    try {
      await launcher.updateComplete;
      expect(launcherButton().textContent!.trim()).to.equal('Rate this service');
      expect(launcher.getAttribute('aria-label')).to.equal('Rate this service');
      await openWithClick();
      expect(accessibleName(shadow('button.close'))).to.equal('Close');
      const rating = launcher.shadowRoot!.querySelector<HcpRating>('hcp-rating')!;
      await rating.updateComplete;
      expect(getByRole(rating, 'radio', 'Very satisfied')).to.exist;
      const inline = document.createElement('hcp-rating') as HcpRating;
      inline.endpoint = endpoint;
      document.body.append(inline);
      await inline.updateComplete;
      expect(getByRole(inline, 'radio', 'Very satisfied'), 'the inline widget agrees').to.exist;
      inline.remove();
    } finally {
      configure({ lang: '' });
    }
  });

  it('opens a modal dialog: focus moves in, the page behind is inert, axe passes', async () => {
    await openWithClick();
    expect(launcher.isOpen).to.equal(true);
    if (typeof HTMLDialogElement.prototype.showModal === 'function') expect(dialog().matches(':modal')).to.equal(true);
    else {
      // Without showModal (Safari < 15.4; the baseline profile): the launcher's own modal.
      expect(dialog().getAttribute('aria-modal')).to.equal('true');
      const box = shadow('.backdrop').getBoundingClientRect();
      expect([box.width, box.height], 'a backdrop over the whole page').to.deep.equal([innerWidth, innerHeight]);
      expect(document.elementFromPoint(pageButton.getBoundingClientRect().x + 2, pageButton.getBoundingClientRect().y + 2), 'the page behind takes no clicks').to.equal(launcher);
    }
    expect(accessibleName(dialog())).to.equal('服务评价');
    expect(focused()).to.equal(getByRole(rating(), 'radio', '非常满意'));
    pageButton.focus();
    expect(document.activeElement, 'the page behind cannot take focus').to.not.equal(pageButton);
    await expect(launcher).to.be.accessible();
  });

  it('closes with Escape and returns focus to the launcher', async () => {
    await openWithClick();
    await press('Escape');
    expect(launcher.isOpen).to.equal(false);
    expect(focused()).to.equal(launcherButton());
  });

  it('closes with the “关闭” button and returns focus to the launcher', async () => {
    await openWithClick();
    const close = shadow('button.close');
    expect(name(close)).to.equal('关闭');
    await click(close);
    expect(launcher.isOpen).to.equal(false);
    expect(focused()).to.equal(launcherButton());
  });

  it('opens with the keyboard, and a rating made in it is sent with the page defaults', async () => {
    launcherButton().focus();
    await press('Enter');
    await rating().updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    expect(launcher.isOpen).to.equal(true);
    expect(focused()).to.equal(getByRole(rating(), 'radio', '非常满意'));
    await rate(rating(), '满意');
    const sent = oneEvent(rating(), 'hcp-sent');
    await click(getByRole(rating(), 'button', '提交评价'));
    await sent;
    await rating().updateComplete;
    expect(focused()).to.equal(getByRole(rating(), 'status'));
    expect(parseBody((await received()).at(-1)!).level).to.equal(4);
    await expect(launcher).to.be.accessible();
  });

  it('can be hidden, so it never covers the page for good', async () => {
    const hide = shadow('button.hide');
    expect(name(hide)).to.equal('隐藏评价按钮');
    await click(hide);
    expect(launcher.getBoundingClientRect().width).to.equal(0);
  });

  it('speaks the page’s language', async () => {
    document.documentElement.lang = 'en';
    await sleep(0);
    await launcher.updateComplete;
    expect(name(launcherButton())).to.equal('Rate this service');
    await openWithClick();
    expect(name(shadow('button.close'))).to.equal('Close');
    expect(getByRole(rating(), 'button').textContent!.trim()).to.equal('Submit rating');
  });
});

describe('floating launcher from the script tag, under a strict CSP', () => {
  it('appears and is styled without unsafe-inline', async () => {
    const page = await framePage('', { width: 600, height: 400, src: '/test/fixtures/launcher-csp.html' });
    try {
      const el = page.doc.querySelector('hcp-launcher') as HcpLauncher;
      expect(el, 'the launcher is on the page').to.exist;
      await el.updateComplete;
      expect(page.win.getComputedStyle(el).position, 'its adopted stylesheet applies').to.equal('fixed');
      const button = el.shadowRoot!.querySelector('button.launcher')!;
      expect(button.textContent!.trim()).to.equal('评价');
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    } finally {
      page.remove();
    }
  });
});
