/**
 * Hostile input against every entry point: whatever a page, a catalog server or an endpoint
 * hands the widget is shown as text, leaves the page's script alone, keeps the layout inside
 * its container, and, where it is invalid, yields a clear configuration error.
 */
import '../../src/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import {
  allByRole, click, consoleDuring, getByRole, mount, mountBroken, newEndpoint, parseBody, rate, sleep, submitAndWait, tagLabels, tagsShown, type,
} from './helpers.js';

declare global {
  interface Window {
    __hcpPwned?: unknown;
  }
}

/** Each would set `window.__hcpPwned` if it ever ran as markup or script. */
const CORPUS = [
  `<img src=x onerror="window.__hcpPwned='img'">`,
  `"><svg onload="window.__hcpPwned='svg'">`,
  `javascript:window.__hcpPwned='url'`,
  '${window.__hcpPwned="template"}',
  '`${(window.__hcpPwned="backtick")}`',
  '{{constructor.constructor("window.__hcpPwned=1")()}}',
  '</textarea><script>window.__hcpPwned="script"</script>',
  'zero\u200Bwidth\u200Djoiner\uFEFFbom',
  'lone \uD800 surrogate \uDC00',
  '&lt;b&gt;entity&lt;/b&gt; &amp;',
];

/** Elements and attributes the widget never renders itself: any of them means injected markup. */
const FOREIGN = 'img, script, iframe, object, embed, link, style, a, form, base, meta, video, audio, image, foreignObject, template';

function injected(root: ParentNode): string[] {
  return [...root.querySelectorAll('*')]
    .filter((e) => e.matches(FOREIGN) || [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on')))
    .map((e) => e.outerHTML.slice(0, 100));
}

/** The page's own script is untouched and nothing was injected, in the widget or in the page. */
async function expectUntouched(el: HcpRating): Promise<void> {
  await sleep(150); // an injected <img onerror> fires after its failed load
  expect(window.__hcpPwned, 'no hostile script ran').to.equal(undefined);
  expect(injected(el.shadowRoot!), 'nothing injected into the shadow root').to.deep.equal([]);
  expect(injected(el), 'nothing injected into the light DOM').to.deep.equal([]);
  expect(document.querySelectorAll('img, svg[onload]'), 'nothing injected into the page').to.have.length(0);
}

function catalogOf(labels: string[]) {
  return { version: 'hostile-1', tags: labels.map((label, i) => ({ code: `N${i}`, label, verdict: 'bad' })) };
}

describe('hostile input is rendered as text', () => {
  beforeEach(() => {
    delete window.__hcpPwned;
  });

  it('inline tag labels (attribute JSON and property object)', async () => {
    const catalog = catalogOf(CORPUS);
    for (const el of [
      await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags=${JSON.stringify(catalog)}></hcp-rating>`),
      await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} .tags=${catalog}></hcp-rating>`),
    ]) {
      await rate(el, '不满意');
      expect(tagLabels(el)).to.deep.equal(CORPUS);
      await expectUntouched(el);
    }
  });

  it('tag labels from tags-src', async () => {
    const src = `/hostile/catalog?json=${encodeURIComponent(JSON.stringify(catalogOf(CORPUS)))}`;
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags-src=${src}></hcp-rating>`);
    await rate(el, '不满意');
    await tagsShown(el);
    expect(tagLabels(el)).to.deep.equal(CORPUS);
    await expectUntouched(el);
  });

  it('messages from the page, including {placeholders} inside hostile text', async () => {
    const messages = {
      levelsLegend: CORPUS[0],
      level2: CORPUS[1],
      commentLabel: CORPUS[3],
      submit: CORPUS[6],
      needLevel: `${CORPUS[4]} {status}`,
      charsLeft: { other: `${CORPUS[2]} {n}` },
    };
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} max-comment="9" .messages=${messages}></hcp-rating>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('#levels-label')!.textContent).to.equal(CORPUS[0]);
    expect(getByRole(el, 'radio', CORPUS[1])).to.exist;
    expect(getByRole(el, 'textbox', CORPUS[3])).to.exist;
    expect(root.querySelector('#comment-count')!.textContent!.trim()).to.equal(`${CORPUS[2]} 9`);
    await click(getByRole(el, 'button', CORPUS[6]));
    await el.updateComplete;
    expect(root.querySelector('#level-error')!.textContent).to.equal(`${CORPUS[4]} {status}`);
    await expectUntouched(el);
  });

  it('context attributes travel as exact strings and are never shown as markup', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating
      endpoint=${endpoint}
      task-name=${CORPUS[0]}
      dept-name=${CORPUS[1]}
      project-no=${CORPUS[3]}
      ticket=${CORPUS[6]}
      lang=${CORPUS[1]}
    ></hcp-rating>`);
    await rate(el, '满意');
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body).to.include({ taskName: CORPUS[0], deptName: CORPUS[1], projectNo: CORPUS[3], ticket: CORPUS[6], locale: 'zh-CN' });
    await expectUntouched(el);
  });

  it('a comment typed by the citizen is sent exactly, lone surrogates included', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    const textbox = getByRole<HTMLTextAreaElement>(el, 'textbox');
    await click(textbox);
    await type(`${CORPUS[0]} ${CORPUS[6]}`);
    // A lone surrogate cannot be typed; an IME or paste can still produce one.
    textbox.setRangeText(' \uD800', textbox.value.length, textbox.value.length, 'end');
    textbox.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(textbox.value).to.equal(`${CORPUS[0]} ${CORPUS[6]} \uD800`);
    await submitAndWait(el);
    const request = (await received())[0];
    expect(parseBody(request).comment).to.equal(`${CORPUS[0]} ${CORPUS[6]} \uD800`);
    await expectUntouched(el);
  });

  it('a server error body full of HTML is never shown or passed on', async () => {
    const el = await mount(html`<hcp-rating endpoint="/hostile/refuse"></hcp-rating>`);
    await rate(el, '满意');
    const failed = await submitAndWait(el, 'hcp-failed');
    expect(failed.detail.status).to.equal(422);
    expect(JSON.stringify(failed.detail)).not.to.match(/<img|<script|onerror/);
    expect(getByRole(el, 'status').textContent).to.equal('评价未被受理（错误 422）。请稍后再试或联系网站管理员。');
    await expectUntouched(el);
  });
});

