#!/usr/bin/env node
import { processContext } from './cli-context.js';
import { runCli } from './run-cli.js';

// Ctrl-C aborts the running call (the connection is released) instead of killing mid-write;
// a second Ctrl-C exits at once.
const controller = new AbortController();
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), processContext(controller.signal)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli never throws; this is the last guard against a stack trace on the terminal.
    process.stderr.write(
      `switchyard: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
