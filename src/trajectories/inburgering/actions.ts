import { ActionDefinition, DomainEvent, TrajectState } from '../core/kind';
import { nietInToekomst, weiger } from '../core/regels';
import * as C from './commands';
import { InburgeringContext, lopendeActiviteit } from './context';
import { InburgeringEventData, InburgeringEventType } from './events';
import { inburgeringstermijnNaPip, ontzorgingTot } from './rules/termijnen';
import { controleerAfschalen, controleerOnderwijsrouteLeeftijd, controleerRoutewissel, controleerZroute, zrouteUren } from './rules/leerroute';

import { ValidationFailed } from '../core/errors';
import { controleerAanzienlijkeInspanningen } from './rules/verlenging';
import { SCHEMA_VERSIES } from './upcasters';

type State = TrajectState<InburgeringContext>;
type Def<P> = ActionDefinition<InburgeringContext, P>;

export const feit = <K extends InburgeringEventType>(type: K, data: InburgeringEventData[K], datum: string): DomainEvent =>
  ({ type, data: data as unknown as Record<string, unknown>, datum, ...(SCHEMA_VERSIES[type] ? { schemaVersion: SCHEMA_VERSIES[type] } : {}) });

/** An action whose only rule is "the date is not in the future": the payload is the fact. */
function eenvoudig<P extends { datum: string }>(naam: string, dto: new () => P, event: InburgeringEventType): Def<P> {
  return {
    naam, dto, event,
    decide: (p, _s, today) => {
      nietInToekomst(today, { datum: p.datum });
      return [{ type: event, data: { ...p }, datum: p.datum }];
    },
  };
}

/** Rules that read the PIP's leerroute or termijn run before the machine's gate: without a PIP they refuse (422), never crash. */
function zonderPip(wat: string): never {
  weiger(`${wat} kan pas na het vaststellen van het PIP (fase uitvoering)`);
}

/**
 * Besluit art. 5.3 lid 5: the PVT's signing and the MAP's eindgesprek count toward the obligation only from the start of
 * the inburgeringstermijn (for the MAP also DUO's registration rule).
 */
function vanafStartTermijn(context: InburgeringContext, datum: string, wat: string, voorDeStart: string): void {
  if (!context.inburgeringstermijn) zonderPip(wat);
  const start = context.inburgeringstermijn.start;
  if (datum < start) weiger(`${voorDeStart} vóór de start van de inburgeringstermijn (${start})`);
}


const registreerBijstand: Def<C.RegistreerBijstandDto> = {
  naam: 'registreer-bijstand', dto: C.RegistreerBijstandDto, event: 'BijstandToegekend',
  decide: ({ ingangsdatum }, { context }, today) => {
    nietInToekomst(today, { ingangsdatum });
    const events = [feit('BijstandToegekend', { ingangsdatum }, ingangsdatum)];
    // Pw art. 56a: only an asielstatushouder (temporary asylum permit) is ontzorgd.
    if (context.doelgroep === 'asielstatushouder') {
      events.push(feit('OntzorgingGestart', { ingangsdatum, tot: ontzorgingTot(ingangsdatum) }, ingangsdatum));
    }
    return events;
  },
};

const beeindigBijstand: Def<C.BeeindigBijstandDto> = {
  naam: 'beeindig-bijstand', dto: C.BeeindigBijstandDto, event: 'BijstandBeeindigd',
  decide: ({ datum }, { context }, today) => {
    nietInToekomst(today, { datum });
    const lopend = context.bijstand.find((b) => b.einddatum === null);
    if (lopend && datum < lopend.ingangsdatum) weiger(`De bijstand kan niet eindigen vóór de ingangsdatum ${lopend.ingangsdatum}`);
    const events = [feit('BijstandBeeindigd', { datum }, datum)];
    // Pw art. 56a: ontzorging ends when bijstand ends.
    if (context.ontzorging && context.ontzorging.einddatum === null) {
      events.push(feit('OntzorgingBeeindigd', { datum, reden: 'bijstand-beeindigd' }, datum));
    }
    return events;
  },
};

