#!/usr/bin/env node
/**
 * `npm run screenshots:floor`: the widget in the floor engine, Chromium 69 (the UC U4 kernel of
 * Alipay and DingTalk), beside the current Chromium, one PNG per state in docs/floor/ (see
 * docs/floor/README.md). Run by hand after `npm run build`; Linux x64 only (the old build comes
 * from npm, see test/support/old-chromium.mjs).
 *
 * Both engines load the same page (the built script-tag bundle, no CSP: Chromium 69 writes the
 * styles as <style> elements) and are driven the same way: trusted clicks at the centre of a
 * control, a real Tab key. Each engine's screenshot is then put into one HTML page, two <img>
 * side by side, and that page is screenshotted in the current Chromium.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';
import { launch, supported, until } from '../test/support/old-chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/floor');
const bundle = join(root, 'dist/haochaping.min.js');

/** The states, each `{ name, width, height? (else the page's height), attrs?, launcher?, phone?, act? }`. */
const STATES = [
  { name: 'default', width: 800 },
  { name: 'chosen', width: 800, act: choose('2', 'N08') },
  { name: 'elder', width: 800, attrs: 'elder', act: choose('4', 'P01') },
  { name: 'phone', width: 390, phone: true, act: choose('2', 'N08') },
  { name: 'launcher', width: 800, height: 720, launcher: true, act: openLauncher, keepFocus: true },
  { name: 'focus', width: 800, act: (page) => page.press('Tab'), keepFocus: true },
];

const PAGE_CSS = `body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; background: #f3f5f8; color: #1f1f1f; }
main { max-width: 44rem; margin: 0 auto; padding: 24px 16px 32px; background: #fff; }
h1 { font-size: 1.375rem; margin: 0 0 4px; } .meta { margin: 0 0 20px; color: #555; }`;

/** A plain 政务服务网-like frame around the widget (or, for the launcher, around the page's text). */
function pageHtml(state) {
  const body = state.launcher
    ? '<p>办理居民身份证换领，请携带原身份证到户籍所在地派出所办理。</p>'
    : `<hcp-rating endpoint="/collect" task-name="居民身份证换领" ${state.attrs ?? ''}></hcp-rating>`;
  const script = state.launcher
    ? '<script src="/dist/haochaping.min.js" data-endpoint="/collect" data-launcher="floating"></script>'
    : '<script src="/dist/haochaping.min.js"></script>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>居民身份证换领</title>
<style>${PAGE_CSS}</style></head><body>
<main><h1>居民身份证换领</h1><p class="meta">市公安局</p>${body}</main>${script}</body></html>`;
}

/** Centre of `selector` in the widget's shadow root (the launcher's widget when there is no page widget). */
const centreOf = (selector) => `(() => {
  const host = document.querySelector('hcp-rating') || document.querySelector('hcp-launcher').shadowRoot.querySelector('hcp-rating');
  const box = host.shadowRoot.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
  return [box.left + box.width / 2, box.top + box.height / 2];
})()`;

const ready = `(() => {
  const launcher = document.querySelector('hcp-launcher');
  if (launcher) return !!(launcher.shadowRoot && launcher.shadowRoot.querySelector('.launcher'));
  const host = document.querySelector('hcp-rating');
  return !!(host && host.shadowRoot && host.shadowRoot.querySelector('.choice'));
})()`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A level (2 不满意, 4 满意), then a reason tag (N08 等待时间长, P01 办事效率高): the tags show, one with its tick. */
function choose(level, tag) {
  return async (page) => {
    await page.click(...(await page.evaluate(centreOf(`#choice-${level}`))));
    await sleep(300);
    await page.click(...(await page.evaluate(centreOf(`#tag-${tag}`))));
  };
}

async function openLauncher(page) {
  const at = await page.evaluate(`(() => {
    const box = document.querySelector('hcp-launcher').shadowRoot.querySelector('.launcher').getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
  })()`);
  await page.click(...at);
  await until(() => page.evaluate(`document.querySelector('hcp-launcher').isOpen`), 'the launcher dialog to open');
}

/**
 * One state in one engine: load, act, blur (unless the focus is the point), fit the height.
 * Returns the PNG and the page's <main> column (left, width), to which the picture is cropped.
 */
