import { useState } from 'react';
import { ApiFout, haal } from '../api';
import type { IntegriteitsRapport } from '../model';
import { H1, H2, Knop, Melding, P, Tabel, tijdstip } from '../ui';

export function Integriteit() {
  const [rapport, setRapport] = useState<IntegriteitsRapport | null>(null);
  const [bezig, setBezig] = useState(false);
  const [fout, setFout] = useState<string | null>(null);
  const controleer = async () => {
    setBezig(true);
    setFout(null);
    try {
      setRapport(await haal<'/api/v1/audit/integriteit', IntegriteitsRapport>('/api/v1/audit/integriteit') as IntegriteitsRapport);
    } catch (err) {
      setFout(err instanceof ApiFout ? err.message : String(err));
    } finally {
      setBezig(false);
    }
  };
  return (
    <>
      <H1>Integriteit</H1>
      <P>Herberekent de hashketen van elke stream zoals opgeslagen. Bewaar de laatste hash van eerdere rapporten om te vergelijken.</P>
      <Knop onClick={() => void controleer()} disabled={bezig}>{bezig ? 'Bezig met controleren…' : 'Controleer nu'}</Knop>
      {fout && <Melding soort="error">{fout}</Melding>}
      {rapport && (
        <>
          <Melding soort={rapport.ok ? 'ok' : 'error'}>
            <span data-testid="integriteit-uitslag">{rapport.ok ? 'Alle hashketens zijn intact' : `${rapport.gebroken.length} stream(s) gebroken`}</span>:
            {' '}{rapport.streams} streams, {rapport.gebeurtenissen} gebeurtenissen tot positie {rapport.totPositie}, gecontroleerd op {tijdstip(rapport.gecontroleerdOp)}.
          </Melding>
          {rapport.gebroken.length > 0 && (
            <>
              <H2>Gebroken streams</H2>
              <Tabel testId="integriteit-gebroken" caption="Eerste gebroken gebeurtenis per stream" kop={['Stream', 'Revisie', 'Positie', 'Reden', 'Toelichting']}
                rijen={rapport.gebroken.map((s) => [s.stream, s.eersteBreuk?.revisie ?? '–', s.eersteBreuk?.positie ?? '–', s.eersteBreuk?.reden ?? '–', s.eersteBreuk?.detail ?? ''])} />
            </>
          )}
          <H2>Per stream</H2>
          <Tabel testId="integriteit" caption="Resultaat per stream" numeriek={[2]} kop={['Stream', 'Resultaat', 'Gebeurtenissen', 'Laatste hash']}
            rijen={rapport.resultaten.map((s) => [s.stream, s.ok ? 'intact' : `gebroken (${s.eersteBreuk?.reden})`, s.gebeurtenissen,
              <span key="h" className="ie-code">{s.laatsteHash ?? '–'}</span>])} />
        </>
      )}
    </>
  );
}