const verlengOntzorging: Def<C.VerlengOntzorgingDto> = {
  naam: 'verleng-ontzorging', dto: C.VerlengOntzorgingDto, event: 'OntzorgingVerlengd', probe: () => ({ tot: '9999-12-31' }),
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (context.ontzorging && p.tot <= context.ontzorging.tot) weiger(`De nieuwe einddatum moet na ${context.ontzorging.tot} liggen`);
    return [feit('OntzorgingVerlengd', { ...p }, p.datum)];
  },
};

const registreerScreening: Def<C.RegistreerScreeningDto> = {
  naam: 'registreer-screening', dto: C.RegistreerScreeningDto, event: 'ScreeningUitgevoerd',
  decide: (p, _s, today) => {
    nietInToekomst(today, { datum: p.datum });
    // Bossche beleid: Weener XL screens the vergunninghouders.
    return [feit('ScreeningUitgevoerd', { ...p, uitvoerder: p.uitvoerder ?? 'Weener XL' }, p.datum)];
  },
};

const stelPipVast: Def<C.StelPipVastDto> = {
  naam: 'stel-pip-vast', dto: C.StelPipVastDto, event: 'PipVastgesteld',
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    // DUO rejects a first PIP that combines the B1-route with level A2; afschalen comes later (Besluit art. 5.5).
    if (p.examenniveau === 'A2') weiger('Een eerste PIP kent geen A2: afschalen kan pas na 600 uur NT2 (Besluit art. 5.5)');
    // The PIP is a decision on an existing obligation: its dagtekening is not before the melding or the inschrijving.
    for (const [naam, d] of [['melding DUO', context.datumMeldingDuo], ['inschrijving BRP', context.datumInschrijvingBrp]] as const) {
      if (d && p.datum < d) weiger(`De dagtekening van het PIP (${p.datum}) ligt vóór de ${naam} (${d})`);
    }
    if (p.leerroute === 'onderwijsroute') controleerOnderwijsrouteLeeftijd(context, p.datum, p.afwijkingOnderbouwing);
    const { examenniveau: _n, ...rest } = p;
    return [feit('PipVastgesteld', {
      ...rest,
      // Wi art. 8 lid 3: no MAP on the onderwijsroute.
      map: p.leerroute === 'onderwijsroute' ? 'niet-van-toepassing' : 'van-toepassing',
      inburgeringstermijn: inburgeringstermijnNaPip(p.datum),
    }, p.datum)];
  },
};

const wijzigLeerroute: Def<C.WijzigLeerrouteDto> = {
  naam: 'wijzig-leerroute', dto: C.WijzigLeerrouteDto, event: 'LeerrouteGewijzigd',
  probe: (c) => ({ naar: c.leerroute === 'b1' ? 'z-route' : 'b1' }),
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (!context.leerroute || !context.inburgeringstermijn) zonderPip('De leerroute');
    controleerRoutewissel(context, p.naar, p.datum, p.bijzonderGeval, p.afwijkingOnderbouwing);
    if (p.naar === 'onderwijsroute') controleerOnderwijsrouteLeeftijd(context, p.datum, p.afwijkingOnderbouwing);
    const van = context.leerroute!;
    return [
      feit('LeerrouteGewijzigd', {
        datum: p.datum, van, naar: p.naar, reden: p.reden, ...(p.bijzonderGeval ? { bijzonderGeval: true } : {}),
        // The reasons for a departure (bijzonder geval, Besluit art. 5.4; the age line, Awb art. 4:84) are part of the decision.
        ...(p.afwijkingOnderbouwing ? { afwijkingOnderbouwing: p.afwijkingOnderbouwing } : {}),
      }, p.datum),
      // Besluit art. 5.3 lid 6: a route change amends the PIP.
      feit('PipGewijzigd', { datum: p.datum, wijziging: `leerroute ${van} → ${p.naar}`, reden: p.reden }, p.datum),
    ];
  },
};

const schaalAf: Def<C.SchaalAfNaarA2Dto> = {
  naam: 'schaal-af-naar-a2', dto: C.SchaalAfNaarA2Dto, event: 'AfgeschaaldNaarA2', probe: () => ({ onderdelen: ['lezen'] }),
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    controleerAfschalen(context);
    return [
      feit('AfgeschaaldNaarA2', { ...p, nt2Uren: context.uren.nt2 }, p.datum),
      // Besluit art. 5.3 lid 6: afschalen amends the PIP.
      feit('PipGewijzigd', { datum: p.datum, wijziging: `afgeschaald naar A2: ${p.onderdelen.join(', ')}`, reden: p.onderbouwing }, p.datum),
    ];
  },
};

