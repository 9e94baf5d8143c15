// The script tag as a CMS template writes it, each case in a fresh page (a same-origin iframe):
// defer or async, in <head> or at the end of <body>, loaded twice, data-lang, typos.
import { expect, waitUntil } from '@open-wc/testing';
import type { HcpRating } from '../../src/index.js';
import { accessibleName, allByRole, newEndpoint, parseBody, rate, sleep, submitAndWait } from './helpers.js';

type FrameWindow = Window & typeof globalThis & { Haochaping: typeof import('../../src/auto.js'); logs: string[] };

let frame: HTMLIFrameElement | undefined;
afterEach(() => frame?.remove());

/**
 * A fresh page whose source is `body` (and `head`), recording its console warnings and errors in `window.logs`.
 * The frame fills the viewport at 0,0, so a control's position in the frame is its position in the
 * top page: the helpers' real clicks (`rate`, `submitAndWait`) land on it as they do outside a frame.
 */
async function page(head: string, body: string, lang = 'zh-CN'): Promise<FrameWindow> {
  frame = document.createElement('iframe');
  frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;border:0;background:#fff;z-index:1';
  // The first script records what the SDK says, before it loads.
  const recorder = `<script>window.logs=[];for(const k of ['warn','error']){const o=console[k];console[k]=(...a)=>{logs.push(k+': '+a.join(' '));o.apply(console,a)}}<\/script>`;
  frame.srcdoc = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${recorder}${head}</head><body>${body}</body></html>`;
  const loaded = new Promise((r) => frame!.addEventListener('load', r, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as FrameWindow;
  await waitUntil(() => win.customElements.get('hcp-rating'), 'the element was not registered', { timeout: 5000 });
  return win;
}

const widget = async (win: FrameWindow, selector = 'hcp-rating') => {
  const el = win.document.querySelector(selector) as HcpRating;
  await el.updateComplete;
  return el;
};

const script = (attrs: string) => `<script src="/dist/haochaping.min.js" ${attrs}><\/script>`;

describe('the script tag in a real page', () => {
  it('with defer in <head>: data-* defaults reach a widget already in the page, with no configuration error', async () => {
    const { endpoint, received } = newEndpoint();
    const win = await page(
      script(`defer data-endpoint="${endpoint}" data-task-code="T-DEFER" data-dept-code="11440300MB2C92055T" data-area-code="440300" data-channel="qrcode" data-evaluator-token="tok-1" data-ticket="tk-1"`),
      '<hcp-rating project-no="P-1"></hcp-rating>',
    );
    const el = await widget(win);
    expect(win.logs.filter((l) => l.startsWith('error'))).to.deep.equal([]);
    await rate(el, '满意');
    await submitAndWait(el);
    expect(parseBody((await received())[0])).to.include({
      taskCode: 'T-DEFER', deptCode: '11440300MB2C92055T', areaCode: '440300', channel: 'qrcode',
      evaluatorToken: 'tok-1', ticket: 'tk-1', projectNo: 'P-1', level: 4,
    });
  });

  it('with async at the end of <body>: element attributes win over data-*, data-format applies', async () => {
    const { endpoint, received } = newEndpoint();
    const win = await page('', `<hcp-rating task-code="OWN"></hcp-rating>${script(`async data-endpoint="${endpoint}" data-task-code="FROM-SCRIPT" data-format="gov-cn"`)}`);
    const el = await widget(win);
    await rate(el, '非常满意');
    await submitAndWait(el);
    const body = JSON.parse((await received())[0].body);
    expect(body).to.include({ taskCode: 'OWN', satisfaction: 5 });
    expect(body).to.have.property('assessTime');
  });

  it('applies the defaults to widgets the page adds later, and Haochaping.configure() from code', async () => {
    const { endpoint, received } = newEndpoint();
    const win = await page(script(`data-endpoint="${endpoint}" data-task-code="T-LATER"`), '');
    win.Haochaping.configure({ deptName: '市政务服务数据管理局', scale: 'good-bad' });
    const el = win.document.createElement('hcp-rating') as HcpRating;
    win.document.body.append(el);
    await el.updateComplete;
    await rate(el, '好评');
    await submitAndWait(el);
    expect(parseBody((await received())[0])).to.include({ taskCode: 'T-LATER', deptName: '市政务服务数据管理局', verdict: 'good' });
  });

  it('data-lang sets the language of widgets without their own lang, whatever the page language', async () => {
    const win = await page(script('data-endpoint="/api" data-lang="en"'), '<hcp-rating id="a"></hcp-rating><hcp-rating id="b" lang="zh-TW"></hcp-rating>');
    expect(allByRole(await widget(win, '#a'), 'radio').map(accessibleName)).to.deep.equal(['Very satisfied', 'Satisfied', 'Fairly satisfied', 'Dissatisfied', 'Very dissatisfied']);
    expect(allByRole(await widget(win, '#b'), 'radio').map(accessibleName)[0]).to.equal('非常滿意');
  });

  it('without data-lang, follows the page language', async () => {
    const win = await page(script('data-endpoint="/api"'), '<hcp-rating></hcp-rating>', 'en');
    expect(allByRole(await widget(win), 'radio').map(accessibleName)[0]).to.equal('Very satisfied');
  });

  it('finds its script tag without document.currentScript (null when the bundle runs as a module)', async () => {
    const { endpoint, received } = newEndpoint();
    const win = await page(`<script type="module" src="/dist/haochaping.min.js" data-endpoint="${endpoint}" data-task-code="T-MODULE"><\/script>`, '<hcp-rating></hcp-rating>');
    const el = await widget(win);
    await rate(el, '满意');
    await submitAndWait(el);
    expect(parseBody((await received())[0]).taskCode).to.equal('T-MODULE');
  });

  it('reports a data-* name that is not a setting (a typo), naming it', async () => {
    const win = await page(script('data-endpoint="/api" data-taskcode="T" data-task-code="T"'), '<hcp-rating></hcp-rating>');
    await widget(win);
    expect(win.logs.join('\n')).to.match(/warn: haochaping: data-taskcode on the script tag is not a setting and is ignored/);
  });

  it('loaded twice: one registration, one page API and one outbox, both tags’ defaults', async () => {
    // The endpoint keeps answering 503, so the rating stays queued in the outbox that took it.
    const { endpoint, received } = newEndpoint('status=503');
    const win = await page(
      script(`data-endpoint="${endpoint}" data-task-code="FIRST"`) + script('data-dept-code="SECOND"'),
      '<hcp-rating></hcp-rating>',
    );
    await sleep(0);
    expect(win.logs.join('\n')).to.match(/already registered by another copy/);
    expect(win.logs.join('\n')).not.to.match(/error:/);
    expect(win.Haochaping.HcpRating, 'the page API is the copy that registered the element').to.equal(win.customElements.get('hcp-rating'));
    const el = await widget(win);
    await rate(el, '基本满意');
    await submitAndWait(el, 'hcp-queued');
    await waitUntil(async () => (await received()).length > 0, 'no delivery attempt', { timeout: 5000 });
    expect(parseBody((await received())[0])).to.include({ taskCode: 'FIRST', deptCode: 'SECOND' });
    expect(await win.Haochaping.pending(), 'the page API sees the rating waiting in the one outbox').to.equal(1);
  });
});
