/**
 * Runs only in the baseline profile (web-test-runner.config.mjs, group `baseline`): proves the
 * profile is in force, so the core suites that run beside this file really ran without the APIs
 * and CSS features of test/support/baseline-gaps.js, and checks what only shows there.
 */
import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import { gaps } from '../support/baseline-gaps.js';
import { framePage, upgraded } from './frames.js';
import { sendKeys } from '@web/test-runner-commands';
import { mountFloatingLauncher } from '../../src/launcher/floating-launcher.js';
import { click, focused, getByRole, mount, newEndpoint, press } from './helpers.js';

const owner = (path: string) => {
  const parts = path.split('.');
  const name = parts.pop()!;
  return { owner: parts.reduce<unknown>((o, p) => (o as Record<string, unknown>)?.[p], globalThis) as object, name };
};

describe('baseline profile (the oldest engines of the promise)', () => {
  it('has removed every API of baseline-gaps.js before the SDK loaded', () => {
    const removed = gaps.flatMap((gap) => gap.remove ?? []);
    expect(removed.length).to.be.greaterThan(5);
    for (const path of removed) {
      const { owner: o, name } = owner(path);
      expect(name in o, path).to.equal(false);
    }
  });

  it('styles the widget through <style> elements, as Lit does without constructable stylesheets', async () => {
    const el = await mount(html`<hcp-rating endpoint="/x"></hcp-rating>`);
    const styles = el.shadowRoot!.querySelectorAll('style');
    expect(styles.length).to.be.greaterThan(0);
    const text = [...styles].map((s) => s.textContent).join('\n');
    expect(text, 'the :focus-visible rule is dropped as Safari 15.0 drops it').to.contain(':-hcp-no-focus-visible');
    expect(getComputedStyle(el.shadowRoot!.querySelector('.submit')!).minHeight).to.equal('44px');
  });

  it('lays the levels out as full-width rows in a 320 px viewport without container queries', async () => {
    const head = '<script type="module" src="/test/support/baseline-profile.js?apply"></script>';
    const page = await framePage(`<hcp-rating endpoint="/x"></hcp-rating>`, { width: 320, head });
    try {
      await upgraded(page);
      expect((page.win as unknown as { __hcpBaselineProfile?: boolean }).__hcpBaselineProfile).to.equal(true);
      const root = page.doc.querySelector('hcp-rating')!.shadowRoot!;
      const tiles = [...root.querySelectorAll('.choice')].map((t) => t.getBoundingClientRect());
      const list = root.querySelector('.choices')!.getBoundingClientRect();
      expect(tiles).to.have.length(5);
      for (const [i, tile] of tiles.entries()) {
        expect(tile.width, `tile ${i} spans the list`).to.be.closeTo(list.width, 1);
        if (i) expect(tile.top, `tile ${i} is below the one before`).to.be.greaterThan(tiles[i - 1].top);
      }
    } finally {
      page.remove();
    }
  });

  it('the launcher without showModal keeps Tab and Shift+Tab inside its dialog and returns focus on Escape', async () => {
    configure({ endpoint: newEndpoint().endpoint });
    const launcher = mountFloatingLauncher();
    try {
      await launcher.updateComplete;
      const shadow = launcher.shadowRoot!;
      const button = shadow.querySelector<HTMLElement>('button.launcher')!;
      await click(button);
      const rating = shadow.querySelector('hcp-rating')!;
      await rating.updateComplete;
      expect(focused(), 'focus moves to the first level').to.equal(getByRole(rating, 'radio', '非常满意'));
      const submit = getByRole(rating, 'button', '提交评价');
      const close = shadow.querySelector<HTMLElement>('button.close')!;
      submit.focus();
      await press('Tab');
      expect(focused(), 'Tab from the last control wraps to 关闭').to.equal(close);
      await sendKeys({ down: 'Shift' });
      await press('Tab');
      await sendKeys({ up: 'Shift' });
      expect(focused(), 'Shift+Tab from 关闭 wraps to the last control').to.equal(submit);
      await press('Escape');
      expect(launcher.isOpen).to.equal(false);
      expect(focused(), 'focus returns to the launcher').to.equal(button);
    } finally {
      launcher.remove();
    }
  });
});
