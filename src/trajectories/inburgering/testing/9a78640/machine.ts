/**
 * BENCHMARK FIXTURE: the inburgering machine as on main 9a78640 (the uitvoering regions as parallel XState states moved
 * by facts), kept only so that bench/fold-machines.bench.ts can fold beside it. Not used by the app.
 */
import { and, assign, or, setup, stateIn } from 'xstate';
import { InburgeringContext, bijstandActief, initialContext, lopendeActiviteit, ontzorgingActief } from '../../context';
import { InburgeringMachineEvent } from '../../events';
import { reduce, wijziging } from '../../reduce';
import { leerrouteBehaald } from '../../rules/leerroute-behaald';
import { pipTermijnOpgeschort } from '../../rules/termijnen';

/**
 * The inburgering trajectory (Wet inburgering 2021). No timers: deadlines arrive as events from the sagas.
 * Guards hold only what the law fixes about order; rules policy may change live in decide (rules/).
 * Every transition applies the event to the context through `reduce` (`wijziging`: the fields it changes).
 *
 * The regions of `uitvoering` move on the facts that change what they show, never by themselves: XState re-selects
 * eventless (`always`) transitions after every event on every active state, which was a fifth of a fold's time. Only
 * the `bepalen` states, entered once with the PIP, are eventless. Where a region's state follows from the context
 * after a fact (leerroute behaald, the MAP on the onderwijsroute, a running ontzorging), the fact's transition asks
 * the guard of the context it leaves behind (`behaaldNa`): the same decision the eventless transition took right after
 * it. The facts that can change leerroute behaald (rules/leerroute-behaald.ts): an exam result, afschalen, a partial
 * vrijstelling or ontheffing, the route's own completion, a route change; and the PIP, on entering the route.
 */

const tijdensPipTermijn = {
  PipTermijnOpgeschort: { guard: 'pipTermijnNietOpgeschort', actions: 'apply' },
  InformatieDerdenOntvangen: { guard: 'pipTermijnOpgeschort', actions: 'apply' },
  PipTermijnVerstreken: { guard: 'pipTermijnNietVerstreken', actions: 'apply' },
} as const;

const LEERROUTE = '#inburgering.uitvoering.leerroute';

/** Wi art. 7/8, Besluit art. 3.14: a route may already be behaald on arrival (e.g. the B1 exams passed on the Z-route). */
const routeWissel = {
  LeerrouteGewijzigd: [
    { guard: and(['naarB1', 'behaaldNa']), target: `${LEERROUTE}.b1.behaald`, actions: 'apply' },
    { guard: 'naarB1', target: `${LEERROUTE}.b1`, actions: 'apply' },
    { guard: and(['naarOnderwijsroute', 'behaaldNa']), target: `${LEERROUTE}.onderwijsroute.behaald`, actions: 'apply' },
    { guard: 'naarOnderwijsroute', target: `${LEERROUTE}.onderwijsroute`, actions: 'apply' },
    { guard: and(['naarZroute', 'behaaldNa']), target: `${LEERROUTE}.z-route.behaald`, actions: 'apply' },
    { guard: 'naarZroute', target: `${LEERROUTE}.z-route`, actions: 'apply' },
  ],
} as const;

/** A fact that may complete the route (leerroute behaald) moves the region to `behaald` when it does. */
const kanBehalen = (guard: 'behaaldNa' | 'deelsBehaaldNa') => ({ guard, target: 'behaald', actions: 'apply' }) as const;

/** While a route runs (`bezig`): the facts that can make it behaald besides its own completion. */
const naarBehaald = {
  ExamenresultaatGeregistreerd: kanBehalen('behaaldNa'),
  // A full vrijstelling/ontheffing ends the trajectory (root); a partial one may release the last part still open.
  VrijstellingVerleend: kanBehalen('deelsBehaaldNa'),
  OntheffingVerleend: kanBehalen('deelsBehaaldNa'),
} as const;

