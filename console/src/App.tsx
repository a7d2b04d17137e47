import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { haal, NietIngelogd, volgUpdates } from './api';
import { configuratie, ConsoleConfiguratie, huidigeSessie, Sessie, SESSIE_VERLOPEN, uitloggen, voltooiOidcLogin } from './auth';
import type { Ik } from './model';
import { Inloggen } from './pages/Inloggen';
import { Overzicht } from './pages/Overzicht';
import { Ambities } from './pages/Ambities';
import { Indicatoren } from './pages/Indicatoren';
import { Termijnen } from './pages/Termijnen';
import { Caseload } from './pages/Caseload';
import { Trajecten } from './pages/Trajecten';
import { Replay } from './pages/Replay';
import { Gebeurtenissen } from './pages/Gebeurtenissen';
import { Inzagelog } from './pages/Inzagelog';
import { Integriteit } from './pages/Integriteit';
import { Bewaartermijnen } from './pages/Bewaartermijnen';
import { Melding, NavLink, P } from './ui';

export const Gebruiker = createContext<Ik | null>(null);
/** Goes up by one after each batch of live updates: teamleider pages reload on it. */
export const LiveVersie = createContext(0);
export const useLive = () => useContext(LiveVersie);
export const heeftRol = (ik: Ik | null, ...rollen: string[]) => !!ik && rollen.some((r) => ik.rollen.includes(r));

const PAGINAS: { pad: string; titel: string; rollen: string[] }[] = [
  { pad: '/ambities', titel: 'Ambities', rollen: ['teamleider'] },
  { pad: '/indicatoren', titel: 'Landelijke indicatoren', rollen: ['teamleider'] },
  { pad: '/termijnen', titel: 'Termijnen', rollen: ['teamleider'] },
  { pad: '/caseload', titel: 'Caseload', rollen: ['teamleider'] },
  { pad: '/trajecten', titel: 'Trajecten', rollen: ['teamleider', 'compliance'] },
  { pad: '/audit/gebeurtenissen', titel: 'Gebeurtenissenlog', rollen: ['compliance'] },
  { pad: '/audit/inzage', titel: 'Inzagelog', rollen: ['compliance'] },
  { pad: '/audit/integriteit', titel: 'Integriteit', rollen: ['compliance'] },
  { pad: '/beheer/bewaartermijnen', titel: 'Bewaartermijnen', rollen: ['beheerder'] },
];

const PAGINA: Record<string, ReactNode> = {
  '/ambities': <Ambities />, '/indicatoren': <Indicatoren />, '/termijnen': <Termijnen />, '/caseload': <Caseload />,
  '/trajecten': <Trajecten />, '/audit/gebeurtenissen': <Gebeurtenissen />, '/audit/inzage': <Inzagelog />,
  '/audit/integriteit': <Integriteit />, '/beheer/bewaartermijnen': <Bewaartermijnen />,
};

/** A page the user's roles may not use: said plainly, without calling the API for a 403. */
function GeenToegang({ rollen }: { rollen: string[] }) {
  return (
    <>
      <h1 className="utrecht-heading-1">Geen toegang</h1>
      <Melding soort="warning">Deze pagina is alleen voor de rol {rollen.join(' of ')}.</Melding>
    </>
  );
}

function Titel() {
  const { pathname } = useLocation();
  useEffect(() => {
    const pagina = PAGINAS.find((p) => pathname === p.pad || pathname.startsWith(`${p.pad}/`));
    const sub = pathname.startsWith('/trajecten/') ? 'Traject terugspelen' : pagina?.titel ?? 'Overzicht';
    document.title = `${sub} — Inburgering console`;
    // Focus the main content after a page change, so screen-reader users hear the new page (WCAG 2.4.3).
    document.getElementById('inhoud')?.focus({ preventScroll: true });
  }, [pathname]);
  return null;
}

