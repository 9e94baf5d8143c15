import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { a11yTree, allByRole, mount, newEndpoint } from './helpers.js';

// Chromium only (`*-media`): the accessibility tree and viewport resizing need the DevTools protocol.
const FIVE_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];

describe('<hcp-rating> rendering, through the DevTools protocol', () => {
  it('exposes the fixed accessible names in the browser’s accessibility tree', async () => {
    await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const tree = await a11yTree();
    const radios = tree.filter((n) => n.role === 'radio');
    expect(radios.map((n) => n.name)).to.deep.equal(FIVE_LEVELS);
    expect(radios.every((n) => !n.checked)).to.equal(true);
    expect(tree.filter((n) => n.role === 'textbox')).to.have.length(1);
    expect(tree.find((n) => n.role === 'button')?.name).to.contain('提交');
    expect(tree.find((n) => n.role === 'radiogroup')?.name).to.equal('您对本次服务满意吗？');
  });

  it('at 320 px wide lists the levels as equal full-width rows, without horizontal scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      const rects = allByRole<HTMLInputElement>(el, 'radio').map((r) => r.labels![0].getBoundingClientRect());
      expect(new Set(rects.map((r) => `${Math.round(r.width)}x${Math.round(r.height)}`)).size).to.equal(1);
      expect(new Set(rects.map((r) => Math.round(r.x))).size, 'one column').to.equal(1);
      expect(rects[0].width).to.be.at.least(el.getBoundingClientRect().width - 1);
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('exposes 好评 / 差评 in the accessibility tree on the good-bad scale', async () => {
    await mount(html`<hcp-rating scale="good-bad" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect((await a11yTree()).filter((n) => n.role === 'radio').map((n) => n.name)).to.deep.equal(['好评', '差评']);
  });

  it('exposes the fixed English names in the accessibility tree when lang="en"', async () => {
    await mount(html`<hcp-rating lang="en" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect((await a11yTree()).filter((n) => n.role === 'radio').map((n) => n.name)).to.deep.equal([
      'Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied',
    ]);
  });
});
