import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { consoleDuring, mount, newEndpoint, parseBody, rate, sleep, submitAndWait, tagLabels, tagsShown } from './helpers.js';

describe('reason tags from tags-src', () => {
  it('loads the catalog, shows its tags and sends its version', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint} tags-src="/test/fixtures/catalog-guangdong.json"></hcp-rating>`);
    await rate(el, '不满意');
    await tagsShown(el);
    expect(tagLabels(el)).to.deep.equal(['预约号源不足', '自助机故障']);
    await rate(el, '不满意', ['自助机故障']);
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body.tagVersion).to.equal('gd-2026.2');
    expect(body.tags).to.deep.equal(['B02']);
  });

  it('falls back to the default catalog, with a warning that names the problem, when the catalog is invalid', async () => {
    const warnings = await consoleDuring('warn', async () => {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags-src="/test/fixtures/catalog-invalid.json"></hcp-rating>`);
      await rate(el, '满意');
      await tagsShown(el);
      expect(tagLabels(el)[0]).to.equal('办事效率高');
    });
    expect(warnings.join('\n')).to.match(/catalog-invalid\.json" could not be used: not a catalog .*showing the default catalog \(default-1\)/);
  });

  it('falls back to the default catalog when the catalog cannot be fetched', async () => {
    const { endpoint, received } = newEndpoint();
    const warnings = await consoleDuring('warn', async () => {
      const el = await mount(html`<hcp-rating endpoint=${endpoint} tags-src="/test/fixtures/missing.json"></hcp-rating>`);
      await rate(el, '非常不满意');
      await tagsShown(el);
      await rate(el, '非常不满意', ['其他']);
      await submitAndWait(el);
    });
    expect(parseBody((await received())[0]).tagVersion).to.equal('default-1');
    expect(warnings.join()).to.contain('HTTP 404');
  });

  it('prefers an inline catalog over tags-src', async () => {
    // A URL of its own, so no other test's load of the same catalog is shared or counted.
    const src = `/test/fixtures/catalog-guangdong.json?inline-test=${Date.now().toString(36)}`;
    const requested = () => performance.getEntriesByName(new URL(src, location.href).href).length;
    const inline = { version: 'inline-1', tags: [{ code: 'I1', label: '内联原因', verdict: 'bad' }] };
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint} .tags=${inline} tags-src=${src}></hcp-rating>`);
    await rate(el, '不满意');
    expect(tagLabels(el)).to.deep.equal(['内联原因']);
    await sleep(200);
    expect(requested(), 'the widget with inline tags did not fetch tags-src').to.equal(0);
    // A widget without inline tags loads the same URL (one load per URL per page): once its tags
    // show, any load of that URL has settled, so a late catalog would have reached the first widget too.
    const control = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags-src=${src}></hcp-rating>`);
    await rate(control, '不满意');
    await tagsShown(control);
    expect(tagLabels(control)).to.deep.equal(['预约号源不足', '自助机故障']);
    expect(requested(), 'tags-src was fetched once, for the second widget').to.equal(1);
    await el.updateComplete;
    expect(tagLabels(el)).to.deep.equal(['内联原因']);
    await rate(el, '不满意', ['内联原因']);
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body.tagVersion).to.equal('inline-1');
    expect(body.tags).to.deep.equal(['I1']);
  });
});
