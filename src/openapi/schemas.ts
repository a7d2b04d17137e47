import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * The response schemas of the OpenAPI document (components/schemas), by name. Written as JSON Schema rather than
 * classes: the answers are plain objects built by pure functions (views, projections), and several fields are
 * unions or maps that a class cannot say. Objects stay open (`additionalProperties`) where another slice may add a
 * field later, so an added field never makes the document lie; every field named here is typed.
 */
export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

const s = (type: SchemaObject['type'], extra: SchemaObject = {}): SchemaObject => ({ type, ...extra });
const str = (description?: string, extra: SchemaObject = {}): SchemaObject => s('string', { ...(description ? { description } : {}), ...extra });
const datum = (description?: string, nullable = false): SchemaObject =>
  str(description, { format: 'date', example: '2025-03-01', ...(nullable ? { nullable: true } : {}) });
const tijdstip = (description?: string): SchemaObject => str(description, { format: 'date-time', example: '2025-03-01T09:00:00.000Z' });
const uuid = (description?: string, nullable = false): SchemaObject =>
  str(description, { format: 'uuid', example: '3f2b8c1e-6a7d-4e5f-9a0b-1c2d3e4f5a6b', ...(nullable ? { nullable: true } : {}) });
const int = (description?: string, extra: SchemaObject = {}): SchemaObject => s('integer', { ...(description ? { description } : {}), ...extra });
const bool = (description?: string, extra: SchemaObject = {}): SchemaObject => s('boolean', { ...(description ? { description } : {}), ...extra });
const arr = (items: SchemaObject | ReferenceObject, description?: string): SchemaObject => s('array', { items, ...(description ? { description } : {}) });
const obj = (properties: Record<string, SchemaObject | ReferenceObject>, required: string[] = Object.keys(properties), extra: SchemaObject = {}): SchemaObject =>
  s('object', { properties, ...(required.length ? { required } : {}), ...extra });
const open = (properties: Record<string, SchemaObject | ReferenceObject>, required: string[] = Object.keys(properties), extra: SchemaObject = {}): SchemaObject =>
  obj(properties, required, { additionalProperties: true, ...extra });
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const map = (values: SchemaObject | ReferenceObject, description?: string): SchemaObject =>
  s('object', { additionalProperties: values, ...(description ? { description } : {}) });

const FASE = str('De fase op het hoogste niveau', { example: 'intake' });
const TERMIJN_STATUS = str(undefined, { enum: ['lopend', 'gehaald', 'verstreken', 'vervallen'] });
const ACTOR = obj({ id: str('sub uit het token'), rol: str('de rol waarin gehandeld werd') });

/** The paging members every list answers with (README "Lijsten en paginering"). */
const paginering = (
  lijst: string, items: SchemaObject | ReferenceObject, metTotaal: boolean, extra: Record<string, SchemaObject | ReferenceObject> = {}, description?: string,
) =>
  open(
    {
      ...extra,
      [lijst]: arr(items),
      paginaGrootte: int('Het gevraagde aantal per pagina'),
      volgende: str('Cursor voor de volgende pagina (geef mee als `cursor`), null aan het eind', { nullable: true, example: 'eyJvIjoyNX0' }),
      ...(metTotaal ? { totaal: int('Het aantal treffers over alle pagina\'s') } : {}),
    },
    [...Object.keys(extra), lijst, 'paginaGrootte', 'volgende', ...(metTotaal ? ['totaal'] : [])],
    description ? { description } : {},
  );

const TERMIJN = open(
  {
    uiterlijk: datum('Laatste dag (screening, pip); null zolang de PIP-termijn is opgeschort', true),
    tot: datum('Einde, exclusief (ontzorging)'),
    start: datum('Begin (inburgeringstermijn)'),
    eind: datum('Einde, exclusief (inburgeringstermijn)'),
    status: TERMIJN_STATUS,
    opgeschort: bool('PIP-termijn opgeschort (Besluit inburgering 2021 art. 5.3 lid 2)'),
  },
  ['status'],
);

