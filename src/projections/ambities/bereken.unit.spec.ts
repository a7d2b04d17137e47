import { berekenAmbities, gehaald, percentage, trend } from './bereken';
import { AmbitieFeiten } from './feiten';
import { berekenIndicatoren } from './indicatoren';
import { actief, bijstandIn, participeertIn, periodeVan, routeIn } from './periode';

let volgnummer = 0;
/** A trajectory's facts: registered 2023-03-01, nothing else unless given. */
const feiten = (extra: Partial<AmbitieFeiten> = {}): AmbitieFeiten => ({
  traject: `t${String(++volgnummer).padStart(3, '0')}`, doelgroep: 'gezinsmigrant', geslacht: 'man', registratie: '2023-03-01',
  koppeling: null, screening: null, routes: [], finaal: null, bijstand: [], activiteiten: [], uitstroom: [], pip: null,
  bredeIntakeGestart: null, termijnEind: null, voldaan: null, termijnen: {}, ...extra,
});
/** A recorded deadline's outcome, as TermijnVervallen records it (rules/termijnen.ts decides it). */
const afgelopen = (datum: string, uitkomst: 'gehaald' | 'verstreken' | 'vervallen') => ({ datum, laatsteDag: datum, uitkomst });
const route = (r: 'b1' | 'onderwijsroute' | 'z-route', vanaf = '2023-06-01') => ({ routes: [{ vanaf, route: r }] });
const Y2024 = periodeVan(2024);
const H1 = periodeVan(2024, 1);
const H2 = periodeVan(2024, 2);
const ambitie = (fs: AmbitieFeiten[], nummer: number, p = Y2024) => berekenAmbities(fs, p).find((a) => a.nummer === nummer)!;

describe('periods', () => {
  it('a year and its half-years, both ends inclusive', () => {
    expect(periodeVan(2024)).toEqual({ jaar: 2024, van: '2024-01-01', tot: '2024-12-31' });
    expect(H1).toEqual({ jaar: 2024, halfjaar: 1, van: '2024-01-01', tot: '2024-06-30' });
    expect(H2).toEqual({ jaar: 2024, halfjaar: 2, van: '2024-07-01', tot: '2024-12-31' });
  });
});

describe('the terms of ambities.md', () => {
  it('active in Y: registered by 31-12, final phase (if any) on or after 1-1', () => {
    expect(actief(feiten({ registratie: '2024-12-31' }), Y2024)).toBe(true);
    expect(actief(feiten({ registratie: '2025-01-01' }), Y2024)).toBe(false);
    expect(actief(feiten({ finaal: { fase: 'beeindigd', datum: '2024-01-01' } }), Y2024)).toBe(true);
    expect(actief(feiten({ finaal: { fase: 'beeindigd', datum: '2023-12-31' } }), Y2024)).toBe(false);
    expect(actief(feiten({ finaal: { fase: 'voldaan', datum: '2024-07-01' } }), H1)).toBe(true);
  });

  it('route in Y: held on 31-12, or on the final day when that was within Y; none without a PIP by then', () => {
    const gewisseld = feiten({ routes: [{ vanaf: '2023-06-01', route: 'b1' }, { vanaf: '2024-09-01', route: 'z-route' }] });
    expect(routeIn(gewisseld, periodeVan(2023))).toBe('b1');
    expect(routeIn(gewisseld, Y2024)).toBe('z-route');
    expect(routeIn(gewisseld, H1)).toBe('b1');
    const geeindigd = { ...gewisseld, finaal: { fase: 'beeindigd', datum: '2024-08-31' } };
    expect(routeIn(geeindigd, Y2024)).toBe('b1');
    expect(routeIn(feiten(route('b1', '2025-01-02')), Y2024)).toBeNull();
    expect(routeIn(feiten(route('b1', '2024-12-31')), Y2024)).toBe('b1');
  });

  it('on bijstand in Y: ingangsdatum ≤ 31-12 and not ended before 1-1 (ending on 1-1 still counts)', () => {
    expect(bijstandIn(feiten({ bijstand: [{ van: '2023-01-01', tot: '2023-12-31' }] }), Y2024)).toBe(false);
    expect(bijstandIn(feiten({ bijstand: [{ van: '2023-01-01', tot: '2024-01-01' }] }), Y2024)).toBe(true);
    expect(bijstandIn(feiten({ bijstand: [{ van: '2024-12-31', tot: null }] }), Y2024)).toBe(true);
    expect(bijstandIn(feiten({ bijstand: [{ van: '2025-01-01', tot: null }] }), Y2024)).toBe(false);
    expect(bijstandIn(feiten({ bijstand: [{ van: '2024-02-01', tot: '2024-05-01' }] }), H2)).toBe(false);
  });

  it('participating in Y: an activity that straddles New Year counts in both years', () => {
    const f = feiten({ activiteiten: [{ van: '2023-11-01', tot: '2024-01-15' }] });
    expect(participeertIn(f, periodeVan(2023))).toBe(true);
    expect(participeertIn(f, Y2024)).toBe(true);
    expect(participeertIn(f, H2)).toBe(false);
    expect(participeertIn(feiten({ activiteiten: [{ van: '2022-01-01', tot: null }] }), Y2024)).toBe(true);
    expect(participeertIn(feiten({ activiteiten: [{ van: '2025-01-01', tot: null }] }), Y2024)).toBe(false);
  });
});

