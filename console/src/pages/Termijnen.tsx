import { useState } from 'react';
import { useLive } from '../App';
import { haal } from '../api';
import type { CaseloadAntwoord, Termijn, TermijnenAntwoord } from '../model';
import { ALink, datum, H1, H2, Keuze, Laden, P, Tabel, Tekstveld, useGegevens, Veld } from '../ui';

const SOORT: Record<string, string> = {
  screening: 'Screening', pip: 'PIP', ontzorging: 'Ontzorging', inburgeringstermijn: 'Inburgeringstermijn', aow: 'AOW-leeftijd',
};

const rij = (t: Termijn) => [
  <ALink key="l" to={`/trajecten/${t.trajectId}`}>{t.naam ?? t.trajectId.slice(0, 8)}</ALink>,
  SOORT[t.soort] ?? t.soort, datum(t.laatsteDag), t.dagenTotLaatsteDag ?? '–', t.consulent ?? 'geen', t.fase,
];

export function Termijnen() {
  const live = useLive();
  const [binnenDagen, setBinnenDagen] = useState('30');
  const [consulent, setConsulent] = useState('');
  const [soort, setSoort] = useState('');
  const staat = useGegevens(
    () => haal<'/api/v1/dashboards/termijnen', TermijnenAntwoord>('/api/v1/dashboards/termijnen', {
      binnenDagen: binnenDagen === '' ? undefined : Number(binnenDagen), consulent: consulent || undefined,
      soort: (soort || undefined) as never,
    }),
    [binnenDagen, consulent, soort, live],
  );
  const consulenten = useGegevens(() => haal<'/api/v1/dashboards/caseload', CaseloadAntwoord>('/api/v1/dashboards/caseload'), [live]);
  const namen = ((consulenten.data as CaseloadAntwoord | undefined)?.perConsulent ?? []).map((c) => c.consulent).filter((c): c is string => !!c);
  const d = staat.data as TermijnenAntwoord | undefined;
  const kop = ['Inburgeraar', 'Termijn', 'Laatste dag', 'Dagen tot laatste dag', 'Consulent', 'Fase'];
  return (
    <>
      <H1>Termijnen</H1>
      <P>Lopende termijnen waarvan de laatste dag binnen het gekozen aantal dagen valt, en alle verstreken termijnen.</P>
      <div className="ie-form-row">
        <Veld label="Binnen (dagen)">{(id) => <Tekstveld id={id} type="number" min={0} max={3660} value={binnenDagen} onChange={(e) => setBinnenDagen(e.target.value)} />}</Veld>
        <Veld label="Consulent">{(id) => (
          <Keuze id={id} value={consulent} onChange={(e) => setConsulent(e.target.value)}>
            <option value="">Alle consulenten</option>
            {namen.map((n) => <option key={n} value={n}>{n}</option>)}
          </Keuze>
        )}</Veld>
        <Veld label="Soort termijn">{(id) => (
          <Keuze id={id} value={soort} onChange={(e) => setSoort(e.target.value)}>
            <option value="">Alle soorten</option>
            {Object.entries(SOORT).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </Keuze>
        )}</Veld>
      </div>
      <Laden staat={staat} />
      {d && (
        <>
          <P className="ie-small">Peildatum {datum(d.peildatum)}.</P>
          <H2>Lopend ({d.lopend.length})</H2>
          <Tabel testId="termijnen-lopend" caption={`Lopende termijnen${binnenDagen ? ` binnen ${binnenDagen} dagen` : ''}`} kop={kop} rijen={d.lopend.map(rij)} numeriek={[3]} />
          <H2>Verstreken ({d.verstreken.length})</H2>
          <Tabel testId="termijnen-verstreken" caption="Verstreken termijnen" kop={kop} rijen={d.verstreken.map(rij)} numeriek={[3]} />
        </>
      )}
    </>
  );
}
