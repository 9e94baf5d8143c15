import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, html } from '@open-wc/testing';
import { a11yTree, mount, newEndpoint } from './helpers.js';

// Chromium only (`*-media`): the accessibility tree needs the DevTools protocol. (The 320 px layout
// is tested in every engine, in a 320 px frame, in accessibility.test.ts.)
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
