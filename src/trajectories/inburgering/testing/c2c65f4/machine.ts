/**
 * TEST FIXTURE: the inburgering machine as on main c2c65f4 (regions moved by eventless transitions), kept only so that
 * machine.equivalence.unit.spec.ts can show that today's machine decides exactly as this one. Not used by the app.
 */
import { and, assign, or, setup, stateIn } from 'xstate';
import { InburgeringContext, bijstandActief, initialContext, lopendeActiviteit, ontzorgingActief } from '../../context';
import { InburgeringMachineEvent } from '../../events';
import { reduce } from './reduce';
import { leerrouteBehaald } from '../../rules/leerroute-behaald';
import { pipTermijnOpgeschort } from '../../rules/termijnen';

/**
 * The inburgering trajectory (Wet inburgering 2021). No timers: deadlines arrive as events from the sagas.
 * Guards hold only what the law fixes about order; rules policy may change live in decide (rules/).
 * Every transition applies the event to the context through `reduce`.
 */

const tijdensPipTermijn = {
  PipTermijnOpgeschort: { guard: 'pipTermijnNietOpgeschort', actions: 'apply' },
  InformatieDerdenOntvangen: { guard: 'pipTermijnOpgeschort', actions: 'apply' },
  PipTermijnVerstreken: { guard: 'pipTermijnNietVerstreken', actions: 'apply' },
} as const;

const routeWissel = {
  LeerrouteGewijzigd: [
    { guard: 'naarB1', target: '#inburgering.uitvoering.leerroute.b1', actions: 'apply' },
    { guard: 'naarOnderwijsroute', target: '#inburgering.uitvoering.leerroute.onderwijsroute', actions: 'apply' },
    { guard: 'naarZroute', target: '#inburgering.uitvoering.leerroute.z-route', actions: 'apply' },
  ],
} as const;

export const inburgeringMachine = setup({
  types: { context: {} as InburgeringContext, events: {} as InburgeringMachineEvent },
  actions: { apply: assign(({ context, event }) => reduce(context, event)) },
  guards: {
    asielstatushouder: ({ context }) => context.doelgroep === 'asielstatushouder',
    nietIngeschreven: ({ context }) => context.datumInschrijvingBrp === null,
    geenMelding: ({ context }) => context.datumMeldingDuo === null,
    bijstandActief: ({ context }) => bijstandActief(context),
    geenBijstand: ({ context }) => !bijstandActief(context),
    // Pw art. 56a: ontzorging only for an asielstatushouder, and one period at a time.
    ontzorgingKanStarten: ({ context }) => context.doelgroep === 'asielstatushouder' && bijstandActief(context) && !ontzorgingActief(context),
    ontzorgingActief: ({ context }) => ontzorgingActief(context),
    ontzorgingBeeindigd: ({ context }) => context.ontzorging !== null && !ontzorgingActief(context),
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
    mapVanToepassing: ({ context }) => context.leerroute !== 'onderwijsroute',
    mapNietVanToepassing: ({ context }) => context.leerroute === 'onderwijsroute',
    leerrouteBehaald: ({ context }) => leerrouteBehaald(context),
    isB1: ({ context }) => context.leerroute === 'b1',
    isOnderwijsroute: ({ context }) => context.leerroute === 'onderwijsroute',
    isZroute: ({ context }) => context.leerroute === 'z-route',
    naarB1: ({ context, event }) => event.type === 'LeerrouteGewijzigd' && event.data.naar === 'b1' && context.leerroute !== 'b1',
    naarOnderwijsroute: ({ context, event }) =>
      event.type === 'LeerrouteGewijzigd' && event.data.naar === 'onderwijsroute' && context.leerroute !== 'onderwijsroute',
    naarZroute: ({ context, event }) => event.type === 'LeerrouteGewijzigd' && event.data.naar === 'z-route' && context.leerroute !== 'z-route',
    termijnVerlengd: ({ context, event }) =>
      event.type === 'InburgeringstermijnVerlengd' && !!context.inburgeringstermijn && event.data.nieuweEinddatum > context.inburgeringstermijn.eind,
    termijnVerstrekenNogNietGemeld: ({ context, event }) =>
      event.type === 'InburgeringstermijnVerstreken' && !context.verstreken.inburgeringstermijn.includes(event.data.eind),
  },
}).createMachine({
  id: 'inburgering',
  version: '1',
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
      type: 'parallel',
      on: {
        PipGewijzigd: { actions: 'apply' },
        UrenGeregistreerd: { actions: 'apply' },
        ExamenresultaatGeregistreerd: { actions: 'apply' },
        VoortgangsgesprekGevoerd: { actions: 'apply' },
        InburgeringstermijnVerlengd: { guard: 'termijnVerlengd', actions: 'apply' },
        InburgeringstermijnVerstreken: { guard: 'termijnVerstrekenNogNietGemeld', actions: 'apply' },
        InburgeringsplichtVoldaan: {
          guard: and([
            stateIn('#inburgering.uitvoering.pvt.afgerond'),
            or([stateIn('#inburgering.uitvoering.map.afgerond'), stateIn('#inburgering.uitvoering.map.niet-van-toepassing')]),
            'leerrouteBehaald',
          ]),
          target: 'voldaan',
          actions: 'apply',
        },
      },
      states: {
        leerroute: {
          initial: 'bepalen',
          states: {
            bepalen: {
              always: [
                { guard: 'isB1', target: 'b1' },
                { guard: 'isOnderwijsroute', target: 'onderwijsroute' },
                { guard: 'isZroute', target: 'z-route' },
              ],
            },
            b1: {
              initial: 'bezig',
              states: {
                bezig: { always: { guard: 'leerrouteBehaald', target: 'behaald' }, on: { ...routeWissel, AfgeschaaldNaarA2: { actions: 'apply' } } },
                behaald: {},
              },
            },
            onderwijsroute: {
              initial: 'bezig',
              states: {
                bezig: { always: { guard: 'leerrouteBehaald', target: 'behaald' }, on: { ...routeWissel, OnderwijsrouteAfgerond: { actions: 'apply' } } },
                behaald: {},
              },
            },
            'z-route': {
              initial: 'bezig',
              states: {
                bezig: { always: { guard: 'leerrouteBehaald', target: 'behaald' }, on: { ...routeWissel, ZrouteAfgerond: { actions: 'apply' } } },
                behaald: {},
              },
            },
          },
        },
        pvt: { initial: 'open', states: { open: { on: { PvtAfgerond: { target: 'afgerond', actions: 'apply' } } }, afgerond: {} } },
        map: {
          initial: 'bepalen',
          states: {
            bepalen: { always: [{ guard: 'mapNietVanToepassing', target: 'niet-van-toepassing' }, { target: 'open' }] },
            open: {
              always: { guard: 'mapNietVanToepassing', target: 'niet-van-toepassing' },
              on: { MapAfgerond: { target: 'afgerond', actions: 'apply' } },
            },
            'niet-van-toepassing': { always: { guard: 'mapVanToepassing', target: 'open' } },
            afgerond: {},
          },
        },
        ontzorging: {
          initial: 'bepalen',
          states: {
            bepalen: {
              always: [{ guard: 'ontzorgingActief', target: 'actief' }, { guard: 'ontzorgingBeeindigd', target: 'beeindigd' }, { target: 'geen' }],
            },
            geen: { always: { guard: 'ontzorgingActief', target: 'actief' } },
            actief: { always: { guard: 'ontzorgingBeeindigd', target: 'beeindigd' } },
            beeindigd: { always: { guard: 'ontzorgingActief', target: 'actief' } },
          },
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
