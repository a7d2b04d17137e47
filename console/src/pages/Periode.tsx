import { Keuze, Veld } from '../ui';

export interface PeriodeKeuze { jaar: number; halfjaar?: 1 | 2 }

/** A year (2022 up to this year) or one of its halves. */
export function PeriodeKiezer({ waarde, onChange }: { waarde: PeriodeKeuze; onChange: (p: PeriodeKeuze) => void }) {
  const dit = new Date().getFullYear();
  const jaren = Array.from({ length: dit - 2021 }, (_, i) => dit - i);
  return (
    <div className="ie-form-row">
      <Veld label="Jaar">{(id) => (
        <Keuze id={id} value={waarde.jaar} onChange={(e) => onChange({ ...waarde, jaar: Number(e.target.value) })}>
          {jaren.map((j) => <option key={j} value={j}>{j}</option>)}
        </Keuze>
      )}</Veld>
      <Veld label="Periode">{(id) => (
        <Keuze id={id} value={waarde.halfjaar ?? ''} onChange={(e) => onChange({ ...waarde, halfjaar: e.target.value ? (Number(e.target.value) as 1 | 2) : undefined })}>
          <option value="">Heel jaar</option>
          <option value="1">Eerste halfjaar</option>
          <option value="2">Tweede halfjaar</option>
        </Keuze>
      )}</Veld>
    </div>
  );
}

export function standaardPeriode(): PeriodeKeuze {
  const q = new URLSearchParams(location.search);
  const jaar = Number(q.get('jaar')) || new Date().getFullYear();
  const h = Number(q.get('halfjaar'));
  return { jaar, halfjaar: h === 1 || h === 2 ? h : undefined };
}
