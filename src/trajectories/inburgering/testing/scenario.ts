import { DomainEvent } from '../../core/kind';
import { given } from '../../core/testing/given';
import { feit } from '../actions';
import { Doelgroep, Examenonderdeel, InburgeringEventData, Leerroute, Niveau } from '../events';
import { inburgeringKind } from '../kind';

/**
 * A typical life of an inburgering trajectory as stored facts, for the unit specs.
 * Koppeling 2024-01-05, melding DUO 2024-01-10, registration 2024-01-15, BRP 2024-01-20,
 * brede intake February, PIP dagtekening 2024-03-14 → inburgeringstermijn 2024-03-15 .. 2027-03-15.
 */

export const TODAY = '2025-06-01';
export const PIP_DATUM = '2024-03-14';
export const TERMIJN = { start: '2024-03-15', eind: '2027-03-15' };

export const persoon = { naam: 'Amal Haddad', geboortedatum: '2000-05-02', geslacht: 'vrouw' as const };

type Registratie = Partial<InburgeringEventData['InburgeraarGeregistreerd']>;

export function geregistreerd(doelgroep: Doelgroep = 'asielstatushouder', extra: Registratie = {}): DomainEvent {
  const datum = extra.datum ?? '2024-01-15';
  return feit('InburgeraarGeregistreerd', {
    soort: 'inburgering', doelgroep, persoon, datum, datumMeldingDuo: '2024-01-10',
    ...(doelgroep === 'asielstatushouder' ? { datumKoppeling: '2024-01-05', datumInschrijvingBrp: '2024-01-20' } : {}),
    ...extra,
  }, datum);
}

export const bevindingen = { opleiding: 'mbo', werkervaring: 'kapper', gezondheid: 'goed', kinderenVve: 'n.v.t.' };

export const intake = (): DomainEvent[] => [
  feit('BredeIntakeGestart', { datum: '2024-02-01' }, '2024-02-01'),
  feit('LeerbaarheidstoetsAfgenomen', { datum: '2024-02-08', adviesNiveau: 'B1', adviesLeerroute: 'b1' }, '2024-02-08'),
  feit('BredeIntakeAfgerond', { datum: '2024-02-20', bevindingen }, '2024-02-20'),
];

export const pip = (leerroute: Leerroute = 'b1', datum = PIP_DATUM, eind = TERMIJN.eind): DomainEvent =>
  feit('PipVastgesteld', {
    datum, leerroute, voortgangsgesprekken: 2, participatieactiviteiten: ['taalondersteuning'],
    map: leerroute === 'onderwijsroute' ? 'niet-van-toepassing' : 'van-toepassing',
    inburgeringstermijn: { start: TERMIJN.start, eind },
  }, datum);

export const uren = (soort: InburgeringEventData['UrenGeregistreerd']['soort'], n: number, datum = '2024-06-01'): DomainEvent =>
  feit('UrenGeregistreerd', { datum, soort, uren: n }, datum);

export const examen = (onderdeel: Examenonderdeel, niveau: Niveau | undefined, behaald = true, datum = '2025-01-10'): DomainEvent =>
  feit('ExamenresultaatGeregistreerd', { datum, onderdeel, ...(niveau ? { niveau } : {}), behaald }, datum);

/** All four language parts at B1 and KNM passed. */
export const b1Examen = (): DomainEvent[] => [
  examen('lezen', 'B1'), examen('luisteren', 'B1'), examen('schrijven', 'B1'), examen('spreken', 'B1'), examen('knm', undefined),
];

export const pvtAfgerond = (datum = '2024-05-01') => feit('PvtAfgerond', { datum }, datum);
export const mapAfgerond = (datum = '2024-09-01') => feit('MapAfgerond', { datum }, datum);

export const aangemeld = (doelgroep: Doelgroep = 'asielstatushouder', extra: Registratie = {}) => [geregistreerd(doelgroep, extra)];
export const inIntake = (doelgroep: Doelgroep = 'asielstatushouder') => [geregistreerd(doelgroep), intake()[0]];
export const intakeAfgerond = (doelgroep: Doelgroep = 'asielstatushouder') => [geregistreerd(doelgroep), ...intake()];
export const inUitvoering = (leerroute: Leerroute = 'b1', doelgroep: Doelgroep = 'asielstatushouder') =>
  [geregistreerd(doelgroep), ...intake(), pip(leerroute)];

/** given(inburgeringKind, ...facts) */
export const inburgering = (...events: (DomainEvent | DomainEvent[])[]) => given(inburgeringKind, ...events.flat());

export const op = { today: TODAY };

/** A plausible valid body for every HTTP action of the inburgering table, dated `datum`. */
export const voorbeeld = (actie: string, datum = '2025-01-15'): Record<string, unknown> => {
  const bodies: Record<string, Record<string, unknown>> = {
    'registreer-bijstand': { ingangsdatum: datum },
    'verleng-ontzorging': { datum, tot: '2030-01-01', reden: 'schulden' },
    'beeindig-ontzorging': { datum, reden: 'op-verzoek' },
    'registreer-screening': { datum },
    'registreer-leerbaarheidstoets': { datum, adviesNiveau: 'B1', adviesLeerroute: 'b1' },
    'rond-brede-intake-af': { datum, bevindingen },
    'stel-pip-vast': { datum, leerroute: 'b1', voortgangsgesprekken: 1, participatieactiviteiten: [] },
    'wijzig-pip': { datum, wijziging: 'meer taalondersteuning', reden: 'voortgang' },
    'wijzig-leerroute': { datum, naar: 'z-route', reden: 'leerbaarheid' },
    'schaal-af-naar-a2': { datum, onderdelen: ['spreken'], onderbouwing: 'aanzienlijke inspanning' },
    'registreer-uren': { datum, soort: 'nt2', uren: 10 },
    'start-participatieactiviteit': { datum, activiteitId: 'act-1', soort: 'sport', categorie: 'sociaal', aanbieder: 'Sportbedrijf' },
    'rond-participatieactiviteit-af': { datum, activiteitId: 'act-1', resultaat: 'afgerond' },
    'registreer-examenresultaat': { datum, onderdeel: 'knm', behaald: true },
    'registreer-voortgangsgesprek': { datum, verslag: 'goed op weg' },
    'registreer-uitstroom': { datum, soort: 'vrijwilligerswerk' },
    'verleng-inburgeringstermijn': { datum, nieuweEinddatum: '2030-01-01', grond: 'niet-verwijtbaar' },
    'registreer-vrijstelling': { datum, grond: 'Nederlands diploma', volledig: false, onderdelen: ['lezen', 'luisteren'] },
    'registreer-ontheffing': { datum, grond: 'medisch', volledig: false, onderdelen: ['participatie'] },
    'beeindig-traject': { datum, reden: 'verhuisd' },
    'stel-pip-termijn-op': { datum, reden: 'wacht op medisch advies' },
    'registreer-melding-duo': { datumMeldingDuo: datum },
  };
  return bodies[actie] ?? { datum };
};
