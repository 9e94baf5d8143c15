import '../../src/index.js';
import { ConfigError } from '../../src/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { allByRole, mountBroken, newEndpoint } from './helpers.js';

// What each kind of value accepts and says is tested in Node (test/node/config.test.mjs); here, one
// case of each way a problem reaches the element (attribute, property, JSON text, a conflict).
const CASES: { title: string; template: () => TemplateResult; attribute: string; says: RegExp }[] = [
  { title: 'a missing endpoint', template: () => html`<hcp-rating></hcp-rating>`, attribute: 'endpoint', says: /endpoint is missing.*set endpoint="https:\/\//s },
  { title: 'a javascript: endpoint', template: () => html`<hcp-rating endpoint="javascript:alert(1)"></hcp-rating>`, attribute: 'endpoint', says: /https:\/\/ URL or a same-origin path.*javascript:alert\(1\)/ },
  { title: 'an unknown scale', template: () => html`<hcp-rating endpoint="/api" scale="stars"></hcp-rating>`, attribute: 'scale', says: /scale must be one of "five-level", "good-bad" \(got "stars"\)/ },
  { title: 'malformed tags JSON', template: () => html`<hcp-rating endpoint="/api" tags="{version:1"></hcp-rating>`, attribute: 'tags', says: /tags is not valid JSON.*"version"/s },
  { title: 'a negative max-comment property', template: () => html`<hcp-rating endpoint="/api" .maxComment=${-5}></hcp-rating>`, attribute: 'max-comment', says: /\(got "-5"\)/ },
  { title: 'format="gov-cn" with scale="good-bad"', template: () => html`<hcp-rating endpoint="/api" format="gov-cn" scale="good-bad"></hcp-rating>`, attribute: 'format', says: /format="gov-cn" needs the five-level scale/ },
  { title: 'a transport that is not a function', template: () => html`<hcp-rating endpoint="/api" .transport=${'fetch'}></hcp-rating>`, attribute: 'transport property', says: /^transport must be a function/ },
  { title: 'messages that are not text', template: () => html`<hcp-rating endpoint="/api" .messages=${{ submit: 42 }}></hcp-rating>`, attribute: 'messages property', says: /messages property \(at submit\)/ },
];

describe('configuration errors', () => {
  for (const { title, template, attribute, says } of CASES) {
    it(`reports ${title} as hcp-error naming ${attribute}, logs it once, and shows no form`, async () => {
      const { el, issues, consoleErrors } = await mountBroken(template());
      const issue = issues.find((i) => i.attribute === attribute);
      expect(issue, JSON.stringify(issues)).to.exist;
      expect(issue!.message).to.match(says);
      expect(issue, 'a ConfigError with a code').to.be.instanceOf(ConfigError);
      expect(issue!.code).to.be.a('string');
      expect(consoleErrors).to.have.length(1);
      expect(consoleErrors[0]).to.contain(issue!.message);
      expect(allByRole(el, 'radio')).to.have.length(0);
      expect(allByRole(el, 'button')).to.have.length(0);
      expect(el.shadowRoot!.querySelector('[part=notice]')!.textContent).to.equal('评价功能暂不可用。');
      await expect(el).to.be.accessible();
    });
  }

  it('reports every problem at once', async () => {
    const { issues } = await mountBroken(html`<hcp-rating scale="x" channel="y" mode="z"></hcp-rating>`);
    expect(issues.map((i) => i.attribute).sort()).to.deep.equal(['channel', 'endpoint', 'mode', 'scale']);
  });

  it('keeps the page’s fallback content visible while misconfigured', async () => {
    const { el } = await mountBroken(html`<hcp-rating><a href="https://example.gov.cn/rate">去省级平台评价</a></hcp-rating>`);
    const link = el.querySelector('a')!;
    expect(link.getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('recovers once the configuration is fixed, without reporting again', async () => {
    const { el, consoleErrors } = await mountBroken(html`<hcp-rating></hcp-rating>`);
    el.endpoint = newEndpoint().endpoint;
    await el.updateComplete;
    expect(allByRole(el, 'radio')).to.have.length(5);
    expect(consoleErrors).to.have.length(1);
  });

  it('accepts https, same-origin paths and http on localhost', async () => {
    for (const endpoint of ['https://zwfw.example.gov.cn/api/evaluations', '/api/evaluations', 'api/evaluations', 'http://localhost:8000/api', 'http://127.0.0.1/api']) {
      let errored = false;
      const wrapper = await fixture<HTMLElement>(html`<div></div>`);
      wrapper.addEventListener('hcp-error', () => (errored = true));
      const el = document.createElement('hcp-rating');
      el.endpoint = endpoint;
      wrapper.append(el);
      await el.updateComplete;
      expect(errored, endpoint).to.equal(false);
      expect(allByRole(el, 'radio'), endpoint).to.have.length(5);
    }
  });
});