const registreerUren: Def<C.RegistreerUrenDto> = {
  naam: 'registreer-uren', dto: C.RegistreerUrenDto, event: 'UrenGeregistreerd',
  decide: (p, _s, today) => {
    nietInToekomst(today, { datum: p.datum, 'periode.van': p.periode?.van, 'periode.tot': p.periode?.tot });
    if (p.periode && p.periode.van > p.periode.tot) weiger('periode.van ligt na periode.tot');
    return [feit('UrenGeregistreerd', { ...p, periode: p.periode && { ...p.periode } }, p.datum)];
  },
};

const startActiviteit: Def<C.StartParticipatieactiviteitDto> = {
  naam: 'start-participatieactiviteit', dto: C.StartParticipatieactiviteitDto, event: 'ParticipatieactiviteitGestart',
  probe: () => ({ activiteitId: '\u0000' }),
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (context.participatieactiviteiten.some((a) => a.activiteitId === p.activiteitId)) weiger(`Activiteit ${p.activiteitId} bestaat al`);
    return [feit('ParticipatieactiviteitGestart', { ...p }, p.datum)];
  },
};

const rondActiviteitAf: Def<C.RondParticipatieactiviteitAfDto> = {
  naam: 'rond-participatieactiviteit-af', dto: C.RondParticipatieactiviteitAfDto, event: 'ParticipatieactiviteitAfgerond',
  probe: (c) => {
    const lopend = c.participatieactiviteiten.find((a) => a.eind === null);
    return lopend ? { activiteitId: lopend.activiteitId } : null;
  },
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    const activiteit = lopendeActiviteit(context, p.activiteitId);
    if (!activiteit) weiger(`Er loopt geen activiteit ${p.activiteitId}`);
    if (p.datum < activiteit.start) weiger(`De activiteit begon op ${activiteit.start}; ze kan niet eerder eindigen`);
    return [feit('ParticipatieactiviteitAfgerond', { ...p }, p.datum)];
  },
};

const rondPvtAf: Def<C.RondPvtAfDto> = {
  naam: 'rond-pvt-af', dto: C.RondPvtAfDto, event: 'PvtAfgerond',
  decide: ({ datum }, { context }, today) => {
    nietInToekomst(today, { datum });
    vanafStartTermijn(context, datum, 'De participatieverklaring', 'De participatieverklaring is ondertekend');
    return [feit('PvtAfgerond', { datum }, datum)];
  },
};

const rondMapAf: Def<C.RondMapAfDto> = {
  naam: 'rond-map-af', dto: C.RondMapAfDto, event: 'MapAfgerond',
  decide: ({ datum }, { context }, today) => {
    nietInToekomst(today, { datum });
    vanafStartTermijn(context, datum, 'Het eindgesprek MAP', 'Het eindgesprek MAP ligt');
    return [feit('MapAfgerond', { datum }, datum)];
  },
};

const rondZrouteAf: Def<C.RondZrouteAfDto> = {
  naam: 'rond-zroute-af', dto: C.RondZrouteAfDto, event: 'ZrouteAfgerond',
  decide: ({ datum }, { context }, today) => {
    nietInToekomst(today, { datum });
    controleerZroute(context);
    return [feit('ZrouteAfgerond', { datum, ...zrouteUren(context) }, datum)];
  },
};

const verlengTermijn: Def<C.VerlengInburgeringstermijnDto> = {
  naam: 'verleng-inburgeringstermijn', dto: C.VerlengInburgeringstermijnDto, event: 'InburgeringstermijnVerlengd',
  probe: () => ({ nieuweEinddatum: '9999-12-31' }),
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (!context.inburgeringstermijn) zonderPip('De inburgeringstermijn');
    const eind = context.inburgeringstermijn.eind;
    // Wi art. 12: DUO extends; an extension ends later than the current term.
    if (p.nieuweEinddatum <= eind) weiger(`De nieuwe einddatum moet na de huidige eind ${eind} liggen`);
    if (p.grond === 'aanzienlijke-inspanningen') controleerAanzienlijkeInspanningen(context, p.nieuweEinddatum);
    // DUO's decision date is its own fact: recorded late, it may lie after the (extended) end, and is kept as it is.
    return [feit('InburgeringstermijnVerlengd', { ...p, vorigeEinddatum: eind }, p.datum)];
  },
};

