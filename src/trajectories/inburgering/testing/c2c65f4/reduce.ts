/** TEST FIXTURE: reduce as on main c2c65f4 (a whole new context per fact), for machine.ts beside it. Not used by the app. */
import { InburgeringContext, initialContext } from '../../context';
import { InburgeringMachineEvent } from '../../events';

/** How each fact changes what the trajectory remembers. Pure; the machine decides whether a fact may happen. */
export function reduce(c: InburgeringContext, e: InburgeringMachineEvent): InburgeringContext {
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
      return { ...c, datumInschrijvingBrp: e.data.datum };
    case 'BijstandToegekend':
      return { ...c, bijstand: [...c.bijstand, { ingangsdatum: e.data.ingangsdatum, einddatum: null }] };
    case 'BijstandBeeindigd':
      return { ...c, bijstand: c.bijstand.map((b) => (b.einddatum === null ? { ...b, einddatum: e.data.datum } : b)) };
    case 'OntzorgingGestart':
      return { ...c, ontzorging: { ingangsdatum: e.data.ingangsdatum, tot: e.data.tot, einddatum: null, reden: null } };
    case 'OntzorgingVerlengd':
      return { ...c, ontzorging: c.ontzorging && { ...c.ontzorging, tot: e.data.tot } };
    case 'OntzorgingBeeindigd':
      return { ...c, ontzorging: c.ontzorging && { ...c.ontzorging, einddatum: e.data.datum, reden: e.data.reden } };
    case 'BredeIntakeGestart':
      return { ...c, bredeIntake: { ...c.bredeIntake, gestart: e.data.datum } };
    case 'ScreeningUitgevoerd':
      return { ...c, screening: { ...e.data } };
    case 'LeerbaarheidstoetsAfgenomen':
      return { ...c, leerbaarheidstoets: { ...e.data } };
    case 'BredeIntakeAfgerond':
      return { ...c, bredeIntake: { ...c.bredeIntake, afgerond: e.data.datum, bevindingen: e.data.bevindingen } };
    case 'PipVastgesteld': {
      const d = e.data;
      return {
        ...c, leerroute: d.leerroute, inburgeringstermijn: { ...d.inburgeringstermijn },
        pip: { dagtekening: d.datum, voortgangsgesprekken: d.voortgangsgesprekken, participatieactiviteiten: d.participatieactiviteiten, wijzigingen: [] },
      };
    }
    case 'PipGewijzigd':
      return { ...c, pip: c.pip && { ...c.pip, wijzigingen: [...c.pip.wijzigingen, { ...e.data }] } };
    case 'LeerrouteGewijzigd':
      // Wi art. 17 lid 3: afschalen exists only within the B1-route. Leaving it ends the afschaling; coming back
      // does not revive it (a new afschaling is a new decision). This also corrects streams recorded before the rule.
      return { ...c, leerroute: e.data.naar, afgeschaald: e.data.van === 'b1' && e.data.naar !== 'b1' ? [] : c.afgeschaald };
    case 'AfgeschaaldNaarA2':
      return { ...c, afgeschaald: [...new Set([...c.afgeschaald, ...e.data.onderdelen])] };
    case 'UrenGeregistreerd':
      return { ...c, uren: { ...c.uren, [e.data.soort]: c.uren[e.data.soort] + e.data.uren } };
    case 'ParticipatieactiviteitGestart': {
      const { datum, ...a } = e.data;
      return { ...c, participatieactiviteiten: [...c.participatieactiviteiten, { ...a, start: datum, eind: null, resultaat: null }] };
    }
    case 'ParticipatieactiviteitAfgerond':
      return {
        ...c,
        participatieactiviteiten: c.participatieactiviteiten.map((a) =>
          a.activiteitId === e.data.activiteitId && a.eind === null ? { ...a, eind: e.data.datum, resultaat: e.data.resultaat } : a),
      };
    case 'PvtAfgerond':
      return { ...c, pvtAfgerond: e.data.datum };
    case 'MapAfgerond':
      return { ...c, mapAfgerond: e.data.datum };
    case 'ExamenresultaatGeregistreerd':
      return { ...c, examenresultaten: [...c.examenresultaten, { ...e.data, niveau: e.data.niveau ?? null }] };
    case 'OnderwijsrouteAfgerond':
      return { ...c, onderwijsrouteAfgerond: e.data.datum };
    case 'ZrouteAfgerond':
      return { ...c, zrouteAfgerond: e.data.datum };
    case 'VoortgangsgesprekGevoerd':
      return { ...c, voortgangsgesprekken: [...c.voortgangsgesprekken, { ...e.data }] };
    case 'UitstroomGeregistreerd':
      return { ...c, uitstroom: [...c.uitstroom, { ...e.data }] };
    case 'InburgeringstermijnVerlengd':
      return { ...c, inburgeringstermijn: c.inburgeringstermijn && { ...c.inburgeringstermijn, eind: e.data.nieuweEinddatum } };
    case 'InburgeringsplichtVoldaan':
      return { ...c, einde: { datum: e.data.datum, fase: 'voldaan' } };
    case 'VrijstellingVerleend':
      return { ...c, vrijstellingen: [...c.vrijstellingen, { ...e.data }], einde: e.data.volledig ? { datum: e.data.datum, reden: e.data.grond, fase: 'vrijgesteld' } : c.einde };
    case 'OntheffingVerleend':
      return { ...c, ontheffingen: [...c.ontheffingen, { ...e.data }], einde: e.data.volledig ? { datum: e.data.datum, reden: e.data.grond, fase: 'ontheven' } : c.einde };
    case 'TrajectBeeindigd':
      return { ...c, einde: { datum: e.data.datum, reden: e.data.reden, fase: 'beeindigd' } };
    case 'PipTermijnOpgeschort':
      return { ...c, pipTermijn: { opgeschortSinds: e.data.datum, informatieOntvangen: null } };
    case 'InformatieDerdenOntvangen':
      return { ...c, pipTermijn: { ...c.pipTermijn, informatieOntvangen: e.data.datum } };
    case 'ScreeningTermijnVerstreken':
      return { ...c, verstreken: { ...c.verstreken, screening: e.data.uiterlijk } };
    case 'PipTermijnVerstreken':
      return { ...c, verstreken: { ...c.verstreken, pip: e.data.uiterlijk } };
    case 'InburgeringstermijnVerstreken':
      return { ...c, verstreken: { ...c.verstreken, inburgeringstermijn: [...c.verstreken.inburgeringstermijn, e.data.eind] } };
    case 'MeldingDuoGeregistreerd':
      return { ...c, datumMeldingDuo: e.data.datumMeldingDuo };
    case 'TermijnGesteld':
    case 'TermijnGewijzigd':
      return { ...c, termijnen: { ...c.termijnen, [e.data.soort]: { ...e.data, uitkomst: null, reden: null } } };
    case 'TermijnVervallen':
      return { ...c, termijnen: { ...c.termijnen, [e.data.soort]: { ...e.data } } };
  }
}
