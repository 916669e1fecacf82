import { createRecentWrites } from '../../src/core/recent-writes.js';

describe('recent writes (skipping rewrites of unchanged profiles)', () => {
  it('skips only the same content written recently by this process', () => {
    const recent = createRecentWrites({ trustMs: 1_000, limit: 10 });
    expect(recent.unchanged('ana', { locale: 'en' }, 0)).toBe(false);
    recent.wrote('ana', { locale: 'en' }, 0);
    expect(recent.unchanged('ana', { locale: 'en' }, 999)).toBe(true);
    expect(recent.unchanged('ana', { locale: 'zh-TW' }, 999)).toBe(false);
    expect(recent.unchanged('ana', { locale: 'en' }, 1_000)).toBe(false); // another replica may have written since
  });

  it('forgets the least recently written keys beyond its limit', () => {
    const recent = createRecentWrites({ trustMs: 1_000, limit: 2 });
    recent.wrote('a', 1, 0);
    recent.wrote('b', 1, 0);
    recent.wrote('a', 1, 1);
    recent.wrote('c', 1, 2);
    expect(recent.unchanged('b', 1, 3)).toBe(false);
    expect(recent.unchanged('a', 1, 3)).toBe(true);
    expect(recent.unchanged('c', 1, 3)).toBe(true);
  });
});
