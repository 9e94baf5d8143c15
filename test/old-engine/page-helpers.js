/*
 * Injected into every page the old-Chromium suite opens (test/node/old-chromium.test.mjs),
 * before the page's own scripts. It only looks: controls are found by role and accessible name
 * across shadow roots, as a person or a screen reader finds them; the test then clicks, taps or
 * types at them with trusted DevTools input. ES2015 without newer syntax: it runs in Chromium 64.
 */
(function () {
  'use strict';
  var events = [];
  ['hcp-submit', 'hcp-queued', 'hcp-sent', 'hcp-failed', 'hcp-error'].forEach(function (type) {
    window.addEventListener(type, function (event) {
      events.push({ type: type, detail: JSON.parse(JSON.stringify(event.detail || null)) });
    });
  });

  function text(el) {
    return (el ? el.textContent : '').replace(/\s+/g, ' ').trim();
  }

  function nameOf(el) {
    var label = el.getAttribute('aria-label');
    if (label) return label.trim();
    var by = el.getAttribute('aria-labelledby');
    if (by) {
      var root = el.getRootNode();
      return by
        .split(/\s+/)
        .map(function (id) {
          return text(root.querySelector('#' + id));
        })
        .join(' ')
        .trim();
    }
    if (el.labels && el.labels.length) return text(el.labels[0]);
    return text(el);
  }

  function roleOf(el) {
    var role = el.getAttribute('role');
    if (role) return role;
    var tag = el.tagName.toLowerCase();
    if (tag === 'input') return el.type === 'radio' ? 'radio' : el.type === 'checkbox' ? 'checkbox' : 'textbox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'dialog') return 'dialog';
    return '';
  }

  function all(root, out) {
    var els = root.querySelectorAll('*');
    for (var i = 0; i < els.length; i++) {
      out.push(els[i]);
      if (els[i].shadowRoot) all(els[i].shadowRoot, out);
    }
    return out;
  }

  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  function matching(role, name) {
    return all(document, []).filter(function (el) {
      return roleOf(el) === role && (name === undefined || nameOf(el) === name) && visible(el);
    });
  }

  function deepActive() {
    var el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el;
  }

  window.__hcp = {
    events: events,
    /** The visible control with this role and name, scrolled into view: its centre and box. */
    find: function (role, name) {
      var found = matching(role, name);
      if (found.length !== 1) return { error: found.length + ' visible controls with role ' + role + ' named ' + name };
      found[0].scrollIntoView({ block: 'center' });
      var r = found[0].getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, left: r.left, top: r.top, width: r.width, height: r.height };
    },
    names: function (role) {
      return matching(role).map(nameOf);
    },
    checked: function (role) {
      return matching(role)
        .filter(function (el) {
          return el.checked;
        })
        .map(nameOf);
    },
    focused: function () {
      var el = deepActive();
      return el ? { role: roleOf(el), name: nameOf(el), tag: el.tagName.toLowerCase() } : null;
    },
    /** What the widget's status line (role=status) says, and its alerts. */
    status: function () {
      var statuses = all(document, []).filter(function (el) {
        return el.getAttribute('role') === 'status';
      });
      return statuses.map(text).join(' | ');
    },
    alerts: function () {
      return all(document, [])
        .filter(function (el) {
          return el.getAttribute('role') === 'alert';
        })
        .map(text)
        .filter(Boolean);
    },
  };
})();
