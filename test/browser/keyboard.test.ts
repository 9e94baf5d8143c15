import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { getByRole, mount, newEndpoint, press } from './helpers.js';

describe('<hcp-rating> with the keyboard alone', () => {
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
