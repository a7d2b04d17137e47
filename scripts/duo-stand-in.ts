/**
 * `npm run duo:stand-in`: a local DUO (test/duo-stand-in) for development and demos. It serves DUO's paths under
 * http://127.0.0.1:$DUO_STAND_IN_PORT/v1 (default 8443), validates every request against DUO's OpenAPI files, and
 * prints each one. Control: GET /_stand-in/ontvangen (what it received), PUT /_stand-in/gegevens/{bsn} (what DUO's
 * GETs answer), PUT /_stand-in/brp/{bsn} (a person in the stand-in's BRP), POST /_stand-in/notificaties (send a
 * notification to the app at $APP_URL, default http://127.0.0.1:3000, with $DUO_NOTIFICATIE_TOKEN).
 */
import { DuoStandIn } from '../test/duo-stand-in/stand-in';

async function main(): Promise<void> {
  const app = (process.env.APP_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const duo = new DuoStandIn({
    port: Number(process.env.DUO_STAND_IN_PORT ?? 8443),
    notificatieUrl: `${app}/api/v1/duo/notificaties`,
    notificatieToken: process.env.DUO_NOTIFICATIE_TOKEN,
    oinDuo: process.env.DUO_OIN_DUO,
    oinGemeente: process.env.DUO_OIN_GEMEENTE,
  });
  const url = await duo.start();
  const gezien = { n: 0 };
  setInterval(() => {
    for (const o of duo.ontvangen.slice(gezien.n)) {
      console.log(`${o.ontvangenOp} ${o.status} ${o.methode} ${o.pad} BerichtId=${o.berichtId ?? '-'}${o.herhaling ? ' (herhaling)' : ''} ${o.geldig ? JSON.stringify(o.body ?? '') : `ONGELDIG: ${o.fouten.join('; ')}`}`);
    }
    gezien.n = duo.ontvangen.length;
  }, 200);
  console.log(`DUO stand-in: DUO_BASE_URL=${url}  BRP_API_URL=${duo.brpUrl}`);
  console.log(`Notifications go to ${app}/api/v1/duo/notificaties (POST /_stand-in/notificaties)`);
  const stop = () => void duo.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
