/**
 * `npm run termijnen`: the catch-up for streams recorded before deadlines were facts. For every inburgering trajectory
 * it runs the system action `leg-termijnen-vast`, whose only effect is the decider's deadline step: the deadlines the
 * rules give now are recorded (TermijnGesteld, and TermijnVervallen for those already ended), actor `systeem`.
 * A stream that is up to date gets nothing, so running it twice writes once. Run it with the scheduler stopped or
 * running alike: each append is optimistic, a conflict is retried by the command handler.
 */
import { randomUUID } from 'node:crypto';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config';
import { EventStore } from '../src/events/event-store';
import { CommandHandler } from '../src/trajectories/core/command-handler';
import { idOfStream } from '../src/trajectories/core/traject-repository';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config: { ...config, schedulerEnabled: false, logLevel: 'warn' } });
  try {
    const store = app.get(EventStore);
    const commands = app.get(CommandHandler);
    const trajecten: string[] = [];
    for (let after = 0; ;) {
      const page = await store.readAll({ after, limit: 5000 });
      if (page.length === 0) break;
      for (const e of page) {
        if (e.type === 'InburgeraarGeregistreerd' && e.streamId.startsWith('traject-') && (e.data as { soort?: string }).soort !== 'ondertussen') {
          trajecten.push(idOfStream(e.streamId));
        }
      }
      after = page[page.length - 1].position;
    }
    let bijgewerkt = 0;
    for (const id of trajecten) {
      const voor = await store.headPosition();
      await commands.execute(id, 'leg-termijnen-vast', {}, { actor: { id: 'systeem', rol: 'systeem' }, correlationId: randomUUID() }, { systeem: true });
      if ((await store.headPosition()) > voor) bijgewerkt++;
    }
    console.log(`${trajecten.length} inburgeringstrajecten; termijnen vastgelegd in ${bijgewerkt}`);
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
