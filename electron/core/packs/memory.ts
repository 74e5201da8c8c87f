/**
 * Keeps a long pack build's heap close to what it really holds. Building an annual pack
 * allocates a lot of short-lived garbage (font subsets, PDF strings) and V8 lets the old
 * generation grow to several hundred MB before collecting it: measured on the 3-year demo,
 * ~70 MB live but ~590 MB peak RSS. Between documents the builder asks for a full collection
 * once the heap has grown by `slack` since the last one (a few times per annual pack, ~30 ms
 * each), which keeps the peak RSS near 350 MB.
 *
 * `gc` is not exposed without --expose-gc: the flag is set at run time and the function taken
 * from a fresh V8 context (where it then exists). When that is not possible it does nothing.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gcFn: (() => void) | null | undefined;

function gcFunction(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  const own = (globalThis as { gc?: unknown }).gc;
  if (typeof own === 'function') return (gcFn = own as () => void);
  try {
    v8.setFlagsFromString('--expose-gc');
    const f: unknown = vm.runInNewContext('gc');
    gcFn = typeof f === 'function' ? (f as () => void) : null;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

export class HeapGuard {
  private base: number;
  collections = 0;

  constructor(private readonly slack = 64 * 1024 * 1024) {
    this.base = v8.getHeapStatistics().used_heap_size;
  }

  /** Collects when the heap grew by more than `slack` since the last collection. */
  check(): void {
    if (v8.getHeapStatistics().used_heap_size - this.base < this.slack) return;
    const gc = gcFunction();
    if (!gc) return;
    gc();
    this.collections++;
    this.base = v8.getHeapStatistics().used_heap_size;
  }
}
