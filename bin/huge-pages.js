// A large analysis on Linux runs again in a child process with glibc's malloc asked to back its
// large blocks with 2 MB pages (the glibc.malloc.hugetlb=1 tunable, glibc 2.35 on; it is read only
// at a process's start, hence the second process). The command line's buffers — the file's
// pieces, the output's, the columns handed between its two threads, the rows' codes — are
// hundreds of megabytes on a million-row file, and each 4 KB page of memory new to the process
// is a page fault: on a virtual machine where a fault is costly (the benchmark machine: about
// 13 µs, 3.4 ms a megabyte) that was a third of a second of a six-second run. With 2 MB pages
// there is one fault where there were 512; the output is the same byte for byte.
//
// Only for `analyze` with a file of HUGE_FROM bytes or more, on Linux, and only when
// GLIBC_TUNABLES is not set at all (set it, even to nothing, to run in one process as before).
// A C library without the tunable (musl, an older glibc) ignores it. Where the child cannot be
// started, the command runs in this process.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

/** Inputs from this size (in bytes) run with huge pages: below it there is little to gain. */
const HUGE_FROM = 32 << 20;
const TUNABLE = 'glibc.malloc.hugetlb=1';

/** Whether an argument names a regular file of at least `from` bytes (relative to `cwd`). */
function namesLargeFile(args, cwd, from) {
  for (const a of args) {
    if (a.startsWith('-')) continue;
    try {
      const s = fs.statSync(path.resolve(cwd, a));
      if (s.isFile() && s.size >= from) return true;
    } catch {
      // Not a file: an option's value, or a file the command will say is missing.
    }
  }
  return false;
}

/**
 * Whether the command `args` (process.argv after the script) runs again with huge pages: an
 * `analyze` of a large file, on Linux, with GLIBC_TUNABLES unset.
 */
function wantsHugePages(args, { env = process.env, platform = process.platform, cwd = process.cwd(), from = HUGE_FROM } = {}) {
  if (platform !== 'linux' || env.GLIBC_TUNABLES !== undefined) return false;
  if (args[0] !== 'analyze' || args.includes('--help') || args.includes('-h')) return false;
  return namesLargeFile(args.slice(1), cwd, from);
}

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Node's own options of this process for the child, without code given on the command line
 * (-e, --eval, -p, --print and their code): the child runs the script, and only the script. (A
 * child given `-e code` again would run that code — and, if the code runs this, start another.)
 */
function nodeOptionsForChild(execArgv = process.execArgv) {
  const kept = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i];
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-pe') {
      i++; // and its code
      continue;
    }
    if (a.startsWith('--eval=') || a.startsWith('--print=')) continue;
    kept.push(a);
  }
  return kept;
}

/**
 * Runs `node script ...args` with the tunable set and this process's standard streams; ends this
 * process as the child ended (its exit code, or the signal that ended it). Signals sent to this
 * process go on to the child. Resolves false, having done nothing, when the child cannot start.
 */
function runWithHugePages(script, args, env = process.env) {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(process.execPath, [...nodeOptionsForChild(), script, ...args], {
        stdio: 'inherit',
        env: { ...env, GLIBC_TUNABLES: TUNABLE },
      });
    } catch {
      resolve(false);
      return;
    }
    let started = false;
    const forward = (signal) => child.kill(signal);
    child.once('spawn', () => {
      started = true;
      for (const s of FORWARDED) process.on(s, forward);
    });
    child.once('error', () => {
      if (!started) resolve(false);
    });
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (signal) {
        // Ended by a signal: this process ends the same way (a shell then sees, e.g., 130 for ^C).
        process.kill(process.pid, signal);
        return;
      }
      process.exitCode = code ?? 1;
      resolve(true);
    });
  });
}

module.exports = { HUGE_FROM, TUNABLE, wantsHugePages, nodeOptionsForChild, runWithHugePages };