describe('percentages and targets', () => {
  it('one decimal, half up; null when the denominator is 0', () => {
    expect(percentage(2, 3)).toBe(66.7);
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(1, 8)).toBe(12.5);
    expect(percentage(1, 16)).toBe(6.3);
    expect(percentage(3, 3)).toBe(100);
    expect(percentage(0, 0)).toBeNull();
  });
  it('met on the exact fraction; null without a denominator', () => {
    expect(gehaald(7, 10, 70)).toBe(true);
    expect(gehaald(1749, 2500, 70)).toBe(false); // 69.96% shows as 70.0 but is below 70
    expect(gehaald(0, 0, 70)).toBeNull();
  });
});

describe('the six ambitions', () => {
  it('1: the screening deadline (koppeling + 70 days) recorded as met, of asielstatushouders with koppeling in Y', () => {
    const asiel = (koppeling: string, screening: string | null, uitkomst: 'gehaald' | 'verstreken' | null) =>
      feiten({ doelgroep: 'asielstatushouder', koppeling, screening, termijnen: uitkomst ? { screening: afgelopen('x', uitkomst) } : {} });
    const fs = [asiel('2024-01-10', '2024-03-20', 'gehaald'), asiel('2024-02-01', '2024-04-12', 'verstreken'), asiel('2024-11-15', null, null),
      asiel('2023-12-20', '2024-01-05', 'gehaald'), feiten()];
    expect(ambitie(fs, 1)).toMatchObject({ teller: 1, noemer: 3, percentage: 33.3, doel: 100, gehaald: false, tellerIds: [fs[0].traject] });
    expect(ambitie(fs, 1, periodeVan(2023))).toMatchObject({ teller: 1, noemer: 1, percentage: 100, gehaald: true });
  });

  it('2–4: participation per route, counting a trajectory ended within the year by its route on that day', () => {
    const fs = [
      feiten({ ...route('z-route'), activiteiten: [{ van: '2023-11-01', tot: '2024-01-15' }] }),
      feiten(route('z-route')),
      feiten({ ...route('z-route'), finaal: { fase: 'beeindigd', datum: '2024-06-30' }, activiteiten: [{ van: '2024-02-01', tot: null }] }),
      feiten({ ...route('z-route'), finaal: { fase: 'beeindigd', datum: '2023-12-31' }, activiteiten: [{ van: '2023-02-01', tot: null }] }),
      feiten({ routes: [{ vanaf: '2023-06-01', route: 'b1' }, { vanaf: '2024-03-01', route: 'z-route' }], finaal: { fase: 'beeindigd', datum: '2024-02-15' } }),
      feiten({ ...route('onderwijsroute', '2024-08-01'), activiteiten: [{ van: '2024-09-01', tot: null }] }),
    ];
    expect(ambitie(fs, 2)).toMatchObject({ teller: 2, noemer: 3, percentage: 66.7, doel: 70, gehaald: false });
    expect(ambitie(fs, 3)).toMatchObject({ teller: 0, noemer: 1, percentage: 0, doel: 60, gehaald: false, noemerIds: [fs[4].traject] });
    expect(ambitie(fs, 4)).toMatchObject({ teller: 1, noemer: 1, percentage: 100, doel: 20, gehaald: true });
    expect(ambitie(fs, 4, H1)).toMatchObject({ teller: 0, noemer: 0, percentage: null, gehaald: null });
    expect(ambitie(fs, 2, periodeVan(2023))).toMatchObject({ teller: 2, noemer: 4 });
  });

  it('5: uitstroom dated in Y, of the active on bijstand in Y (a bijstand that ended the year before does not count)', () => {
    const fs = [
      feiten({ bijstand: [{ van: '2024-02-01', tot: null }], uitstroom: ['2024-09-01'] }),
      feiten({ bijstand: [{ van: '2023-03-01', tot: '2023-12-31' }], uitstroom: ['2024-03-01'] }),
      feiten({ bijstand: [{ van: '2023-06-01', tot: '2024-01-01' }], uitstroom: ['2023-12-15'] }),
      feiten({ bijstand: [{ van: '2024-05-01', tot: null }] }),
      feiten({ bijstand: [{ van: '2024-05-01', tot: null }], uitstroom: ['2024-06-01'], finaal: { fase: 'beeindigd', datum: '2023-12-01' } }),
    ];
    expect(ambitie(fs, 5)).toMatchObject({ teller: 1, noemer: 3, percentage: 33.3, doel: 45, gehaald: false });
    expect(ambitie(fs, 5).noemerIds).toEqual([fs[0], fs[2], fs[3]].map((f) => f.traject).sort());
    expect(ambitie(fs, 5, H2)).toMatchObject({ teller: 1, noemer: 2 });
  });

  it('6: participation of women on bijstand; an erased sex is not counted', () => {
    const fs = [
      feiten({ geslacht: 'vrouw', bijstand: [{ van: '2024-02-01', tot: null }], activiteiten: [{ van: '2024-03-01', tot: '2024-04-01' }] }),
      feiten({ geslacht: 'vrouw', bijstand: [{ van: '2024-02-01', tot: null }] }),
      feiten({ geslacht: 'man', bijstand: [{ van: '2024-02-01', tot: null }], activiteiten: [{ van: '2024-03-01', tot: null }] }),
      feiten({ geslacht: null, bijstand: [{ van: '2024-02-01', tot: null }], activiteiten: [{ van: '2024-03-01', tot: null }] }),
    ];
    expect(ambitie(fs, 6)).toMatchObject({ teller: 1, noemer: 2, percentage: 50, doel: 70, gehaald: false });
    expect(ambitie(fs, 6, H2)).toMatchObject({ teller: 0, noemer: 2, percentage: 0 });
  });

  it('every ambition with noemer 0 when there is nothing: percentage null', () => {
    expect(berekenAmbities([], Y2024).map((a) => [a.nummer, a.teller, a.noemer, a.percentage, a.gehaald])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [n, 0, 0, null, null]));
  });

  it('trend: the figures of each year', () => {
    const f = feiten({ ...route('z-route', '2023-06-01'), activiteiten: [{ van: '2023-11-01', tot: '2024-01-15' }] });
    const z = trend([f, feiten(route('z-route'))], 2022, 2025).get(2)!;
    expect(z.map((t) => [t.jaar, t.teller, t.noemer, t.percentage])).toEqual([[2022, 0, 0, null], [2023, 1, 2, 50], [2024, 1, 2, 50], [2025, 0, 2, 0]]);
  });
});

