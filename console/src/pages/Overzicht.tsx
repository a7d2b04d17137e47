import { FormEvent, useContext, useState } from 'react';
import { useNavigate } from 'react-router';
import { Gebruiker, heeftRol } from '../App';
import { ALink, H1, H2, Knop, P, Tekstveld, Veld } from '../ui';

const UITLEG: Record<string, string> = {
  '/ambities': 'De zes Bossche ambities per jaar of halfjaar, met de trend per jaar en de trajecten die meetellen.',
  '/indicatoren': 'PIP op tijd, brede intake gestart, routeverdeling en inburgeringsplicht voldaan.',
  '/termijnen': 'Lopende termijnen die binnenkort verlopen en verstreken termijnen, per consulent.',
  '/caseload': 'Open trajecten per consulent, fase en leerroute.',
  '/trajecten': 'Zoek een traject en speel zijn geschiedenis terug.',
  '/audit/gebeurtenissen': 'Zoek in het gebeurtenissenlog en download het als NDJSON of CSV.',
  '/audit/inzage': 'Wie las welk dossier wanneer, per dossier of per gebruiker.',
  '/audit/integriteit': 'Controleer de hashketen van elke stream.',
  '/beheer/bewaartermijnen': 'Trajecten waarvan de bewaartermijn voorbij is.',
};

export function Overzicht({ paginas }: { paginas: { pad: string; titel: string }[] }) {
  const ik = useContext(Gebruiker);
  const navigate = useNavigate();
  const [id, setId] = useState('');
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (id.trim()) navigate(`/trajecten/${id.trim()}`);
  };
  return (
    <>
      <H1>Overzicht</H1>
      <P>Welkom, {ik?.naam ?? ik?.sub}. U ziet wat uw rollen ({ik?.rollen.join(', ')}) mogen zien.</P>
      <ul className="utrecht-unordered-list">
        {paginas.map((p) => <li key={p.pad}><ALink to={p.pad}>{p.titel}</ALink>: {UITLEG[p.pad]}</li>)}
      </ul>
      {heeftRol(ik, 'teamleider', 'compliance', 'klantmanager') && (
        <form onSubmit={open}>
          <H2>Traject openen</H2>
          <P>Een traject openen wordt vastgelegd in het inzagelog.</P>
          <div className="ie-form-row">
            <Veld label="Traject-id">{(fid) => <Tekstveld id={fid} value={id} onChange={(e) => setId(e.target.value)} size={40} />}</Veld>
            <Knop type="submit">Openen</Knop>
          </div>
        </form>
      )}
    </>
  );
}
