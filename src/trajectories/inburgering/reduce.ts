import { InburgeringContext, initialContext } from './context';
import { InburgeringMachineEvent } from './events';

/**
 * A fact's data read from the store decrypts each encrypted field when it is first read (a getter per field, see
 * encrypting-event-store.ts `opener`), about 10 µs a field. The fold decides on none of the free text it copies into
 * the context (interview reports, PIP changes, results, providers, findings), so these copies keep such fields as they
 * are, unread: a getter stays a getter (the same one, which decrypts once for every copy), a value a value. Whoever
 * reads the field (the view, JSON.stringify, a spread) gets the same value as before. A cold load of bench:fold's
 * realistic trajectory opened 56 fields and decided on 20 (the person is a field of its own, activity ids a guard
 * compares); it now opens those 20.
 */
type Velden = Record<string, unknown>;
/** Field `k` of `van` onto `naar`: a getter as the same getter (unread), a value as the value. */
function neem(naar: Velden, van: object, k: string): void {
  const d = Object.getOwnPropertyDescriptor(van, k);
  if (d?.get) Object.defineProperty(naar, k, { get: d.get, set: d.set, enumerable: true, configurable: true });
  else naar[k] = d?.value;
}
/**
 * `bron` copied as a spread would (`{ ...bron, ...waarden }`, without `zonder`), its fields unread; `lees` names fields
 * taken, unread too, from another object (the fact's data) in place of bron's.
 */
function kopie<T extends object>(bron: T, waarden?: Velden, zonder?: string, lees?: { van: object; velden: string[] }): T {
  const uit: Velden = {};
  for (const k of Object.keys(bron)) {
    if (k === zonder) continue;
    if (waarden && k in waarden) uit[k] = waarden[k];
    else neem(uit, lees?.velden.includes(k) ? lees.van : bron, k);
  }
  for (const k in waarden) if (!(k in uit)) uit[k] = waarden[k];
  for (const k of lees?.velden ?? []) if (!(k in uit)) neem(uit, lees!.van, k);
  return uit as T;
}

/**
 * How each fact changes what the trajectory remembers: only the fields it changes. Pure; the machine decides whether
 * a fact may happen. The machine's `apply` hands this to XState's assign, which merges it into a new context: one copy
 * of the context per event instead of two (a fold's events are mostly hours registered).
 */
