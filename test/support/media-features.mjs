/**
 * `executeServerCommand('media-features', [{ name, value }])`: CSS media features through the
 * DevTools protocol, including `forced-colors`, which @web/test-runner-commands' emulateMedia
 * does not pass on for puppeteer. Each call replaces the previous set; `[]` resets.
 */
export function mediaFeaturesPlugin() {
  return {
    name: 'media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      const page = session.browser.getPage(session.id);
      await page.emulateMediaFeatures(payload);
      return true;
    },
  };
}