describe('the national indicators', () => {
  const pip = (datum: string, leerroute: 'b1' | 'z-route' | 'onderwijsroute', uiterlijk: string | null) => ({
    pip: { datum, leerroute },
    termijnen: uiterlijk ? { pip: afgelopen(uiterlijk, datum <= uiterlijk ? 'gehaald' : 'verstreken') } : {},
  });
  const fs = [
    feiten({ registratie: '2024-01-10', bredeIntakeGestart: '2024-02-01', ...pip('2024-03-01', 'b1', '2024-03-20') }),
    feiten({ registratie: '2024-01-10', ...pip('2024-03-21', 'b1', '2024-03-20') }),
    feiten({ registratie: '2023-10-10', bredeIntakeGestart: '2023-11-01', ...pip('2024-01-05', 'z-route', null) }),
    feiten({ registratie: '2024-05-10', ...pip('2025-01-05', 'onderwijsroute', '2025-02-01') }),
    feiten({ termijnEind: '2024-03-02', voldaan: '2024-03-01' }),
    feiten({ termijnEind: '2024-06-02', voldaan: '2024-06-02' }),
    feiten({ termijnEind: '2024-12-31' }),
    feiten({ termijnEind: '2025-01-01', voldaan: '2024-05-01' }),
  ];
  const i = berekenIndicatoren(fs, Y2024);

  it('PIP on time: dagtekening ≤ the last day; without a running deadline it is on time', () => {
    expect(i.pipOpTijd).toMatchObject({ teller: 2, noemer: 3, percentage: 66.7, tellerIds: [fs[0], fs[2]].map((f) => f.traject) });
  });
  it('brede intake started: of those registered in Y', () => {
    expect(i.bredeIntakeGestart).toMatchObject({ teller: 1, noemer: 3, percentage: 33.3 });
  });
  it('route distribution of PIPs set in Y', () => {
    expect(i.routeverdeling).toMatchObject({ totaal: 3, perLeerroute: { b1: 2, onderwijsroute: 0, 'z-route': 1 } });
  });
  it('obligation met: voldaan before the (exclusive) eind, of the termijnen whose eind lies in Y', () => {
    expect(i.inburgeringsplichtVoldaan).toMatchObject({ teller: 1, noemer: 3, percentage: 33.3, tellerIds: [fs[4].traject] });
  });
  it('a half-year applies the same definitions', () => {
    expect(berekenIndicatoren(fs, H1).pipOpTijd).toMatchObject({ teller: 2, noemer: 3 });
    expect(berekenIndicatoren(fs, H2).inburgeringsplichtVoldaan).toMatchObject({ teller: 0, noemer: 1 });
  });
});
