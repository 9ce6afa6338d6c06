'use strict';
// Validation and packaging: the core's JSON calls (storesubmit::wire::call) and its ZIP packaging job.
// Filled in once the core's `wire::call` and `wire::PackJob` land.
module.exports = {};
