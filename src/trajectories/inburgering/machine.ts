import { and, assign, setup } from 'xstate';
import { InburgeringContext, bijstandActief, initialContext, lopendeActiviteit, ontzorgingActief } from './context';
import { InburgeringMachineEvent } from './events';
import { wijziging } from './reduce';
import { leerrouteBehaald } from './rules/leerroute-behaald';
import { pipTermijnOpgeschort } from './rules/termijnen';
import { mapStatus, pvtStatus } from './status';

/**
 * The inburgering trajectory (Wet inburgering 2021). No timers: deadlines arrive as events from the sagas.
 * Guards hold only what the law fixes about order; rules policy may change live in decide (rules/).
 * Every transition applies the event to the context through `wijziging` (the fields it changes).
 *
 * `uitvoering` is one state. What runs side by side in it (the leerroute, the PVT, the MAP, the ontzorging) is each
 * decided by facts already in the context, and only ever by them: the leerroute region's state is the context's
 * leerroute and whether it is behaald, the PVT's and the MAP's their date afgerond (and the MAP's the onderwijsroute),
 * the ontzorging's its period. So the guards ask the context, and the `status` the API shows
 * ({uitvoering: {leerroute: {b1: 'bezig'}, pvt, map, ontzorging}}) is derived from it (status.ts). As parallel XState
 * regions (eleven active state nodes) every fact cost XState about 18 µs, five times a single state's; a fold is
 * almost all such facts (hours registered). machine.equivalence.unit.spec.ts shows it decides as the regions did.
 *
 * Leerroute behaald only grows while the route stays (an exam passed, afschalen, a partial vrijstelling or ontheffing,
 * the route's own completion), and the route can change only while not behaald (Wi art. 7/8, Besluit art. 3.14).
 */

const tijdensPipTermijn = {
  PipTermijnOpgeschort: { guard: 'pipTermijnNietOpgeschort', actions: 'apply' },
  InformatieDerdenOntvangen: { guard: 'pipTermijnOpgeschort', actions: 'apply' },
  PipTermijnVerstreken: { guard: 'pipTermijnNietVerstreken', actions: 'apply' },
} as const;

