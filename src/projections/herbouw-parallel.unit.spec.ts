import { inShare } from '../events/event-store';
import { cijfersVan, delen, verdeling, werkersVoorDezeMachine } from './herbouw-parallel';

describe('splitting a parallel rebuild by trajectory (delen)', () => {
  const traject = (laatste: string) => `traject-0b7d2c1e-4f7a-4c2e-9a51-3e6d8f0a12c${laatste}`;
  const privacy = (laatste: string) => `privacy-0b7d2c1e-4f7a-4c2e-9a51-3e6d8f0a12c${laatste}`;

  it('puts every stream in exactly one share, a trajectory and its privacy stream in the same one', () => {
    const { hier, werkers: [werker] } = delen();
    for (const c of '0123456789abcdef') {
      for (const stream of [traject(c), privacy(c)]) expect([inShare(hier, stream), inShare(werker, stream)].filter(Boolean)).toHaveLength(1);
      expect(inShare(werker, traject(c))).toBe(inShare(werker, privacy(c)));
    }
    for (const stream of ['inzage-bram', 'duo-notificaties', 'iets-anders']) {
      expect(inShare(hier, stream)).toBe(true);
      expect(inShare(werker, stream)).toBe(false);
    }
  });

  it('gives the worker half of the hex digits by default, or the ones asked for', () => {
    expect(delen().werkers[0].endings).toBe('89abcdef');
    expect([...'01234567'].every((c) => inShare(delen().hier, traject(c)))).toBe(true);
    const { hier, werkers: [werker] } = delen('0F5x');
    expect(werker.endings).toBe('0f5');
    expect(inShare(werker, traject('f'))).toBe(true);
    expect(inShare(hier, traject('f'))).toBe(false);
    expect(inShare(hier, traject('e'))).toBe(true);
  });
});

describe('splitting over several workers (verdeling, delen with a share per worker)', () => {
  const traject = (laatste: string) => `traject-0b7d2c1e-4f7a-4c2e-9a51-3e6d8f0a12c${laatste}`;

  it('cuts the 16 digits into runs as even as they divide, this thread keeping the first', () => {
    expect(verdeling(1)).toEqual(['89abcdef']);
    expect(verdeling(2)).toEqual(['56789a', 'bcdef']);
    expect(verdeling(3)).toEqual(['4567', '89ab', 'cdef']);
    expect(verdeling(15)).toEqual([...'123456789abcdef']);
  });

  it('puts every stream in exactly one share; a digit asked twice goes to the first worker', () => {
    for (const n of [1, 2, 3, 7, 15]) {
      const { hier, werkers } = delen(verdeling(n));
      for (const c of '0123456789abcdef') expect([hier, ...werkers].filter((s) => inShare(s, traject(c)))).toHaveLength(1);
      expect(inShare(hier, 'inzage-bram')).toBe(true);
      expect(werkers.some((w) => inShare(w, 'inzage-bram'))).toBe(false);
    }
    const { hier, werkers } = delen(['8a', 'ab']);
    expect(werkers.map((w) => w.endings)).toEqual(['8a', 'b']);
    expect(inShare(hier, traject('a'))).toBe(false);
  });

  it('names each share by the lower-case digits it takes, each once', () => {
    const { hier, werkers } = delen(verdeling(2));
    expect(cijfersVan(hier)).toBe('01234');
    expect(werkers.map(cijfersVan)).toEqual(['56789a', 'bcdef']);
    expect(new Set(hier.endings).size).toBe(hier.endings.length);
  });

  it('has the machine keep one core for this thread, with at least one worker and at most fifteen', () => {
    expect(werkersVoorDezeMachine()).toBeGreaterThanOrEqual(1);
    expect(werkersVoorDezeMachine()).toBeLessThanOrEqual(15);
  });
});
