import { useContext, useState } from 'react';
import { Gebruiker, heeftRol, useLive } from '../App';
import { haal } from '../api';
import type { TrajectenAntwoord } from '../model';
import { ALink, datum, H1, Knop, Laden, Melding, P, Tabel, useGegevens } from '../ui';

export function Trajecten() {
  const ik = useContext(Gebruiker);
  const live = useLive();
  const [pagina, setPagina] = useState(1);
  const magLijst = heeftRol(ik, 'teamleider', 'klantmanager');
  const staat = useGegevens(
    () => (magLijst ? haal<'/api/v1/trajecten', TrajectenAntwoord>('/api/v1/trajecten', { pagina, paginaGrootte: 25 }) : Promise.resolve(undefined)),
    [pagina, live, magLijst],
  );
  const d = staat.data as TrajectenAntwoord | undefined;
  return (
    <>
      <H1>Trajecten</H1>
      {!magLijst && <Melding>Compliance opent een traject via zijn id (Overzicht) of vanuit het inzagelog en het gebeurtenissenlog.</Melding>}
      <Laden staat={staat} />
      {d && (
        <>
          <P>{d.totaal} trajecten, nieuwste registratie eerst. Een traject openen komt in het inzagelog.</P>
          <Tabel testId="trajecten" caption={`Pagina ${d.pagina} van ${Math.max(1, Math.ceil(d.totaal / d.paginaGrootte))}`}
            kop={['Inburgeraar', 'Soort', 'Doelgroep', 'Fase', 'Leerroute', 'Consulent', 'Registratie']}
            rijen={d.items.map((t) => [
              <ALink key="l" to={`/trajecten/${t.id}`}>{typeof t.naam === 'string' ? t.naam : t.id.slice(0, 8)}</ALink>,
              t.soort, t.doelgroep ?? '–', t.fase, t.leerroute ?? '–', t.consulent ?? '–', datum(t.datumRegistratie),
            ])} />
          <div className="ie-form-row">
            <Knop secundair disabled={pagina <= 1} onClick={() => setPagina(pagina - 1)}>Vorige pagina</Knop>
            <Knop secundair disabled={pagina * d.paginaGrootte >= d.totaal} onClick={() => setPagina(pagina + 1)}>Volgende pagina</Knop>
          </div>
        </>
      )}
    </>
  );
}