/**
 * DUO's vrijstelling (Wi art. 4, 7 lid 3) or ontheffing (Wi art. 5; Besluit art. 2.7). A full one ends the trajectory;
 * a partial one names the onderdelen it releases, which leerroute behaald and the Z-route hours then skip.
 */
function duoBesluit(naam: string, dto: new () => C.DuoBesluitDto, event: 'VrijstellingVerleend' | 'OntheffingVerleend'): Def<C.DuoBesluitDto> {
  return {
    naam, dto, event,
    decide: ({ datum, grond, volledig, onderdelen }, _s, today) => {
      nietInToekomst(today, { datum });
      if (volledig && onderdelen) {
        throw new ValidationFailed('onderdelen hoort alleen bij een gedeeltelijk besluit', [
          { veld: 'onderdelen', fouten: ['een volledig besluit (volledig: true) geldt voor alles en noemt geen onderdelen'] },
        ]);
      }
      return [feit(event, { datum, grond, volledig, ...(volledig ? {} : { onderdelen: [...onderdelen!] }) }, datum)];
    },
  };
}

const beeindigOntzorging: Def<C.BeeindigOntzorgingDto> = {
  naam: 'beeindig-ontzorging', dto: C.BeeindigOntzorgingDto, event: 'OntzorgingBeeindigd',
  decide: (p, { context }, today) => {
    nietInToekomst(today, { datum: p.datum });
    if (context.ontzorging && p.datum < context.ontzorging.ingangsdatum) weiger(`Ontzorging begon op ${context.ontzorging.ingangsdatum}`);
    return [feit('OntzorgingBeeindigd', { ...p }, p.datum)];
  },
};

export const INBURGERING_ACTIES: ActionDefinition<InburgeringContext>[] = [
  eenvoudig('registreer-inschrijving-brp', C.RegistreerInschrijvingBrpDto, 'InschrijvingBrpGeregistreerd'),
  registreerBijstand,
  beeindigBijstand,
  verlengOntzorging,
  beeindigOntzorging,
  eenvoudig('start-brede-intake', C.StartBredeIntakeDto, 'BredeIntakeGestart'),
  registreerScreening,
  eenvoudig('registreer-leerbaarheidstoets', C.RegistreerLeerbaarheidstoetsDto, 'LeerbaarheidstoetsAfgenomen'),
  eenvoudig('rond-brede-intake-af', C.RondBredeIntakeAfDto, 'BredeIntakeAfgerond'),
  stelPipVast,
  eenvoudig('wijzig-pip', C.WijzigPipDto, 'PipGewijzigd'),
  wijzigLeerroute,
  schaalAf,
  registreerUren,
  startActiviteit,
  rondActiviteitAf,
  rondPvtAf,
  rondMapAf,
  eenvoudig('registreer-examenresultaat', C.RegistreerExamenresultaatDto, 'ExamenresultaatGeregistreerd'),
  eenvoudig('rond-onderwijsroute-af', C.RondOnderwijsrouteAfDto, 'OnderwijsrouteAfgerond'),
  rondZrouteAf,
  eenvoudig('registreer-voortgangsgesprek', C.RegistreerVoortgangsgesprekDto, 'VoortgangsgesprekGevoerd'),
  eenvoudig('registreer-uitstroom', C.RegistreerUitstroomDto, 'UitstroomGeregistreerd'),
  verlengTermijn,
  eenvoudig('rond-inburgering-af', C.RondInburgeringAfDto, 'InburgeringsplichtVoldaan'),
  duoBesluit('registreer-vrijstelling', C.RegistreerVrijstellingDto, 'VrijstellingVerleend'),
  duoBesluit('registreer-ontheffing', C.RegistreerOntheffingDto, 'OntheffingVerleend'),
  eenvoudig('beeindig-traject', C.BeeindigTrajectDto, 'TrajectBeeindigd'),
  eenvoudig('registreer-informatie-derden', C.RegistreerInformatieDerdenDto, 'InformatieDerdenOntvangen'),
];
