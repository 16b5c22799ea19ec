// Preloaded (node --require) into the command the benchmark spawns: writes the process's peak
// resident set size (ru_maxrss, in KB) to $PM_BENCH_MAXRSS_FILE as it exits. A large analysis
// runs in a child process (bin/huge-pages.js), which is given this preload too and exits first:
// the file keeps the larger of the two peaks (the benchmark removes it before each run).
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.PM_BENCH_MAXRSS_FILE;
  if (!file) return;
  let before = 0;
  try {
    before = Number(fs.readFileSync(file, 'utf8')) || 0;
  } catch {
    // The first process to end.
  }
  fs.writeFileSync(file, String(Math.max(before, process.resourceUsage().maxRSS)));
});
