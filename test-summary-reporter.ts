import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints, as the last line, the plain closing line `N passed, N failed` (plus skipped) that CI reads to tell a run
 * that tested something from one that tested nothing.
 */
export default class TestSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    // Printed at exit so it is the run's last line, after vitest's own summary.
    process.once('exit', () => process.stdout.write(`\n${line}\n`));
  }
}