export function wijziging(c: InburgeringContext, e: InburgeringMachineEvent): Partial<InburgeringContext> {
  switch (e.type) {
    case 'InburgeraarGeregistreerd': {
      const d = e.data;
      return {
        ...initialContext(), doelgroep: d.doelgroep, persoon: d.persoon, consulent: d.consulent ?? null,
        datumRegistratie: d.datum, datumMeldingDuo: d.datumMeldingDuo ?? null,
        datumKoppeling: d.datumKoppeling ?? null, datumInschrijvingBrp: d.datumInschrijvingBrp ?? null,
      };
    }
    case 'InschrijvingBrpGeregistreerd':
      return { datumInschrijvingBrp: e.data.datum };
    case 'BijstandToegekend':
      return { bijstand: [...c.bijstand, { ingangsdatum: e.data.ingangsdatum, einddatum: null }] };
    case 'BijstandBeeindigd':
      return { bijstand: c.bijstand.map((b) => (b.einddatum === null ? { ...b, einddatum: e.data.datum } : b)) };
    case 'OntzorgingGestart':
      return { ontzorging: { ingangsdatum: e.data.ingangsdatum, tot: e.data.tot, einddatum: null, reden: null } };
    case 'OntzorgingVerlengd':
      return { ontzorging: c.ontzorging && { ...c.ontzorging, tot: e.data.tot } };
    case 'OntzorgingBeeindigd':
      return { ontzorging: c.ontzorging && { ...c.ontzorging, einddatum: e.data.datum, reden: e.data.reden } };
    case 'BredeIntakeGestart':
      return { bredeIntake: { ...c.bredeIntake, gestart: e.data.datum } };
    case 'ScreeningUitgevoerd':
      return { screening: kopie(e.data) };
    case 'LeerbaarheidstoetsAfgenomen':
      return { leerbaarheidstoets: { ...e.data } };
    case 'BredeIntakeAfgerond':
      return { bredeIntake: kopie(c.bredeIntake, { afgerond: e.data.datum }, undefined, { van: e.data, velden: ['bevindingen'] }) };
    case 'PipVastgesteld': {
      const d = e.data;
      return {
        leerroute: d.leerroute, inburgeringstermijn: { ...d.inburgeringstermijn },
        pip: { dagtekening: d.datum, voortgangsgesprekken: d.voortgangsgesprekken, participatieactiviteiten: d.participatieactiviteiten, wijzigingen: [] },
      };
    }
    case 'PipGewijzigd':
      return { pip: c.pip && { ...c.pip, wijzigingen: [...c.pip.wijzigingen, kopie(e.data)] } };
    case 'LeerrouteGewijzigd':
      // Wi art. 17 lid 3: afschalen exists only within the B1-route. Leaving it ends the afschaling; coming back
      // does not revive it (a new afschaling is a new decision). This also corrects streams recorded before the rule.
      return { leerroute: e.data.naar, afgeschaald: e.data.van === 'b1' && e.data.naar !== 'b1' ? [] : c.afgeschaald };
    case 'AfgeschaaldNaarA2':
      return { afgeschaald: [...new Set([...c.afgeschaald, ...e.data.onderdelen])] };
    case 'UrenGeregistreerd':
      return { uren: { ...c.uren, [e.data.soort]: c.uren[e.data.soort] + e.data.uren } };
    case 'ParticipatieactiviteitGestart': {
      const a = kopie(e.data, { start: e.data.datum, eind: null, resultaat: null }, 'datum') as unknown as InburgeringContext['participatieactiviteiten'][number];
      return { participatieactiviteiten: [...c.participatieactiviteiten, a] };
    }
    case 'ParticipatieactiviteitAfgerond':
      return {
        participatieactiviteiten: c.participatieactiviteiten.map((a) =>
          a.activiteitId === e.data.activiteitId && a.eind === null ? kopie(a, { eind: e.data.datum }, undefined, { van: e.data, velden: ['resultaat'] }) : a),
      };
    case 'PvtAfgerond':
      return { pvtAfgerond: e.data.datum };
    case 'MapAfgerond':
      return { mapAfgerond: e.data.datum };
    case 'ExamenresultaatGeregistreerd':
      return { examenresultaten: [...c.examenresultaten, { ...e.data, niveau: e.data.niveau ?? null }] };
    case 'OnderwijsrouteAfgerond':
      return { onderwijsrouteAfgerond: e.data.datum };
    case 'ZrouteAfgerond':
      return { zrouteAfgerond: e.data.datum };
    case 'VoortgangsgesprekGevoerd':
      return { voortgangsgesprekken: [...c.voortgangsgesprekken, kopie(e.data)] };
    case 'UitstroomGeregistreerd':
      return { uitstroom: [...c.uitstroom, { ...e.data }] };
    case 'InburgeringstermijnVerlengd':
      return { inburgeringstermijn: c.inburgeringstermijn && { ...c.inburgeringstermijn, eind: e.data.nieuweEinddatum } };
    case 'InburgeringsplichtVoldaan':
      return { einde: { datum: e.data.datum, fase: 'voldaan' } };
    case 'VrijstellingVerleend':
      return { vrijstellingen: [...c.vrijstellingen, kopie(e.data)], einde: e.data.volledig ? { datum: e.data.datum, reden: e.data.grond, fase: 'vrijgesteld' } : c.einde };
    case 'OntheffingVerleend':
      return { ontheffingen: [...c.ontheffingen, kopie(e.data)], einde: e.data.volledig ? { datum: e.data.datum, reden: e.data.grond, fase: 'ontheven' } : c.einde };
    case 'TrajectBeeindigd':
      return { einde: { datum: e.data.datum, reden: e.data.reden, fase: 'beeindigd' } };
    case 'PipTermijnOpgeschort':
      return { pipTermijn: { opgeschortSinds: e.data.datum, informatieOntvangen: null } };
    case 'InformatieDerdenOntvangen':
      return { pipTermijn: { ...c.pipTermijn, informatieOntvangen: e.data.datum } };
    case 'ScreeningTermijnVerstreken':
      return { verstreken: { ...c.verstreken, screening: e.data.uiterlijk } };
    case 'PipTermijnVerstreken':
      return { verstreken: { ...c.verstreken, pip: e.data.uiterlijk } };
    case 'InburgeringstermijnVerstreken':
      return { verstreken: { ...c.verstreken, inburgeringstermijn: [...c.verstreken.inburgeringstermijn, e.data.eind] } };
    case 'MeldingDuoGeregistreerd':
      return { datumMeldingDuo: e.data.datumMeldingDuo };
    case 'TermijnGesteld':
    case 'TermijnGewijzigd':
      return { termijnen: { ...c.termijnen, [e.data.soort]: { ...e.data, uitkomst: null, reden: null } } };
    case 'TermijnVervallen':
      return { termijnen: { ...c.termijnen, [e.data.soort]: { ...e.data } } };
  }
}

/** The context after a fact. */
export const reduce = (c: InburgeringContext, e: InburgeringMachineEvent): InburgeringContext => ({ ...c, ...wijziging(c, e) });
