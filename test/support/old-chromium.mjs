/**
 * Real old Chromium, driven over the DevTools protocol with trusted input.
 *
 * The builds come from npm packages that carry a headless Linux Chromium inside their tarball,
 * brotli-compressed (the `chrome-aws-lambda` line). They are fetched with `npm pack` on first
 * use — never installed: each is 31–43 MB packed and 100–140 MB unpacked, which a contributor's
 * `npm install` should not pay for the suites that do not need them — and kept unpacked in a
 * cache outside node_modules (so `npm ci` does not throw them away):
 * `$HCP_OLD_CHROMIUM_CACHE`, else `$XDG_CACHE_HOME/haochaping/chromium`, else
 * `~/.cache/haochaping/chromium`.
 *
 * Modern puppeteer and playwright no longer speak to engines this old; this is the small raw
 * client they need: `Runtime.evaluate`, `Input.dispatch{Mouse,Key,Touch}Event` and
 * `Input.insertText` (trusted events, as a person's), `Emulation.*` for a phone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import WebSocket from 'ws';
import { chromiumArgs } from './chromium.mjs';

/** The engines of `npm test`: the floor, a domestic-browser core, and one below the floor. */
export const BUILDS = {
  69: { pkg: 'chrome-aws-lambda@1.6.3', file: 'package/bin/chromium-69.0.3494.0.br' },
  80: { pkg: 'chrome-aws-lambda@2.1.1', file: 'package/bin/chromium.br' },
  64: { pkg: 'chrome-aws-lambda@64.0.3264', file: 'package/bin/chromium.br' },
};

export const CACHE = resolve(
  process.env.HCP_OLD_CHROMIUM_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'haochaping', 'chromium'),
);

export const supported = () => process.platform === 'linux' && process.arch === 'x64';

/**
 * Path of the Chromium `major` binary, fetched and unpacked into the cache on first use.
 * Safe from parallel processes: each unpacks into its own directory and renames it into place.
 */
export function oldChromium(major) {
  const build = BUILDS[major];
  if (!build) throw new Error(`no npm package carries Chromium ${major} here; known: ${Object.keys(BUILDS).join(', ')}`);
  if (!supported()) throw new Error(`the npm Chromium builds run on Linux x64 only, not ${process.platform}-${process.arch}`);
  const dir = join(CACHE, `chromium-${major}`);
  const bin = join(dir, 'chromium');
  if (existsSync(bin)) return bin;
  mkdirSync(CACHE, { recursive: true });
  const work = mkdtempSync(join(CACHE, `.fetch-${major}-`));
  try {
    const out = execFileSync('npm', ['pack', build.pkg, '--pack-destination', work, '--ignore-scripts', '--json'], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = join(work, JSON.parse(out)[0].filename);
    execFileSync('tar', ['xzf', tarball, '-C', work, build.file]);
    const unpacked = join(work, 'out');
    mkdirSync(unpacked);
    writeFileSync(join(unpacked, 'chromium'), brotliDecompressSync(readFileSync(join(work, build.file))));
    chmodSync(join(unpacked, 'chromium'), 0o755);
    try {
      renameSync(unpacked, dir);
    } catch (error) {
      if (!existsSync(bin)) throw error; // another process got there first: fine
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bin;
}

/** The flags every Chromium here needs as root on a closed network, plus what these old builds need to start headless (../shared/TOOLCHAIN.md). */
const ARGS = [...chromiumArgs, '--headless', '--single-process', '--no-zygote', '--hide-scrollbars', '--mute-audio', '--remote-debugging-port=0'];

/** One DevTools-protocol session over a WebSocket: `send(method, params)`, `on(method, fn)`, `once(method)`. */
class Session {
  constructor(url) {
    this._ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    this._id = 0;
    this._calls = new Map();
    this._listeners = new Map();
    this.opened = new Promise((ok, fail) => {
      this._ws.once('open', ok);
      this._ws.once('error', fail);
    });
    this._ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== undefined) {
        const call = this._calls.get(message.id);
        this._calls.delete(message.id);
        if (message.error) call?.fail(new Error(`${call.method}: ${message.error.message} ${message.error.data ?? ''}`));
        else call?.ok(message.result);
      } else {
        for (const fn of this._listeners.get(message.method) ?? []) fn(message.params);
      }
    });
    this._ws.on('close', () => {
      for (const call of this._calls.values()) call.fail(new Error(`${call.method}: the DevTools connection closed`));
      this._calls.clear();
    });
  }

  send(method, params = {}) {
    const id = ++this._id;
    return new Promise((ok, fail) => {
      this._calls.set(id, { ok, fail, method });
      this._ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method, fn) {
    if (!this._listeners.has(method)) this._listeners.set(method, []);
    this._listeners.get(method).push(fn);
  }

  /** The next `method` event's params. */
  once(method) {
    return new Promise((ok) => {
      const fn = (params) => {
        this._listeners.set(method, this._listeners.get(method).filter((f) => f !== fn));
        ok(params);
      };
      this.on(method, fn);
    });
  }

  close() {
    this._ws.close();
  }
}

/** Resolves once `check()` returns something truthy; fails after `timeout` ms with `what` and the last value. */
export async function until(check, what, { timeout = 10_000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * A page (tab) of an old Chromium. Methods drive it as a person would: `click(x, y)` and `tap`
 * are trusted pointer events at a point; `press(key)` and `type(text)` trusted key input to the
 * focused element. `evaluate` runs an expression (awaiting a promise) and returns its value.
 */
class Page {
  constructor(browser, targetId, session) {
    this.browser = browser;
    this.targetId = targetId;
    this.session = session;
    this.errors = [];
    this.console = [];
    session.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) =>
      this.errors.push(d.exception?.description ?? d.text),
    );
    session.on('Runtime.consoleAPICalled', ({ type, args }) =>
      this.console.push({ type, text: args.map((a) => a.value ?? a.description ?? '').join(' ') }),
    );
    session.on('Log.entryAdded', ({ entry }) => this.console.push({ type: entry.level, text: entry.text }));
  }

  async init() {
    await Promise.all(['Page', 'Runtime', 'Log', 'Network'].map((domain) => this.session.send(`${domain}.enable`)));
  }

  /** Runs `source` in every document this tab loads, before the page's own scripts (CSP does not apply). */
  async addInitScript(source) {
    await this.session.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }

  /** Navigates and waits for the load event. */
  async goto(url) {
    const loaded = this.session.once('Page.loadEventFired');
    const { errorText } = await this.session.send('Page.navigate', { url });
    if (errorText) throw new Error(`navigating to ${url}: ${errorText}`);
    await loaded;
  }

  async evaluate(expression) {
    const { result, exceptionDetails } = await this.session.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
      userGesture: false,
    });
    if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  /**
   * A phone: 390×844 CSS px at 3×, touch events on (mobile emulation), and the user agent of
   * Alipay's web view on Android, whose U4 kernel reads Chrome/69 (`ua`: another one).
   */
  async emulatePhone(ua = ALIPAY_UA) {
    await this.session.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 3, mobile: true });
    await this.session.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await this.session.send('Network.setUserAgentOverride', { userAgent: ua });
  }

  async viewport(width, height) {
    await this.session.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  }

  async click(x, y) {
    await this.session.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.session.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
    await this.session.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
  }

  async tap(x, y) {
    await this.session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    await this.session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  /** One key press: 'Tab', 'ArrowRight', 'Space', 'Enter', 'Escape', with optional modifiers (8 = Shift). */
  async press(key, modifiers = 0) {
    const k = KEYS[key];
    if (!k) throw new Error(`press: unknown key ${key}`);
    const base = { key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode, modifiers };
    await this.session.send('Input.dispatchKeyEvent', { type: k.text ? 'keyDown' : 'rawKeyDown', ...base, ...(k.text ? { text: k.text, unmodifiedText: k.text } : {}) });
    await this.session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base });
  }

  /**
   * Text into the focused field, as an input method commits it (Chinese included):
   * `Input.insertText` where the engine has it (Chromium 71+), else one `char` key event per character.
   */
  async type(text) {
    try {
      await this.session.send('Input.insertText', { text });
    } catch (error) {
      if (!/wasn't found/.test(error.message)) throw error;
      for (const ch of text) await this.session.send('Input.dispatchKeyEvent', { type: 'char', text: ch, unmodifiedText: ch });
    }
  }

  async screenshot(file) {
    const { data } = await this.session.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(file, Buffer.from(data, 'base64'));
  }

  /** Closes the tab as a person does: the page gets pagehide/unload, then it is gone. */
  async close() {
    await this.browser.http(`/json/close/${this.targetId}`);
    this.session.close();
  }
}

