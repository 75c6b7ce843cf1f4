import type { StepDraft } from '../steps/draft.js';
import type { Dependencies } from './dependencies.js';

export interface Ordered {
  steps: StepDraft[];
  /** Steps left over by a dependency cycle (a bug in the rules): the plan is refused, never guessed. */
  cycle: StepDraft[];
}

/**
 * One topological sort of the steps, with a deterministic tie-break: among the steps whose predecessors have all
 * run, the lowest phase, then the earliest generated. The edges:
 * - a step that drops X runs before the steps that drop or alter what X depends on (live graph): dependents go first;
 * - a step that creates or alters X runs after the steps that create or alter what X depends on (expected graph);
 * - a step that needs X runs after the steps that create or alter X;
 * - a step that creates X runs after the steps that drop X or free its name, and after those that drop what the
 *   live X depended on;
 * - the steps one finding generated keep their order (`chains`: lists of indexes into `drafts`).
 */
export function orderSteps(drafts: StepDraft[], chains: number[][], expectedDeps: Dependencies, liveDeps: Dependencies): Ordered {
  const n = drafts.length;
  const index = (field: 'drops' | 'frees' | 'creates' | 'alters') => {
    const m = new Map<string, number[]>();
    drafts.forEach((d, i) => {
      for (const k of d.graph?.[field] ?? []) m.set(k, [...(m.get(k) ?? []), i]);
    });
    return m;
  };
  const dropsBy = index('drops');
  const freesBy = index('frees');
  const createsBy = index('creates');
  const altersBy = index('alters');
  const succ: Set<number>[] = Array.from({ length: n }, () => new Set());
  const edge = (a: number, b: number) => {
    if (a !== b) succ[a]!.add(b);
  };
  const makers = (k: string) => [...(createsBy.get(k) ?? []), ...(altersBy.get(k) ?? [])];

  drafts.forEach((d, b) => {
    const g = d.graph ?? {};
    for (const y of g.drops ?? []) {
      for (const x of liveDeps.get(y) ?? []) for (const a of [...(dropsBy.get(x) ?? []), ...(altersBy.get(x) ?? [])]) edge(b, a);
    }
    for (const y of [...(g.creates ?? []), ...(g.alters ?? [])]) {
      for (const x of expectedDeps.get(y) ?? []) for (const a of makers(x)) edge(a, b);
    }
    for (const y of g.needs ?? []) for (const a of makers(y)) edge(a, b);
    for (const y of g.creates ?? []) {
      for (const a of [...(dropsBy.get(y) ?? []), ...(freesBy.get(y) ?? [])]) edge(a, b);
      // Re-created after what it used to depend on is gone, or it would bind to it again (a foreign key to the old
      // unique index) and stop that drop.
      for (const x of liveDeps.get(y) ?? []) for (const a of dropsBy.get(x) ?? []) edge(a, b);
    }
  });
  for (const chain of chains) for (let i = 1; i < chain.length; i++) edge(chain[i - 1]!, chain[i]!);

  const indegree = new Array<number>(n).fill(0);
  for (const s of succ) for (const b of s) indegree[b]!++;
  const before = (a: number, b: number) => drafts[a]!.phase - drafts[b]!.phase || a - b;
  const heap = new MinHeap(before);
  for (let i = 0; i < n; i++) if (indegree[i] === 0) heap.push(i);
  const order: number[] = [];
  for (let i = heap.pop(); i !== undefined; i = heap.pop()) {
    order.push(i);
    for (const b of succ[i]!) if (--indegree[b]! === 0) heap.push(b);
  }
  const placed = new Set(order);
  return { steps: order.map((i) => drafts[i]!), cycle: drafts.filter((_, i) => !placed.has(i)) };
}

/** A binary heap of indexes: plans can have thousands of steps. */
class MinHeap {
  private items: number[] = [];
  constructor(private readonly less: (a: number, b: number) => number) {}

  push(x: number): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.less(a[i]!, a[p]!) >= 0) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!) < 0) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
