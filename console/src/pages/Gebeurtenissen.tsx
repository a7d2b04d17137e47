import { FormEvent, useState } from 'react';
import { ApiFout, download, haal } from '../api';
import type { GebeurtenissenAntwoord } from '../model';
import { ALink, H1, H2, Knop, Melding, P, Tabel, tijdstip, Tekstveld, Veld } from '../ui';

interface Filters { type: string; traject: string; actor: string; van: string; tot: string }
const LEEG: Filters = { type: '', traject: '', actor: '', van: '', tot: '' };
const trajectVan = (stream: string) => /^(?:traject|privacy|inzage)-([0-9a-f-]{36})$/.exec(stream)?.[1];

export function Gebeurtenissen() {
  const [filters, setFilters] = useState<Filters>(LEEG);
  const [gezocht, setGezocht] = useState<Filters | null>(null);
  const [paginas, setPaginas] = useState<GebeurtenissenAntwoord[]>([]);
  const [fout, setFout] = useState<string | null>(null);
  const [melding, setMelding] = useState<string | null>(null);
  const query = (f: Filters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));

  const zoek = async (f: Filters, cursor?: string) => {
    setFout(null);
    try {
      const pagina = await haal<'/api/v1/audit/gebeurtenissen', GebeurtenissenAntwoord>('/api/v1/audit/gebeurtenissen', { ...query(f), paginaGrootte: 50, vanPositie: cursor }) as GebeurtenissenAntwoord;
      setPaginas((p) => (cursor ? [...p, pagina] : [pagina]));
      setGezocht(f);
    } catch (err) {
      setFout(err instanceof ApiFout ? err.message : String(err));
    }
  };
  const verstuur = (e: FormEvent) => {
    e.preventDefault();
    void zoek(filters);
  };
  const exporteer = async (formaat: 'ndjson' | 'csv') => {
    setFout(null);
    try {
      const bytes = await download('/api/v1/audit/gebeurtenissen', query(gezocht ?? filters),
        formaat === 'csv' ? 'text/csv' : 'application/x-ndjson', `gebeurtenissen.${formaat}`);
      setMelding(`Export als ${formaat.toUpperCase()} gedownload (${bytes.toLocaleString('nl-NL')} bytes).`);
    } catch (err) {
      setFout(err instanceof ApiFout ? err.message : String(err));
    }
  };
  const zet = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement>) => setFilters({ ...filters, [k]: e.target.value });
  const rijen = paginas.flatMap((p) => p.gebeurtenissen);
  const volgende = paginas.at(-1)?.volgende ?? null;

  return (
    <>
      <H1>Gebeurtenissenlog</H1>
      <P>Zoek in het globale log. Elke zoekopdracht en elke export komt zelf in het inzagelog.</P>
      <form onSubmit={verstuur}>
        <div className="ie-form-row">
          <Veld label="Gebeurtenistype(n)" beschrijving="Komma-gescheiden, bijvoorbeeld PipVastgesteld,TrajectIngezien">{(id, d) => <Tekstveld id={id} aria-describedby={d} value={filters.type} onChange={zet('type')} />}</Veld>
          <Veld label="Traject-id">{(id) => <Tekstveld id={id} value={filters.traject} onChange={zet('traject')} size={38} />}</Veld>
          <Veld label="Actor (gebruiker)">{(id) => <Tekstveld id={id} value={filters.actor} onChange={zet('actor')} />}</Veld>
          <Veld label="Vastgelegd vanaf">{(id) => <Tekstveld id={id} type="date" value={filters.van} onChange={zet('van')} />}</Veld>
          <Veld label="Vastgelegd tot en met">{(id) => <Tekstveld id={id} type="date" value={filters.tot} onChange={zet('tot')} />}</Veld>
        </div>
        <div className="ie-form-row">
          <Knop type="submit">Zoeken</Knop>
          <Knop secundair onClick={() => void exporteer('ndjson')}>Download NDJSON</Knop>
          <Knop secundair onClick={() => void exporteer('csv')}>Download CSV</Knop>
        </div>
      </form>
      {fout && <Melding soort="error">{fout}</Melding>}
      {melding && <Melding soort="ok">{melding}</Melding>}
      {gezocht && (
        <>
          <H2>Resultaat</H2>
          <Tabel testId="gebeurtenissen" caption={`${rijen.length} gebeurtenissen${volgende !== null ? ' (er zijn er meer)' : ''}`} numeriek={[0]}
            kop={['Positie', 'Type', 'Stream', 'Datum (feit)', 'Vastgelegd', 'Door']}
            rijen={rijen.map((g) => {
              const traject = trajectVan(g.stream);
              return [g.positie, g.type, traject ? <ALink key="l" to={`/trajecten/${traject}`}>{g.stream}</ALink> : g.stream,
                g.datum ?? '–', tijdstip(g.recordedAt), `${g.actor.id} (${g.actor.rol})`];
            })} />
          {volgende !== null && <Knop secundair onClick={() => void zoek(gezocht, volgende)}>Meer laden</Knop>}
        </>
      )}
    </>
  );
}