/** A public user agent of Alipay's web view on Android (UC U4 kernel), as 政务 pages opened from 支付宝 see it. */
export const ALIPAY_UA =
  'Mozilla/5.0 (Linux; U; Android 10; zh-CN; V2001A Build/QP1A.190711.020) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/69.0.3497.100 UWS/3.22.2.33 Mobile Safari/537.36 UCBS/3.22.2.33_220223200704 NebulaSDK/1.8.100112 Nebula AlipayDefined(nt:WIFI,ws:360|0|3.0) AliApp(AP/10.5.78.8000) AlipayClient/10.5.78.8000 Language/zh-Hans useStatusBar/true isConcaveScreen/true Region/CNAriver/1.0.0';

const KEYS = {
  Tab: { key: 'Tab', code: 'Tab', keyCode: 9 },
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' },
  Space: { key: ' ', code: 'Space', keyCode: 32, text: ' ' },
  Escape: { key: 'Escape', code: 'Escape', keyCode: 27 },
  ArrowLeft: { key: 'ArrowLeft', code: 'ArrowLeft', keyCode: 37 },
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', keyCode: 38 },
  ArrowRight: { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39 },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
};

/** Starts Chromium `major` headless with a fresh profile; resolves to `{ version, newPage(url), close() }`. */
export async function launch(major) {
  const bin = oldChromium(major);
  const profile = mkdtempSync(join(tmpdir(), `hcp-chromium-${major}-`));
  const child = spawn(bin, [...ARGS, `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const endpoint = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`Chromium ${major} did not start within 20 s:\n${stderr.slice(-2000)}`)), 20_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /DevTools listening on (ws:\/\/[^\s]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        ok(new URL(m[1]));
      }
    });
    child.once('exit', (code) => fail(new Error(`Chromium ${major} exited (${code}) before it listened:\n${stderr.slice(-2000)}`)));
  });
  const base = `http://${endpoint.host}`;
  const http = async (path) => {
    const response = await fetch(base + path);
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  };
  const { Browser: product } = await http('/json/version');
  const browser = {
    version: product.replace(/^\w+\//, ''),
    http,
    /** Opens a new tab, runs `init` (a function of the page) and loads `url`. */
    async newPage(url, init) {
      const target = await http(`/json/new?about:blank`);
      const session = new Session(target.webSocketDebuggerUrl);
      await session.opened;
      const page = new Page(browser, target.id, session);
      await page.init();
      if (init) await init(page);
      if (url) await page.goto(url);
      return page;
    },
    async close() {
      child.kill('SIGKILL');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return browser;
}
