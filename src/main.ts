import type { NestExpressApplication } from '@nestjs/platform-express';
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
  const [{ NestFactory }, { Logger }, { AppModule }, { API_PREFIX, configureApp }] = await Promise.all([
    import('@nestjs/core'), import('nestjs-pino'), import('./app.module'), import('./configure-app'),
  ]);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureApp(app);
  await app.listen(config.port);
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