export const inburgeringMachine = setup({
  types: { context: {} as InburgeringContext, events: {} as InburgeringMachineEvent },
  actions: { apply: assign(({ context, event }) => wijziging(context, event)) },
  guards: {
    nietIngeschreven: ({ context }) => context.datumInschrijvingBrp === null,
    geenMelding: ({ context }) => context.datumMeldingDuo === null,
    bijstandActief: ({ context }) => bijstandActief(context),
    geenBijstand: ({ context }) => !bijstandActief(context),
    // Pw art. 56a: ontzorging only for an asielstatushouder, and one period at a time.
    ontzorgingKanStarten: ({ context }) => context.doelgroep === 'asielstatushouder' && bijstandActief(context) && !ontzorgingActief(context),
    ontzorgingActief: ({ context }) => ontzorgingActief(context),
    ontzorgingLatereTot: ({ context, event }) =>
      ontzorgingActief(context) && event.type === 'OntzorgingVerlengd' && event.data.tot > context.ontzorging!.tot,
    screeningMogelijk: ({ context }) => context.doelgroep === 'asielstatushouder' && context.screening === null,
    screeningTermijnNietVerstreken: ({ context }) =>
      context.doelgroep === 'asielstatushouder' && context.screening === null && context.verstreken.screening === null,
    pipTermijnOpgeschort: ({ context }) => pipTermijnOpgeschort(context),
    pipTermijnNietOpgeschort: ({ context }) => !pipTermijnOpgeschort(context),
    pipTermijnNietVerstreken: ({ context }) => context.verstreken.pip === null,
    toetsAfgenomen: ({ context }) => context.leerbaarheidstoets !== null,
    intakeAfgerond: ({ context }) => context.bredeIntake.afgerond !== null,
    activiteitNieuw: ({ context, event }) =>
      event.type === 'ParticipatieactiviteitGestart' && !context.participatieactiviteiten.some((a) => a.activiteitId === event.data.activiteitId),
    activiteitLoopt: ({ context, event }) =>
      event.type === 'ParticipatieactiviteitAfgerond' && !!lopendeActiviteit(context, event.data.activiteitId),
    volledig: ({ event }) => (event.type === 'VrijstellingVerleend' || event.type === 'OntheffingVerleend') && event.data.volledig,
    leerrouteBehaald: ({ context }) => leerrouteBehaald(context),
    /** The leerroute region in `bezig`: a route runs until behaald, and only then may it change or complete. */
    leerrouteBezig: ({ context }) => !leerrouteBehaald(context),
    pvtOpen: ({ context }) => pvtStatus(context) === 'open',
    pvtAfgerond: ({ context }) => pvtStatus(context) === 'afgerond',
    mapOpen: ({ context }) => mapStatus(context) === 'open',
    // Wi art. 8 lid 3: no MAP on the onderwijsroute.
    mapAfgerondOfNietVanToepassing: ({ context }) => mapStatus(context) !== 'open',
    isB1: ({ context }) => context.leerroute === 'b1',
    isOnderwijsroute: ({ context }) => context.leerroute === 'onderwijsroute',
    isZroute: ({ context }) => context.leerroute === 'z-route',
    andereLeerroute: ({ context, event }) => event.type === 'LeerrouteGewijzigd' && event.data.naar !== context.leerroute,
    termijnVerlengd: ({ context, event }) =>
      event.type === 'InburgeringstermijnVerlengd' && !!context.inburgeringstermijn && event.data.nieuweEinddatum > context.inburgeringstermijn.eind,
    termijnVerstrekenNogNietGemeld: ({ context, event }) =>
      event.type === 'InburgeringstermijnVerstreken' && !context.verstreken.inburgeringstermijn.includes(event.data.eind),
  },
}).createMachine({
  id: 'inburgering',
  version: '2',
  initial: 'nieuw',
  context: initialContext,
  on: {
    InschrijvingBrpGeregistreerd: { guard: 'nietIngeschreven', actions: 'apply' },
    MeldingDuoGeregistreerd: { guard: 'geenMelding', actions: 'apply' },
    // Deadline facts, recorded by the decider with the fact that changed them (rules/termijnen.ts). A final phase
    // accepts nothing, so the decider records the deadlines a final fact ends just before that fact.
    TermijnGesteld: { actions: 'apply' },
    TermijnGewijzigd: { actions: 'apply' },
    TermijnVervallen: { actions: 'apply' },
    BijstandToegekend: { guard: 'geenBijstand', actions: 'apply' },
    BijstandBeeindigd: { guard: 'bijstandActief', actions: 'apply' },
    OntzorgingGestart: { guard: 'ontzorgingKanStarten', actions: 'apply' },
    OntzorgingVerlengd: { guard: 'ontzorgingLatereTot', actions: 'apply' },
    OntzorgingBeeindigd: { guard: 'ontzorgingActief', actions: 'apply' },
    ScreeningUitgevoerd: { guard: 'screeningMogelijk', actions: 'apply' },
    ScreeningTermijnVerstreken: { guard: 'screeningTermijnNietVerstreken', actions: 'apply' },
    ParticipatieactiviteitGestart: { guard: 'activiteitNieuw', actions: 'apply' },
    ParticipatieactiviteitAfgerond: { guard: 'activiteitLoopt', actions: 'apply' },
    UitstroomGeregistreerd: { actions: 'apply' },
    VrijstellingVerleend: [{ guard: 'volledig', target: '.vrijgesteld', actions: 'apply' }, { actions: 'apply' }],
    OntheffingVerleend: [{ guard: 'volledig', target: '.ontheven', actions: 'apply' }, { actions: 'apply' }],
    TrajectBeeindigd: { target: '.beeindigd', actions: 'apply' },
  },
  states: {
    /** Before registration: the stream does not exist yet. */
    nieuw: { on: { InburgeraarGeregistreerd: { target: 'aangemeld', actions: 'apply' } } },
    aangemeld: {
      on: { BredeIntakeGestart: { target: 'intake', actions: 'apply' }, ...tijdensPipTermijn },
    },
    intake: {
      on: {
        ...tijdensPipTermijn,
        LeerbaarheidstoetsAfgenomen: { actions: 'apply' },
        BredeIntakeAfgerond: { guard: 'toetsAfgenomen', actions: 'apply' },
        PipVastgesteld: { guard: 'intakeAfgerond', target: 'uitvoering', actions: 'apply' },
        UrenGeregistreerd: { actions: 'apply' },
      },
    },
    uitvoering: {
      on: {
        UrenGeregistreerd: { actions: 'apply' },
        PipGewijzigd: { actions: 'apply' },
        ExamenresultaatGeregistreerd: { actions: 'apply' },
        VoortgangsgesprekGevoerd: { actions: 'apply' },
        InburgeringstermijnVerlengd: { guard: 'termijnVerlengd', actions: 'apply' },
        InburgeringstermijnVerstreken: { guard: 'termijnVerstrekenNogNietGemeld', actions: 'apply' },
        // Wi art. 7/8, Besluit art. 3.14: a route changes while it runs; it may arrive behaald (e.g. the B1 exams
        // passed on the Z-route). Wi art. 8 lid 3: the MAP follows (none on the onderwijsroute).
        LeerrouteGewijzigd: { guard: and(['leerrouteBezig', 'andereLeerroute']), actions: 'apply' },
        // Wi art. 17 lid 3: afschalen only within the B1-route.
        AfgeschaaldNaarA2: { guard: and(['isB1', 'leerrouteBezig']), actions: 'apply' },
        OnderwijsrouteAfgerond: { guard: and(['isOnderwijsroute', 'leerrouteBezig']), actions: 'apply' },
        ZrouteAfgerond: { guard: and(['isZroute', 'leerrouteBezig']), actions: 'apply' },
        PvtAfgerond: { guard: 'pvtOpen', actions: 'apply' },
        MapAfgerond: { guard: 'mapOpen', actions: 'apply' },
        InburgeringsplichtVoldaan: {
          guard: and(['pvtAfgerond', 'mapAfgerondOfNietVanToepassing', 'leerrouteBehaald']),
          target: 'voldaan',
          actions: 'apply',
        },
      },
    },
    voldaan: { type: 'final' },
    vrijgesteld: { type: 'final' },
    ontheven: { type: 'final' },
    beeindigd: { type: 'final' },
  },
});

export type InburgeringMachine = typeof inburgeringMachine;
