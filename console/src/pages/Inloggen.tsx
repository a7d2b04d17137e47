import { FormEvent, useState } from 'react';
import { ConsoleConfiguratie, ontwikkelLogin, Sessie, startOidcLogin } from '../auth';
import { H1, H2, Knop, Melding, P, Tekstveld, Veld } from '../ui';

const ROLLEN = ['teamleider', 'compliance', 'beheerder', 'klantmanager'];

export function Inloggen({ config, onIngelogd }: { config: ConsoleConfiguratie | null; onIngelogd: (s: Sessie) => void }) {
  const [fout, setFout] = useState<string | null>(null);
  const [sub, setSub] = useState('tess');
  const [naam, setNaam] = useState('Tess Teamleider');
  const [rollen, setRollen] = useState<string[]>(['teamleider']);

  const oidc = () => startOidcLogin(config!, location.pathname + location.search).catch((err: Error) => setFout(err.message));
  const ontwikkel = (e: FormEvent) => {
    e.preventDefault();
    ontwikkelLogin(sub, naam, rollen).then(onIngelogd, (err: Error) => setFout(err.message));
  };
  return (
    <>
      <H1>Inloggen</H1>
      <P>De console voor teamleiders, compliance en beheer van de Wet inburgering 2021.</P>
      {fout && <Melding soort="error">{fout}</Melding>}
      {config?.issuer && <Knop onClick={oidc}>Inloggen met uw gemeente-account</Knop>}
      {!config?.issuer && !config?.ontwikkelLogin && <Melding soort="warning">Er is geen identiteitsprovider ingesteld (AUTH_ISSUER).</Melding>}
      {config?.ontwikkelLogin && (
        <form onSubmit={ontwikkel} aria-labelledby="ontwikkel-kop">
          <H2 id="ontwikkel-kop">Ontwikkel-login</H2>
          <P>Alleen in ontwikkeling: de server tekent een token van een uur met zijn ontwikkelgeheim.</P>
          <Veld label="Gebruikersnaam (sub)">{(id) => <Tekstveld id={id} value={sub} onChange={(e) => setSub(e.target.value)} required autoComplete="username" />}</Veld>
          <Veld label="Naam">{(id) => <Tekstveld id={id} value={naam} onChange={(e) => setNaam(e.target.value)} autoComplete="name" />}</Veld>
          <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Rollen</legend>
            {ROLLEN.map((r) => (
              <div className="utrecht-form-field utrecht-form-field--checkbox" key={r}>
                <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" id={`rol-${r}`} checked={rollen.includes(r)}
                  onChange={(e) => setRollen(e.target.checked ? [...rollen, r] : rollen.filter((x) => x !== r))} />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`rol-${r}`}> {r}</label>
              </div>
            ))}
          </fieldset>
          <Knop type="submit" secundair={!!config.issuer}>Inloggen (ontwikkeling)</Knop>
        </form>
      )}
    </>
  );
}
