import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { NewEvent } from './envelope';
import { GENESIS_HASH, canonicalJson, chain, eventHash } from './hash-chain';

const event = (data: Record<string, unknown>, extra: Record<string, unknown> = {}): NewEvent => ({
  eventId: 'e-1', type: 'BredeIntakeGestart', data,
  metadata: { actor: { id: 'kim', rol: 'klantmanager' }, correlationId: 'c', causationId: null, datum: '2024-02-01', recordedAt: '2024-02-01T10:00:00Z', schemaVersion: 1, ...extra },
});

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
  it('keeps array order, and leaves out undefined fields', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
  it('writes primitives as JSON', () => {
    expect(canonicalJson('x"y')).toBe('"x\\"y"');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('eventHash', () => {
  const basis = eventHash('traject-1', 1, event({ datum: '2024-02-01', x: 1 }), GENESIS_HASH);
  it('is a SHA-256 hex digest, the same for the same content in any key order', () => {
    expect(basis).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash('traject-1', 1, event({ x: 1, datum: '2024-02-01' }), GENESIS_HASH)).toBe(basis);
  });
  it('changes when the data changes', () => {
    expect(eventHash('traject-1', 1, event({ datum: '2024-02-02', x: 1 }), GENESIS_HASH)).not.toBe(basis);
    expect(eventHash('traject-1', 1, event({ datum: '2024-02-01', x: '1' }), GENESIS_HASH)).not.toBe(basis);
  });
  it('changes with the stream, the version, the metadata and the previous hash', () => {
    expect(eventHash('traject-2', 1, event({ datum: '2024-02-01', x: 1 }), GENESIS_HASH)).not.toBe(basis);
    expect(eventHash('traject-1', 2, event({ datum: '2024-02-01', x: 1 }), GENESIS_HASH)).not.toBe(basis);
    expect(eventHash('traject-1', 1, event({ datum: '2024-02-01', x: 1 }, { datum: '2024-02-02' }), GENESIS_HASH)).not.toBe(basis);
    expect(eventHash('traject-1', 1, event({ datum: '2024-02-01', x: 1 }), 'f'.repeat(64))).not.toBe(basis);
  });
  it('ignores the hash fields it produces', () => {
    expect(eventHash('traject-1', 1, event({ datum: '2024-02-01', x: 1 }, { hash: 'a', prevHash: 'b' }), GENESIS_HASH)).toBe(basis);
  });
});

describe('chain', () => {
  it('links each event to the previous hash, starting at the given one', () => {
    const events = [event({ n: 1 }), event({ n: 2 }), event({ n: 3 })];
    const chained = chain('traject-1', 4, GENESIS_HASH, events);
    expect(chained[0].metadata.prevHash).toBe(GENESIS_HASH);
    chained.forEach((e, i) => {
      expect(e.metadata.hash).toBe(eventHash('traject-1', 4 + i, events[i], e.metadata.prevHash!));
      if (i > 0) expect(e.metadata.prevHash).toBe(chained[i - 1].metadata.hash);
    });
  });
  it('an edit of an earlier event breaks every later link', () => {
    const events = [event({ n: 1 }), event({ n: 2 })];
    const echt = chain('traject-1', 1, GENESIS_HASH, events);
    const vervalst = chain('traject-1', 1, GENESIS_HASH, [event({ n: 99 }), events[1]]);
    expect(vervalst[1].metadata.hash).not.toBe(echt[1].metadata.hash);
  });
  it('does not change the events it is given', () => {
    const e = event({ n: 1 });
    chain('traject-1', 1, GENESIS_HASH, [e]);
    expect(e.metadata.hash).toBeUndefined();
  });
});

describe('canonicalJson, rewritten without intermediate arrays', () => {
  /** The first version, verbatim: every hash already in a store was made with it. */
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  };

  it('gives exactly the first version’s output (random values, unicode keys, undefined members, holes)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const keys = ['a', 'B', 'b', 'ä', 'z', '10', '9', '\u{1F600}', 'é', 'e\u0301', '', 'x"y', '__proto__x'];
    const gen = (depth: number): unknown => {
      const r = rnd();
      if (depth > 3 || r < 0.3) return [null, true, false, 0, -1.5, 1e21, 'tekst', 'ü\n"', undefined][Math.floor(rnd() * 9)];
      if (r < 0.6) {
        const arr = Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
        if (rnd() < 0.2) arr.length += 2; // holes
        return arr;
      }
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rnd() * 5); i > 0; i--) o[keys[Math.floor(rnd() * keys.length)]] = gen(depth + 1);
      return o;
    };
    for (let i = 0; i < 2000; i++) {
      const v = gen(0);
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });
});

describe('eventHash, written out without building the object', () => {
  // The first version, kept as the reference: canonicalJson of the whole object, keys sorted by sort().
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(record[k])}`).join(',')}}`;
  };
  const referenceHash = (streamId: string, version: number, e: NewEvent, prevHash: string) => {
    const { hash: _h, prevHash: _p, ...metadata } = e.metadata;
    return createHash('sha256').update(reference({ streamId, version, eventId: e.eventId, type: e.type, data: e.data, metadata, prevHash })).digest('hex');
  };
  it('hashes exactly as the whole object did, for any data and metadata', () => {
    fc.assert(fc.property(
      fc.object({ maxDepth: 3, values: [fc.jsonValue(), fc.constant(undefined)] }), fc.dictionary(fc.string(), fc.jsonValue()),
      fc.string(), fc.nat(), fc.boolean(),
      (data, extra, streamId, version, hashed) => {
        const e = event(data as Record<string, unknown>, { ...extra, ...(hashed ? { hash: 'h', prevHash: 'p' } : {}) });
        expect(eventHash(streamId, version, e, GENESIS_HASH)).toBe(referenceHash(streamId, version, e, GENESIS_HASH));
        expect(canonicalJson(data)).toBe(reference(data));
      },
    ), { numRuns: 500 });
  });
});
