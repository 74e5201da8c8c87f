import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { HeapGuard } from './memory';

const used = (): number => v8.getHeapStatistics().used_heap_size;

describe('HeapGuard', () => {
  it('collects once the heap grew by more than the slack, and not before', () => {
    const slack = 16 * 1024 * 1024;
    const guard = new HeapGuard(slack);
    guard.check();
    expect(guard.collections).toBe(0);
    // Garbage well past the slack (short-lived strings and objects, as a PDF build makes).
    let sink = 0;
    const start = used();
    for (let round = 0; used() - start < 3 * slack && round < 200; round++) {
      const junk = Array.from({ length: 20_000 }, (_, i) => ({ i, s: `row ${round}-${i}` }));
      sink += junk.length;
    }
    expect(sink).toBeGreaterThan(0);
    const before = used();
    guard.check();
    expect(guard.collections).toBe(1);
    expect(used()).toBeLessThan(before - slack);
    // Right after a collection nothing is due.
    guard.check();
    expect(guard.collections).toBe(1);
  });
});
