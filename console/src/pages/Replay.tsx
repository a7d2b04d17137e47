import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { haal } from '../api';
import type { TijdlijnAntwoord, TrajectView } from '../model';
import { datum, H1, H2, Laden, Melding, P, Tabel, tijdstip, Tekstveld, useGegevens, Veld } from '../ui';

const SOORT: Record<string, string> = { screening: 'Screening', pip: 'PIP', ontzorging: 'Ontzorging', inburgeringstermijn: 'Inburgeringstermijn', aow: 'AOW-leeftijd' };
const tijdlijn = (id: string, peildatum?: string) =>
  haal<'/api/v1/trajecten/{id}/tijdlijn', TijdlijnAntwoord>('/api/v1/trajecten/{id}/tijdlijn', peildatum ? { peildatum } : undefined, { id }) as Promise<TijdlijnAntwoord>;
const tekst = (v: unknown) => (v === undefined || v === null ? '–' : typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));
const naamVan = (s: TrajectView | null) => {
  const n = s?.persoon?.naam;
  return typeof n === 'string' ? n : null;
};

function Termijnen({ staat, testId }: { staat: TrajectView | null; testId: string }) {
  const t = staat?.termijnen ?? {};
  return (
    <Tabel testId={testId} caption="Termijnen zoals ze toen stonden" kop={['Termijn', 'Datum', 'Status']}
      rijen={Object.entries(t).map(([soort, v]) => [SOORT[soort] ?? soort, datum(v.uiterlijk ?? v.tot ?? v.eind ?? null), v.status + (v.opgeschort ? ' (opgeschort)' : '')])} />
  );
}

/** The fields of the view that differ between two points: fase, status, every deadline, and each other top-level field. */
function verschillen(a: TrajectView | null, b: TrajectView | null): [string, string, string][] {
  const rijen: [string, string, string][] = [];
  const va = (a ?? {}) as Record<string, unknown>;
  const vb = (b ?? {}) as Record<string, unknown>;
  const ta = (va.termijnen ?? {}) as Record<string, unknown>;
  const tb = (vb.termijnen ?? {}) as Record<string, unknown>;
  for (const k of new Set([...Object.keys(va), ...Object.keys(vb)])) {
    if (k === 'termijnen' || k === 'revisie' || k === 'id') continue;
    if (tekst(va[k]) !== tekst(vb[k])) rijen.push([k, tekst(va[k]), tekst(vb[k])]);
  }
  for (const k of new Set([...Object.keys(ta), ...Object.keys(tb)])) {
    if (tekst(ta[k]) !== tekst(tb[k])) rijen.push([`termijn ${SOORT[k] ?? k}`, tekst(ta[k]), tekst(tb[k])]);
  }
  return rijen;
}

