// The ES module entry point: the CommonJS package (lib/index.js), re-exported, so both entries share one
// set of classes (an error thrown by either is an instance of the classes of both).
import storesubmit from './index.js';

export default storesubmit;
export * from './index.js';
