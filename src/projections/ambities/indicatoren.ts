import { AmbitieFeiten, pipOpTijd } from './feiten';
import { Cijfer, cijfer } from './bereken';
import { Periode, binnen } from './periode';

export const LEERROUTES = ['b1', 'onderwijsroute', 'z-route'] as const;

export interface Indicatoren {
  /** Of PIPs set in the period: the recorded PIP deadline not exceeded (no deadline running: on time). */
  pipOpTijd: Cijfer;
  /** Of trajectories registered in the period: the share with BredeIntakeGestart. */
  bredeIntakeGestart: Cijfer;
  /** Of PIPs set in the period: how many per leerroute (the route the PIP set). */
  routeverdeling: { totaal: number; perLeerroute: Record<(typeof LEERROUTES)[number], number>; ids: Record<string, string[]> };
  /** Of trajectories whose inburgeringstermijn `eind` lies in the period: the share voldaan before that (exclusive) eind. */
  inburgeringsplichtVoldaan: Cijfer;
}

/** The national indicators of ambities.md (CBS Statistiek Wet Inburgering, Divosa benchmark). Pure. */
export function berekenIndicatoren(feiten: AmbitieFeiten[], p: Periode): Indicatoren {
  const pips = feiten.filter((f) => f.pip && binnen(f.pip.datum, p));
  const ids: Record<string, string[]> = Object.fromEntries(LEERROUTES.map((r) => [r, [] as string[]]));
  for (const f of pips) ids[f.pip!.leerroute]?.push(f.traject);
  for (const r of LEERROUTES) ids[r].sort();
  return {
    pipOpTijd: cijfer(pips, () => true, pipOpTijd),
    bredeIntakeGestart: cijfer(feiten, (f) => binnen(f.registratie, p), (f) => f.bredeIntakeGestart !== null),
    routeverdeling: {
      totaal: pips.length,
      perLeerroute: Object.fromEntries(LEERROUTES.map((r) => [r, ids[r].length])) as Record<(typeof LEERROUTES)[number], number>,
      ids,
    },
    inburgeringsplichtVoldaan: cijfer(feiten, (f) => binnen(f.termijnEind, p), (f) => f.voldaan !== null && f.voldaan < f.termijnEind!),
  };
}
