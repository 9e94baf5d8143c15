import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, html } from '@open-wc/testing';
import { accessibleName, allByRole, click, getByRole, mount, newEndpoint, tagLabels } from './helpers.js';

const FIVE_LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'];
const POSITIVE = ['办事效率高', '服务态度热情', '办事指南清晰准确', '一次办好无需跑动', '网上办理便捷', '业务熟练专业'];
const NEGATIVE = [
  '服务态度差', '办事效率低', '办事指南不清晰或不准确', '多次跑动/来回跑', '要求提供指南以外的材料',
  '未在承诺时限内办结', '系统操作不便', '等待时间长', '其他',
];

describe('<hcp-rating> rendering', () => {
  it('shows the five national levels as a radio group, in order, nothing selected', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const group = getByRole(el, 'radiogroup', '您对本次服务满意吗？');
    const radios = allByRole<HTMLInputElement>(el, 'radio');
    expect(radios.map((r) => group.contains(r))).to.deep.equal([true, true, true, true, true]);
    expect(radios.map((r) => (r.labels![0].textContent ?? '').trim())).to.deep.equal(FIVE_LEVELS);
    expect(radios.some((r) => r.checked)).to.equal(false);
  });

  it('gives every level the same size: no level is more prominent than another', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const sizes = allByRole<HTMLInputElement>(el, 'radio').map((r) => {
      const rect = r.labels![0].getBoundingClientRect();
      return `${Math.round(rect.width)}x${Math.round(rect.height)}`;
    });
    expect(new Set(sizes).size, sizes.join(', ')).to.equal(1);
    const [width, height] = sizes[0].split('x').map(Number);
    expect(width).to.be.at.least(44);
    expect(height).to.be.at.least(44);
  });

  it('shows 好评 / 差评 on the good-bad scale', async () => {
    const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect(allByRole(el, 'radio').map((r) => (r as HTMLInputElement).labels![0].textContent!.trim())).to.deep.equal(['好评', '差评']);
    getByRole(el, 'radiogroup', '您对本页面的评价');
    expect(allByRole(el, 'radio').map(accessibleName)).to.deep.equal(['好评', '差评']);
  });

  it('speaks English when lang="en", with the fixed English names', async () => {
    const el = await mount(html`<hcp-rating lang="en" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect(allByRole(el, 'radio').map(accessibleName)).to.deep.equal([
      'Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied',
    ]);
    expect(getByRole(el, 'button').textContent).to.contain('Submit');
  });

  it('shows the page’s own wording from the messages property', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} .messages=${{ submit: '提交我的评价', levelsLegend: '您对窗口服务满意吗？' }}></hcp-rating>`);
    expect(getByRole(el, 'button').textContent!.trim()).to.equal('提交我的评价');
    getByRole(el, 'radiogroup', '您对窗口服务满意吗？');
  });

  it('shows no reason tags until a level is chosen', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect(allByRole(el, 'checkbox')).to.have.length(0);
  });

  it('shows the positive tags for 满意 and 非常满意', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    for (const level of ['非常满意', '满意']) {
      await click(getByRole(el, 'radio', level));
      await el.updateComplete;
      expect(tagLabels(el)).to.deep.equal(POSITIVE);
      getByRole(el, 'group', '满意的方面（可多选）');
    }
  });

  it('shows the negative tags for 基本满意, 不满意 and 非常不满意', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    for (const level of ['基本满意', '不满意', '非常不满意']) {
      await click(getByRole(el, 'radio', level));
      await el.updateComplete;
      expect(tagLabels(el)).to.deep.equal(NEGATIVE);
    }
  });

  it('clears chosen tags when the choice moves to the other side', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await click(getByRole(el, 'radio', '不满意'));
    await el.updateComplete;
    await click(getByRole(el, 'checkbox', '等待时间长'));
    await click(getByRole(el, 'radio', '非常不满意'));
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'checkbox', '等待时间长').checked, 'same side keeps tags').to.equal(true);
    await click(getByRole(el, 'radio', '满意'));
    await click(getByRole(el, 'radio', '不满意'));
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'checkbox', '等待时间长').checked, 'other side clears tags').to.equal(false);
  });

  it('uses an inline tags catalog, with labels per locale', async () => {
    const catalog = {
      version: 'shenzhen-3',
      tags: [
        { code: 'G1', label: { 'zh-CN': '流程顺畅', en: 'Smooth' }, verdict: 'good' },
        { code: 'B1', label: '排队太久', verdict: 'bad' },
      ],
    };
    const el = await mount(html`<hcp-rating tags=${JSON.stringify(catalog)} endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    await click(getByRole(el, 'radio', '非常满意'));
    await el.updateComplete;
    expect(tagLabels(el)).to.deep.equal(['流程顺畅']);
    await click(getByRole(el, 'radio', '非常不满意'));
    await el.updateComplete;
    expect(tagLabels(el)).to.deep.equal(['排队太久']);
  });

  it('shows a remaining-characters counter for max-comment', async () => {
    const el = await mount(html`<hcp-rating max-comment="20" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const counter = el.shadowRoot!.querySelector('#comment-count')!;
    expect(counter.textContent!.trim()).to.equal('还可输入 20 字');
    expect(getByRole(el, 'textbox', '意见和建议（选填）').getAttribute('aria-describedby')).to.equal('comment-count');
  });

  describe('passes axe', () => {
    it('initially', async () => {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      await expect(el).to.be.accessible();
    });

    it('with a level chosen and its tags shown', async () => {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      await click(getByRole(el, 'radio', '满意'));
      await click(getByRole(el, 'checkbox', '办事效率高'));
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('on the good-bad scale with 差评 chosen', async () => {
      const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      await click(getByRole(el, 'radio', '差评'));
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });
  });
});
