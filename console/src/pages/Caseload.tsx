import { useLive } from '../App';
import { haal } from '../api';
import type { CaseloadAntwoord } from '../model';
import { H1, Laden, P, Tabel, useGegevens } from '../ui';

export function Caseload() {
  const live = useLive();
  const staat = useGegevens(() => haal<'/api/v1/dashboards/caseload', CaseloadAntwoord>('/api/v1/dashboards/caseload'), [live]);
  const d = staat.data as CaseloadAntwoord | undefined;
  const fasen = d ? Object.keys(d.perFase) : [];
  return (
    <>
      <H1>Caseload</H1>
      <P>Open trajecten (niet in een eindfase) per consulent, fase en leerroute.</P>
      <Laden staat={staat} />
      {d && (
        <>
          <P><strong data-testid="caseload-totaal">{d.totaal}</strong> open trajecten.</P>
          <Tabel testId="caseload-consulent" caption="Per consulent en fase" numeriek={fasen.map((_, i) => i + 1).concat(fasen.length + 1)}
            kop={['Consulent', ...fasen, 'Totaal']}
            rijen={d.perConsulent.map((c) => [c.consulent ?? 'geen consulent', ...fasen.map((f) => c.perFase[f] ?? 0), c.totaal])} />
          <Tabel testId="caseload-fase" caption="Per fase" numeriek={[1]} kop={['Fase', 'Aantal']} rijen={Object.entries(d.perFase)} />
          <Tabel testId="caseload-leerroute" caption="Per leerroute" numeriek={[1]} kop={['Leerroute', 'Aantal']} rijen={Object.entries(d.perLeerroute)} />
        </>
      )}
    </>
  );
}
