import { ReactNode, useEffect, useId, useState } from 'react';
import { Link, useLocation } from 'react-router';

/** NL Design System (Utrecht) components as CSS classes on plain, semantic HTML. */
export const H1 = ({ children }: { children: ReactNode }) => <h1 className="utrecht-heading-1">{children}</h1>;
export const H2 = ({ children, id }: { children: ReactNode; id?: string }) => <h2 className="utrecht-heading-2" id={id}>{children}</h2>;
export const H3 = ({ children }: { children: ReactNode }) => <h3 className="utrecht-heading-3">{children}</h3>;
export const P = ({ children, className = '' }: { children: ReactNode; className?: string }) => <p className={`utrecht-paragraph ${className}`}>{children}</p>;

export function Knop({ children, onClick, type = 'button', secundair, disabled }: {
  children: ReactNode; onClick?: () => void; type?: 'button' | 'submit'; secundair?: boolean; disabled?: boolean;
}) {
  return (
    <button type={type} onClick={onClick} disabled={disabled} aria-disabled={disabled || undefined}
      className={`utrecht-button utrecht-button--${secundair ? 'secondary' : 'primary'}-action${disabled ? ' utrecht-button--disabled' : ''}`}>
      {children}
    </button>
  );
}

export const ALink = ({ to, children }: { to: string; children: ReactNode }) => <Link className="utrecht-link utrecht-link--html-a" to={to}>{children}</Link>;

export function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const { pathname } = useLocation();
  const current = pathname === to || (to !== '/' && pathname.startsWith(`${to}/`));
  return <Link className={`utrecht-link utrecht-link--html-a${current ? ' utrecht-link--current' : ''}`} to={to} aria-current={current ? 'page' : undefined}>{children}</Link>;
}

export function Veld({ label, children, beschrijving }: { label: string; beschrijving?: string; children: (id: string, descId?: string) => ReactNode }) {
  const id = useId();
  const descId = beschrijving ? `${id}-b` : undefined;
  return (
    <div className="utrecht-form-field">
      <div className="utrecht-form-field__label"><label className="utrecht-form-label" htmlFor={id}>{label}</label></div>
      {beschrijving && <div className="utrecht-form-field-description" id={descId}>{beschrijving}</div>}
      <div className="utrecht-form-field__input">{children(id, descId)}</div>
    </div>
  );
}

export const Tekstveld = (props: React.InputHTMLAttributes<HTMLInputElement>) => <input className="utrecht-textbox utrecht-textbox--html-input" {...props} />;
export const Keuze = (props: React.SelectHTMLAttributes<HTMLSelectElement>) => <select className="utrecht-select utrecht-select--html-select" {...props} />;

export function Melding({ soort = 'info', children }: { soort?: 'info' | 'ok' | 'warning' | 'error'; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${soort}`} role={soort === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content"><div className="utrecht-alert__message">{children}</div></div>
    </div>
  );
}

export function Tabel({ caption, kop, rijen, numeriek = [], testId }: {
  caption: ReactNode; kop: ReactNode[]; rijen: ReactNode[][]; numeriek?: number[]; testId?: string;
}) {
  return (
    <div className="utrecht-table-container">
      <table className="utrecht-table utrecht-table--html-table" data-testid={testId}>
        <caption className="utrecht-table__caption">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {kop.map((k, i) => (
              <th key={i} scope="col" className={`utrecht-table__header-cell${numeriek.includes(i) ? ' utrecht-table__header-cell--numeric-column' : ''}`}>{k}</th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rijen.length === 0 && <tr className="utrecht-table__row"><td className="utrecht-table__cell" colSpan={kop.length}>Geen gegevens</td></tr>}
          {rijen.map((r, i) => (
            <tr key={i} className="utrecht-table__row">
              {r.map((c, j) => (
                j === 0
                  ? <th key={j} scope="row" className="utrecht-table__header-cell">{c}</th>
                  : <td key={j} className={`utrecht-table__cell${numeriek.includes(j) ? ' utrecht-table__cell--numeric-data' : ''}`}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Loads data for a page; `sleutel` changes (filters, a live update) load it again. */
export function useGegevens<T>(laad: () => Promise<T>, sleutel: unknown[]): { data?: T; fout?: string; bezig: boolean } {
  const [staat, setStaat] = useState<{ data?: T; fout?: string; bezig: boolean }>({ bezig: true });
  useEffect(() => {
    let actueel = true;
    setStaat((s) => ({ ...s, bezig: true }));
    laad().then(
      (data) => actueel && setStaat({ data, bezig: false }),
      (err: Error) => actueel && setStaat({ fout: err.message, bezig: false }),
    );
    return () => { actueel = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, sleutel);
  return staat;
}

export function Laden({ staat }: { staat: { fout?: string; bezig: boolean; data?: unknown } }) {
  if (staat.fout) return <Melding soort="error">{staat.fout}</Melding>;
  if (staat.bezig && !staat.data) return <P className="ie-status"><span role="status">Bezig met laden…</span></P>;
  return null;
}

export const procent = (p: number | null | undefined) => (p === null || p === undefined ? '–' : `${p.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);
export const datum = (d: string | null | undefined) => (d ? new Date(`${d.slice(0, 10)}T12:00:00Z`).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }) : '–');
export const tijdstip = (t: string) => new Date(t).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'medium' });
export const GEHAALD = (g: boolean | null) => (g === null ? <span>geen noemer</span> : g ? <span className="ie-gehaald">gehaald</span> : <span className="ie-niet-gehaald">niet gehaald</span>);
