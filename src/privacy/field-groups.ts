import { createHash } from 'node:crypto';

/**
 * Which fields of which trajectory events hold personal data, grouped so that each group can be erased on its own
 * (one key per trajectory and group). The Besluit inburgering 2021 (art. 9.9) lets core identity and the date and
 * manner of fulfilment be kept longer than, say, the notes of a progress interview: so erasure is per group.
 *
 * A field is `EventType.path.to.field`; the value at that path (a string, an object, anything JSON) is encrypted
 * as a whole. Fields the machine or the views compute with (dates, enum codes such as TrajectBeeindigd.reden,
 * leerroute, hours) are never in a group: folding must not depend on personal data.
 */
export type FieldGroups = Record<string, string[]>;

export const DEFAULT_FIELD_GROUPS: FieldGroups = {
  persoon: ['InburgeraarGeregistreerd.persoon'],
  'vrije-tekst': [
    'OntzorgingVerlengd.reden',
    'OntzorgingBeeindigd.toelichting',
    'ScreeningUitgevoerd.bevindingen',
    'BredeIntakeAfgerond.bevindingen',
    'PipVastgesteld.afwijkingOnderbouwing',
    'PipGewijzigd.wijziging',
    'PipGewijzigd.reden',
    'LeerrouteGewijzigd.reden',
    'LeerrouteGewijzigd.afwijkingOnderbouwing',
    'AfgeschaaldNaarA2.onderbouwing',
    'ParticipatieactiviteitAfgerond.resultaat',
    'VoortgangsgesprekGevoerd.verslag',
    'TrajectBeeindigd.toelichting',
    'PipTermijnOpgeschort.reden',
    // ondertussen-groep
    'AdviesgesprekGevoerd.advies',
    'DoorverwezenNaarPartner.toelichting',
    'BegeleidingAfgesloten.reden',
    // Names of people and organisations, and DUO's grounds (in practice often a medical reason): free text too.
    'VrijstellingVerleend.grond',
    'OntheffingVerleend.grond',
    'ScreeningUitgevoerd.uitvoerder',
    'ParticipatieactiviteitGestart.aanbieder',
    'ParticipatieactiviteitGestart.activiteitId',
    'ParticipatieactiviteitAfgerond.activiteitId',
    'DoorverwezenNaarPartner.partner',
  ],
  // The reason of the last erasure (privacy-<id> stream): every erasure destroys the previous one's (privacy.service.ts).
  wissing: ['PersoonsgegevensGewist.reden'],
};

/** The group whose key every erasure destroys, whatever groups it names: the reason given for the previous erasure. */
export const WISSING_GROUP = 'wissing';

/**
 * Fields that identify something within a trajectory (the machine matches an activity's start and end by it). Once
 * erased or withheld they read as the string `$gewist:<ref>`, the same for the same value, so folding still pairs
 * them; the ref is an HMAC under the field's own data key (stored with the ciphertext), useless once that key is gone.
 */
export const IDENTIFIER_FIELDS = new Set(['activiteitId']);
export const erasedIdentifier = (ref: string): string => `$gewist:${ref}`;

const GROUP_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const FIELD = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z_$][A-Za-z0-9_$]*)+$/;

/** `ERASURE_FIELD_GROUPS` (JSON) or the defaults; throws on a malformed definition so a typo cannot leave data in clear. */
export function parseFieldGroups(json?: string): FieldGroups {
  if (!json) return DEFAULT_FIELD_GROUPS;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('ERASURE_FIELD_GROUPS is geen geldige JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('ERASURE_FIELD_GROUPS moet een object zijn: {"groep": ["Gebeurtenis.veld", …]}');
  }
  const groups: FieldGroups = {};
  const seen = new Map<string, string>();
  for (const [name, fields] of Object.entries(parsed as Record<string, unknown>)) {
    if (!GROUP_NAME.test(name)) throw new Error(`ERASURE_FIELD_GROUPS: ongeldige groepsnaam ${JSON.stringify(name)}`);
    if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string' || !FIELD.test(f))) {
      throw new Error(`ERASURE_FIELD_GROUPS.${name}: verwacht een lijst van "Gebeurtenis.veld"`);
    }
    for (const f of fields as string[]) {
      const other = seen.get(f);
      if (other) throw new Error(`ERASURE_FIELD_GROUPS: ${f} staat in ${other} en in ${name}`);
      seen.set(f, name);
    }
    groups[name] = fields as string[];
  }
  return groups;
}

/** The groups an erasure names by default: all but `wissing`, which every erasure handles by itself. */
export const erasableGroups = (groups: FieldGroups): string[] => Object.keys(groups).filter((g) => g !== WISSING_GROUP);

/** A comma-separated list of group names, each of which must exist; unset means every group. */
export function parseGroupList(list: string | undefined, groups: FieldGroups, variable: string): string[] {
  if (!list) return erasableGroups(groups);
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !groups[n]);
  if (unknown.length) throw new Error(`${variable}: onbekende veldgroep(en) ${unknown.join(', ')}`);
  return [...new Set(names)];
}

export interface FieldPath {
  group: string;
  /** Path inside `data`, e.g. ['persoon'] or ['bevindingen', 'gezondheid']. */
  path: string[];
}

/** Event type → the paths to encrypt in its data, with their group. */
export function pathsByType(groups: FieldGroups): Map<string, FieldPath[]> {
  const byType = new Map<string, FieldPath[]>();
  for (const [group, fields] of Object.entries(groups)) {
    for (const field of fields) {
      const [type, ...path] = field.split('.');
      byType.set(type, [...(byType.get(type) ?? []), { group, path }]);
    }
  }
  return byType;
}

const DEFAULT_PATHS = pathsByType(DEFAULT_FIELD_GROUPS);

/**
 * The data with every personal field replaced by `{"$gewist": true, veldgroep}`: for read models that need a
 * trajectory's facts but must never hold its personal data (so an erasure needs nothing from them).
 */
export function withoutPersonalData(type: string, data: Record<string, unknown>, paths = DEFAULT_PATHS): Record<string, unknown> {
  const fields = paths.get(type);
  if (!fields) return data;
  let out: Record<string, unknown> | undefined;
  for (const { group, path } of fields) {
    let parent: unknown = data;
    for (const k of path.slice(0, -1)) parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[k] : undefined;
    if (!parent || typeof parent !== 'object' || (parent as Record<string, unknown>)[path[path.length - 1]] === undefined) continue;
    out ??= structuredClone(data);
    let target = out as Record<string, unknown>;
    for (const k of path.slice(0, -1)) target = target[k] as Record<string, unknown>;
    const last = path[path.length - 1];
    target[last] = IDENTIFIER_FIELDS.has(last) ? erasedIdentifier(readModelRef(String(target[last]))) : { $gewist: true, veldgroep: group };
  }
  return out ?? data;
}

/**
 * A read model's stand-in for an identifier: a salted hash, so start and end still pair up. Read models keep no key,
 * so this is a pseudonym, not an erasure: acceptable only for identifiers (activity codes), never for names.
 */
export const readModelRef = (value: string): string => createHash('sha256').update(`inburgering-engine read model\n${value}`).digest('hex').slice(0, 16);
