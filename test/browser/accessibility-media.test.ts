/**
 * Media features, which only Chromium's DevTools protocol can emulate (named `*-media.test.ts`,
 * so web-test-runner.config.mjs runs it in Chromium only). The 320 px reflow is tested in every
 * engine, in a 320 px frame, in accessibility.test.ts.
 */
import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { configure, type HcpRating } from '../../src/index.js';
import { backgroundOf, colorContrast, contrast, parseColor, textContrast } from './contrast.js';
import { a11yTree, allByRole, click, expectInputsCoverTiles, focused, getByRole, mount, newEndpoint, press, rate, type } from './helpers.js';
import { mountFloatingLauncher } from '../../src/launcher/floating-launcher.js';

const $ = <T extends Element = HTMLElement>(el: HcpRating, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const label = (el: HcpRating, role: 'radio' | 'checkbox', name: string) => getByRole<HTMLInputElement>(el, role, name).labels![0];
const media = (features: { name: string; value: string }[]) => executeServerCommand('media-features', features);

afterEach(async () => {
  await media([]);
});

describe('hit targets in the dark theme and in forced colours (the other looks: hit-targets.test.ts)', () => {
  for (const feature of [
    { name: 'prefers-color-scheme', value: 'dark' },
    { name: 'forced-colors', value: 'active' },
  ]) {
    it(`each radio and checkbox covers its tile and stays invisible with ${feature.name}: ${feature.value}`, async () => {
      await media([feature]);
      const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      await rate(el, '满意');
      expectInputsCoverTiles(el, feature.value);
      for (const input of el.shadowRoot!.querySelectorAll('input')) expect(getComputedStyle(input).opacity, 'the tile is what is seen').to.equal('0');
    });
  }
});

describe('dark theme (prefers-color-scheme: dark)', () => {
  for (const elder of [false, true]) {
    it(`meets ${elder ? '7' : '4.5'}:1 for text and 3:1 for boundaries and focus${elder ? ' in 长辈模式' : ''}, and passes axe`, async () => {
      await media([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const el = await mount(html`<hcp-rating ?elder=${elder} endpoint=${newEndpoint().endpoint}></hcp-rating>`);
      const surface = backgroundOf($(el, '.base'));
      expect(contrast(surface, parseColor('rgb(0, 0, 0)')), 'a dark surface').to.be.below(2);
      await expect(el).to.be.accessible();
      await rate(el, '非常不满意');
      await click(getByRole(el, 'button'));
      await el.updateComplete;
      expect(textContrast($(el, '#reason-error'))).to.be.at.least(elder ? 7 : 4.5);
      await rate(el, '不满意', ['办事效率低']);
      await click(getByRole(el, 'textbox'));
      await type('abc');
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const min = elder ? 7 : 4.5;
      for (const text of [$(el, '.legend'), label(el, 'radio', '满意'), label(el, 'radio', '不满意'), label(el, 'checkbox', '办事效率低'), getByRole(el, 'textbox'), $(el, '#comment-count'), getByRole(el, 'button')]) {
        expect(textContrast(text), text.className || text.tagName).to.be.at.least(min);
      }
      for (const bounded of [label(el, 'radio', '满意'), label(el, 'checkbox', '等待时间长'), getByRole(el, 'textbox')]) {
        expect(colorContrast(bounded, 'borderTopColor', $(el, '.base'))).to.be.at.least(3);
      }
      getByRole(el, 'button').focus();
      await press('Shift'); // a key press makes the programmatic focus keyboard-visible
      const ring = getComputedStyle(getByRole(el, 'button'));
      expect(ring.outlineStyle).to.equal('solid');
      expect(colorContrast(getByRole(el, 'button'), 'outlineColor', $(el, '.base'))).to.be.at.least(3);
    });
  }
});

describe('forced colors (Windows high contrast)', () => {
  it('keeps every control, the chosen state and the focus ring visible', async () => {
    await media([{ name: 'forced-colors', value: 'active' }]);
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    await rate(el, '满意', ['办事效率高']);
    for (const control of [label(el, 'radio', '非常满意'), label(el, 'checkbox', '服务态度热情'), getByRole(el, 'textbox'), getByRole(el, 'button')]) {
      const style = getComputedStyle(control);
      expect(style.borderTopStyle, control.className).to.equal('solid');
      expect(parseFloat(style.borderTopWidth), control.className).to.be.at.least(1);
    }
    for (const [chosen, other] of [
      [label(el, 'radio', '满意'), label(el, 'radio', '非常满意')],
      [label(el, 'checkbox', '办事效率高'), label(el, 'checkbox', '服务态度热情')],
    ]) {
      const [c, o] = [getComputedStyle(chosen), getComputedStyle(other)];
      expect(c.borderTopColor, 'the chosen one has the system highlight colour').to.not.equal(o.borderTopColor);
      expect(parseFloat(c.borderTopWidth)).to.be.above(parseFloat(o.borderTopWidth));
      expect(c.fontWeight).to.not.equal(o.fontWeight);
    }
    getByRole(el, 'textbox').focus();
    await press('Shift');
    await press('Tab');
    expect(focused()).to.equal(getByRole(el, 'button'));
    const ring = getComputedStyle(getByRole(el, 'button'));
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    await expect(el).to.be.accessible();
  });
});

describe('reduced motion', () => {
  it('turns transitions off when the reader asks for less motion', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const durations = () =>
      [...allByRole<HTMLInputElement>(el, 'radio').map((r) => r.labels![0]), ...el.shadowRoot!.querySelectorAll('*')]
        .flatMap((node) => [getComputedStyle(node).transitionDuration, getComputedStyle(node).animationDuration])
        .flatMap((d) => d.split(',').map((s) => parseFloat(s)));
    expect(Math.max(...durations()), 'some motion by default').to.be.above(0);
    await media([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    expect(Math.max(...durations())).to.equal(0);
  });
});

describe('the accessibility tree (Chromium’s, through the DevTools protocol)', () => {
  it('hides the visible counter, keeps the comment’s label, and exposes one status region', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const tree = await a11yTree();
    expect(tree.some((n) => n.name?.includes('还可输入 500 字') && n.role === 'StaticText'), 'counter text not read twice').to.equal(false);
    expect(tree.filter((n) => n.role === 'textbox').map((n) => n.name)).to.deep.equal(['意见和建议（选填）']);
    expect(tree.filter((n) => n.role === 'status')).to.have.length(1);
    expect(tree.filter((n) => n.role === 'radiogroup').map((n) => n.name)).to.deep.equal(['您对本次服务满意吗？']);
    el.remove();
  });

  it('names the launcher’s dialog and its buttons', async () => {
    configure({ endpoint: newEndpoint().endpoint });
    const launcher = mountFloatingLauncher();
    await launcher.updateComplete;
    try {
      let tree = await a11yTree();
      expect(tree.filter((n) => n.role === 'button').map((n) => n.name)).to.include.members(['评价', '隐藏评价按钮']);
      await click(launcher.shadowRoot!.querySelector<HTMLElement>('button.launcher')!);
      tree = await a11yTree();
      expect(tree.filter((n) => n.role === 'dialog').map((n) => n.name)).to.deep.equal(['服务评价']);
      expect(tree.filter((n) => n.role === 'button').map((n) => n.name)).to.include('关闭');
    } finally {
      launcher.shadowRoot!.querySelector('dialog')!.close();
      launcher.remove();
    }
  });
});
