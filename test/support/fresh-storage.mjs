/**
 * Every browser test file starts with an empty haochaping database and localStorage
 * namespace: test files share one origin, and a rating left queued by one file (a paused
 * endpoint, say) would otherwise be delivered during another and change its counts.
 * Injected as the first script of the test page: IndexedDB runs open and delete requests for
 * one database in order, so the SDK's first open waits for this delete.
 */
const SCRIPT = `<script>
(function () {
  try { indexedDB.deleteDatabase('haochaping'); } catch (e) {}
  try {
    for (var i = localStorage.length - 1; i >= 0; i--) {
      var key = localStorage.key(i);
      if (key && key.indexOf('haochaping:') === 0) localStorage.removeItem(key);
    }
  } catch (e) {}
})();
</script>`;

export function freshStoragePlugin() {
  return {
    name: 'haochaping-fresh-storage',
    transform(context) {
      if (context.path !== '/' || !context.response.is('html') || typeof context.body !== 'string') return undefined;
      return { body: context.body.replace(/<head>/i, (head) => head + SCRIPT) };
    },
  };
}
