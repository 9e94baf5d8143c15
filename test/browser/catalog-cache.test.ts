import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import { CATALOG_DB, cachedCatalog, saveCatalog } from '../../src/catalog/catalog-cache.js';
import { consoleDuring, mount, newEndpoint, parseBody, rate, submitAndWait, tagLabels, tagsShown, until } from './helpers.js';

// Nothing listens on port 9 (discard): fetch fails with a network error, as it does offline.
const UNREACHABLE = 'http://127.0.0.1:9/hcp/tags.json';
const cityCatalog = {
  version: 'city-2026.1',
  tags: [
    { code: 'C01', label: { 'zh-CN': '窗口引导清楚', en: 'Clear guidance at the counter' }, verdict: 'good' as const },
    { code: 'C02', label: { 'zh-CN': '叫号系统混乱', en: 'Confusing queue system' }, verdict: 'bad' as const },
  ],
};

describe('tags-src catalogs are cached per URL for offline use', () => {
  // Deleting the database also checks that the cache lets go of its connection and reopens it.
  beforeEach(
    () =>
      new Promise<void>((done, fail) => {
        const request = indexedDB.deleteDatabase(CATALOG_DB);
        request.onsuccess = () => done();
        request.onerror = () => fail(request.error);
      }),
  );

  it('remembers the last good catalog of a URL, with its version, after it loaded', async () => {
    const src = `/test/fixtures/catalog-guangdong.json?visit=${crypto.randomUUID()}`;
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags-src=${src}></hcp-rating>`);
    await rate(el, '不满意');
    await tagsShown(el);
    expect(tagLabels(el)).to.deep.equal(['预约号源不足', '自助机故障']);
    const url = new URL(src, document.baseURI).href;
    const cached = await until(() => cachedCatalog(url), 5000, 'the catalog to be cached');
    expect(cached?.version).to.equal('gd-2026.2');
    expect(cached?.catalog.tags.map((t) => t.code)).to.deep.equal(['G01', 'B01', 'B02']);
  });

  it('offline, shows the cached catalog and sends the version actually shown', async () => {
    // An earlier visit, online, left this catalog in the cache.
    await saveCatalog(UNREACHABLE, cityCatalog);
    const { endpoint, received } = newEndpoint();
    let el!: HcpRating;
    const warnings = (await consoleDuring('warn', async () => {
      el = await mount(html`<hcp-rating endpoint=${endpoint} tags-src=${UNREACHABLE}></hcp-rating>`);
      await rate(el, '不满意');
      await tagsShown(el);
    })).join('\n');
    expect(tagLabels(el)).to.deep.equal(['叫号系统混乱']);
    expect(warnings).to.match(/tags-src "http:\/\/127\.0\.0\.1:9\/hcp\/tags\.json" could not be used: .*showing the catalog saved on .* \(city-2026\.1\) instead/);
    await rate(el, '不满意', ['叫号系统混乱']);
    await expect(el).to.be.accessible();
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body.tagVersion).to.equal('city-2026.1');
    expect(body.tags).to.deep.equal(['C02']);
  });

  it('with neither the network nor a cached copy, falls back to the default catalog with a warning', async () => {
    const { endpoint, received } = newEndpoint();
    let el!: HcpRating;
    const warnings = (await consoleDuring('warn', async () => {
      el = await mount(html`<hcp-rating endpoint=${endpoint} tags-src=${`${UNREACHABLE}?never-cached`}></hcp-rating>`);
      await rate(el, '满意');
      await tagsShown(el);
    })).join('\n');
    expect(tagLabels(el)[0]).to.equal('办事效率高');
    expect(warnings).to.contain('showing the default catalog (default-1)');
    await rate(el, '满意', ['办事效率高']);
    await submitAndWait(el);
    expect(parseBody((await received())[0]).tagVersion).to.equal('default-1');
  });

  it('ignores a corrupted cache entry instead of showing it', async () => {
    await saveCatalog(UNREACHABLE, { version: '', tags: [] } as never);
    expect(await cachedCatalog(UNREACHABLE)).to.equal(undefined);
  });
});
