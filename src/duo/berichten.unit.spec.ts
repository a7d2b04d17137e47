import { DuoStand, berichtenVoor, nieuweStand, pipWeigering, resultaatWeigering } from './berichten';

const stand = (s: Partial<DuoStand> = {}): DuoStand => ({ ...nieuweStand(), heeftBsn: true, ...s });
let n = 0;
const feit = (type: string, data: Record<string, unknown>) => ({ eventId: `e${++n}`, type, data });
const pipFeit = (datum: string, leerroute = 'b1') =>
  feit('PipVastgesteld', { datum, leerroute, voortgangsgesprekken: 1, participatieactiviteiten: [], map: 'van-toepassing', inburgeringstermijn: { start: datum, eind: '2029-07-01' } });

describe('DUO messages from trajectory facts (contracts/duo/README.md)', () => {
  it('a PIP: leerroute as DUO codes it, niveau B1 on the B1-route, none on the Z-route', () => {
    expect(berichtenVoor(stand(), pipFeit('2026-07-01')).berichten[0]).toMatchObject({
      operatie: 'postPipByBsn', methode: 'POST', pad: '/personen/{bsn}/PIP', body: { dagtekeningPip: '2026-07-01', leerroute: 'B', niveau: 'B1' },
    });
    expect(berichtenVoor(stand(), pipFeit('2026-07-01', 'z-route')).berichten[0].body).toEqual({ dagtekeningPip: '2026-07-01', leerroute: 'Z' });
    expect(berichtenVoor(stand(), pipFeit('2026-07-01', 'onderwijsroute')).berichten[0].body).toEqual({ dagtekeningPip: '2026-07-01', leerroute: 'O', niveau: 'B1' });
  });

  it('the BerichtId is stable: the same fact gives the same id, another fact another', () => {
    const f = pipFeit('2026-07-01');
    expect(berichtenVoor(stand(), f).berichten[0].berichtId).toBe(berichtenVoor(stand(), { ...f }).berichten[0].berichtId);
    expect(berichtenVoor(stand(), f).berichten[0].berichtId).not.toBe(berichtenVoor(stand(), pipFeit('2026-07-01')).berichten[0].berichtId);
    expect(berichtenVoor(stand(), f).berichten[0].berichtId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['before the start of the inburgeringsplicht', stand({ startPlicht: '2026-07-02' }), '2026-07-01', 'B', 'B1', true, /start van de inburgeringsplicht/],
    ['before the vestiging', stand({ vestiging: '2026-07-02' }), '2026-07-01', 'B', 'B1', true, /vestiging/],
    ['a change before the initial PIP', stand({ eerstePip: '2026-07-01', actuelePip: '2026-07-01' }), '2026-06-30', 'B', 'B1', false, /initiële PIP/],
    ['a change before the current PIP', stand({ eerstePip: '2026-07-01', actuelePip: '2026-09-01' }), '2026-08-01', 'B', 'B1', false, /actuele PIP/],
    ['A2 with the onderwijsroute', stand(), '2026-07-01', 'O', 'A2', false, /onderwijsroute/],
    ['B1 with the Z-route', stand(), '2026-07-01', 'Z', 'B1', false, /Z-route/],
    ['A2 with the B1-route in a first PIP', stand(), '2026-07-01', 'B', 'A2', true, /eerste PIP/],
  ] as const)('refuses a PIP %s', (_naam, s, datum, route, niveau, eerste, reden) => {
    expect(pipWeigering(s, datum, route, niveau, eerste)).toMatch(reden);
  });

  it('accepts A2 on the B1-route after a first PIP (afschalen) and a change on the same day', () => {
    expect(pipWeigering(stand({ eerstePip: '2026-07-01', actuelePip: '2026-07-01' }), '2026-07-01', 'B', 'A2', false)).toBeUndefined();
  });

  it('a refused PIP is not the current PIP: MAP and PVT then wait for a PIP DUO knows', () => {
    const { stand: na } = berichtenVoor(stand({ startPlicht: '2026-08-01' }), pipFeit('2026-07-01'));
    expect(na.actuelePip).toBeUndefined();
    expect(berichtenVoor(na, feit('PvtAfgerond', { datum: '2026-08-01' })).berichten[0].weigering).toMatch(/geen actuele PIP/);
  });

  it('MAP and PVT: no verwijtbaar before the end of the term; after it DUO needs one this system does not record', () => {
    const s = stand({ actuelePip: '2026-07-01', eerstePip: '2026-07-01', termijn: { start: '2026-07-01', eind: '2029-07-01' } });
    expect(berichtenVoor(s, feit('MapAfgerond', { datum: '2027-01-01' })).berichten[0]).toMatchObject({ pad: '/personen/{bsn}/map', body: { datumEindgesprekMap: '2027-01-01' } });
    expect(berichtenVoor(s, feit('MapAfgerond', { datum: '2027-01-01' })).berichten[0].weigering).toBeUndefined();
    expect(resultaatWeigering(s, '2029-07-01', 'eindgesprek MAP')).toMatch(/verwijtbaar/);
    expect(resultaatWeigering(s, '2026-06-30', 'ondertekening PVT')).toMatch(/vóór de start van de inburgeringstermijn/);
    expect(resultaatWeigering({ ...s, zroute: '2027-02-01' }, '2027-03-01', 'eindgesprek MAP')).toMatch(/Z-route/);
  });

  it('hours: totals per DUO resource, brede intake before the PIP, whole hours, at most 9999', () => {
    let s = stand();
    const uren = (soort: string, u: number) => {
      const r = berichtenVoor(s, feit('UrenGeregistreerd', { datum: '2026-07-01', soort, uren: u }));
      s = r.stand;
      return r.berichten.map((b) => [b.operatie, b.body, b.weigering]);
    };
    expect(uren('nt2', 6)).toEqual([['updateUrenTaallesEnKnmByBSN', { uren: 6 }, undefined]]);
    s = berichtenVoor(s, pipFeit('2026-07-01')).stand;
    expect(uren('nt2', 10.5)).toEqual([['updateUrenParticipatieAlsTaallesByBsn', { uren: 10 }, undefined]]);
    expect(uren('knm', 2)).toEqual([['updateUrenParticipatieAlsTaallesByBsn', { uren: 12 }, undefined]]);
    expect(uren('participatie', 3)).toEqual([['updateUrenParticipatieactiviteiten', { uren: 3 }, undefined]]);
    expect(uren('pvt', 3)).toEqual([]);
    expect(uren('nt2', 9990)[0][2]).toMatch(/9999/);
  });

  it('without a BSN every message is refused here, never sent', () => {
    expect(berichtenVoor(stand({ heeftBsn: false }), pipFeit('2026-07-01')).berichten[0].weigering).toMatch(/geen BSN/);
  });

  it('a route change and afschaling are reported with the PipGewijzigd of the same command', () => {
    let s = berichtenVoor(stand(), pipFeit('2026-07-01')).stand;
    s = berichtenVoor(s, feit('LeerrouteGewijzigd', { datum: '2026-09-01', van: 'b1', naar: 'z-route', reden: 'x' })).stand;
    expect(berichtenVoor(s, feit('PipGewijzigd', { datum: '2026-09-01', wijziging: 'x', reden: 'x' })).berichten[0].body).toEqual({ dagtekeningPip: '2026-09-01', leerroute: 'Z' });
    let b = berichtenVoor(stand(), pipFeit('2026-07-01')).stand;
    b = berichtenVoor(b, feit('AfgeschaaldNaarA2', { datum: '2027-09-01', onderdelen: ['lezen'], onderbouwing: 'x', nt2Uren: 600 })).stand;
    const gewijzigd = berichtenVoor(b, feit('PipGewijzigd', { datum: '2027-09-01', wijziging: 'x', reden: 'x' })).berichten[0];
    expect(gewijzigd.body).toEqual({ dagtekeningPip: '2027-09-01', leerroute: 'B', niveau: 'A2' });
    expect(gewijzigd.weigering).toBeUndefined();
  });
});

describe('berichtenVoor in place (the outbox changes the stand of its batch without a copy per fact)', () => {
  it('gives the same stand (to its JSON, key order included) and the same messages as with a copy, fact after fact', () => {
    const feiten = [
      feit('InburgeraarGeregistreerd', { soort: 'inburgering', persoon: { bsn: '123456782' }, datumMeldingDuo: '2026-05-01', datumInschrijvingBrp: '2026-05-02' }),
      feit('UrenGeregistreerd', { soort: 'nt2', uren: 3.5 }),
      feit('MapAfgerond', { datum: '2026-06-01' }),
      pipFeit('2026-04-01'),
      feit('PipGewijzigd', { datum: '2026-04-20' }),
      pipFeit('2026-07-01'),
      feit('UrenGeregistreerd', { soort: 'nt2', uren: 2 }),
      feit('UrenGeregistreerd', { soort: 'participatie', uren: 10 }),
      feit('LeerrouteGewijzigd', { naar: 'onderwijsroute' }),
      feit('AfgeschaaldNaarA2', {}),
      feit('PipGewijzigd', { datum: '2026-06-01' }),
      feit('PipGewijzigd', { datum: '2026-08-01' }),
      feit('InburgeringstermijnVerlengd', { nieuweEinddatum: '2030-01-01' }),
      feit('MeldingDuoGeregistreerd', { datumMeldingDuo: '2026-04-15' }),
      feit('InschrijvingBrpGeregistreerd', { datum: '2026-04-16' }),
      feit('PvtAfgerond', { datum: '2031-01-01' }),
      feit('ZrouteAfgerond', { datum: '2027-01-01' }),
      feit('MapAfgerond', { datum: '2027-02-01' }),
    ];
    let kopie = nieuweStand();
    const terPlaatse = nieuweStand();
    const berichten: [unknown, unknown][] = [];
    for (const f of feiten) {
      const a = berichtenVoor(kopie, f);
      const b = berichtenVoor(terPlaatse, f, { terPlaatse: true });
      expect(b.stand).toBe(terPlaatse);
      expect(JSON.stringify(b.stand)).toBe(JSON.stringify(a.stand));
      expect(b.berichten).toEqual(a.berichten);
      berichten.push(...a.berichten.map((x): [unknown, unknown] => [x.operatie, x.weigering]));
      kopie = a.stand;
    }
    // The sequence exercised both outcomes of DUO's rules.
    expect(berichten.filter(([, w]) => w === undefined).length).toBeGreaterThan(2);
    expect(berichten.filter(([, w]) => w !== undefined).length).toBeGreaterThan(2);
  });
});
