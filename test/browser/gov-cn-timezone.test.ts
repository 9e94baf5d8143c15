// Runs with the browser in a time zone other than China's (package.json: TZ=America/Los_Angeles):
// assessTime must still be China Standard Time, as provincial systems store it.
import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import type { Evaluation } from '../../src/schema/payload.js';
import { mount, newEndpoint, rate, submitAndWait } from './helpers.js';

/** `yyyy-MM-dd HH:mm:ss` in Asia/Shanghai, computed by the browser's own time-zone database. */
function shanghai(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai', hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('format="gov-cn" in a browser outside China Standard Time', () => {
  it('runs in a time zone other than UTC+8 (the premise of this file)', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).not.to.equal('Asia/Shanghai');
    expect(new Date().getTimezoneOffset(), 'the browser is not at UTC+8').not.to.equal(-480);
  });

  it('sends assessTime in China Standard Time, and createdAt with the device offset', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating format="gov-cn" endpoint=${endpoint} task-code="T-TZ"></hcp-rating>`);
    // The gov-cn body has no createdAt: the canonical evaluation (hcp-submit's detail) carries it.
    let createdAt = '';
    el.addEventListener('hcp-submit', (e) => (createdAt = (e as CustomEvent<Evaluation>).detail.createdAt));
    await rate(el, '满意');
    const before = shanghai(new Date(Date.now() - 1000));
    await submitAndWait(el);
    const after = shanghai(new Date(Date.now() + 1000));
    const body = JSON.parse((await received())[0].body);
    expect(body.assessTime >= before && body.assessTime <= after, `${body.assessTime} not within ${before} … ${after}`).to.equal(true);
    const localHour = new Date().getHours();
    expect(Number(body.assessTime.slice(11, 13)), 'assessTime is not the local wall-clock hour').not.to.equal(localHour);
    // createdAt: the device's wall clock with the device's offset (e.g. -07:00 in Los Angeles in summer).
    const minutes = -new Date().getTimezoneOffset();
    const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
    const offset = `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(minutes / 60))}:${pad(minutes % 60)}`;
    expect(offset, 'the device offset is not China’s').not.to.equal('+08:00');
    expect(createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(createdAt.slice(-6), 'createdAt carries the device offset').to.equal(offset);
    expect(Number(createdAt.slice(11, 13)), 'createdAt is the local wall-clock hour').to.equal(new Date(createdAt).getHours());
    expect(shanghai(new Date(createdAt)), 'assessTime is createdAt, in China Standard Time').to.equal(body.assessTime);
  });
});
