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
