import '../../src/index.js';
import { expect, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import { pageDefaults } from '../../src/defaults.js';
import { consoleDuring, getByRole, mount, newEndpoint } from './helpers.js';

const global = globalThis as { litNonce?: string };

describe('configure({ styleNonce }) for strict-CSP pages without constructable stylesheets', () => {
  afterEach(() => {
    delete global.litNonce;
  });

  it('hands the nonce to Lit as window.litNonce and keeps it out of the widget configuration', async () => {
    delete global.litNonce;
    configure({ styleNonce: 'cmFuZG9tLW5vbmNl' });
    expect(global.litNonce).to.equal('cmFuZG9tLW5vbmNl');
    expect(pageDefaults()).not.to.have.property('styleNonce');
    let errors = 0;
    // Bound in the template: listening before the first render, when a configuration error is reported.
    const el = await mount(html`<hcp-rating endpoint=${newEndpoint().endpoint} @hcp-error=${() => errors++}></hcp-rating>`);
    expect(getByRole(el, 'radiogroup')).to.exist;
    expect(errors).to.equal(0);
  });

  it('keeps a litNonce the page already set, with a warning', async () => {
    global.litNonce = 'page-own';
    const warnings = await consoleDuring('warn', () => configure({ styleNonce: 'other' }));
    expect(global.litNonce).to.equal('page-own');
    expect(warnings.join()).to.contain('window.litNonce is already set');
  });

  it('refuses a nonce that could not be a nonce, with an error', async () => {
    delete global.litNonce;
    const errors = await consoleDuring('error', () => configure({ styleNonce: '"><script>' }));
    expect(global.litNonce).to.equal(undefined);
    expect(errors.join()).to.contain('styleNonce must be the nonce');
  });
});
