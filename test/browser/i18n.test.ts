import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import { defaultCatalog } from '../../src/schema/default-catalog.js';
import { messagesFor, type Locale, type Messages } from '../../src/i18n/messages.js';
import { allByRole, accessibleName, click, getByRole, mount, newEndpoint, rate, sleep, submitAndWait, type } from './helpers.js';

const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en'];
/** Simplified-only characters that must not appear in Traditional Chinese text. */
const SIMPLIFIED_ONLY = /[评价务满选关闭们请进网络应这设计时间项写无办输诚]/;
const CJK = /[\u3400-\u9fff]/;

const names = (el: HcpRating, role: 'radio' | 'checkbox') => allByRole(el, role).map(accessibleName);

describe('i18n: every string in zh-CN, zh-TW and en', () => {
  it('has the same, non-empty keys in all three, with no untranslated leftovers', () => {
    const [cn, tw, en] = LOCALES.map((l) => messagesFor(l));
    const flat = (m: Messages) => Object.values(m).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v as object)));
    expect(Object.keys(tw).sort()).to.deep.equal(Object.keys(cn).sort());
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(cn).sort());
    for (const m of [cn, tw, en]) for (const s of flat(m)) expect(s.trim(), s).to.not.equal('');
    for (const s of flat(tw)) expect(s, `zh-TW: ${s}`).to.not.match(SIMPLIFIED_ONLY);
    for (const s of flat(en)) expect(s, `en: ${s}`).to.not.match(CJK);
    for (const tag of defaultCatalog.tags) {
      const label = tag.label as Record<Locale, string>;
      expect(label['zh-TW'], tag.code).to.not.match(SIMPLIFIED_ONLY);
      expect(label.en, tag.code).to.not.match(CJK);
      expect(label.en.trim(), tag.code).to.not.equal('');
    }
  });

  for (const locale of LOCALES) {
    it(`renders its own accessible names in ${locale}: levels, tags, comment, counter, errors and status`, async () => {
      const m = messagesFor(locale);
      const el = await mount(html`<hcp-rating lang=${locale} endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      expect(accessibleName(getByRole(el, 'radiogroup'))).to.equal(m.levelsLegend);
      expect(names(el, 'radio')).to.deep.equal([m.level5, m.level4, m.level3, m.level2, m.level1]);
      getByRole(el, 'textbox', m.commentLabel);
      getByRole(el, 'button', m.submit);
      await click(getByRole(el, 'button', m.submit));
      await el.updateComplete;
      expect(getByRole(el, 'alert', m.needLevel)).to.exist;
      await rate(el, m.level1);
      const bad = defaultCatalog.tags.filter((t) => t.verdict === 'bad').map((t) => (t.label as Record<Locale, string>)[locale]);
      expect(names(el, 'checkbox')).to.deep.equal(bad);
      getByRole(el, 'group', m.tagsLegendBad);
      await click(getByRole(el, 'button', m.submit));
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('#reason-error')!.textContent).to.equal(m.needReason);
      await rate(el, m.level5);
      getByRole(el, 'group', m.tagsLegendGood);
      await click(getByRole(el, 'textbox'));
      await type('ok');
      await el.updateComplete;
      const counter = el.shadowRoot!.querySelector('#comment-count')!.textContent!.trim();
      expect(counter).to.equal(m.charsLeft.other.replace('{n}', '498'));
      await submitAndWait(el);
      await el.updateComplete;
      expect(getByRole(el, 'status').textContent).to.equal(m.sent);
      await expect(el).to.be.accessible();
    });
  }

  it('takes the locale from its own lang, else the nearest ancestor’s, else zh-CN', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="en-GB"><section><hcp-rating endpoint="/x"></hcp-rating></section></div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    expect(names(el, 'radio')[0]).to.equal('Very satisfied');
    el.setAttribute('lang', 'zh-HK');
    await el.updateComplete;
    expect(names(el, 'radio')[0]).to.equal('非常滿意');
    el.removeAttribute('lang');
    wrapper.setAttribute('lang', 'fr');
    await sleep(0);
    await el.updateComplete;
    expect(names(el, 'radio')[0], 'unsupported languages fall back to zh-CN').to.equal('非常满意');
  });

  it('follows a page that switches language without reloading', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-CN"><hcp-rating endpoint="/x"></hcp-rating></div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    wrapper.setAttribute('lang', 'en');
    await sleep(0);
    await el.updateComplete;
    getByRole(el, 'button', 'Submit rating');
    wrapper.setAttribute('lang', 'zh-Hant-TW');
    await sleep(0);
    await el.updateComplete;
    getByRole(el, 'button', '提交評價');
  });

  it('follows the language of the page around another component’s shadow root', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="en"><div class="app"></div></div>`);
    const root = host.querySelector('.app')!.attachShadow({ mode: 'open' });
    const el = document.createElement('hcp-rating');
    el.setAttribute('endpoint', '/x');
    root.append(el);
    await el.updateComplete;
    getByRole(el, 'button', 'Submit rating');
  });

  it('lets `messages` override any string', async () => {
    const el = await mount(
      html`<hcp-rating lang="en" endpoint="/x" .messages=${{ submit: 'Send', level5: 'Excellent' }}></hcp-rating>`,
    );
    getByRole(el, 'button', 'Send');
    expect(names(el, 'radio')[0]).to.equal('Excellent');
    expect(names(el, 'radio')[1]).to.equal('Satisfied');
  });

  it('shows a catalog’s per-locale tag labels, falling back to zh-CN', async () => {
    const catalog = {
      version: 'city-2',
      tags: [
        { code: 'C01', verdict: 'good', label: { 'zh-CN': '自助机好用', 'zh-TW': '自助機好用', en: 'Easy self-service kiosk' } },
        { code: 'C02', verdict: 'good', label: { 'zh-CN': '停车方便' } },
      ],
    };
    for (const [lang, expected] of [
      ['en', ['Easy self-service kiosk', '停车方便']],
      ['zh-TW', ['自助機好用', '停车方便']],
    ] as const) {
      const el = await mount(html`<hcp-rating lang=${lang} endpoint="/x" tags=${JSON.stringify(catalog)}></hcp-rating>`);
      await rate(el, messagesFor(lang).level5);
      expect(names(el, 'checkbox')).to.deep.equal(expected);
      el.remove();
    }
  });

  it('sends the locale it displayed', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating lang="zh-TW" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '滿意');
    const sent = oneEvent(el, 'hcp-sent');
    await click(getByRole(el, 'button', '提交評價'));
    await sent;
    expect(JSON.parse((await received())[0].body).locale).to.equal('zh-TW');
  });
});
