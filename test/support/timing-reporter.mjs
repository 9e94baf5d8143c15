// `HCP_TIMINGS=1 npm run test:browser`: after the run, each test file's time per engine, slowest
// first, to see where the browser suite spends its minutes (test bodies only, not page loads).
export function timingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const rows = sessions.map((s) => {
        let total = 0;
        const walk = (suite) => {
          for (const t of suite?.tests ?? []) total += t.duration ?? 0;
          for (const child of suite?.suites ?? []) walk(child);
        };
        walk(s.testResults);
        return { file: s.testFile.replace(`${process.cwd()}/`, ''), browser: s.browser.name, ms: total };
      });
      rows.sort((a, b) => b.ms - a.ms);
      const sum = rows.reduce((n, r) => n + r.ms, 0);
      console.log(`\nTest time by file (${(sum / 1000).toFixed(1)} s in all):`);
      for (const r of rows.slice(0, 40)) console.log(`${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.browser.padEnd(10)} ${r.file}`);
      if (process.env.HCP_TIMINGS !== 'tests') return;
      // `HCP_TIMINGS=tests`: also each test's own time, slowest first.
      const tests = [];
      for (const s of sessions) {
        const walk = (suite, path) => {
          for (const t of suite?.tests ?? []) tests.push({ name: [...path, t.name].join(' › '), browser: s.browser.name, ms: t.duration ?? 0 });
          for (const child of suite?.suites ?? []) walk(child, [...path, child.name]);
        };
        walk(s.testResults, [s.testFile.replace(`${process.cwd()}/test/browser/`, '')]);
      }
      tests.sort((a, b) => b.ms - a.ms);
      console.log('\nSlowest tests:');
      for (const t of tests.slice(0, 40)) console.log(`${(t.ms / 1000).toFixed(2).padStart(7)} s  ${t.browser.padEnd(10)} ${t.name}`);
    },
  };
}