describe('hostile values yield clear configuration errors', () => {
  for (const [attribute, value, says] of [
    ['tags-src', 'javascript:alert(1)', /tags-src must be an https:\/\/ URL or a same-origin path/],
    ['tags-src', 'data:application/json,{"version":"x","tags":[]}', /tags-src must be an https:\/\/ URL or a same-origin path/],
    ['tags-src', 'http://evil.example/tags.json', /tags-src uses http:\/\/ on "evil.example"/],
    ['tags-src', '//evil.example/tags.json', /tags-src ".*" has no scheme/],
    ['endpoint', 'JaVaScRiPt:alert(1)', /endpoint must be an https:\/\/ URL or a same-origin path/],
    ['endpoint', 'data:text/html,<script>alert(1)</script>', /endpoint must be an https:\/\/ URL or a same-origin path/],
  ] as const) {
    it(`${attribute}="${value.slice(0, 30)}"`, async () => {
      const template =
        attribute === 'tags-src'
          ? html`<hcp-rating endpoint="/api" tags-src=${value}></hcp-rating>`
          : html`<hcp-rating endpoint=${value}></hcp-rating>`;
      const { el, issues } = await mountBroken(template);
      expect(issues.map((i) => i.attribute)).to.deep.equal([attribute]);
      expect(issues[0].message).to.match(says);
      expect(allByRole(el, 'radio')).to.have.length(0);
      await expectUntouched(el);
    });
  }

  it('a 10,000-character tag label', async () => {
    const { issues } = await mountBroken(html`<hcp-rating endpoint="/api" .tags=${catalogOf(['长'.repeat(10_000)])}></hcp-rating>`);
    expect(issues.map((i) => i.toJSON())).to.deep.equal([{ attribute: 'tags', code: 'invalid-catalog', message: 'tags (at tags.0.label): a tag label is at most 100 characters' }]);
  });

  it('a 10,000-character message', async () => {
    const { issues } = await mountBroken(html`<hcp-rating endpoint="/api" .messages=${{ submit: 'x'.repeat(10_000) }}></hcp-rating>`);
    expect(issues.map((i) => i.toJSON())).to.deep.equal([{ attribute: 'messages property', code: 'too-long', message: 'messages property (at submit): a message is at most 1000 characters' }]);
  });

  it('a tag label with a right-to-left override (U+202E)', async () => {
    const { issues } = await mountBroken(html`<hcp-rating endpoint="/api" .tags=${catalogOf(['意满\u202E不'])}></hcp-rating>`);
    expect(issues[0].message).to.match(/tags \(at tags\.0\.label\): a tag label may not contain bidirectional override characters/);
  });

  it('a tag label of zero-width characters only', async () => {
    const { issues } = await mountBroken(html`<hcp-rating endpoint="/api" .tags=${catalogOf(['\u200B\u200C\u200D\uFEFF'])}></hcp-rating>`);
    expect(issues[0].message).to.equal('tags (at tags.0.label): a tag label needs visible text');
  });

  it('deeply nested JSON in the tags attribute', async () => {
    const nested = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const { issues } = await mountBroken(html`<hcp-rating endpoint="/api" tags=${nested}></hcp-rating>`);
    expect(issues.map((i) => i.attribute)).to.deep.equal(['tags']);
  });
});

