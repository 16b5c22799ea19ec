#!/usr/bin/env node
// Runs the TypeScript sources through tsx, so the command works after `npm ci` with no build.
// Both hooks are needed: CommonJS for the sources, ESM for the on-demand import() of the xlsx writer.
'use strict';
const path = require('node:path');

require('tsx/cjs/api').register();
import('tsx/esm/api')
  .then((esm) => {
    esm.register();
    const { run } = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
    return run();
  })
  .catch((e) => {
    process.stderr.write(`portfolio-matrix: ${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 1;
  });
