import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { HcpRating, flush, pending, version } from '../../src/index.js';
import { click, consoleDuring, getByRole, mount, rate, sleep } from './helpers.js';

/** Loads the script-tag bundle into this page, as a CMS template would. */
function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(script);
  });
}

describe('registration and the page API', () => {
  it('registers <hcp-rating> as HcpRating', () => {
    expect(customElements.get('hcp-rating')).to.equal(HcpRating);
    expect(document.createElement('hcp-rating')).to.be.instanceOf(HcpRating);
  });

  it('reports the version from package.json', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(version).to.equal(pkg.version);
  });

  it('warns, and never throws, when a second copy of the SDK is loaded', async () => {
    const errors: string[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.message);
    window.addEventListener('error', onError);
    let warnings: string[];
    try {
      warnings = await consoleDuring('warn', () => loadScript('/dist/haochaping.min.js'));
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).to.deep.equal([]);
    expect(warnings.join('\n')).to.match(/already registered by another copy/);
    expect(customElements.get('hcp-rating'), 'the first copy stays in charge').to.equal(HcpRating);
  });

  it('pending() counts an undelivered rating and flush() delivers it', async () => {
    let online = false;
    const transport = () => (online ? Promise.resolve({ status: 201 }) : Promise.reject(new TypeError('Failed to fetch')));
    const el = await mount(html`<hcp-rating endpoint="/x" .transport=${transport}></hcp-rating>`);
    expect(await pending()).to.equal(0);
    await rate(el, '满意');
    await click(getByRole(el, 'button'));
    await sleep(50);
    expect(await pending()).to.equal(1);

    online = true;
    const sent = oneEvent(el, 'hcp-sent');
    expect(await flush()).to.deep.equal({ sent: 1, pending: 0, failed: 0 });
    await sent;
    await el.updateComplete;
    expect(getByRole(el, 'status').textContent).to.equal('已提交，感谢您的评价！');
    expect(await pending()).to.equal(0);
  });
});