describe('tags-src is capped, timed out and validated; the default catalog stands in', () => {
  async function fallsBack(src: string): Promise<string> {
    let labels: string[] = [];
    const warnings = await consoleDuring('warn', async () => {
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} tags-src=${src}></hcp-rating>`);
      await rate(el, '不满意');
      await tagsShown(el);
      labels = tagLabels(el);
    });
    expect(labels[0], 'the default catalog').to.equal('服务态度差');
    return warnings.join('\n');
  }

  it('a 5 MB catalog with Content-Length', async () => {
    expect(await fallsBack('/hostile/catalog-5mb')).to.match(/catalog-5mb" could not be used: larger than 256 KiB.*default catalog \(default-1\)/);
  });

  it('a 5 MB catalog streamed without Content-Length', async () => {
    expect(await fallsBack('/hostile/catalog-5mb?chunked')).to.match(/could not be used: larger than 256 KiB/);
  });

  it('a deeply nested catalog', async () => {
    expect(await fallsBack('/hostile/catalog-nested')).to.match(/catalog-nested" could not be used/);
  });

  it('a catalog whose labels are invalid', async () => {
    const src = `/hostile/catalog?json=${encodeURIComponent(JSON.stringify(catalogOf(['x'.repeat(101)])))}`;
    expect(await fallsBack(src)).to.match(/not a catalog \(at tags\.0\.label: a tag label is at most 100 characters\)/);
  });

  it('a catalog server that does not answer in time', async () => {
    // The 10 s limit is real; the test shortens only that one timer so it does not wait 10 s.
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) =>
      realSetTimeout(fn, ms === 10_000 ? 200 : ms, ...rest)) as typeof window.setTimeout;
    try {
      expect(await fallsBack('/hostile/catalog-slow')).to.match(/catalog-slow" could not be used: no answer within 10 s/);
    } finally {
      window.setTimeout = realSetTimeout;
    }
  });
});

describe('hostile input keeps the layout bounded', () => {
  it('long unbroken labels and messages wrap inside a 320 px container', async () => {
    const word = 'W'.repeat(100);
    const wrapper = await fixture<HTMLElement>(html`<div style="width: 320px">
      <hcp-rating
        endpoint=${newEndpoint().endpoint}
        .tags=${catalogOf([word, `${'长'.repeat(99)}`])}
        .messages=${{ levelsLegend: 'L'.repeat(1000), level2: 'D'.repeat(1000), submit: 'S'.repeat(300) }}
      ></hcp-rating>
    </div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    await rate(el, 'D'.repeat(1000));
    const box = wrapper.getBoundingClientRect();
    expect(el.getBoundingClientRect().width).to.be.at.most(box.width + 0.5);
    const overflowing = [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
      .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > box.right + 1)
      .map((e) => `${e.localName}.${e.className}`);
    expect(overflowing, 'nothing sticks out of the container').to.deep.equal([]);
    expect(el.getBoundingClientRect().height, 'height stays bounded').to.be.below(4000);
  });
});

describe('hostile input cannot reach a submission', () => {
  it('a comment that looks like markup goes through the PII guard as text', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await click(getByRole(el, 'textbox'));
    await type('<img src=x onerror=alert(1)> a@example.com');
    await click(getByRole(el, 'button', '提交评价'));
    await el.updateComplete;
    const alert = allByRole(el, 'alert').find((a) => a.id === 'pii-warning')!;
    expect(alert.textContent).to.contain('a@example.com');
    await expectUntouched(el);
    expect(await received()).to.have.length(0);
  });
});
