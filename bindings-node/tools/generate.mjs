#!/usr/bin/env node
// The package's typed layer (error classes, client methods, functions, models, types) is generated from
// surface/manifest.json into the shared JavaScript host (js-host/gen/), which this package imports as
// `@storesubmit/host`: this runs that generator (`--check` exits 1 when a file is stale).
import '../../js-host/tools/generate.mjs';
