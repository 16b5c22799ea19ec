#!/usr/bin/env node
// Runs the command line compiled to JavaScript in build/cli (npm's prepare script builds it on
// `npm ci`; `npm run build:cli` again after changing the sources), which starts in a fraction of
// the time tsx takes to compile the sources. Without a build, or with a source newer than it
// (a checkout being worked on), the TypeScript sources run through tsx as before.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const built = path.join(root, 'build', 'cli', 'cli', 'main.js');

/** Whether build/cli is there and no source of the command line is newer than it. */
function buildIsCurrent() {
  let builtAt;
  try {
    builtAt = fs.statSync(built).mtimeMs;
  } catch {
    return false;
  }
  for (const dir of ['cli', 'domain', 'xlsx']) {
    const stack = [path.join(root, 'src', dir)];
    while (stack.length) {
      const d = stack.pop();
      let entries;
      try {
        entries = fs.readdirSync(d, { withFileTypes: true });
      } catch {
        continue; // an installed package without its sources
      }
      for (const e of entries) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (e.name.endsWith('.ts') && fs.statSync(p).mtimeMs > builtAt) return false;
      }
    }
  }
  return true;
}

function fail(e) {
  process.stderr.write(`portfolio-matrix: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
}

function main() {
  if (buildIsCurrent()) {
    Promise.resolve()
      .then(() => require(built).run())
      .catch(fail);
  } else {
    // Both tsx hooks are needed: CommonJS for the sources, ESM for the on-demand import() of the xlsx writer.
    require('tsx/cjs/api').register();
    import('tsx/esm/api')
      .then((esm) => {
        esm.register();
        return require(path.join(root, 'src', 'cli', 'main.ts')).run();
      })
      .catch(fail);
  }
}

// A large analysis on Linux runs again in a child process with 2 MB pages (see huge-pages.js);
// where it cannot, or for anything else, it runs here.
const hugePages = require('./huge-pages.js');
const args = process.argv.slice(2);
if (hugePages.wantsHugePages(args)) {
  hugePages.runWithHugePages(__filename, args).then((ran) => {
    if (!ran) main();
  });
} else {
  main();
}
