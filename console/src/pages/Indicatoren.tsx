import { useState } from 'react';
import { useLive } from '../App';
import { haal } from '../api';
import type { IndicatorenAntwoord } from '../model';
import { H1, Laden, P, procent, Tabel, useGegevens } from '../ui';
import { PeriodeKeuze, PeriodeKiezer, standaardPeriode } from './Periode';

const LEERROUTE: Record<string, string> = { b1: 'B1-route', onderwijsroute: 'Onderwijsroute', 'z-route': 'Z-route' };

export function Indicatoren() {
  const live = useLive();
  const [periode, setPeriode] = useState<PeriodeKeuze>(standaardPeriode);
  const staat = useGegevens(
    () => haal<'/api/v1/dashboards/indicatoren', IndicatorenAntwoord>('/api/v1/dashboards/indicatoren', { jaar: periode.jaar, halfjaar: periode.halfjaar }),
    [periode.jaar, periode.halfjaar, live],
  );
  const d = staat.data as IndicatorenAntwoord | undefined;
  const i = d?.indicatoren;
  return (
    <>
      <H1>Landelijke indicatoren {periode.jaar}{periode.halfjaar ? `, halfjaar ${periode.halfjaar}` : ''}</H1>
      <P>De indicatoren van de CBS-statistiek Wet inburgering en de Divosa-benchmark.</P>
      <PeriodeKiezer waarde={periode} onChange={setPeriode} />
      <Laden staat={staat} />
      {i && (
        <>
          <Tabel testId="indicatoren" caption={`Indicatoren, ${d!.van} tot en met ${d!.tot}`} numeriek={[1, 2, 3]}
            kop={['Indicator', 'Teller', 'Noemer', 'Percentage']}
            rijen={[
              ['PIP op tijd vastgesteld', i.pipOpTijd.teller, i.pipOpTijd.noemer, procent(i.pipOpTijd.percentage)],
              ['Brede intake gestart', i.bredeIntakeGestart.teller, i.bredeIntakeGestart.noemer, procent(i.bredeIntakeGestart.percentage)],
              ['Inburgeringsplicht voldaan binnen de termijn', i.inburgeringsplichtVoldaan.teller, i.inburgeringsplichtVoldaan.noemer, procent(i.inburgeringsplichtVoldaan.percentage)],
            ]} />
          <Tabel testId="routeverdeling" caption={`Routeverdeling van de ${i.routeverdeling.totaal} vastgestelde PIP's`} numeriek={[1, 2]}
            kop={['Leerroute', 'Aantal', 'Aandeel']}
            rijen={Object.entries(i.routeverdeling.perLeerroute).map(([r, n]) => [
              LEERROUTE[r] ?? r, n, procent(i.routeverdeling.totaal ? Math.round((n * 1000) / i.routeverdeling.totaal) / 10 : null),
            ])} />
        </>
      )}
    </>
  );
}
