// The native command-line tool the browser tests compare the page with (REPLICA_CLI).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** Runs `replica` with `args`; its status, stdout and stderr. */
export function replica(...args) {
  const bin = process.env.REPLICA_CLI;
  assert.ok(bin, 'REPLICA_CLI is not set: run the browser tests with `cargo xtask test`');
  return spawnSync(bin, args, { encoding: 'utf8' });
}

/** Runs `replica` with `args`, which must succeed; its stdout. */
export function cli(...args) {
  const run = replica(...args);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}
