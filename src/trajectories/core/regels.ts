import { ValidationFailed } from './errors';

/**
 * A business rule refused the command; the handler adds the state and the allowed actions (422).
 * `ontbrekendeVelden` names the body fields the rule needs but did not get, so a client can ask for them.
 */
export class Geweigerd extends Error {
  constructor(message: string, readonly ontbrekendeVelden: string[] = []) {
    super(message);
    this.name = 'Geweigerd';
  }
}

export function weiger(message: string, ontbrekendeVelden: string[] = []): never {
  throw new Geweigerd(message, ontbrekendeVelden);
}

/** Facts are recorded after they happen, never before (trajectory.md "Dates and time"): a future date is a 400. */
export function nietInToekomst(today: string, velden: Record<string, string | undefined>): void {
  const fouten = Object.entries(velden)
    .filter(([, d]) => d !== undefined && d > today)
    .map(([veld, d]) => ({ veld, fouten: [`${veld} (${d}) ligt in de toekomst; vandaag is ${today}`] }));
  if (fouten.length) throw new ValidationFailed('Een datum ligt in de toekomst', fouten);
}

/**
 * Facts that other registers date and that may precede the municipality's registration: the BRP registration, DUO's
 * melding, the day the right to bijstand arose (with the ontzorging that starts on it, Pw art. 56a) and its end; and
 * the deadline facts the decider records with the date of the fact that caused them.
 */
const MAG_VOOR_REGISTRATIE = new Set([
  'InschrijvingBrpGeregistreerd', 'MeldingDuoGeregistreerd', 'BijstandToegekend', 'BijstandBeeindigd', 'OntzorgingGestart', 'OntzorgingBeeindigd',
  'TermijnGesteld', 'TermijnGewijzigd', 'TermijnVervallen',
]);

/**
 * A fact of the trajectory cannot have happened before the trajectory was registered (trajectory.md "Dates and
 * time": facts are dated when they happen): `datum: 0000-01-01` on an action is a 400, like a future date.
 */
export function nietVoorRegistratie(registratiedatum: string | undefined, events: { type: string; datum: string }[]): void {
  if (!registratiedatum) return;
  const fouten = events
    .filter((e) => !MAG_VOOR_REGISTRATIE.has(e.type) && e.datum < registratiedatum)
    .map((e) => ({ veld: 'datum', fouten: [`${e.type} (${e.datum}) ligt vóór de registratie van het traject (${registratiedatum})`] }));
  if (fouten.length) throw new ValidationFailed('Een datum ligt vóór de registratie', fouten);
}
