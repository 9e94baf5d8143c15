import '../../src/index.js';
import { expect, fixture, html } from '@open-wc/testing';
import { HcpRating } from '../../src/index.js';
import { getByRole, mount, newEndpoint, rate } from './helpers.js';

interface Manifest {
  modules: { declarations?: { tagName?: string; cssProperties?: { name: string }[]; cssParts?: { name: string }[] }[] }[];
}

async function documented(): Promise<{ props: string[]; parts: string[] }> {
  const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;
  const decl = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'hcp-rating')!;
  return { props: (decl.cssProperties ?? []).map((p) => p.name), parts: (decl.cssParts ?? []).map((p) => p.name) };
}

const cssText = () => [HcpRating.styles].flat().map((s) => (s as { cssText: string }).cssText).join('\n');

describe('theming: CSS custom properties and parts', () => {
  it('gives every --hcp-… property it uses a default on :host, and documents each one', async () => {
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating>`);
    const used = new Set([...cssText().matchAll(/var\((--hcp-[a-z-]+)/g)].map((m) => m[1]));
    const { props } = await documented();
    expect(used.size).to.be.above(8);
    for (const prop of used) {
      expect(getComputedStyle(el).getPropertyValue(prop).trim(), `${prop} defaulted on :host`).to.not.equal('');
      expect(props, `${prop} documented with @cssprop`).to.include(prop);
    }
  });

  it('exposes the documented parts, and the page can style them', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>
        .themed hcp-rating::part(submit) { border-radius: 0; }
        .themed hcp-rating { --hcp-accent: rgb(0, 102, 51); --hcp-radius: 2px; }
      </style>
      <div class="themed"><hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating></div>
    </div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    await rate(el, '满意', ['办事效率高']);
    const { parts } = await documented();
    for (const part of parts.filter((p) => p !== 'notice')) {
      expect(el.shadowRoot!.querySelector(`[part~="${part}"]`), `part ${part}`).to.exist;
    }
    const submit = getByRole(el, 'button');
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(0, 102, 51)');
    expect(getComputedStyle(submit).borderTopLeftRadius).to.equal('0px');
    const level = getByRole<HTMLInputElement>(el, 'radio', '满意').labels![0];
    expect(getComputedStyle(level).borderTopLeftRadius).to.equal('2px');
  });

  it('lets the page restyle 长辈模式 through ::part(base)', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>.themed hcp-rating::part(base) { --hcp-accent: rgb(90, 0, 0); }</style>
      <div class="themed"><hcp-rating elder endpoint=${newEndpoint().endpoint}></hcp-rating></div>
    </div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    await rate(el, '满意');
    expect(getComputedStyle(getByRole(el, 'button')).backgroundColor).to.equal('rgb(90, 0, 0)');
  });

  it('sizes everything from --hcp-font-size', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div>
      <style>.big hcp-rating { --hcp-font-size: 20px; }</style>
      <div class="big"><hcp-rating endpoint=${newEndpoint().endpoint}></hcp-rating></div>
    </div>`);
    const el = wrapper.querySelector('hcp-rating')!;
    await el.updateComplete;
    expect(getComputedStyle(getByRole(el, 'textbox')).fontSize).to.equal('20px');
  });
});
