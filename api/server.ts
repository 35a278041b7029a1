import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createServices } from './services.ts';

const SHUTDOWN_DEADLINE_MS = 15_000;

/**
 * Keep-alive connections that stay busy would hold `server.close()` open until the deadline:
 * `closeIdleConnections` only closes those idle at the moment it is called. Once stopping, every
 * response not yet started says `Connection: close` (Node then closes its socket after it), and
 * every connection that becomes idle is closed at once. Returns `begin()` for the signal.
 */
export function drainOnStop(server: HttpServer) {
  const open = new Set<ServerResponse>();
  let draining = false;
  const closeIdle = () => server.closeIdleConnections();
  // First among the request listeners, before the app can write the response's head.
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.setHeader('Connection', 'close');
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      if (draining) setImmediate(closeIdle);
    });
  });
  return {
    begin() {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
      closeIdle();
    },
    inFlight: () => open.size,
  };
}

/**
 * Starts the HTTP server. On SIGTERM/SIGINT it stops accepting connections, closes idle ones, lets
 * in-flight requests finish (their writes commit before they answer) with `Connection: close`,
 * closes the database, and exits 0; whatever is still open after 15 seconds is cut, exit code 1.
 */
export async function startServer(config: Config) {
  const services = await createServices(config);
  const { logger } = services.deps;
  const server = serve({ fetch: services.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { url: `http://${config.host}:${info.port}`, publicUrl: config.publicUrl },
      'Contacto Ciudadano is listening',
    );
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `${config.host}:${config.port} is already in use; stop the other server or set PORT`
        : error.message;
    console.error(`Could not listen: ${reason}`);
    process.exit(1);
  });
  const drain = drainOnStop(server as unknown as HttpServer);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Past the deadline whatever is still open is cut, and the exit code says so.
    const deadline = setTimeout(() => {
      logger.error({ open: drain.inFlight() }, 'shutdown deadline passed: closing what is left');
      (server as unknown as HttpServer).closeAllConnections();
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    drain.begin();
    server.close(async () => {
      await services.close();
      clearTimeout(deadline);
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return { server, services };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  startServer(config).catch((error) => {
    console.error(`Could not start: ${(error as Error).message}`);
    process.exit(1);
  });
}
