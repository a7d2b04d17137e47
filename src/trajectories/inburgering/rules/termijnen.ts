import { laatste, plusDagen, plusWeken } from '../../core/kalender';
import { InburgeringContext } from '../context';

/** Deadlines derived from what the trajectory remembers. Each returns the last day on time, or null when none runs. */

/** Bossche ambitie 1 (seed ch. 4): screening by Weener XL within 10 weeks after koppeling. */
export function screeningUiterlijk(c: InburgeringContext): string | null {
  return c.doelgroep === 'asielstatushouder' && c.datumKoppeling ? plusWeken(c.datumKoppeling, 10) : null;
}

// Besluit inburgering 2021 art. 5.3 (text from 1-1-2023, Stb. 2022, 489): 10 weeks after DUO's melding,
// or after BRP registration where that came later; before 2023 the clock ran from BRP registration only.
const PIP_2023 = '2023-01-01';

function pipStart(c: InburgeringContext): string | null {
  const { datumMeldingDuo: melding, datumInschrijvingBrp: brp } = c;
  if (melding && melding >= PIP_2023) {
    if (brp) return laatste(melding, brp);
    // An asielstatushouder without BRP registration is not yet housed: the clock waits for registration.
    // A gezinsmigrant lives here already; an unrecorded registration date does not stop the clock.
    return c.doelgroep === 'gezinsmigrant' ? melding : null;
  }
  return brp;
}

/**
 * The PIP's last day on time, or null when it does not run yet (no melding/registration) or is suspended.
 * While waiting for third-party information the term is suspended (Besluit art. 5.3 lid 2);
 * afterwards it is the later of the old last day and receipt + 14 days.
 */
export function pipUiterlijk(c: InburgeringContext): string | null {
  const start = pipStart(c);
  if (!start) return null;
  const basis = plusWeken(start, 10);
  const { opgeschortSinds, informatieOntvangen } = c.pipTermijn;
  if (opgeschortSinds && !informatieOntvangen) return null;
  return informatieOntvangen ? laatste(basis, plusDagen(informatieOntvangen, 14)) : basis;
}

/** True while the PIP term is suspended waiting for third-party information. */
export const pipTermijnOpgeschort = (c: InburgeringContext): boolean =>
  !!c.pipTermijn.opgeschortSinds && !c.pipTermijn.informatieOntvangen;
