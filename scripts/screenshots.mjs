#!/usr/bin/env node
/**
 * `npm run screenshots`: PNGs of the widget for the README (desktop, phone, 长辈模式, dark,
 * kiosk; zh-CN and en) in docs/screenshots/. Serves the built script-tag bundle and drives the
 * Debian Chromium through playwright-core, choosing levels and tags with real clicks.
 */
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs/screenshots');

const TEXT = {
  'zh-CN': { guide: '办理居民身份证换领，请携带原身份证到户籍所在地派出所办理。', title: '居民身份证换领', dept: '市公安局', level: '不满意', tags: ['等待时间长'], comment: '取号后等了四十分钟。', good: '非常满意' },
  en: { guide: 'To renew your resident ID card, bring the old card to the police station where you are registered.', title: 'Renew a resident ID card', dept: 'City Public Security Bureau', level: 'Dissatisfied', tags: ['Long wait'], comment: 'Waited 40 minutes after taking a number.', good: 'Very satisfied' },
};

/** One page per shot: a plain 政务服务网-like frame around the widget. */
function pageHtml(lang, shot) {
  const t = TEXT[lang];
  const widget = shot.launcher ? `<p>${t.guide}</p>` : `<hcp-rating endpoint="/collect" task-name="${t.title}" ${shot.attrs}></hcp-rating>`;
  const script = shot.launcher
    ? '<script src="/dist/haochaping.min.js" data-endpoint="/collect" data-launcher="floating"></script>'
    : '<script src="/dist/haochaping.min.js"></script>';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title>
<link rel="stylesheet" href="/shot.css"></head><body>
<main><h1>${t.title}</h1><p class="meta">${t.dept}</p>${widget}</main>${script}</body></html>`;
}

const PAGE_CSS = `
body { margin: 0; font-family: 'Noto Sans CJK SC', sans-serif; background: #f3f5f8; color: #1f1f1f; }
main { max-width: 44rem; margin: 0 auto; padding: 24px 16px; background: #fff; min-height: 100vh; box-sizing: border-box; }
h1 { font-size: 1.375rem; margin: 0 0 4px; } .meta { margin: 0 0 20px; color: #555; }
@media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } main { background: #1b1b1b; } .meta { color: #bbb; } }
body.kiosk main { max-width: none; padding: 0; } body.kiosk h1, body.kiosk .meta { display: none; }
`;

const SHOTS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 }, attrs: '', fill: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, attrs: '', fill: true, full: true, scale: 2 },
  { name: 'elder', viewport: { width: 1280, height: 1100 }, attrs: 'elder', fill: true },
  { name: 'dark', viewport: { width: 1280, height: 900 }, attrs: '', fill: true, dark: true },
  { name: 'kiosk', viewport: { width: 1024, height: 768 }, attrs: 'mode="kiosk"', full: true, kiosk: true },
  { name: 'launcher', viewport: { width: 1024, height: 768 }, attrs: '', full: true, launcher: true },
];

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method === 'POST' && url.pathname === '/collect') {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{}'));
    return;
  }
  if (url.pathname === '/shot.css') return res.writeHead(200, { 'Content-Type': 'text/css' }).end(PAGE_CSS);
  const shot = url.pathname.match(/^\/shot\/(zh-CN|en)\/(.+)$/);
  if (shot) {
    const found = SHOTS.find((s) => s.name === shot[2]);
    if (!found) return res.writeHead(404).end();
    return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(pageHtml(shot[1], found));
  }
  if (url.pathname.startsWith('/dist/')) {
    try {
      const body = await readFile(join(root, url.pathname));
      return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(body);
    } catch {
      // fall through to 404
    }
  }
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

await mkdir(out, { recursive: true });
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, '--font-render-hinting=none'] });
try {
  for (const lang of ['zh-CN', 'en']) {
    const t = TEXT[lang];
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        viewport: shot.viewport,
        deviceScaleFactor: shot.scale ?? 1,
        colorScheme: shot.dark ? 'dark' : 'light',
        reducedMotion: 'reduce', // no half-finished transitions in the pictures
        locale: lang,
      });
      const page = await context.newPage();
      await page.goto(`${base}/shot/${lang}/${shot.name}`);
      if (shot.kiosk) await page.evaluate(() => document.body.classList.add('kiosk'));
      if (shot.launcher) {
        await page.locator('hcp-launcher button.launcher').click();
        await page.locator('hcp-launcher dialog[open]').waitFor();
      }
      const widget = page.locator('hcp-rating');
      // By role and name, as a page's own tests would (each control lies over its tile).
      await widget.getByRole('radio', { name: shot.kiosk ? t.good : t.level, exact: true }).click();
      if (shot.fill) {
        for (const tag of t.tags) await widget.getByRole('checkbox', { name: tag, exact: true }).click();
        await widget.getByRole('textbox').fill(t.comment);
      }
      await page.mouse.move(0, 0);
      await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
      const file = join(out, `${shot.name}-${lang}.png`);
      if (shot.full) await page.screenshot({ path: file });
      else await page.locator('main').screenshot({ path: file });
      console.log(`wrote ${file.slice(root.length + 1)}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
