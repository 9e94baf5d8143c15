import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { accessibleName, focused, getByRole, mount, newEndpoint, parseBody, press, type } from './helpers.js';

describe('<hcp-rating> with the keyboard alone', () => {
  it('rates, picks a reason, comments and submits without a mouse', async () => {
    const { endpoint, received } = newEndpoint();
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.append(before);
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    before.focus();

    await press('Tab');
    expect(accessibleName(focused()!), 'Tab lands on the first level').to.equal('非常满意');
    expect((focused() as HTMLInputElement).checked, 'focus alone selects nothing').to.equal(false);

    await press('ArrowRight');
    expect(accessibleName(focused()!)).to.equal('满意');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(accessibleName(focused()!)).to.equal('不满意');
    expect(getByRole<HTMLInputElement>(el, 'radio', '不满意').checked).to.equal(true);
    await el.updateComplete;

    await press('Tab');
    expect(accessibleName(focused()!), 'one tab stop for the group: next is the first tag').to.equal('服务态度差');
    await press('Space');
    await el.updateComplete;
    expect(getByRole<HTMLInputElement>(el, 'checkbox', '服务态度差').checked).to.equal(true);

    // Eight more tags, then the comment box.
    for (let i = 0; i < 9; i++) await press('Tab');
    expect(focused()).to.equal(getByRole(el, 'textbox'));
    await type('窗口人员态度不好');
    await press('Tab');
    expect(accessibleName(focused()!)).to.contain('提交');

    const sent = oneEvent(el, 'hcp-sent');
    await press('Enter');
    await sent;

    const [request, ...more] = await received();
    expect(more, 'one request').to.have.length(0);
    const body = parseBody(request);
    expect(body).to.include({ level: 2, verdict: 'bad', comment: '窗口人员态度不好' });
    expect(body.tags).to.deep.equal(['N01']);
    before.remove();
  });

  it('moves focus to the result message after submitting, never to <body>', async () => {
    const { endpoint } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    getByRole(el, 'radio', '非常满意').focus();
    await press('Space');
    await el.updateComplete;
    getByRole(el, 'button').focus();
    const sent = oneEvent(el, 'hcp-sent');
    await press('Enter');
    await sent;
    await el.updateComplete;
    const status = getByRole(el, 'status');
    expect(status.textContent).to.contain('已提交');
    expect(focused()).to.equal(status);
  });

  it('submits with Space on the button too', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${endpoint}></hcp-rating>`);
    getByRole(el, 'radio', '好评').focus();
    await press('Space');
    await el.updateComplete;
    getByRole(el, 'button').focus();
    const sent = oneEvent(el, 'hcp-sent');
    await press('Space');
    await sent;
    expect(await received()).to.have.length(1);
  });
});
