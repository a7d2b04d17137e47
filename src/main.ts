import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, loadConfig } from './config';

/** Which store this process writes to, without credentials. */
function describeStore(config: AppConfig): string {
  if (config.eventstoreConnectionString) {
    return `EventStoreDB ${config.eventstoreConnectionString.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
  return `SQLite ${config.sqlitePath} (synchronous=${config.sqliteSynchronous})`;
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
  // Every interface, as Node's own default (Fastify would listen on localhost only): in a container the proxy is elsewhere.
  await app.listen(config.port, '::');
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
