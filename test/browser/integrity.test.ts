import '../../src/index.js';
import { expect, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { HcpRating } from '../../src/index.js';
import { consoleDuring, getByRole, mount, newEndpoint, rate, sleep, submitAndWait } from './helpers.js';

/** Counts hcp-submit events and requests: both must stay at zero for a script-made "submit". */
async function attempt(el: HcpRating, received: () => Promise<unknown[]>, act: (button: HTMLButtonElement) => void) {
  let submits = 0;
  el.addEventListener('hcp-submit', () => submits++);
  await consoleDuring('warn', async () => {
    act(getByRole<HTMLButtonElement>(el, 'button'));
    await sleep(200);
  });
  return { submits, requests: (await received()).length };
}

describe('only a real user action submits a rating', () => {
  let el: HcpRating;
  let received: () => Promise<unknown[]>;

  beforeEach(async () => {
    const target = newEndpoint();
    received = target.received;
    el = await mount(html`<hcp-rating endpoint=${target.endpoint}></hcp-rating>`);
    await rate(el, '非常满意');
  });

  it('ignores HTMLElement.click() from script', async () => {
    expect(await attempt(el, received, (button) => button.click())).to.deep.equal({ submits: 0, requests: 0 });
  });

  it('ignores a synthetic click event', async () => {
    const result = await attempt(el, received, (button) =>
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true })),
    );
    expect(result).to.deep.equal({ submits: 0, requests: 0 });
  });

  it('warns the integrator when a script tries to submit', async () => {
    const warnings = await consoleDuring('warn', () => getByRole<HTMLButtonElement>(el, 'button').click());
    expect(warnings.join()).to.contain('did not come from a real user action');
  });

  it('sends one rating when the submit button is activated twice in quick succession', async () => {
    let submits = 0;
    el.addEventListener('hcp-submit', () => submits++);
    const button = getByRole(el, 'button');
    const rect = button.getBoundingClientRect();
    const position: [number, number] = [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)];
    const sent = oneEvent(el, 'hcp-sent');
    await Promise.all([sendMouse({ type: 'click', position }), sendMouse({ type: 'click', position })]);
    await sent;
    await sleep(200);
    expect(submits).to.equal(1);
    expect(await received()).to.have.length(1);
  });
});

describe('a page cannot alter the citizen’s rating', () => {
  it('hcp-submit listeners get a frozen copy: changing level, verdict or tags has no effect', async () => {
    const { endpoint, received } = newEndpoint();
    const el = await mount(html`<hcp-rating endpoint=${endpoint}></hcp-rating>`);
    const attempts: string[] = [];
    el.addEventListener('hcp-submit', (e) => {
      const detail = (e as CustomEvent).detail;
      for (const [what, change] of [
        ['level', () => (detail.level = 5)],
        ['verdict', () => (detail.verdict = 'good')],
        ['tags', () => detail.tags.push('P01')],
      ] as const) {
        try {
          change();
          attempts.push(`${what} changed`);
        } catch {
          attempts.push(`${what} refused`);
        }
      }
    });
    await rate(el, '非常不满意', ['服务态度差']);
    await submitAndWait(el);
    expect(attempts).to.deep.equal(['level refused', 'verdict refused', 'tags refused']);
    const body = JSON.parse((await received())[0].body);
    expect(body).to.include({ level: 1, verdict: 'bad' });
    expect(body.tags).to.deep.equal(['N01']);
  });
});
