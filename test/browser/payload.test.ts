import '../../src/index.js';
// The languages besides zh-CN, as an app that offers them imports them.
import '../../src/i18n/zh-TW.js';
import '../../src/i18n/en.js';
import { expect, fixture, html } from '@open-wc/testing';
import { evaluationSchema } from '../../src/schema/payload.js';
import { version } from '../../src/version.js';
import { click, getByRole, mount, newEndpoint, parseBody, rate, submitAndWait, type } from './helpers.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}([+-]\d\d:\d\d|Z)$/;

describe('the payload an endpoint receives', () => {
  it('is the canonical evaluation with every context attribute, over POST with Idempotency-Key', async () => {
    const { endpoint, received } = newEndpoint();
    history.replaceState(null, '', `${location.pathname}?idNo=110101199003074514&token=secret#frag`);
    const el = await mount(html`<hcp-rating
      endpoint=${endpoint}
      project-no="SZ2026112700123"
      service-number="FW2026112700456"
      task-code="11440300007542476M4440116001000"
      task-name="居民身份证换领"
      dept-code="11440300007542476M"
      dept-name="深圳市公安局"
      area-code="440300"
      channel="qrcode"
      evaluator-token="opaque-token-1"
      ticket="ticket-xyz"
    ></hcp-rating>`);
    await rate(el, '不满意', ['办事效率低', '等待时间长']);
    await click(getByRole(el, 'textbox'));
    await type('  排队一个小时  ');
    const submitted = new Promise<CustomEvent>((resolve) => el.addEventListener('hcp-submit', (e) => resolve(e as CustomEvent), { once: true }));
    // A cookie the page has, so that "no cookies by default" is tested, not assumed.
    document.cookie = 'hcp-default-session=xyz; path=/';
    expect(document.cookie).to.contain('hcp-default-session=xyz');
    try {
      await submitAndWait(el);
    } finally {
      document.cookie = 'hcp-default-session=; path=/; max-age=0';
    }
    const submitDetail = (await submitted).detail;

    const requests = await received();
    expect(requests).to.have.length(1);
    const [request] = requests;
    const body = parseBody(request);
    expect(request.headers['content-type']).to.equal('application/json');
    expect(request.headers['idempotency-key']).to.equal(body.id);
    expect(request.headers.cookie, 'no cookies by default').to.equal(undefined);
    expect(request.url).to.equal(endpoint);

    expect(body).to.include({
      schema: 'haochaping.evaluation/1',
      scale: 'five-level',
      level: 2,
      verdict: 'bad',
      tagVersion: 'default-1',
      comment: '排队一个小时',
      projectNo: 'SZ2026112700123',
      serviceNumber: 'FW2026112700456',
      taskCode: '11440300007542476M4440116001000',
      taskName: '居民身份证换领',
      deptCode: '11440300007542476M',
      deptName: '深圳市公安局',
      areaCode: '440300',
      channel: 'qrcode',
      evaluatorToken: 'opaque-token-1',
      ticket: 'ticket-xyz',
      assessNumber: 1,
      attempt: 1,
      locale: 'zh-CN',
      sdkVersion: version,
    });
    expect(body.tags).to.deep.equal(['N02', 'N08']);
    expect(body.id).to.match(UUID_V7);
    expect(body.createdAt).to.match(ISO_WITH_OFFSET);
    expect(body.sentAt).to.match(ISO_WITH_OFFSET);
    expect(body.page, 'no query string or fragment').to.equal(location.origin + location.pathname);
    expect(body.dwellMs).to.be.a('number').and.at.least(0);
    expect(evaluationSchema.safeParse(body).success, 'valid against the published schema').to.equal(true);
    expect(submitDetail.id, 'hcp-submit carries the same evaluation').to.equal(body.id);
    history.replaceState(null, '', location.pathname);
  });

  it('omits absent optional values instead of sending empty strings', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint} project-no="" task-name="  "></hcp-rating>`);
    await rate(el, '非常满意');
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    for (const field of ['comment', 'projectNo', 'taskCode', 'taskName', 'deptCode', 'deptName', 'areaCode', 'evaluatorToken', 'ticket']) {
      expect(body, field).not.to.have.property(field);
    }
    expect(body.tags).to.deep.equal([]);
    expect(Object.values(body)).not.to.include('');
  });

  it('has no level on the good-bad scale', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating scale="good-bad" endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '好评', ['网上办理便捷']);
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body).to.include({ scale: 'good-bad', verdict: 'good' });
    expect(body).not.to.have.property('level');
    expect(body.tags).to.deep.equal(['P05']);
  });

  it('detects pc or mobile as the channel when none is set, and hall-pad in kiosk mode', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(el, '满意');
    await submitAndWait(el);
    const kiosk = await mount(html`<hcp-rating mode="kiosk" endpoint=${endpoint}></hcp-rating>`);
    await rate(kiosk, '满意');
    await submitAndWait(kiosk);
    const [desktop, hall] = (await received()).map(parseBody);
    expect(desktop.channel, 'headless Chromium on Linux is a desktop').to.equal('pc');
    expect(hall.channel).to.equal('hall-pad');
  });

  it('creates a new id for every rating', async () => {
    const { endpoint, received } = newEndpoint();
    for (let i = 0; i < 3; i++) {
      const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
      await rate(el, '满意');
      await submitAndWait(el);
    }
    const ids = (await received()).map((r) => parseBody(r).id);
    expect(new Set(ids).size).to.equal(3);
  });

  it('sends the catalog version of an inline catalog', async () => {
    const { endpoint, received } = newEndpoint();
    const catalog = { version: 'gd-2026.1', tags: [{ code: 'B7', label: '窗口少', verdict: 'bad' }] };
    const el = await mount(html`<hcp-rating endpoint=${endpoint} .tags=${catalog}></hcp-rating>`);
    await rate(el, '不满意', ['窗口少']);
    await submitAndWait(el);
    const body = parseBody((await received())[0]);
    expect(body.tagVersion).to.equal('gd-2026.1');
    expect(body.tags).to.deep.equal(['B7']);
  });

  it('sends the locale in use, taken from the nearest ancestor lang', async () => {
    const { endpoint, received } = newEndpoint();
    const wrapper = await fixture<HTMLElement>(html`<div lang="zh-HK"><hcp-rating endpoint=${endpoint}></hcp-rating></div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    await rate(el, '滿意');
    await submitAndWait(el);
    expect(parseBody((await received())[0]).locale).to.equal('zh-TW');
  });

  it('posts the gov-cn field names with format="gov-cn"', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating format="gov-cn" endpoint=${endpoint} project-no="P-1" service-number="FW-1" channel="hall-terminal"></hcp-rating>`);
    await rate(el, '非常不满意', ['服务态度差', '其他']);
    await submitAndWait(el);
    const body = JSON.parse((await received())[0].body);
    expect(body).to.include({ projectNo: 'P-1', serviceNumber: 'FW-1', pf: 5, satisfaction: 1, evalDetail: 'N01,N99', tagVersion: 'default-1', assessNumber: 1 });
    expect(body.evaluationId).to.match(UUID_V7);
    expect(body.assessTime).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(body).not.to.have.property('level');
  });

  it('sends cookies only with with-credentials, and extra headers from the headers property', async () => {
    document.cookie = 'session=abc; path=/';
    const { endpoint, received } = newEndpoint();
    const plain = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    await rate(plain, '满意');
    await submitAndWait(plain);
    const withCookies = await mount(html`<hcp-rating with-credentials endpoint=${endpoint} .headers=${{ 'X-App-Id': 'gov-123', 'content-type': 'text/plain', 'IDEMPOTENCY-KEY': 'mine' }}></hcp-rating>`);
    await rate(withCookies, '满意');
    await submitAndWait(withCookies);
    const [first, second] = await received();
    expect(first.headers.cookie).to.equal(undefined);
    expect(second.headers.cookie).to.equal('session=abc');
    expect(second.headers['x-app-id']).to.equal('gov-123');
    expect(second.headers['content-type'], 'the contract headers cannot be overridden').to.equal('application/json');
    expect(second.headers['idempotency-key']).to.equal(parseBody(second).id);
    document.cookie = 'session=; path=/; max-age=0';
  });
});
