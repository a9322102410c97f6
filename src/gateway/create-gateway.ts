import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { fallbacksOf } from '../accounting/ledger/ledger-columns.js';
import { isSwitchyardError, SwitchyardError } from '../core/errors/switchyard-error.js';
import { HealthMonitor } from '../health/health-monitor.js';
import { adminKeysRoute, isAdminPath } from './admin/admin-keys-route.js';
import { GatewayHttpError } from './errors/gateway-http-error.js';
import { writeErrorResponse } from './errors/write-error-response.js';
import { createGatewayLogger, requestLineLog } from './gateway-logger.js';
import { DEFAULT_LIMITS, type GatewayOptions } from './gateway-options.js';
import { createAuthenticator } from './http/check-auth.js';
import { isLoopbackHost } from './http/is-loopback.js';
import { parseJsonBody, readBody } from './http/read-body.js';
import { requestPathname } from './http/request-pathname.js';
import { writeJsonResponse } from './http/write-response.js';
import { InFlightRequests } from './in-flight-requests.js';
import { admitKey } from './keys/admit-key.js';
import { authorizeModel } from './keys/authorize-model.js';
import { KeyBudgets } from './keys/key-budgets.js';
import { KeyRateLimits } from './keys/key-rate-limits.js';
import { GatewayMetrics, routeLabel } from './metrics/gateway-metrics.js';
import { ModelsCache } from './models/models-cache.js';
import { type GatewayServices, RequestContext } from './request-context.js';
import { matchRoute, normalizePath, wireApiFor } from './route-table.js';
import { Readiness, readinessRoute } from './routes/readiness-route.js';

export interface Gateway {
  readonly server: Server;
  /** `http://host:port` once listening. */
  readonly url: string;
  listen(): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting, lets in-flight calls finish up to the grace period, then cuts the rest. */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * The OpenAI- and Anthropic-compatible HTTP gateway over a Switchyard client. Without a master key
 * it only listens on loopback; on any other address it refuses to start without one.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4000;
  if (!options.masterKey && !isLoopbackHost(host)) {
    throw new SwitchyardError({
      kind: 'invalid_request',
      message: `refusing to listen on ${host} without a master key: set SWITCHYARD_MASTER_KEY (or gateway.master_key in the config, or masterKey), or listen on 127.0.0.1`,
    });
  }
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log: Logger | undefined =
    options.logger === false ? undefined : (options.logger ?? createGatewayLogger());
  const requestLine = log ? requestLineLog(log) : undefined;
  const authenticate = createAuthenticator({ masterKey: options.masterKey, keys: options.keys });
  const admin = options.masterKey && options.keys ? { keys: options.keys } : undefined;
  const { switchyard } = options;
  // Keys' limits and spend count in the client's store: with a Redis `store:`, every gateway
  // instance on it shares them.
  const keyLimits = admin ? (options.keyLimits ?? new KeyRateLimits({ store: switchyard.store })) : undefined;
  const budgetCatalog = options.catalog ?? switchyard.catalog;
  const keyBudgets =
    admin && budgetCatalog
      ? new KeyBudgets({
          catalog: budgetCatalog,
          deployments: (model) => switchyard.plan({ model }).groups.flatMap((group) => group.deployments),
          ledger: switchyard.ledger,
          store: switchyard.store,
          logger: log,
        })
      : undefined;
  const services: GatewayServices = {
    switchyard: options.switchyard,
    limits,
    models: new ModelsCache(options.switchyard, { ttlMs: options.modelsCacheMs }),
    metrics: new GatewayMetrics(),
    openStreams: { count: 0 },
    passthrough: options.passthrough !== false,
  };
  options.switchyard.events.on('breaker-state', (event) =>
    services.metrics.breakerChanged(event.deploymentId, event.to),
  );
  const readiness = new Readiness(
    options.health ?? new HealthMonitor({ providers: options.switchyard.registry, timeoutMs: 5_000 }),
  );
  const inFlight = new InFlightRequests<RequestContext>();
  let closing = false;
  let boundUrl = '';

