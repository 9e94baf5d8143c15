/**
 * The controls are where they look: each level's radio and each reason tag's checkbox is the
 * size and place of its tile, so a click anywhere on the tile lands on the input itself — as
 * for Playwright's `click()` by role, WebDriver element clicks, a magnifier following focus or
 * voice control. Checked in each look (default, 长辈模式, kiosk, 320 px, a hostile host page);
 * dark and forced colours in accessibility-media.test.ts.
 */
import '../../src/index.js';
import { expect } from '@open-wc/testing';
import { executeServerCommand, sendMouse } from '@web/test-runner-commands';
import type { HcpRating } from '../../src/index.js';
import { framePage, upgraded } from './frames.js';
import { clickInFrame, expectInputsCoverTiles, getByRole, mount, newEndpoint, parseBody } from './helpers.js';
import { html } from 'lit';

const HOSTILE = `<style>
  html { font-size: 62.5% !important; }
  * { box-sizing: content-box !important; line-height: 1 !important; letter-spacing: 4px !important; font-size: 10px !important; }
  input, label, span, div { display: none !important; padding: 40px !important; margin: 12px !important; }
</style>`;

const LOOKS = [
  { look: 'default', attributes: '', width: 800, head: '' },
  { look: '长辈模式', attributes: 'elder', width: 800, head: '' },
  { look: 'kiosk', attributes: 'mode="kiosk"', width: 1024, head: '' },
  { look: '320 px', attributes: '', width: 320, head: '' },
  { look: 'good-bad at 320 px', attributes: 'scale="good-bad"', width: 320, head: '' },
  { look: 'hostile host page', attributes: '', width: 800, head: HOSTILE },
];

describe('hit targets: each radio and checkbox covers its tile', () => {
  for (const { look, attributes, width, head } of LOOKS) {
    it(`in the ${look} look, before and after a level is chosen (with reason tags shown)`, async () => {
      const page = await framePage(`<hcp-rating endpoint="/x" ${attributes}></hcp-rating>`, { width, height: 900, head });
      try {
        await upgraded(page);
        const el = page.doc.querySelector('hcp-rating') as HcpRating;
        expectInputsCoverTiles(el, look);
        const radio = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!;
        await clickInFrame(page.frame, radio);
        await el.updateComplete;
        expect(radio.checked, 'a real click chose the level').to.equal(true);
        expect(el.shadowRoot!.querySelectorAll('input[type=checkbox]').length, 'reason tags shown').to.be.greaterThan(0);
        expectInputsCoverTiles(el, `${look}, tags shown`);
      } finally {
        page.remove();
      }
    });
  }

  it('a real click near a tile’s corner chooses it, not only one in the middle', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const radio = getByRole<HTMLInputElement>(el, 'radio', '基本满意');
    const tile = radio.labels![0].getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(tile.left + 4), Math.round(tile.bottom - 4)] });
    await sendMouse({ type: 'move', position: [0, 0] });
    await el.updateComplete;
    expect(radio.checked).to.equal(true);
  });
});

describe('WebDriver-style element clicks on the controls (Element Click in WebKit, puppeteer in Chromium and Firefox)', () => {
  it('choose a level and a tag and submit: the rating is sent', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    const click = (selector: string) => executeServerCommand('element-click', { host: 'hcp-rating', selector });
    await click('#choice-4');
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'radio', '满意').checked).to.equal(true);
    await click('#tag-P01');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLInputElement>('#tag-P01')!.checked).to.equal(true);
    const sent = new Promise((resolve) => el.addEventListener('hcp-sent', resolve, { once: true }));
    await click('button.submit');
    await sent;
    const body = parseBody((await received()).at(-1)!);
    expect(body.level).to.equal(4);
    expect(body.tags).to.deep.equal(['P01']);
  });
});
