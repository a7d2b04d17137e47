/**
 * The top-level phase (the view's `fase`) followed from event types alone, as both machines move
 * (trajectory.md): read models need no machine to know it.
 */

/** The final phases: a trajectory there accepts nothing but reads. */
export const FINALE_FASEN = ['voldaan', 'vrijgesteld', 'ontheven', 'beeindigd', 'afgesloten'] as const;
export const FASEN = ['aangemeld', 'intake', 'uitvoering', 'begeleiding', ...FINALE_FASEN] as const;
export type Fase = (typeof FASEN)[number];

export const isFinaal = (fase: string | null | undefined): boolean => !!fase && (FINALE_FASEN as readonly string[]).includes(fase);

/** The event types that can move the phase (a read model following the phase declares them among its `types`). */
export const FASE_TYPES: readonly string[] = [
  'InburgeraarGeregistreerd', 'BredeIntakeGestart', 'PipVastgesteld', 'InburgeringsplichtVoldaan', 'VrijstellingVerleend',
  'OntheffingVerleend', 'TrajectBeeindigd', 'AdviesgesprekGevoerd', 'BegeleidingAfgesloten',
];
const BEWEGEND = new Set(FASE_TYPES);
/** Whether an event of this type can move the phase (a read model may skip the others without reading its row). */
export const beweegtFase = (type: string): boolean => BEWEGEND.has(type);

/** The phase after an event; the same phase when the event does not move it. A final phase never moves. */
export function faseNa(huidig: string | null, type: string, data: Record<string, unknown>): string | null {
  if (type === 'InburgeraarGeregistreerd') return 'aangemeld';
  if (isFinaal(huidig)) return huidig;
  switch (type) {
    // inburgering: aangemeld → intake → uitvoering → voldaan; final from any non-final phase
    case 'BredeIntakeGestart': return 'intake';
    case 'PipVastgesteld': return 'uitvoering';
    case 'InburgeringsplichtVoldaan': return 'voldaan';
    case 'VrijstellingVerleend': return data.volledig === true ? 'vrijgesteld' : huidig;
    case 'OntheffingVerleend': return data.volledig === true ? 'ontheven' : huidig;
    case 'TrajectBeeindigd': return 'beeindigd';
    // ondertussen: aangemeld → begeleiding (first advice) → afgesloten
    case 'AdviesgesprekGevoerd': return huidig === 'aangemeld' ? 'begeleiding' : huidig;
    case 'BegeleidingAfgesloten': return 'afgesloten';
    default: return huidig;
  }
}

/**
 * The business date an event carries: its data's `datum`, else the envelope's. The envelope's is asked for only when the
 * data has none: a rebuild's events read their metadata from the store when first asked for it.
 */
export const datumVan = (data: Record<string, unknown>, metadataDatum: () => string): string =>
  typeof data.datum === 'string' ? data.datum : metadataDatum();
