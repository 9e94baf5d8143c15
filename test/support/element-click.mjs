/**
 * `executeServerCommand('element-click', { host, selector })`: clicks the element `selector`
 * inside the shadow root of the first `host` the way a page's end-to-end test would.
 * - WebKit (classic WebDriver): the Element Click command, which scrolls the element into view
 *   and refuses with “element click intercepted” when another element would take the click.
 * - Chromium and Firefox (puppeteer over CDP / WebDriver BiDi): `ElementHandle.click()`, a real
 *   pointer click at the middle of the element's own box.
 * Either way the click lands where the element's box is, not on its label.
 */
const find = (host, selector) => document.querySelector(host)?.shadowRoot?.querySelector(selector) ?? null;

export function elementClickPlugin() {
  return {
    name: 'element-click',
    async executeCommand({ command, payload, session }) {
      if (command !== 'element-click') return undefined;
      const { host, selector } = payload;
      const browser = session.browser;
      if (browser.type === 'webdriver') {
        const driver = browser.driver;
        const element = await driver.execute(find, host, selector);
        if (!element) throw new Error(`element-click: no ${selector} in ${host}'s shadow root`);
        // The W3C web element reference, then the Element Click command itself.
        await driver.elementClick(element['element-6066-11e4-a52e-4f735466cecf']);
        return true;
      }
      const page = browser.getPage(session.id);
      const handle = (await page.evaluateHandle(find, host, selector)).asElement();
      if (!handle) throw new Error(`element-click: no ${selector} in ${host}'s shadow root`);
      await handle.click();
      await handle.dispose();
      return true;
    },
  };
}
