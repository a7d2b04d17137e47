import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { networkInterfaces } from 'node:os';
import { AppConfig, ConfigError, loadConfig } from './config';

/** Which store this process writes to, without credentials. */
function describeStore(config: AppConfig): string {
  if (config.eventstoreConnectionString) {
    return `EventStoreDB ${config.eventstoreConnectionString.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
  return `SQLite ${config.sqlitePath} (synchronous=${config.sqliteSynchronous})`;
}

/**
 * Every interface, as Node's own default did under Express (Fastify alone would listen on localhost only, and in a
 * container the proxy is elsewhere): `::` (IPv4 too) where the machine has IPv6, else `0.0.0.0`.
 */
function everyInterface(): string {
  const ipv6 = Object.values(networkInterfaces()).some((addresses) => addresses?.some((a) => a.family === 'IPv6'));
  return ipv6 ? '::' : '0.0.0.0';
}

async function bootstrap(): Promise<void> {
  // Checked before anything else is even loaded: a bad variable stops the process at once with one line naming it.
  const config = loadConfig();
  const [{ NestFactory }, { Logger }, { AppModule }, { API_PREFIX, configureApp }, { createHttpAdapter }] = await Promise.all([
    import('@nestjs/core'), import('nestjs-pino'), import('./app.module'), import('./configure-app'), import('./http/fastify-adapter'),
  ]);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createHttpAdapter(config), { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app);
  await app.listen(config.port, everyInterface());
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.log(`inburgering-engine luistert op ${url}/${API_PREFIX} (docs: ${url}/${API_PREFIX}/docs)`, 'Bootstrap');
  logger.log(`Event store: ${describeStore(config)}`, 'Bootstrap');
}

bootstrap().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  // The logger may not exist yet: write one JSON line ourselves.
  process.stderr.write(`${JSON.stringify({ level: 60, msg: 'Starten mislukt', err: String((err as Error)?.stack ?? err) })}\n`);
  process.exit(1);
});
