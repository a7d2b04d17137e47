import { FixedWindowStorage } from './fixed-window-storage';

/** The rate limit's counter: one fixed window per key (README: "one fixed window of a minute per user"), O(1) per hit. */
describe('FixedWindowStorage', () => {
  const MINUTE = 60_000;
  let t = 0;
  const storage = () => new FixedWindowStorage(() => t);
  beforeEach(() => (t = 1_000_000));

  it('counts hits in the window, blocks past the limit, and says when the window ends', async () => {
    const s = storage();
    expect(await s.increment('k', MINUTE, 2, 0, 'default')).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    t += 20_000;
    expect(s.hit('k', MINUTE, 2)).toMatchObject({ totalHits: 2, isBlocked: false, timeToExpire: 40 });
    expect(s.hit('k', MINUTE, 2)).toEqual({ totalHits: 3, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    expect(s.hit('other', MINUTE, 2)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('a window that ended starts afresh: no hit of the last one counts (a sliding log would still count the late ones)', () => {
    const s = storage();
    s.hit('k', MINUTE, 3);
    t += 59_000;
    s.hit('k', MINUTE, 3);
    s.hit('k', MINUTE, 3);
    t += 2_000;
    expect(s.hit('k', MINUTE, 3)).toMatchObject({ totalHits: 1, isBlocked: false, timeToExpire: 60 });
  });

  it('forgets the callers whose window ended (memory bounded by the active ones)', () => {
    const s = storage();
    for (let i = 0; i < 1000; i++) s.hit(`ip:${i}`, MINUTE, 10);
    t += MINUTE;
    s.hit('kim', MINUTE, 10);
    expect((s as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
