import { plusDagen } from '../trajectories/core/kalender';
import { termijnen } from '../trajectories/inburgering/view';
import { TERMIJNEN, TERMIJN_TRAJECTEN, statusOp, termijnRij, termijnenProjection } from './termijnen.projection';
import { PERSOON, bevindingen, feed, pipData, registratie } from './testing/feed';

const rijen = (s: ReturnType<typeof feed>, id: string): Record<string, any> =>
  Object.fromEntries(s.rows(TERMIJNEN, 'traject = ?', [id]).map((r) => [r.soort, r]));

/** The stored rows give, for every day around each boundary, exactly what the view's termijnen() says. */
function expectSameAsView(s: ReturnType<typeof feed>, id: string) {
  const c = s.context(id);
  const rows = rijen(s, id);
  const dagen = new Set(['2000-01-01', '2099-12-31']);
  for (const r of Object.values(rows)) if (r.laatste_dag) for (const d of [-1, 0, 1, 2]) dagen.add(plusDagen(r.laatste_dag, d));
  for (const today of dagen) {
    const view = termijnen(c, today) as Record<string, { status: string }>;
    expect(Object.keys(rows).sort()).toEqual(Object.keys(view).sort());
    for (const [soort, r] of Object.entries(rows)) expect({ soort, today, status: statusOp(r as never, today) }).toEqual({ soort, today, status: view[soort].status });
  }
}

