import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ValidationFailed } from '../trajectories/core/errors';

/**
 * One paging convention for every list (README "Lijsten en paginering"): ask `paginaGrootte` items, get them with
 * `volgende`, an opaque cursor for the next page (null at the end), and `totaal` where counting is cheap. Pass
 * `volgende` back as `cursor`. What a cursor holds is the list's business: an offset for the read-model lists, a
 * position of the event store itself (never computed on: EventStoreDB's are byte offsets) for the logs.
 */
export interface Cursor {
  /** Offset into an ordered read-model list. */
  o?: number;
  /** Exclusive: the events after this position of the store (the last one the previous page read). */
  na?: number;
}

const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

export const maakCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');

export const isCursor = (v: unknown): v is string => typeof v === 'string' && TOKEN.test(v) && !/^\d+$/.test(v);

/** The cursor's `soort` member, or a 400: a cursor of another list, a forged or a truncated one. */
export function leesCursor(token: string, soort: keyof Cursor, veld = 'cursor'): number {
  let value: unknown;
  try {
    value = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor)[soort];
  } catch {
    value = undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ValidationFailed(`${veld} is geen cursor van deze lijst: geef de \`volgende\` van de vorige pagina mee`, [{ veld, fouten: ['ongeldige cursor'] }]);
  }
  return value;
}

/** The `cursor` query parameter every paged list accepts. */
export class CursorQuery {
  /** The `volgende` of the previous page (opaque). */
  @IsOptional() @IsString() @MaxLength(200) @Matches(TOKEN, { message: 'cursor is de `volgende` van de vorige pagina' }) cursor?: string;
}
