import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { click, focused, getByRole, mount, newEndpoint, rate, sleep, submitAndWait, type } from './helpers.js';

const MESSAGE = '请选择至少一项原因或填写意见，方便我们改进。';

describe('a 差评 needs a reason', () => {
  for (const level of ['不满意', '非常不满意']) {
    it(`blocks ${level} without a tag or comment, with a visible, announced message by the tags`, async () => {
      const { endpoint, received } = newEndpoint();
      const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
      let submitted = false;
      el.addEventListener('hcp-submit', () => (submitted = true));
      await rate(el, level);
      await click(getByRole(el, 'button', '提交评价'));
      await el.updateComplete;

      const alert = el.shadowRoot!.querySelector('#reason-error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal(MESSAGE);
      expect(alert.getBoundingClientRect().height, 'visible').to.be.greaterThan(0);
      const tags = getByRole(el, 'group', '需要改进的地方（可多选）');
      expect(tags.nextElementSibling, 'next to the tags').to.equal(alert);
      expect(tags.getAttribute('aria-describedby')).to.equal('reason-error');
      expect(tags.getAttribute('aria-invalid')).to.equal('true');
      expect(focused(), 'focus goes to the first reason').to.equal(getByRole(el, 'checkbox', '服务态度差'));
      await sleep(100);
      expect(submitted).to.equal(false);
      expect(await received()).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  }

  it('accepts a tag as the reason, and clears the message once fixed', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '非常不满意');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    await click(getByRole(el, 'checkbox', '等待时间长'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#reason-error')!.textContent).to.equal('');
    await submitAndWait(el);
    expect(await received()).to.have.length(1);
  });

  it('accepts a comment as the reason', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '不满意');
    await click(getByRole(el, 'textbox'));
    await type('材料要求说明不清楚');
    await submitAndWait(el);
    expect(JSON.parse((await received())[0].body).comment).to.equal('材料要求说明不清楚');
  });

  it('does not take a blank comment as a reason', async () => {
    const { endpoint } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '不满意');
    await click(getByRole(el, 'textbox'));
    await type('   ');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#reason-error')!.textContent).to.equal(MESSAGE);
  });

  it('blocks 差评 on the good-bad scale too', async () => {
    const { endpoint } = newEndpoint();
    const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '差评');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#reason-error')!.textContent).to.equal(MESSAGE);
  });

  it('lets 基本满意 and better through without a reason', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '基本满意');
    await submitAndWait(el);
    expect(await received()).to.have.length(1);
  });

  it('lets a 差评 through without a reason when the page sets reason-optional', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating reason-optional endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '非常不满意');
    await submitAndWait(el);
    expect(JSON.parse((await received())[0].body)).to.include({ level: 1, verdict: 'bad' });
  });

  it('asks for a level first when nothing is chosen', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('#level-error')!;
    expect(alert.textContent).to.equal('请先选择一个评价等级。');
    expect(getByRole(el, 'radiogroup').getAttribute('aria-describedby')).to.equal('level-error');
    expect(focused()).to.equal(getByRole(el, 'radio', '非常满意'));
    expect(await received()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('blocks a comment longer than max-comment, counting characters, not UTF-16 units', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating max-comment="5" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'textbox'));
    await type('𠀀𠀀𠀀𠀀𠀀'); // five characters outside the BMP: ten UTF-16 units
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#comment-count')!.textContent!.trim()).to.equal('还可输入 0 字');
    await type('好');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('#comment-count')!.textContent!.trim()).to.equal('已超出 1 字，请删减');
    const submitted = oneEvent(el, 'hcp-submit');
    let fired = false;
    void submitted.then(() => (fired = true));
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    expect(getByRole(el, 'textbox').getAttribute('aria-invalid')).to.equal('true');
    expect(focused()).to.equal(getByRole(el, 'textbox'));
    await sleep(100);
    expect(fired).to.equal(false);
    expect(await received()).to.have.length(0);
  });
});
