#!/usr/bin/python3
"""Rates the page's <hcp-rating> with real key presses in an OLD Chromium: Debian's QtWebEngine.

  Qt 6.4 (python3-pyqt6.qtwebengine) is Chromium 102, Qt 5.15 (python3-pyqt5.qtwebengine) is
  Chromium 87.

    /usr/bin/python3 test/old-engine/qt_rate.py --qt 6 http://127.0.0.1:8000/csp-script.html

Loads the URL in a QWebEngineView (a fresh on-disk profile in a temporary folder, so IndexedDB
is real), records every `securitypolicyviolation` event (listener injected at DocumentCreation in
the main world, before any page script) and every console error / uncaught exception, waits for
the widget, then rates with key presses sent by QTest.keyClick to the view's render widget:
Tab until a level radio in the page's widget (inside <main>) has focus, ArrowRight --arrows times
(from the first level, 非常满意; 1 → 满意), Tab until 提交评价 has focus, Enter. Then it waits
for the sent status (已提交…), checks that the violation listener works (an inline script added
afterwards must be reported), and prints one JSON line to stdout:

  {"engine": "102.0.5005.177", "qt": "6.4.2", "level": 4, "status": "已提交，感谢您的评价！",
   "violations": [], "errors": [], "probe": ["script-src-elem blocked inline ..."], ...}

Exit 0 when the sent status appeared, 2 on a timeout or a failed step (diagnostics on stderr:
what the page showed, its focus, the console). Run as root: the Chromium sandbox is turned off.
QT_QPA_PLATFORM defaults to offscreen (key events are delivered there, in Qt 5 with
QT_QUICK_BACKEND=software, set here; xvfb-run is not needed, but `QT_QPA_PLATFORM=xcb xvfb-run -a`
works too).
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("url")
parser.add_argument("--qt", choices=["5", "6"], help="Qt major version (default: 6, else 5)")
parser.add_argument("--arrows", type=int, default=1, help="ArrowRight presses from the first level (default 1: 满意)")
parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for each stage (default 20)")
parser.add_argument("--sent", default="已提交", help="text the status shows once sent (default 已提交)")
args = parser.parse_args()

# Before QtWebEngine is imported: root needs no sandbox; no GPU here.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":
    # Qt 5's offscreen platform has no OpenGL: without the software scene graph, QtWebEngine aborts.
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
flags = "--no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update"
os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "") + " " + flags).strip()
own_runtime_dir = None
if not os.environ.get("XDG_RUNTIME_DIR"):
    own_runtime_dir = os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="hcp-qt-xdg-")


def load_qt(version):
    if version == "6":
        from PyQt6 import QtCore, QtTest, QtWidgets
        from PyQt6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript
        from PyQt6.QtWebEngineWidgets import QWebEngineView
    else:
        from PyQt5 import QtCore, QtTest, QtWidgets
        from PyQt5.QtWebEngineWidgets import QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineView
    return QtCore, QtTest, QtWidgets, QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineView


try:
    if args.qt:
        qt = load_qt(args.qt)
    else:
        try:
            qt = load_qt("6")
        except ImportError:
            qt = load_qt("5")
except ImportError as error:
    print(
        f"qt_rate.py: cannot import PyQt{args.qt or ''} QtWebEngine ({error}). Install it: "
        "apt-get install python3-pyqt6.qtwebengine python3-pyqt5.qtwebengine  (and run with /usr/bin/python3)",
        file=sys.stderr,
    )
    if own_runtime_dir:
        shutil.rmtree(own_runtime_dir, ignore_errors=True)
    sys.exit(3)
QtCore, QtTest, QtWidgets, QWebEnginePage, QWebEngineProfile, QWebEngineScript, QWebEngineView = qt
Qt = QtCore.Qt


def enum(owner, scoped, name):
    """`Qt.Key.Key_Tab` in PyQt6 (scoped enums only), `Qt.Key_Tab` in PyQt5."""
    scope = getattr(owner, scoped, None)
    return getattr(scope, name) if scope is not None and hasattr(scope, name) else getattr(owner, name)


KEY = {name: enum(Qt, "Key", "Key_" + name) for name in ("Tab", "Right", "Left", "Return", "Space")}
ERROR_LEVEL = enum(QWebEnginePage, "JavaScriptConsoleMessageLevel", "ErrorMessageLevel")

# Installed by Chromium before any page script (a user script is not subject to the page's CSP).
RECORDER = r"""
(() => {
  if (window.__hcpViolations) return;
  window.__hcpViolations = [];
  window.__hcpErrors = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__hcpViolations.push(`${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sample || ''}) at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
  }, true);
  window.addEventListener('error', (e) => window.__hcpErrors.push(`error: ${e.message} at ${e.filename}:${e.lineno}`));
  window.addEventListener('unhandledrejection', (e) => window.__hcpErrors.push(`unhandledrejection: ${e.reason && (e.reason.stack || e.reason.message) || e.reason}`));
})();
"""

# What the page shows: the widget in <main>, its focus, its status, its chosen level.
STATE = r"""
(() => {
  const host = document.querySelector('main hcp-rating');
  const root = host && host.shadowRoot;
  const active = document.activeElement;
  const inner = active && active.shadowRoot ? active.shadowRoot.activeElement : null;
  const describe = (el) => el ? { tag: el.tagName.toLowerCase(), id: el.id || '', name: el.getAttribute('name') || '', cls: el.className || '', text: (el.textContent || '').trim().slice(0, 40) } : null;
  const checked = root && root.querySelector('input[name=choice]:checked');
  const status = root && root.querySelector('#status');
  return JSON.stringify({
    defined: !!customElements.get('hcp-rating'),
    rendered: !!(root && root.querySelector('[role=radiogroup] input[name=choice]')),
    inMainWidget: !!(host && active === host),
    active: describe(active),
    inner: describe(inner),
    checked: checked ? checked.id : null,
    status: status ? status.textContent.trim() : null,
    text: root ? root.textContent.replace(/\s+/g, ' ').trim().slice(0, 300) : (document.body ? document.body.innerText.slice(0, 300) : ''),
    ua: navigator.userAgent,
    violations: window.__hcpViolations || null,
    pageErrors: window.__hcpErrors || null,
  });
})()
"""

PROBE = r"""
(() => {
  const script = document.createElement('script');
  script.textContent = 'window.__hcpInlineRan = true';
  document.body.append(script);
  return 'added';
})()
"""


class Page(QWebEnginePage):
    def __init__(self, profile, parent=None):
        super().__init__(profile, parent)
        self.console = []  # every message, for diagnostics
        self.errors = []  # console errors (uncaught exceptions arrive here as "Uncaught …")

    def javaScriptConsoleMessage(self, level, message, line, source):
        entry = f"{source}:{line}: {message}"
        self.console.append(entry)
        # The pages have no favicon (a data: icon would itself break default-src 'self').
        if level == ERROR_LEVEL and not source.endswith("/favicon.ico"):
            self.errors.append(entry)


app = QtWidgets.QApplication([sys.argv[0]])
profile_dir = tempfile.mkdtemp(prefix="hcp-qt-profile-")
profile = QWebEngineProfile("hcp-old-engine", app)
profile.setPersistentStoragePath(os.path.join(profile_dir, "storage"))
profile.setCachePath(os.path.join(profile_dir, "cache"))
page = Page(profile, app)

script = QWebEngineScript()
script.setName("hcp-violation-recorder")
script.setSourceCode(RECORDER)
script.setInjectionPoint(enum(QWebEngineScript, "InjectionPoint", "DocumentCreation"))
script.setWorldId(enum(QWebEngineScript, "ScriptWorldId", "MainWorld"))
script.setRunsOnSubFrames(False)
(page.scripts() if hasattr(page, "scripts") else profile.scripts()).insert(script)

view = QWebEngineView()
view.setPage(page)
view.resize(1000, 900)
view.show()
view.activateWindow()
view.raise_()

started = time.monotonic()
log = lambda message: print(f"[{time.monotonic() - started:5.1f}s] {message}", file=sys.stderr)


def js(code, timeout=5.0):
    """Runs `code` in the page's main world and waits for its (asynchronous) result."""
    box = {}
    loop = QtCore.QEventLoop()
    page.runJavaScript(code, lambda value: (box.setdefault("value", value), loop.quit()))
    QtCore.QTimer.singleShot(int(timeout * 1000), loop.quit)
    if "value" not in box:
        loop.exec() if hasattr(loop, "exec") else loop.exec_()
    return box.get("value")


def state():
    raw = js(STATE)
    return json.loads(raw) if isinstance(raw, str) else {}


def finish(code, result=None, why=None):
    if why:
        log(f"FAILED: {why}")
        last = state()
        log("page state: " + json.dumps(last, ensure_ascii=False))
        log("console messages:\n  " + "\n  ".join(page.console[-40:] or ["(none)"]))
    if result is not None:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    sys.stderr.flush()
    for folder in (profile_dir, own_runtime_dir):
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    # Skip Qt's teardown: QtWebEngine can crash while exiting, which is not what we test.
    os._exit(code)


def wait_for(predicate, what, timeout=args.timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        current = state()
        if predicate(current):
            return current
        QtTest.QTest.qWait(100)
    finish(2, why=f"timed out after {timeout:.0f} s waiting for {what}")


def key(name, count=1):
    """A real key press (press + release) into the render widget that has the focus."""
    target = view.focusProxy() or view
    if not target.hasFocus():
        target.setFocus()
    for _ in range(count):
        QtTest.QTest.keyClick(target, KEY[name])
        QtTest.QTest.qWait(80)


loaded = {}
page.loadFinished.connect(lambda ok: loaded.setdefault("ok", ok))
view.load(QtCore.QUrl(args.url))
deadline = time.monotonic() + args.timeout
while "ok" not in loaded and time.monotonic() < deadline:
    QtTest.QTest.qWait(50)
if not loaded.get("ok"):
    finish(2, why=f"the page did not load: {args.url}")
log(f"loaded {args.url}")

wait_for(lambda s: s.get("defined") and s.get("rendered"), "customElements.get('hcp-rating') and the rendered radio group")
log("widget rendered")
view.activateWindow()
view.setFocus()
QtTest.QTest.qWait(200)

# Tab into the level radio group of the page's widget (the header link comes first).
for presses in range(1, 21):
    key("Tab")
    s = state()
    if s.get("inMainWidget") and (s.get("inner") or {}).get("name") == "choice":
        break
else:
    finish(2, why="20 Tab presses never focused a level radio in <main> hcp-rating")
first = s["inner"]["id"]
log(f"{presses} Tab press(es): focus on {first}")

key("Right", args.arrows)
s = state()
if not s.get("checked"):
    # A radio that got focus by Tab is not checked yet: Space checks it (the native way).
    key("Space")
    s = state()
if not s.get("checked"):
    finish(2, why="the arrow keys (and Space) checked no level")
level = int(s["checked"].replace("choice-", "")) if re.fullmatch(r"choice-\d", s["checked"]) else s["checked"]
log(f"ArrowRight x{args.arrows}: checked {s['checked']} (focus on {(s.get('inner') or {}).get('id')})")

for presses in range(1, 31):
    key("Tab")
    s = state()
    inner = s.get("inner") or {}
    if s.get("inMainWidget") and inner.get("tag") == "button" and "submit" in inner.get("cls", ""):
        break
else:
    finish(2, why="30 Tab presses never focused the submit button")
log(f"{presses} Tab press(es): focus on the submit button ({inner.get('text')})")
key("Return")

s = wait_for(lambda s: args.sent in (s.get("status") or ""), f"the sent status ({args.sent}…)")
status = s["status"]
log(f"status: {status}")
violations = list(s.get("violations") or [])
console_before_probe = len(page.console)
errors_before_probe = len(page.errors)

# The listener really reports: an inline script added now must be blocked and reported.
js(PROBE)
probe = wait_for(lambda s: len(s.get("violations") or []) > len(violations), "the probe's CSP violation", timeout=5)
QtTest.QTest.qWait(200)
s = state()
match = re.search(r"Chrome/([\d.]+)", s.get("ua", ""))
qt_version = re.search(r"QtWebEngine/([\d.]+)", s.get("ua", ""))
# The probe's own CSP console error is expected; everything before it counts.
errors = page.errors[:errors_before_probe] + list(s.get("pageErrors") or [])
csp_console = [e for e in page.console[:console_before_probe] if re.search(r"Content Security Policy|Trusted Type", e)]
result = {
    "engine": match.group(1) if match else s.get("ua"),
    "qt": qt_version.group(1) if qt_version else None,
    "url": args.url,
    "level": level,
    "status": status,
    "violations": violations,
    "errors": errors,
    "cspConsole": csp_console,
    "probe": (s.get("violations") or [])[len(violations):],
    "inlineRan": js("window.__hcpInlineRan === true"),
    "seconds": round(time.monotonic() - started, 1),
}
finish(0, result)