const PROBLEM_PROPERTIES: Record<string, SchemaObject> = {
  type: str('URI die het soort probleem noemt', { example: 'urn:inburgering-engine:probleem:ongeldige-invoer' }),
  title: str('Korte omschrijving van het soort probleem', { example: 'Ongeldige invoer' }),
  status: int('De HTTP-status', { example: 400 }),
  detail: str('Wat er in dit geval mis is', { example: 'datum moet een bestaande datum zijn (JJJJ-MM-DD)' }),
  instance: str('Het pad van het verzoek', { example: '/api/v1/trajecten' }),
};

export const SCHEMAS: Record<string, SchemaObject> = {
  // --- problem+json (RFC 9457) and its extension members
  Problem: open(
    {
      ...PROBLEM_PROPERTIES,
      errors: arr(obj({ veld: str(), fouten: arr(str()) }), '400: per veld de fouten'),
      revisie: int('409/412: de huidige revisie van het traject'),
      fase: str('422: de fase waarin de actie geweigerd werd'),
      trajectStatus: { description: '422: de toestand van de machine (string of genest object)', oneOf: [str(), s('object', { additionalProperties: true })] },
      toegestaneActies: arr(str(), '422: de acties die nu wel mogen'),
      ontbrekendeVelden: arr(str(), '422: de velden die een regel vereist maar die ontbreken'),
      eventStore: str('/health 503: `onbereikbaar`'),
      checks: map(obj({ ready: bool(), detail: str() }, ['ready']), '/ready 503: per controle of die gereed is'),
    },
    ['type', 'title', 'status', 'detail'],
    { description: 'RFC 9457 problem details; de extensieleden staan er alleen bij de genoemde statussen' },
  ),

  // --- trajectories
  Termijnen: open(
    { screening: TERMIJN, pip: TERMIJN, ontzorging: TERMIJN, inburgeringstermijn: TERMIJN, aow: TERMIJN },
    [],
    { description: 'De termijnen die voor dit traject lopen of liepen, per soort' },
  ),
  Persoon: open({
    naam: str(undefined, { example: 'Amal Haddad' }), geboortedatum: datum(), geslacht: str(undefined, { example: 'vrouw' }), bsn: str(undefined, { example: '999990019' }),
  }, [], { description: 'Persoonsgegevens; na wissing per veld `{"$gewist": true, "veldgroep": "persoon"}`' }),
  TrajectView: open(
    {
      id: uuid(),
      soort: str(undefined, { enum: ['inburgering', 'ondertussen'] }),
      revisie: int('Revisie (0 = de registratie); ook de ETag'),
      fase: FASE,
      status: { description: 'De toestand van de machine: een naam of een genest object (parallelle toestanden)', oneOf: [str(), s('object', { additionalProperties: true })] },
      doelgroep: str(undefined, { enum: ['asielstatushouder', 'gezinsmigrant'] }),
      persoon: ref('Persoon'),
      consulent: str(undefined, { nullable: true }),
      datumRegistratie: datum(),
      datumMeldingDuo: datum(undefined, true),
      datumKoppeling: datum(undefined, true),
      datumInschrijvingBrp: datum(undefined, true),
      leerroute: nullable(open({ route: str(undefined, { enum: ['b1', 'onderwijsroute', 'z-route'] }), behaald: bool(), inburgeringsexamenBehaald: bool() }, ['route'])),
      niveau: nullable(open({ advies: str(undefined, { nullable: true }), examen: nullable(map(str())), afgeschaald: arr(str()) }, [])),
      termijnen: ref('Termijnen'),
      toegestaneActies: arr(str(), 'De acties die de machine nu toestaat (POST …/acties/{actie})'),
      uren: nullable(map(s('number'), 'Uren per soort')),
      einde: nullable(open({ datum: datum(), reden: str() }, ['datum'])),
    },
    ['id', 'soort', 'revisie', 'fase', 'status', 'doelgroep', 'persoon', 'termijnen', 'toegestaneActies'],
    { description: 'Het dossier, vers gevouwen uit de stream (api.md "The view"); de overige velden hangen van de soort af' },
  ),
  Gebeurtenis: open({
    eventId: uuid(),
    type: str(undefined, { example: 'PipVastgesteld' }),
    revisie: int(),
    positie: int('Globale positie in het log (van de store zelf)'),
    datum: datum('De bedrijfsdatum van het feit'),
    recordedAt: tijdstip('Wanneer het werd vastgelegd'),
    actor: ACTOR,
    correlationId: str(),
    causationId: str(undefined, { nullable: true }),
    schemaVersion: int(),
    data: s('object', { additionalProperties: true }),
  }, ['eventId', 'type', 'revisie', 'positie', 'datum', 'recordedAt', 'data']),
  Tijdlijn: obj({
    id: uuid(),
    peildatum: datum(undefined, true),
    totRevisie: int(undefined, { nullable: true }),
    stappen: arr(open({
      gebeurtenis: ref('Gebeurtenis'),
      nietToepasbaar: bool('Past niet meer in de machine op deze peildatum'),
      fase: FASE,
      status: { oneOf: [str(), s('object', { additionalProperties: true })] },
    }, ['gebeurtenis', 'fase', 'status'])),
    // OAS 3.0 cannot put `nullable` on a $ref: null is the second alternative.
    staat: { oneOf: [ref('TrajectView'), { type: 'object', nullable: true, enum: [null] }], description: 'De staat na de laatste toegepaste gebeurtenis; null zonder gebeurtenissen' },
  }),
  TrajectItem: open({
    id: uuid(),
    soort: str(),
    doelgroep: str(),
    naam: str('null na wissing', { nullable: true }),
    geslacht: str(undefined, { nullable: true }),
    consulent: str(undefined, { nullable: true }),
    fase: FASE,
    leerroute: str(undefined, { nullable: true }),
    datumRegistratie: datum(),
    datumEinde: datum(undefined, true),
    revisie: int(),
  }),
  TrajectenPagina: paginering('items', ref('TrajectItem'), true, {
    pagina: int('Het paginanummer (vanaf 1)'),
  }),

  // --- dashboards
  TermijnRegel: open({
    trajectId: uuid(),
    soort: str(undefined, { enum: ['screening', 'pip', 'ontzorging', 'inburgeringstermijn', 'aow'] }),
    uiterlijk: datum(undefined, true),
    tot: datum(),
    eind: datum(),
    laatsteDag: datum('De laatste dag op tijd', true),
    status: TERMIJN_STATUS,
    dagenTotLaatsteDag: int('Negatief: zoveel dagen verstreken', { nullable: true }),
    opgeschort: bool(),
    naam: str(undefined, { nullable: true }),
    consulent: str(undefined, { nullable: true }),
    doelgroep: str(),
    fase: FASE,
  }, ['trajectId', 'soort', 'laatsteDag', 'status', 'dagenTotLaatsteDag', 'naam', 'consulent', 'doelgroep', 'fase']),
  TermijnenDashboard: paginering('verstreken', ref('TermijnRegel'), true, {
    peildatum: datum('Vandaag (Europe/Amsterdam)'),
    lopend: arr(ref('TermijnRegel'), 'De lopende termijnen van deze pagina, eerste laatste dag eerst'),
  }, 'Eén pagina over één volgorde: eerst de verstreken termijnen (langst verstreken eerst), dan de lopende (eerste laatste dag eerst)'),
  Caseload: obj({
    totaal: int(),
    perFase: map(int()),
    perLeerroute: map(int()),
    perConsulent: arr(obj({ consulent: str(undefined, { nullable: true }), totaal: int(), perFase: map(int()), perLeerroute: map(int()) })),
    rijen: arr(obj({ consulent: str(undefined, { nullable: true }), fase: str(), leerroute: str(), aantal: int() })),
  }),
  Cijfer: open({
    teller: int(), noemer: int(), percentage: s('number', { nullable: true, description: 'null bij noemer 0' }),
    detail: obj({ teller: arr(uuid()), noemer: arr(uuid()) }),
  }, ['teller', 'noemer', 'percentage']),
  Ambities: open({
    jaar: int(), halfjaar: int(undefined, { enum: [1, 2] }), van: datum(), tot: datum(), positie: int('Tot waar het log verwerkt is'),
    ambities: arr({
      allOf: [ref('Cijfer'), open({
        nummer: int(), omschrijving: str(), doel: s('number'), gehaald: bool(undefined, { nullable: true }),
        trend: arr(open({ jaar: int() }, ['jaar'])),
      }, ['nummer', 'omschrijving', 'doel', 'gehaald'])],
    }),
  }, ['jaar', 'van', 'tot', 'positie', 'ambities']),
  Indicatoren: open({
    jaar: int(), halfjaar: int(undefined, { enum: [1, 2] }), van: datum(), tot: datum(), positie: int(),
    indicatoren: obj({
      pipOpTijd: ref('Cijfer'),
      bredeIntakeGestart: ref('Cijfer'),
      routeverdeling: open({ totaal: int(), perLeerroute: map(int()), detail: map(arr(uuid())) }, ['totaal', 'perLeerroute']),
      inburgeringsplichtVoldaan: ref('Cijfer'),
    }),
  }, ['jaar', 'van', 'tot', 'positie', 'indicatoren']),
  UpdateBericht: obj(
    { projection: str('De projectie die veranderde', { example: 'trajecten' }), position: int('Tot waar ze het log verwerkte') },
    ['projection', 'position'],
    { description: 'Het `data`-veld (JSON) van elk Server-Sent Event op /dashboards/updates' },
  ),

  // --- audit and privacy
  AuditGebeurtenis: { allOf: [obj({ stream: str(), hash: str(undefined, { nullable: true }), prevHash: str(undefined, { nullable: true }) }), ref('Gebeurtenis')] },
  GebeurtenissenPagina: paginering('gebeurtenissen', ref('AuditGebeurtenis'), false),
  Inzage: open({
    positie: int(), type: str(undefined, { example: 'TrajectIngezien' }), stream: str(), recordedAt: tijdstip(),
    actor: obj({ sub: str('sub uit het token van de lezer'), rol: str() }),
    trace_id: str(), span_id: str(), name: str(), processing_activity_id: str(), data_subject_id: str(undefined, { nullable: true }),
    endpoint: str(), trajectId: uuid(undefined, true),
  }, ['positie', 'type', 'stream', 'recordedAt', 'actor']),
  InzagePagina: paginering('inzages', ref('Inzage'), false),
  StreamIntegriteit: obj({
    stream: str(), ok: bool(), gebeurtenissen: int(), laatsteHash: str(undefined, { nullable: true }),
    eersteBreuk: obj({
      versie: int(), revisie: int(), eventId: str(), positie: int(), type: str(),
      reden: str(undefined, { enum: ['gat', 'prevHash wijkt af', 'hash wijkt af', 'hash ontbreekt'] }), detail: str(),
    }),
  }, ['stream', 'ok', 'gebeurtenissen', 'laatsteHash']),
  IntegriteitsRapport: obj({
    ok: bool(), gecontroleerdOp: tijdstip(), totPositie: int(), streams: int(), gebeurtenissen: int(),
    gebroken: arr(ref('StreamIntegriteit')), resultaten: arr(ref('StreamIntegriteit')),
  }),
  Wissing: open({
    trajectId: uuid(), veldgroepen: arr(str()), velden: arr(str()), sleutelsVernietigd: arr(str(), "De veldgroepen waarvan een sleutel vernietigd werd"), reden: str(),
    gewistDoor: ACTOR, gewistOp: tijdstip(), positie: int(),
  }),
  Bewaartermijnen: open({
    peildatum: datum(), bewaartermijnJaren: int(), veldgroepen: arr(str()),
    trajecten: arr(open({
      trajectId: uuid(), soort: str(), fase: FASE, finaalSinds: datum(), bewaarTot: datum(),
      teWissenVeldgroepen: arr(str()), teWissenVelden: arr(str()), gewisteVeldgroepen: arr(str()),
    })),
    pagina: int(), paginaGrootte: int(),
    volgende: int('Het volgende paginanummer, null aan het eind', { nullable: true }),
  }),

  // --- operations
  Gezondheid: obj({ status: str(undefined, { enum: ['ok'] }), eventStore: str(undefined, { enum: ['ok'] }) }),
  Gereedheid: obj({ status: str(undefined, { enum: ['ready'] }), checks: map(obj({ ready: bool(), detail: str() }, ['ready'])) }),
};
