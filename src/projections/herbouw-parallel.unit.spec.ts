import { inShare } from '../events/event-store';
import { delen } from './herbouw-parallel';

describe('splitting a parallel rebuild by trajectory (delen)', () => {
  const traject = (laatste: string) => `traject-0b7d2c1e-4f7a-4c2e-9a51-3e6d8f0a12c${laatste}`;
  const privacy = (laatste: string) => `privacy-0b7d2c1e-4f7a-4c2e-9a51-3e6d8f0a12c${laatste}`;

  it('puts every stream in exactly one share, a trajectory and its privacy stream in the same one', () => {
    const { hier, werker } = delen();
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
    expect(delen().werker.endings).toBe('89abcdef');
    expect([...'01234567'].every((c) => inShare(delen().hier, traject(c)))).toBe(true);
    const { hier, werker } = delen('0F5x');
    expect(werker.endings).toBe('0f5');
    expect(inShare(werker, traject('f'))).toBe(true);
    expect(inShare(hier, traject('f'))).toBe(false);
    expect(inShare(hier, traject('e'))).toBe(true);
  });
});
