/**
 * Keeps a long pack build's heap close to what it really holds. Building an annual pack
 * allocates a lot of short-lived garbage (font subsets, PDF strings: a one-page 软件巡检列表
 * makes ~10 MB) and V8 lets the old generation grow to 3–4× the live heap before a full
 * collection. The builder asks for a full collection once the heap has grown by `slack` since
 * the last one, checked between documents and between the forms of a volume (~30 ms each).
 *
 * Measured on the 3-year demo, annual pack of year 3 in the worker (bench/packs.ts): checked only
 * between steps (a month of one kind: 22 separate PDFs) with 64 MB of slack, the heap reached
 * ~285 MB (~70 MB live) and the process peaked at ~610 MB RSS; checked per document with
 * 32 MB, ~85 collections instead of ~24, no slower, ~455 MB. What remains is mostly fixed: the
 * caller's process with the core (~185 MB in a source run), the worker's own copy of the
 * modules (~90 MB), tsx (~35 MB, source runs only) and the two fonts (~32 MB of bytes, parsed once).
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

  constructor(private readonly slack = 32 * 1024 * 1024) {
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
