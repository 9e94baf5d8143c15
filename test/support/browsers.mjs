/**
 * The three engines `npm test` runs: Chromium (DevTools protocol), Firefox (WebDriver BiDi
 * through puppeteer-core) and WebKitGTK (classic WebDriver through WebKitWebDriver under Xvfb).
 * `HCP_BROWSERS=chromium` (or `firefox,webkit`, …) runs a subset locally.
 */
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The engines selected by `HCP_BROWSERS` (default: all three). */
export function selectedEngines() {
  const wanted = (process.env.HCP_BROWSERS ?? ENGINES.join(','))
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((e) => !ENGINES.includes(e));
  if (unknown.length) throw new Error(`HCP_BROWSERS: unknown engine(s) ${unknown.join(', ')}; use ${ENGINES.join(', ')}`);
  return ENGINES.filter((e) => wanted.includes(e));
}

const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const miniBrowserPath = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? 'WebKitWebDriver';

export function chromium() {
  return chromeLauncher({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } });
}

export function firefox() {
  return chromeLauncher({
    puppeteer,
    launchOptions: {
      browser: 'firefox',
      executablePath: firefoxPath,
      headless: true,
      extraPrefsFirefox: {
        // Quiet, offline-friendly profile: no update or telemetry traffic on a closed network.
        'app.update.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
      },
    },
  });
}

/** A free TCP port on localhost for the WebKit driver, so parallel runs never collide. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const until = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > until) reject(new Error(`WebKitWebDriver did not listen on port ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

/**
 * WebKit through WebKitWebDriver, which the test command starts itself (under `xvfb-run`, since
 * MiniBrowser needs a display) and stops when the run ends: `npm test` works on a fresh machine.
 * Returns the launcher and a plugin that owns the driver process.
 */
export function webkit() {
  const options = {
    hostname: '127.0.0.1',
    port: 4444,
    path: '/',
    capabilities: {
      browserName: 'MiniBrowser',
      'wdio:enforceWebDriverClassic': true,
      'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
    },
  };
  const launcher = webdriverLauncher(options);
  let driver;
  const stop = () => {
    if (driver && driver.exitCode === null) {
      try {
        process.kill(-driver.pid, 'SIGTERM'); // the whole group: xvfb-run, Xvfb, the driver, MiniBrowser
      } catch {
        // already gone
      }
    }
    driver = undefined;
  };
  const plugin = {
    name: 'webkit-driver',
    async serverStart() {
      // The launcher reads `options` lazily when its first session starts, after this hook.
      options.port = await freePort();
      driver = spawn('xvfb-run', ['-a', webkitDriverPath, `--port=${options.port}`, '--replace-on-new-session'], {
        detached: true,
        stdio: 'ignore',
      });
      driver.once('error', (error) => console.error(`Could not start WebKitWebDriver: ${error.message}`));
      process.once('exit', stop);
      await waitForPort(options.port, 20000);
    },
    async serverStop() {
      // Let the launcher close its session first; wtr stops browsers before the server.
      stop();
    },
  };
  return { launcher, plugin };
}
