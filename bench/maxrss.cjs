// Preloaded (node --require) into the command the benchmark spawns: writes the process's peak
// resident set size (ru_maxrss, in KB) to $PM_BENCH_MAXRSS_FILE as it exits.
'use strict';
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.PM_BENCH_MAXRSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
