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
