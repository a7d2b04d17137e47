import { StoredEvent } from '../events/envelope';
import { instant } from './audit-query.dto';
import { csvCell, matches } from './event-log';
import { traceFrom, traceparentOf } from './trace-context';

describe('W3C trace context', () => {
  it('continues a valid traceparent with a new span', () => {
    const t = traceFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(t).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', flags: '01' });
    expect(t.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(traceparentOf(t)).toBe(`00-4bf92f3577b34da6a3ce929d0e0e4736-${t.spanId}-01`);
  });

  it.each([
    undefined, '', 'nee', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra',
  ])('starts a new trace for %p', (header) => {
    const t = traceFrom(header);
    expect(t.parentSpanId).toBeNull();
    expect(t.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(t.traceId).not.toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});

describe('event-log filters', () => {
  const e = (over: Partial<StoredEvent> = {}): StoredEvent => ({
    eventId: 'e', type: 'BredeIntakeGestart', data: {}, streamId: 'traject-abc', version: 1, position: 10,
    metadata: { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'c', causationId: null, datum: '2025-01-01', recordedAt: '2025-01-01T10:00:00.000Z', schemaVersion: 1 },
    ...over,
  });
  it('matches every filter, or not', () => {
    expect(matches(e(), {})).toBe(true);
    expect(matches(e(), { types: ['BredeIntakeGestart'], traject: 'abc', actor: 'kim', vanPositie: 10 })).toBe(true);
    expect(matches(e({ streamId: 'inzage-abc' }), { traject: 'abc' })).toBe(true);
    expect(matches(e({ streamId: 'traject-abcd' }), { traject: 'abc' })).toBe(false);
    expect(matches(e(), { vanPositie: 11 })).toBe(false);
    expect(matches(e(), { actor: 'tess' })).toBe(false);
    expect(matches(e(), { van: '2025-01-01T10:00:00.000Z', tot: '2025-01-01T10:00:00.001Z' })).toBe(true);
    expect(matches(e(), { tot: '2025-01-01T10:00:00.000Z' })).toBe(false);
  });

  it('reads van/tot dates in Europe/Amsterdam, a tot date including its whole day', () => {
    expect(instant('2025-01-01', 'van')).toBe('2024-12-31T23:00:00.000Z');
    expect(instant('2025-07-01', 'tot')).toBe('2025-07-01T22:00:00.000Z');
    expect(instant('2025-01-01T10:00:00Z', 'tot')).toBe('2025-01-01T10:00:00.000Z');
  });
});

describe('CSV cells', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvCell('gewoon')).toBe('gewoon');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('zei "ja"')).toBe('"zei ""ja"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });
});