function Live({ ik, children }: { ik: Ik; children: ReactNode }) {
  const [versie, setVersie] = useState(0);
  const [verbonden, setVerbonden] = useState(false);
  const [laatste, setLaatste] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!heeftRol(ik, 'teamleider')) return;
    return volgUpdates(() => {
      // Several projections move per command: reload once they settle.
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        setVersie((v) => v + 1);
        setLaatste(new Date().toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam' }));
      }, 300);
    }, setVerbonden);
  }, [ik]);
  return (
    <LiveVersie.Provider value={versie}>
      {heeftRol(ik, 'teamleider') && (
        <p className="utrecht-paragraph ie-small" data-testid="live-status" data-versie={versie} data-verbonden={verbonden}>
          {verbonden ? 'Live: de cijfers verversen na elke wijziging.' : 'Live bijwerken: verbinding maken…'}
          {laatste && <span> Laatst bijgewerkt om {laatste}.</span>}
        </p>
      )}
      {children}
    </LiveVersie.Provider>
  );
}

function Shell({ ik, config }: { ik: Ik; config: ConsoleConfiguratie | null }) {
  const paginas = PAGINAS.filter((p) => heeftRol(ik, ...p.rollen));
  return (
    <>
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Naar de inhoud</a>
      <header className="ie-header">
        <span className="ie-merk">Inburgering — console</span>
        <div>
          <span data-testid="gebruiker">{ik.naam ?? ik.sub} ({ik.rollen.join(', ')})</span>{' '}
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void uitloggen(config)}>Uitloggen</button>
        </div>
      </header>
      <nav className="ie-nav" aria-label="Hoofdmenu">
        <ul>
          <li><NavLink to="/">Overzicht</NavLink></li>
          {paginas.map((p) => <li key={p.pad}><NavLink to={p.pad}>{p.titel}</NavLink></li>)}
        </ul>
      </nav>
      <main className="ie-main" id="inhoud" tabIndex={-1}>
        <Titel />
        <Live ik={ik}>
          <Routes>
            <Route path="/" element={<Overzicht paginas={paginas} />} />
            {PAGINAS.map((p) => (
              <Route key={p.pad} path={p.pad} element={heeftRol(ik, ...p.rollen) ? PAGINA[p.pad] : <GeenToegang rollen={p.rollen} />} />
            ))}
            <Route path="/trajecten/:id" element={heeftRol(ik, 'teamleider', 'compliance', 'klantmanager') ? <Replay /> : <GeenToegang rollen={['teamleider', 'compliance']} />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Live>
      </main>
    </>
  );
}

export function App() {
  const [config, setConfig] = useState<ConsoleConfiguratie | null>(null);
  const [sessie, setSessie] = useState<Sessie | null>(null);
  const [ik, setIk] = useState<Ik | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  const [klaar, setKlaar] = useState(false);

  useEffect(() => {
    (async () => {
      const c = await configuratie();
      setConfig(c);
      const terug = await voltooiOidcLogin(c);
      if (terug && terug.terugNaar !== '/console/') history.replaceState(null, '', terug.terugNaar);
      setSessie(terug?.sessie ?? huidigeSessie());
    })().catch((err: Error) => setFout(err.message)).finally(() => setKlaar(true));
  }, []);

  useEffect(() => {
    const verlopen = (e: Event) => {
      setSessie(null);
      setIk(null);
      setFout(`${(e as CustomEvent<string>).detail}. Log opnieuw in.`);
    };
    window.addEventListener(SESSIE_VERLOPEN, verlopen);
    return () => window.removeEventListener(SESSIE_VERLOPEN, verlopen);
  }, []);

  useEffect(() => {
    if (!sessie) return;
    haal<'/api/v1/console/ik', Ik>('/api/v1/console/ik').then(
      (i) => setIk(i as Ik),
      (err: Error) => {
        if (!(err instanceof NietIngelogd)) setFout(err.message);
      },
    );
  }, [sessie]);

  if (!klaar) return <main className="ie-main"><P><span role="status">Bezig met laden…</span></P></main>;
  if (!sessie || !ik) {
    return (
      <main className="ie-main" id="inhoud">
        {fout && <Melding soort="error">{fout}</Melding>}
        {sessie && !ik && !fout ? <P><span role="status">Bezig met inloggen…</span></P> : <Inloggen config={config} onIngelogd={setSessie} />}
      </main>
    );
  }
  return (
    <Gebruiker.Provider value={ik}>
      <BrowserRouter basename="/console">
        <Shell ik={ik} config={config} />
      </BrowserRouter>
    </Gebruiker.Provider>
  );
}