export const inburgeringMachine = setup({
  types: { context: {} as InburgeringContext, events: {} as InburgeringMachineEvent },
  actions: { apply: assign(({ context, event }) => wijziging(context, event)) },
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
    /** Leerroute behaald in the context this fact leaves behind. */
    behaaldNa: ({ context, event }) => leerrouteBehaald(reduce(context, event)),
    deelsBehaaldNa: ({ context, event }) =>
      (event.type === 'VrijstellingVerleend' || event.type === 'OntheffingVerleend') && !event.data.volledig && leerrouteBehaald(reduce(context, event)),
    // Wi art. 8 lid 3: no MAP on the onderwijsroute. The MAP region follows a route change the leerroute region accepts.
    naarOnderwijsrouteVanuitBezig: and([or([stateIn(`${LEERROUTE}.b1.bezig`), stateIn(`${LEERROUTE}.z-route.bezig`)]), 'naarOnderwijsroute']),
    vanOnderwijsrouteVanuitBezig: and([stateIn(`${LEERROUTE}.onderwijsroute.bezig`), or(['naarB1', 'naarZroute'])]),
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
            // Entered once, with the PIP (its leerroute is in the context by then).
            bepalen: {
              always: [
                { guard: and(['isB1', 'leerrouteBehaald']), target: 'b1.behaald' },
                { guard: 'isB1', target: 'b1' },
                { guard: and(['isOnderwijsroute', 'leerrouteBehaald']), target: 'onderwijsroute.behaald' },
                { guard: 'isOnderwijsroute', target: 'onderwijsroute' },
                { guard: and(['isZroute', 'leerrouteBehaald']), target: 'z-route.behaald' },
                { guard: 'isZroute', target: 'z-route' },
              ],
            },
            b1: {
              initial: 'bezig',
              states: {
                bezig: { on: { ...routeWissel, ...naarBehaald, AfgeschaaldNaarA2: [kanBehalen('behaaldNa'), { actions: 'apply' }] } },
                behaald: {},
              },
            },
            onderwijsroute: {
              initial: 'bezig',
              states: {
                bezig: { on: { ...routeWissel, ...naarBehaald, OnderwijsrouteAfgerond: [kanBehalen('behaaldNa'), { actions: 'apply' }] } },
                behaald: {},
              },
            },
            'z-route': {
              initial: 'bezig',
              states: {
                bezig: { on: { ...routeWissel, ...naarBehaald, ZrouteAfgerond: [kanBehalen('behaaldNa'), { actions: 'apply' }] } },
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
            // The leerroute region's transition applies the route change; this one only follows it (no actions).
            open: {
              on: {
                MapAfgerond: { target: 'afgerond', actions: 'apply' },
                LeerrouteGewijzigd: { guard: 'naarOnderwijsrouteVanuitBezig', target: 'niet-van-toepassing' },
              },
            },
            'niet-van-toepassing': { on: { LeerrouteGewijzigd: { guard: 'vanOnderwijsrouteVanuitBezig', target: 'open' } } },
            afgerond: {},
          },
        },
        // Pw art. 56a: ontzorging runs from its start until it ends (einde also ends it, but einde leaves uitvoering).
        ontzorging: {
          initial: 'bepalen',
          states: {
            bepalen: {
              always: [{ guard: 'ontzorgingActief', target: 'actief' }, { guard: 'ontzorgingBeeindigd', target: 'beeindigd' }, { target: 'geen' }],
            },
            geen: { on: { OntzorgingGestart: { guard: 'ontzorgingKanStarten', target: 'actief', actions: 'apply' } } },
            actief: { on: { OntzorgingBeeindigd: { guard: 'ontzorgingActief', target: 'beeindigd', actions: 'apply' } } },
            beeindigd: { on: { OntzorgingGestart: { guard: 'ontzorgingKanStarten', target: 'actief', actions: 'apply' } } },
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
