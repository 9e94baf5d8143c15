import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { click, getByRole, mount, newEndpoint, parseBody, rate, submitAndWait, tagsShown, type } from './helpers.js';

const TOKEN = 'opaque-evaluator-7f3a';
/** A lone half of a surrogate pair anywhere in the string. */
const BROKEN_PAIR = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('transport hygiene', () => {
  it('puts nothing in URLs: the request goes to the endpoint exactly, with an origin-only referrer, and the evaluator travels only as evaluatorToken', async () => {
    const { endpoint, received } = newEndpoint();
    history.replaceState(null, '', `${location.pathname}?idCard=110101199003074514&phone=13812345678#section`);
    try {
      const el = await mount(html`<hcp-rating endpoint=${endpoint} evaluator-token=${TOKEN} project-no="P-77"></hcp-rating>`);
      await rate(el, '满意');
      await submitAndWait(el);
    } finally {
      history.replaceState(null, '', location.pathname);
    }
    const [request] = await received();
    expect(request.url, 'no query string added').to.equal(endpoint);
    const referer = request.headers.referer ?? '';
    expect(referer === '' || referer === `${location.origin}/`, `referrer is at most the origin (got "${referer}")`).to.equal(true);
    const body = parseBody(request);
    expect(body.evaluatorToken).to.equal(TOKEN);
    expect(body.page).to.equal(location.origin + location.pathname);
    const everything = JSON.stringify({ url: request.url, headers: request.headers, body: { ...body, evaluatorToken: undefined } });
    expect(everything, 'the token appears nowhere else').not.to.contain(TOKEN);
    expect(everything, 'nothing from the page query').not.to.match(/110101199003074514|13812345678|section/);
  });

  it('never sends cookies or a full referrer when loading tags-src, even with with-credentials', async () => {
    document.cookie = 'hcp_session=abc; path=/';
    try {
      const { endpoint, received } = newEndpoint();
      const el = await mount(html`<hcp-rating with-credentials endpoint=${endpoint} tags-src="/hostile/catalog-cookie"></hcp-rating>`);
      await rate(el, '不满意');
      await tagsShown(el);
      await rate(el, '不满意', ['饼干']);
      await submitAndWait(el);
      const [request] = await received();
      expect(parseBody(request).tagVersion).to.equal('no-cookie.origin-referrer');
      expect(request.headers.cookie, 'the rating itself carries the cookie: with-credentials is set').to.contain('hcp_session=abc');
    } finally {
      document.cookie = 'hcp_session=; path=/; max-age=0';
    }
  });

  it('counts the comment cap in characters: five astral characters fit max-comment="5" and arrive whole', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating max-comment="5" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'textbox'));
    await type('𠀀😀𠀀😀𠀀');
    await submitAndWait(el);
    const { comment } = parseBody((await received())[0]);
    expect(comment).to.equal('𠀀😀𠀀😀𠀀');
    expect(comment!.length, 'ten UTF-16 units').to.equal(10);
    expect(BROKEN_PAIR.test(comment!)).to.equal(false);
    expect(getByRole(el, 'status').textContent).to.contain('已提交');
  });

  it('trims the comment, and sends none when only whitespace was typed', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'textbox'));
    await type('   ');
    await submitAndWait(el);
    expect(parseBody((await received())[0])).not.to.have.property('comment');
  });
});
