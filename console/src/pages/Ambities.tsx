import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useLive } from '../App';
import { haal } from '../api';
import { TrendGrafiek } from '../Grafiek';
import type { Ambitie, AmbitiesAntwoord } from '../model';
import { ALink, GEHAALD, H1, H2, H3, Knop, Laden, P, procent, Tabel, useGegevens } from '../ui';
import { PeriodeKeuze, PeriodeKiezer, standaardPeriode } from './Periode';

const kort = (id: string) => id.slice(0, 8);

function DrillDown({ a }: { a: Ambitie }) {
  const teller = new Set(a.detail?.teller ?? []);
  return (
    <section aria-labelledby={`drill-${a.nummer}`} data-testid={`drilldown-${a.nummer}`}>
      <H3><span id={`drill-${a.nummer}`}>Trajecten in de noemer van ambitie {a.nummer} ({a.noemer}; {a.teller} in de teller)</span></H3>
      <ul className="utrecht-unordered-list ie-small">
        {(a.detail?.noemer ?? []).map((id) => (
          <li key={id} data-traject={id} data-in-teller={teller.has(id)}>
            <ALink to={`/trajecten/${id}`}>{kort(id)}</ALink> {teller.has(id) ? '— telt mee in de teller' : '— niet in de teller'}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Ambities() {
  const live = useLive();
  const [, setParams] = useSearchParams();
  const [periode, setPeriode] = useState<PeriodeKeuze>(standaardPeriode);
  const [open, setOpen] = useState<number | null>(null);
  const staat = useGegevens(
    () => haal<'/api/v1/dashboards/ambities', AmbitiesAntwoord>('/api/v1/dashboards/ambities', { jaar: periode.jaar, halfjaar: periode.halfjaar, detail: 'true' }),
    [periode.jaar, periode.halfjaar, live],
  );
  const kies = (p: PeriodeKeuze) => {
    setPeriode(p);
    setParams(p.halfjaar ? { jaar: String(p.jaar), halfjaar: String(p.halfjaar) } : { jaar: String(p.jaar) });
  };
  const d = staat.data as AmbitiesAntwoord | undefined;
  return (
    <>
      <H1>Ambities {periode.jaar}{periode.halfjaar ? `, ${periode.halfjaar === 1 ? 'eerste' : 'tweede'} halfjaar` : ''}</H1>
      <P>De zes Bossche ambities: teller, noemer en percentage tegen het doel. Kies een ambitie om de trajecten te zien die meetellen.</P>
      <PeriodeKiezer waarde={periode} onChange={kies} />
      <Laden staat={staat} />
      {d && (
        <>
          <P className="ie-small">Periode {d.van} tot en met {d.tot}; bijgewerkt tot gebeurtenis {d.positie}.</P>
          <Tabel testId="ambities" caption="Ambities tegen hun doel" numeriek={[2, 3, 4, 5]}
            kop={['Nr.', 'Ambitie', 'Teller', 'Noemer', 'Percentage', 'Doel', 'Resultaat', 'Trajecten']}
            rijen={d.ambities.map((a) => [
              a.nummer, a.omschrijving, a.teller, a.noemer, procent(a.percentage), `${a.doel}%`, GEHAALD(a.gehaald),
              <Knop secundair onClick={() => setOpen(open === a.nummer ? null : a.nummer)} key="k">
                {open === a.nummer ? 'Verberg' : 'Toon'}<span className="ie-visually-hidden"> trajecten van ambitie {a.nummer}</span>
              </Knop>,
            ])} />
          {open !== null && <DrillDown a={d.ambities.find((a) => a.nummer === open)!} />}
          <H2>Trend per jaar</H2>
          <div className="ie-grid">
            {d.ambities.map((a) => (
              <figure key={a.nummer} className="ie-figuur">
                <TrendGrafiek titel={`Ambitie ${a.nummer}: ${a.omschrijving}`} doel={a.doel} punten={a.trend} />
                <Tabel caption={`Ambitie ${a.nummer}: ${a.omschrijving} (doel ${a.doel}%)`} numeriek={[1, 2, 3]}
                  kop={['Jaar', 'Teller', 'Noemer', 'Percentage', 'Resultaat']}
                  rijen={a.trend.map((t) => [t.jaar, t.teller, t.noemer, procent(t.percentage), GEHAALD(t.gehaald)])} />
              </figure>
            ))}
          </div>
        </>
      )}
    </>
  );
}
