import { serve } from '@hono/node-server';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createServices } from './services.ts';

/**
 * Starts the HTTP server. On SIGTERM/SIGINT it stops accepting connections, lets in-flight requests
 * finish (their writes commit before they answer), closes the database, and exits.
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
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Keep-alive sockets would hold close() open forever; idle ones are closed now.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    server.close(async () => {
      await services.close();
      logger.info('stopped');
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 15_000).unref();
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
