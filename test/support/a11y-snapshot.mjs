/**
 * `executeServerCommand('a11y-snapshot')`: the browser's own accessibility tree (via the
 * DevTools protocol), so tests check roles and names as assistive technology gets them.
 */
const SKIPPED = new Set(['generic', 'none', 'InlineTextBox', 'LineBreak']);

export function a11ySnapshotPlugin() {
  return {
    name: 'a11y-snapshot',
    async executeCommand({ command, session }) {
      if (command !== 'a11y-snapshot') return undefined;
      const page = session.browser.getPage(session.id);
      const flatten = (node, out = []) => {
        if (!node) return out;
        const { role, name, checked, focused, invalid, required } = node;
        if (!SKIPPED.has(role)) out.push({ role, name, checked, focused, invalid, required });
        for (const child of node.children ?? []) flatten(child, out);
        return out;
      };
      return flatten(await page.accessibility.snapshot({ interestingOnly: false }));
    },
  };
}