  async function dispatch(ctx: RequestContext, path: string): Promise<void> {
    const { req, res } = ctx;
    if (path === '/health' && req.method === 'GET') {
      writeJsonResponse(res, 200, { status: 'ok' });
      return;
    }
    // Promise hops only where something is awaited: without a master key, or with it alone, the
    // caller is known at once and no key guard runs (each `await` of a plain value is still a hop).
    const authenticated = authenticate(req.headers);
    const caller = authenticated instanceof Promise ? await authenticated : authenticated;
    if (caller.kind === 'virtual') ctx.virtualKey = caller.key;
    const method = req.method ?? 'GET';
    if (isAdminPath(path)) {
      await adminKeysRoute(ctx, path, caller, admin);
      return;
    }
    if (path === '/health/ready' && method === 'GET') {
      await readinessRoute(ctx, readiness);
      return;
    }
    if (path === '/metrics' && method === 'GET') {
      const text = services.metrics.render({
        inFlight: inFlight.size,
        openStreams: services.openStreams.count,
        costByProvider: services.switchyard.stats().providers,
      });
      ctx.res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      ctx.res.end(text);
      return;
    }
    const { route, allowed } = matchRoute(method, path);
    if (!route) {
      throw new GatewayHttpError({
        kind: 'not_found',
        status: allowed ? 405 : 404,
        code: allowed ? 'method_not_allowed' : 'unknown_url',
        message: allowed
          ? `${method} is not allowed on ${ctx.pathname}; use ${allowed.join(', ')}.`
          : `Unknown request URL: ${method} ${ctx.pathname}.`,
      });
    }
    const body = route.body ? parseJsonBody(await readBody(req, limits.maxBodyBytes)) : undefined;
    ctx.bodyReadAt = performance.now();
    authorizeModel(switchyard, caller, body);
    const permit =
      keyBudgets || keyLimits
        ? await admitKey(caller, body, ctx.signal, { budgets: keyBudgets, limits: keyLimits })
        : undefined;
    try {
      await route.handle(ctx, body);
    } finally {
      if (permit) {
        await permit
          .finish(ctx.outcome)
          .catch((error: unknown) =>
            log?.warn({ reqId: ctx.requestId, err: error }, 'key limit not settled'),
          );
      }
    }
  }

  function fail(ctx: RequestContext, error: unknown): void {
    // The client is gone: nobody to answer (the upstream call was already aborted).
    if (ctx.res.destroyed) return;
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    let known: SwitchyardError;
    if (isSwitchyardError(error)) known = error;
    else {
      log?.error({ reqId: ctx.requestId, err: error }, 'unexpected gateway error');
      // A bug here, not a provider failure: 500 rather than the 502 of upstream faults.
      known = new GatewayHttpError({ kind: 'server_error', status: 500, message: 'internal gateway error' });
    }
    const tooLarge = known instanceof GatewayHttpError && known.httpStatus === 413;
    writeErrorResponse(ctx, known, tooLarge ? { connection: 'close' } : {});
  }

  function logRequest(ctx: RequestContext, path: string, durationMs: number): void {
    if (!requestLine) return;
    const { outcome } = ctx;
    requestLine.write({
      reqId: ctx.requestId,
      method: ctx.req.method,
      path,
      status: ctx.res.statusCode,
      ms: Number(durationMs.toFixed(3)),
      provider: outcome.provider,
      model: outcome.model,
      stream: outcome.stream,
      errorKind: outcome.error?.kind,
      key: ctx.virtualKey?.id,
      clientClosed: !ctx.res.writableFinished || undefined,
      headers: requestLine.headers(ctx.req.headers),
    });
  }

  function recordMetrics(ctx: RequestContext, path: string, durationMs: number): void {
    if (path === '/metrics' || path.startsWith('/health')) return;
    const { outcome } = ctx;
    services.metrics.record({
      route: routeLabel(path),
      status: ctx.res.statusCode,
      provider: outcome.provider,
      stream: outcome.stream === true,
      durationMs,
      overheadMs: outcome.overheadMs ?? ctx.overheadMs(),
      timeToFirstTokenMs: outcome.timeToFirstTokenMs,
      usage: outcome.usage,
      errorKind: outcome.error?.kind,
      cacheStatus: outcome.cacheStatus,
      fallbacks: outcome.attempts ? fallbacksOf(outcome.attempts) : undefined,
    });
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const pathname = requestPathname(req.url);
    const path = normalizePath(pathname);
    const requestId = `req_${randomUUID().replaceAll('-', '')}`;
    const ctx = new RequestContext(req, res, pathname, wireApiFor(path, req.headers), requestId, services);
    const entry = inFlight.add(ctx);
    res.on('close', () => {
      // The client went away before the answer was complete: stop the upstream call at once.
      if (!res.writableFinished) ctx.cancellation.abort();
      inFlight.delete(entry);
      // One clock reading for both: performance.now() measured 0.4-0.5 us a call in-process on the VM.
      const durationMs = performance.now() - ctx.receivedAt;
      logRequest(ctx, path, durationMs);
      recordMetrics(ctx, path, durationMs);
      if (closing) server.closeIdleConnections();
    });
    dispatch(ctx, path).catch((error: unknown) => fail(ctx, error));
  }

  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node only checks those timeouts on this interval (30 s by default): keep it below the limits.
      connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    onRequest,
  );

  return {
    server,
    get url() {
      return boundUrl;
    },
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          boundUrl = `http://${shownHost}:${address.port}`;
          log?.info(
            { url: boundUrl, auth: options.masterKey ? 'master key' : 'none (loopback only)' },
            options.masterKey
              ? 'switchyard gateway listening'
              : 'switchyard gateway listening on loopback only: no master key is set, so only this machine can reach it',
          );
          resolve({ host: address.address, port: address.port, url: boundUrl });
        });
      });
    },
    async close(closeOptions = {}) {
      closing = true;
      const graceMs = closeOptions.graceMs ?? limits.shutdownGraceMs;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      for (const ctx of inFlight) ctx.cancellation.abort();
      server.closeAllConnections();
      await closed;
    },
  };
}