async function shoot(page, base, state) {
  await page.resize(state.width, state.height ?? 900);
  await page.goto(`${base}/shot/${state.name}`);
  await until(() => page.evaluate(ready), `${state.name}: the widget to render`);
  if (state.act) await state.act(page);
  if (!state.keepFocus) {
    await page.evaluate(`(() => {
      const host = document.querySelector('hcp-rating');
      const active = host && host.shadowRoot.activeElement;
      if (active) active.blur();
    })()`);
  }
  await sleep(500); // transitions (Chromium 69 has no prefers-reduced-motion)
  if (!state.height) {
    await page.resize(state.width, await page.evaluate('Math.ceil(document.documentElement.getBoundingClientRect().height)'));
    await sleep(200);
  }
  const column = await page.evaluate(`(() => {
    const box = document.querySelector('main').getBoundingClientRect();
    return [Math.floor(box.left), Math.ceil(box.width)];
  })()`);
  return { png: await page.screenshot(), column: state.launcher ? [0, state.width] : column };
}

/** Chromium 69 through the raw DevTools client; `resize` keeps mobile emulation for the phone. */
async function oldEngine(browser, state) {
  const page = await browser.newPage();
  return {
    goto: (url) => page.goto(url),
    evaluate: (expression) => page.evaluate(expression),
    click: (x, y) => page.click(x, y),
    press: (key) => page.press(key),
    resize: (width, height) =>
      page.session.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: !!state.phone }),
    async screenshot() {
      const dir = mkdtempSync(join(tmpdir(), 'hcp-floor-'));
      try {
        await page.screenshot(join(dir, 'shot.png'));
        return readFileSync(join(dir, 'shot.png'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    close: () => page.close(),
  };
}

/** The current Chromium through playwright-core. */
async function currentEngine(browser, state) {
  const context = await browser.newContext({
    viewport: { width: state.width, height: state.height ?? 900 },
    deviceScaleFactor: 1,
    isMobile: !!state.phone,
    hasTouch: !!state.phone,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  return {
    goto: (url) => page.goto(url),
    evaluate: (expression) => page.evaluate(expression),
    click: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    resize: (width, height) => page.setViewportSize({ width, height }),
    screenshot: () => page.screenshot(),
    close: () => context.close(),
  };
}

/** Both screenshots side by side, cropped to the page's column and captioned, as one PNG. */
async function combine(page, shots) {
  const figures = shots
    .map(
      ({ label, png, column: [left, width] }) =>
        `<figure><figcaption>${label}</figcaption><div class="crop" style="width: ${width}px"
          ><img style="margin-left: -${left}px" src="data:image/png;base64,${png.toString('base64')}"></div></figure>`,
    )
    .join('');
  await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
    body { margin: 0; background: #fff; font: 14px/1.4 'DejaVu Sans', sans-serif; color: #1f1f1f; }
    .pair { display: inline-flex; gap: 16px; align-items: flex-start; padding: 12px; }
    figure { margin: 0; } figcaption { margin: 0 0 6px; font-weight: 600; }
    .crop { overflow: hidden; border: 1px solid #999; } img { display: block; }
  </style></head><body><div class="pair">${figures}</div></body></html>`);
  await page.evaluate(() => Promise.all([...document.images].map((img) => img.decode())));
  return page.locator('.pair').screenshot();
}

if (!supported()) {
  console.error('floor-screenshots: the Chromium 69 build from npm runs on Linux x64 only');
  process.exit(1);
}
try {
  await readFile(bundle);
} catch {
  console.error('floor-screenshots: no dist/haochaping.min.js; run `npm run build` first (or `npm run screenshots:floor`)');
  process.exit(1);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'POST') {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{}'));
    return;
  }
  const shot = /^\/shot\/([\w-]+)$/.exec(url.pathname);
  const state = shot && STATES.find((s) => s.name === shot[1]);
  if (state) return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pageHtml(state));
  if (url.pathname === '/dist/haochaping.min.js') {
    return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(bundle));
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

await mkdir(out, { recursive: true });
const old = await launch(69);
const current = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--hide-scrollbars'] });
try {
  const composer = await (await current.newContext({ deviceScaleFactor: 1 })).newPage();
  for (const state of STATES) {
    const shots = [];
    for (const [label, open] of [
      [`Chromium ${old.version} (the floor)`, () => oldEngine(old, state)],
      [`Chromium ${current.version()} (current)`, () => currentEngine(current, state)],
    ]) {
      const page = await open();
      try {
        shots.push({ label, ...(await shoot(page, base, state)) });
      } finally {
        await page.close();
      }
    }
    const file = join(out, `${state.name}.png`);
    const png = await combine(composer, shots);
    await writeFile(file, png);
    console.log(`wrote ${file.slice(root.length + 1)} (${Math.round(png.length / 1024)} KB)`);
  }
} finally {
  await current.close();
  await old.close();
  server.close();
}
