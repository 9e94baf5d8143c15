/**
 * Real mouse clicks on the widget from a puppeteer page (the end-to-end suites in test/node/).
 * `clickNamed(page, name)` clicks the middle of the visible control named `name` inside the first
 * <hcp-rating>: a radio's or checkbox's label, or a button, found by its text as a person reads it.
 */
import assert from 'node:assert/strict';

export async function clickNamed(page, name) {
  const handle = await page.evaluateHandle((wanted) => {
    const root = document.querySelector('hcp-rating').shadowRoot;
    const inputs = [...root.querySelectorAll('input')].filter((i) => i.labels?.[0]?.textContent.trim() === wanted);
    if (inputs.length) return inputs[0].labels[0];
    return [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === wanted) ?? null;
  }, name);
  assert.ok(await handle.evaluate((el) => el !== null), `no control named ${name}`);
  await handle.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await handle.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
