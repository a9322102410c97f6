import { InvalidArgumentError } from 'commander';
import { createGateway } from '../../gateway/create-gateway.js';
import { createGatewayLogger } from '../../gateway/gateway-logger.js';
import { SqliteKeyStore } from '../../gateway/keys/sqlite-key-store.js';
import { logDestination } from '../../gateway/log-destination.js';
import type { CliCommand } from '../cli-command.js';
import type { CliContext } from '../cli-context.js';
import { keyStorePath } from './keys.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return port;
}

/**
 * Resolves on the first shutdown request: the context's signal (Ctrl-C in the bin) or SIGTERM
 * (container stop). A second Ctrl-C still exits at once (main.ts).
 */
function shutdownRequested(context: CliContext): Promise<string> {
  return new Promise((resolve) => {
    const onTerm = () => resolve('SIGTERM');
    process.once('SIGTERM', onTerm);
    const onAbort = () => {
      process.off('SIGTERM', onTerm);
      resolve('SIGINT');
    };
    if (context.signal?.aborted) onAbort();
    else context.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * `switchyard serve`: the OpenAI- and Anthropic-compatible gateway. With no configuration it serves
 * every provider found in the environment plus the built-in `mock`, so a fresh install answers.
 */
export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, context) {
    program
      .command('serve')
      .description('run the OpenAI- and Anthropic-compatible HTTP gateway')
      .option('-p, --port <port>', 'port to listen on', parsePort, Number(context.env.PORT ?? 4000))
      .option(
        '-H, --host <host>',
        'address to listen on (non-loopback needs SWITCHYARD_MASTER_KEY or gateway.master_key)',
        '127.0.0.1',
      )
      .option('--log-level <level>', 'pino log level: fatal, error, warn, info, debug, silent', 'info')
      .action(async (options: { port: number; host: string; logLevel: string }) => {
        const destination = logDestination(context.stdout);
        const logger = createGatewayLogger(destination.stream, options.logLevel);
        const switchyard = context.createSwitchyard(context.env);
        // The environment wins over the file, so a deployment can replace a key without editing it.
        const masterKey = context.env.SWITCHYARD_MASTER_KEY || switchyard.config.gateway.masterKey;
        // Virtual keys only mean something behind a master key: without one no store is opened.
        const keys = masterKey ? new SqliteKeyStore({ path: keyStorePath(context) }) : undefined;
        const gateway = createGateway({
          switchyard,
          host: options.host,
          port: options.port,
          masterKey,
          keys,
          logger,
        });
        await gateway.listen();
        destination.flush();
        const signal = await shutdownRequested(context);
        logger.info({ signal }, 'shutting down: no new connections; in-flight requests may finish');
        await gateway.close();
        await keys?.close();
        // Commits the ledger's queued rows and quits the shared store's connection.
        await switchyard.close();
        logger.info('gateway stopped');
        destination.flush();
      });
  },
};
