import { jestConfig } from '../../jest.preset.js';

// passWithNoTests only while the package is being filled in; removed with its first test.
export default jestConfig({ passWithNoTests: true });
