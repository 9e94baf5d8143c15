// This page loads only the script-tag bundle, as a government CMS page would: no ESM import.
import { expect, oneEvent } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import { getByRole, newEndpoint, parseBody, rate, submitAndWait } from './helpers.js';

declare global {
  interface Window {
    Haochaping: typeof import('../../src/auto.js');
  }
}

const { endpoint, received } = newEndpoint();

before(async () => {
  const script = document.createElement('script');
  script.src = '/dist/haochaping.min.js';
  script.dataset.endpoint = endpoint;
  script.dataset.taskCode = 'TASK-FROM-SCRIPT';
  script.dataset.deptName = '市政务服务数据管理局';
  const loaded = oneEvent(script, 'load');
  document.head.append(script);
  await loaded;
});

describe('the script-tag bundle', () => {
  it('registers <hcp-rating> and exposes the global Haochaping', async () => {
    const pkg = await (await fetch('/package.json')).json();
    expect(customElements.get('hcp-rating')).to.equal(window.Haochaping.HcpRating);
    expect(window.Haochaping.version).to.equal(pkg.version);
    expect(window.Haochaping.configure).to.be.a('function');
    expect(await window.Haochaping.pending()).to.equal(0);
  });

  it('uses the script tag’s data-* attributes as defaults', async () => {
    const el = document.createElement('hcp-rating') as HcpRating;
    document.body.append(el);
    await el.updateComplete;
    await rate(el, '非常满意');
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body).to.include({ taskCode: 'TASK-FROM-SCRIPT', deptName: '市政务服务数据管理局', level: 5 });
    el.remove();
  });

  it('lets element attributes win over the defaults', async () => {
    const el = document.createElement('hcp-rating') as HcpRating;
    el.setAttribute('task-code', 'OWN-TASK');
    document.body.append(el);
    await el.updateComplete;
    await rate(el, '满意');
    await submitAndWait(el);
    const bodies = (await received()).map(parseBody);
    expect(bodies[bodies.length - 1].taskCode).to.equal('OWN-TASK');
    el.remove();
  });

  it('applies Haochaping.configure() to widgets already on the page', async () => {
    const el = document.createElement('hcp-rating') as HcpRating;
    document.body.append(el);
    await el.updateComplete;
    window.Haochaping.configure({ scale: 'good-bad' });
    await el.updateComplete;
    getByRole(el, 'radio', '好评');
    window.Haochaping.configure({ scale: undefined });
    el.remove();
  });
});
