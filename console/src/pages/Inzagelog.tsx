import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiFout, haal } from '../api';
import type { InzageAntwoord } from '../model';
import { ALink, H1, Knop, Melding, P, Tabel, tijdstip, Tekstveld, Veld } from '../ui';

export function Inzagelog() {
  const [params] = useSearchParams();
  const [traject, setTraject] = useState(params.get('traject') ?? '');
  const [actor, setActor] = useState(params.get('actor') ?? '');
  const [data, setData] = useState<InzageAntwoord | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  const zoek = async (e?: FormEvent, cursor?: string) => {
    e?.preventDefault();
    setFout(null);
    try {
      const pagina = await haal<'/api/v1/audit/inzage', InzageAntwoord>('/api/v1/audit/inzage', {
        traject: traject.trim() || undefined, actor: actor.trim() || undefined, paginaGrootte: 100, vanPositie: cursor,
      }) as InzageAntwoord;
      setData((d) => (cursor && d ? { inzages: [...d.inzages, ...pagina.inzages], volgende: pagina.volgende } : pagina));
    } catch (err) {
      setFout(err instanceof ApiFout ? err.message : String(err));
    }
  };
  return (
    <>
      <H1>Inzagelog</H1>
      <P>Wie las welk dossier wanneer (Logboek Dataverwerkingen). Zoek per dossier of per gebruiker.</P>
      <form onSubmit={zoek}>
        <div className="ie-form-row">
          <Veld label="Traject-id (dossier)">{(id) => <Tekstveld id={id} value={traject} onChange={(e) => setTraject(e.target.value)} size={38} />}</Veld>
          <Veld label="Gebruiker (sub)">{(id) => <Tekstveld id={id} value={actor} onChange={(e) => setActor(e.target.value)} />}</Veld>
          <Knop type="submit">Zoeken</Knop>
        </div>
      </form>
      {fout && <Melding soort="error">{fout}</Melding>}
      {data && (
        <>
          <Tabel testId="inzages" caption={`${data.inzages.length} inzages`} numeriek={[0]}
            kop={['Positie', 'Wanneer', 'Gebruiker', 'Rol', 'Wat', 'Dossier']}
            rijen={data.inzages.map((i) => [
              i.positie, tijdstip(i.recordedAt), i.actor.sub ?? i.actor.id ?? '–', i.actor.rol, i.endpoint ?? i.type,
              i.trajectId ? <ALink key="l" to={`/trajecten/${i.trajectId}`}>{i.trajectId.slice(0, 8)}</ALink> : '–',
            ])} />
          {data.volgende !== null && <Knop secundair onClick={() => void zoek(undefined, data.volgende!)}>Meer laden</Knop>}
        </>
      )}
    </>
  );
}
