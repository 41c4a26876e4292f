// A jest reporter that leaves the package's totals in `.test-results.json`, so
// `npm test` can print one summary line for the whole workspace.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export default class ResultsReporter {
  #rootDir;

  constructor(globalConfig) {
    this.#rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTotalTestSuites } = results;
    writeFileSync(
      join(this.#rootDir, '.test-results.json'),
      `${JSON.stringify({ passed: numPassedTests, failed: numFailedTests, skipped: numPendingTests, suites: numTotalTestSuites })}\n`,
    );
  }
}
