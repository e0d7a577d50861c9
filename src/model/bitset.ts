/** A fixed-size set of small integers (pod indices), 32 per word. */
export class Bitset {
  readonly words: Uint32Array;

  constructor(readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  add(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  has(i: number): boolean {
    return (this.words[i >>> 5]! & (1 << (i & 31))) !== 0;
  }

  orWith(other: Bitset): void {
    for (let w = 0; w < this.words.length; w++) this.words[w]! |= other.words[w]!;
  }

  /** this |= (a & b) */
  orAnd(a: Bitset, b: Bitset): void {
    for (let w = 0; w < this.words.length; w++) this.words[w]! |= a.words[w]! & b.words[w]!;
  }

  fill(): void {
    this.words.fill(0xffffffff);
  }
}
