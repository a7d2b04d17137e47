import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { createApp } from '../app.factory';

/**
 * Writes the OpenAPI document exactly as the server serves it (GET /api/v1/openapi.json on a throw-away app with
 * a temp store) to the file named by the first argument, or stdout. `npm run lint:openapi` lints it with the ADR
 * ruleset; run it on the built app (dist/), so the @nestjs/swagger plugin's metadata is in.
 */
export async function servedDocument(): Promise<unknown> {
  const app = await createApp();
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`);
    if (!res.ok) throw new Error(`openapi.json: HTTP ${res.status}`);
    return await res.json();
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  servedDocument()
    .then((doc) => {
      const json = `${JSON.stringify(doc, null, 2)}\n`;
      if (process.argv[2]) writeFileSync(process.argv[2], json);
      else process.stdout.write(json);
    })
    .catch((err: unknown) => {
      process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
      process.exit(1);
    });
}