describe('termijnen projection', () => {
  it('screening: last day koppeling + 70, lopend up to it and verstreken after, as the view says', () => {
    const s = feed(termijnenProjection).on('a', 'InburgeraarGeregistreerd', registratie());
    expect(rijen(s, 'a').screening).toMatchObject({ datum: '2025-03-21', laatste_dag: '2025-03-21', status_voor: 'lopend', status_na: 'verstreken', consulent: 'kim', fase: 'aangemeld' });
    expect(statusOp(rijen(s, 'a').screening, '2025-03-21')).toBe('lopend');
    expect(statusOp(rijen(s, 'a').screening, '2025-03-22')).toBe('verstreken');
    expectSameAsView(s, 'a');
    s.on('a', 'ScreeningUitgevoerd', { datum: '2025-03-21', uitvoerder: 'Weener XL' });
    expect(rijen(s, 'a').screening).toMatchObject({ status_voor: 'gehaald', status_na: 'gehaald' });
    expectSameAsView(s, 'a');
  });

  it('a late screening stays verstreken; a recorded ScreeningTermijnVerstreken too', () => {
    const s = feed(termijnenProjection).on('a', 'InburgeraarGeregistreerd', registratie()).on('b', 'InburgeraarGeregistreerd', registratie());
    s.on('a', 'ScreeningUitgevoerd', { datum: '2025-03-22', uitvoerder: 'Weener XL' });
    s.on('b', 'ScreeningTermijnVerstreken', { uiterlijk: '2025-03-21' }, '2025-03-22');
    expect(rijen(s, 'a').screening).toMatchObject({ status_voor: 'verstreken', status_na: 'verstreken' });
    expect(rijen(s, 'b').screening).toMatchObject({ status_voor: 'verstreken', status_na: 'verstreken' });
    expectSameAsView(s, 'a');
    expectSameAsView(s, 'b');
  });

  it('PIP, ontzorging and inburgeringstermijn through a whole life, equal to the view on every boundary', () => {
    const s = feed(termijnenProjection).on('a', 'InburgeraarGeregistreerd', registratie({ datumInschrijvingBrp: '2025-01-20' }));
    expect(rijen(s, 'a').pip).toMatchObject({ datum: '2025-03-31', laatste_dag: '2025-03-31', status_voor: 'lopend', status_na: 'verstreken', opgeschort: 0 });
    s.on('a', 'BijstandToegekend', { ingangsdatum: '2025-02-01' }).on('a', 'OntzorgingGestart', { ingangsdatum: '2025-02-01', tot: '2025-08-01' });
    expect(rijen(s, 'a').ontzorging).toMatchObject({ datum: '2025-08-01', laatste_dag: '2025-07-31', status_voor: 'lopend', status_na: 'verstreken' });
    expectSameAsView(s, 'a');
    s.on('a', 'PipTermijnOpgeschort', { datum: '2025-03-01', reden: 'wacht op arts' });
    expect(rijen(s, 'a').pip).toMatchObject({ datum: null, laatste_dag: null, status_voor: 'lopend', opgeschort: 1 });
    expectSameAsView(s, 'a');
    s.on('a', 'InformatieDerdenOntvangen', { datum: '2025-03-25' });
    expect(rijen(s, 'a').pip).toMatchObject({ datum: '2025-04-08', opgeschort: 0 });
    s.on('a', 'BredeIntakeGestart', { datum: '2025-03-26' })
      .on('a', 'LeerbaarheidstoetsAfgenomen', { datum: '2025-03-27', adviesNiveau: 'B1', adviesLeerroute: 'b1' })
      .on('a', 'BredeIntakeAfgerond', { datum: '2025-03-28', bevindingen })
      .on('a', 'PipVastgesteld', pipData('2025-04-01'));
    expect(rijen(s, 'a').pip).toMatchObject({ status_voor: 'gehaald', status_na: 'gehaald', fase: 'uitvoering' });
    expect(rijen(s, 'a').inburgeringstermijn).toMatchObject({ datum: '2028-04-02', laatste_dag: '2028-04-01', status_voor: 'lopend', status_na: 'verstreken' });
    expectSameAsView(s, 'a');
    s.on('a', 'OntzorgingVerlengd', { datum: '2025-07-01', tot: '2025-12-01', reden: 'x' });
    expect(rijen(s, 'a').ontzorging).toMatchObject({ datum: '2025-12-01', laatste_dag: '2025-11-30' });
    s.on('a', 'BijstandBeeindigd', { datum: '2025-10-01' }).on('a', 'OntzorgingBeeindigd', { datum: '2025-10-01', reden: 'bijstand-beeindigd' });
    expect(rijen(s, 'a').ontzorging).toMatchObject({ status_voor: 'vervallen', status_na: 'vervallen' });
    s.on('a', 'TrajectBeeindigd', { datum: '2026-01-05', reden: 'verhuisd' });
    expect(rijen(s, 'a').inburgeringstermijn).toMatchObject({ status_voor: 'vervallen', status_na: 'vervallen', fase: 'beeindigd' });
    expectSameAsView(s, 'a');
  });

  it('keeps no personal data, and nothing for the ondertussen-groep or unknown trajectories', () => {
    const s = feed(termijnenProjection)
      .on('a', 'InburgeraarGeregistreerd', registratie())
      .on('o', 'InburgeraarGeregistreerd', { ...registratie({ soort: 'ondertussen' }) })
      .on('o', 'AdviesgesprekGevoerd', { datum: '2025-02-01', advies: 'x' })
      .on('x', 'BredeIntakeGestart', { datum: '2025-02-01' });
    const alles = JSON.stringify([s.rows(TERMIJNEN), s.rows(TERMIJN_TRAJECTEN)]);
    expect(alles).not.toContain(PERSOON.naam);
    expect(alles).not.toContain(PERSOON.geboortedatum);
    expect(s.rows(TERMIJN_TRAJECTEN).map((r) => r.traject)).toEqual(['a']);
  });

  it('a row is the recorded deadline fact: its date, last day and status before and after that day', () => {
    const s = feed(termijnenProjection).on('a', 'InburgeraarGeregistreerd', registratie());
    const screening = s.context('a').termijnen.screening!;
    expect(termijnRij(screening)).toEqual(
      { soort: 'screening', datum: '2025-03-21', laatste_dag: '2025-03-21', status_voor: 'lopend', status_na: 'verstreken', opgeschort: 0 });
    expect(rijen(s, 'a').screening).toMatchObject(termijnRij(screening));
  });
});
