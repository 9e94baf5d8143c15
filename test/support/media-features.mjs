/**
 * `executeServerCommand('media-features', [{ name, value }])`: CSS media features through the
 * DevTools protocol directly, including `forced-colors`, which neither @web/test-runner-commands'
 * emulateMedia nor puppeteer's emulateMediaFeatures passes on. Each call replaces the previous
 * set; `[]` resets. Chromium only.
 */
const sessions = new WeakMap();

export function mediaFeaturesPlugin() {
  return {
    name: 'media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', { features: payload });
      return true;
    },
  };
}