export function Replay() {
  const { id = '' } = useParams();
  const geheel = useGegevens(() => tijdlijn(id), [id]);
  const stappen = (geheel.data as TijdlijnAntwoord | undefined)?.stappen ?? [];
  const datums = useMemo(() => [...new Set(stappen.map((s) => s.gebeurtenis.datum))].sort(), [stappen]);
  const [peildatum, setPeildatum] = useState('');
  const [van, setVan] = useState('');
  const [tot, setTot] = useState('');
  useEffect(() => {
    if (datums.length && !peildatum) {
      setPeildatum(datums[datums.length - 1]);
      setVan(datums[0]);
      setTot(datums[datums.length - 1]);
    }
  }, [datums, peildatum]);

  const opDatum = useGegevens(() => (peildatum ? tijdlijn(id, peildatum) : Promise.resolve(undefined)), [id, peildatum]);
  const vergelijk = useGegevens(
    () => (van && tot ? Promise.all([tijdlijn(id, van), tijdlijn(id, tot)]) : Promise.resolve(undefined)),
    [id, van, tot],
  );
  const toen = (opDatum.data as TijdlijnAntwoord | undefined)?.staat ?? null;
  const [a, b] = (vergelijk.data as [TijdlijnAntwoord, TijdlijnAntwoord] | undefined) ?? [];
  const tussen = stappen.filter((s) => s.gebeurtenis.datum > van && s.gebeurtenis.datum <= tot);
  const schuif = Math.max(0, datums.indexOf(peildatum));
  const huidig = (geheel.data as TijdlijnAntwoord | undefined)?.staat ?? null;

  return (
    <>
      <H1>Traject {naamVan(huidig) ?? id.slice(0, 8)} terugspelen</H1>
      <P className="ie-small">Traject-id <span className="ie-code">{id}</span>. Elke opvraging van dit traject komt in het inzagelog.</P>
      <Laden staat={geheel} />
      {geheel.data && (
        <>
          <H2>Tijdlijn</H2>
          <Tabel testId="tijdlijn" caption={`${stappen.length} gebeurtenissen, met de fase na elke gebeurtenis`} numeriek={[0]}
            kop={['Revisie', 'Gebeurtenis', 'Datum (feit)', 'Vastgelegd', 'Door', 'Fase erna']}
            rijen={stappen.map((s) => [
              s.gebeurtenis.revisie, s.gebeurtenis.type, datum(s.gebeurtenis.datum), tijdstip(s.gebeurtenis.recordedAt),
              `${s.gebeurtenis.actor.id} (${s.gebeurtenis.actor.rol})`, s.nietToepasbaar ? `${s.fase} (niet toepasbaar)` : s.fase,
            ])} />

          <H2 id="peil-kop">Het traject op een datum</H2>
          <div className="ie-form-row">
            <Veld label="Peildatum">{(fid) => <Tekstveld id={fid} type="date" value={peildatum} onChange={(e) => setPeildatum(e.target.value)} data-testid="peildatum" />}</Veld>
            {datums.length > 1 && (
              <Veld label="Schuif langs de datums van de gebeurtenissen">{(fid) => (
                <input id={fid} type="range" min={0} max={datums.length - 1} step={1} value={schuif} data-testid="schuif"
                  aria-valuetext={datum(datums[schuif])} onChange={(e) => setPeildatum(datums[Number(e.target.value)])} />
              )}</Veld>
            )}
          </div>
          <Laden staat={opDatum} />
          {peildatum && opDatum.data && (
            toen ? (
              <section aria-live="polite" data-testid="op-datum" data-fase={toen.fase} data-revisie={toen.revisie}>
                <P>Op <strong>{datum(peildatum)}</strong>: fase <strong data-testid="fase-op-datum">{toen.fase}</strong>, na revisie {toen.revisie}
                  {toen.leerroute ? `, leerroute ${toen.leerroute.route}` : ''}{toen.consulent ? `, consulent ${toen.consulent}` : ''}.</P>
                <Termijnen staat={toen} testId="termijnen-op-datum" />
              </section>
            ) : <Melding>Op {datum(peildatum)} bestond het traject nog niet.</Melding>
          )}

          <H2>Verschil tussen twee momenten</H2>
          <div className="ie-form-row">
            <Veld label="Van">{(fid) => <Tekstveld id={fid} type="date" value={van} onChange={(e) => setVan(e.target.value)} data-testid="van" />}</Veld>
            <Veld label="Tot en met">{(fid) => <Tekstveld id={fid} type="date" value={tot} onChange={(e) => setTot(e.target.value)} data-testid="tot" />}</Veld>
          </div>
          <Laden staat={vergelijk} />
          {a && b && (
            <div className="ie-diff">
              <Tabel testId="verschil" caption={`Wat er veranderde van ${datum(van)} tot en met ${datum(tot)}`}
                kop={['Veld', `Op ${datum(van)}`, `Op ${datum(tot)}`]}
                rijen={verschillen(a.staat, b.staat).map(([veld, x, y]) => [veld, <del key="d"><span className="ie-code">{x}</span></del>, <ins key="i"><span className="ie-code">{y}</span></ins>])} />
              <Tabel testId="tussen" caption="Gebeurtenissen ertussen" kop={['Revisie', 'Gebeurtenis', 'Datum', 'Door']} numeriek={[0]}
                rijen={tussen.map((s) => [s.gebeurtenis.revisie, s.gebeurtenis.type, datum(s.gebeurtenis.datum), s.gebeurtenis.actor.id])} />
            </div>
          )}
        </>
      )}
    </>
  );
}
