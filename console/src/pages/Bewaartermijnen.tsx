import { useState } from 'react';
import { haal } from '../api';
import type { BewaartermijnenAntwoord } from '../model';
import { datum, H1, Knop, Laden, P, Tabel, Tekstveld, useGegevens, Veld } from '../ui';

export function Bewaartermijnen() {
  const [peildatum, setPeildatum] = useState('');
  const [pagina, setPagina] = useState(1);
  const staat = useGegevens(
    () => haal<'/api/v1/audit/bewaartermijnen', BewaartermijnenAntwoord>('/api/v1/audit/bewaartermijnen', { peildatum: peildatum || undefined, pagina, paginaGrootte: 100 }),
    [peildatum, pagina],
  );
  const d = staat.data as BewaartermijnenAntwoord | undefined;
  return (
    <>
      <H1>Bewaartermijnen</H1>
      <P>Afgesloten trajecten waarvan de eindfase langer dan de bewaartermijn geleden begon (Besluit inburgering 2021, art. 9.9), met de veldgroepen die een wissing nog zou vernietigen.</P>
      <div className="ie-form-row">
        <Veld label="Peildatum" beschrijving="Leeg: vandaag">{(id, desc) => <Tekstveld id={id} aria-describedby={desc} type="date" value={peildatum} onChange={(e) => { setPeildatum(e.target.value); setPagina(1); }} />}</Veld>
      </div>
      <Laden staat={staat} />
      {d && (
        <>
          <P>Peildatum {datum(d.peildatum)}, bewaartermijn {d.bewaartermijnJaren} jaar, veldgroepen {d.veldgroepen.join(', ')}.</P>
          <Tabel testId="bewaartermijnen" caption={`${d.trajecten.length} trajecten (pagina ${d.pagina})`}
            kop={['Traject', 'Soort', 'Fase', 'Eindfase sinds', 'Bewaren tot', 'Te wissen', 'Al gewist']}
            rijen={d.trajecten.map((t) => [<span key="i" className="ie-code">{t.trajectId}</span>, t.soort, t.fase, datum(t.finaalSinds), datum(t.bewaarTot),
              t.teWissenVeldgroepen.join(', ') || '–', t.gewisteVeldgroepen.join(', ') || '–'])} />
          <div className="ie-form-row">
            <Knop secundair disabled={pagina <= 1} onClick={() => setPagina(pagina - 1)}>Vorige pagina</Knop>
            <Knop secundair disabled={d.volgende === null} onClick={() => setPagina(pagina + 1)}>Volgende pagina</Knop>
          </div>
        </>
      )}
    </>
  );
}
