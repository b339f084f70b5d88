import type { Attention } from "../lib/generated/Attention";
import { MASKED_RGB, writeWeightRgba } from "./colours";

/**
 * Attention accumulated over a generation: the prompt's full causal matrices once (from the
 * prefill), then one new row per step. Rows are appended in place; the matrix is never
 * fetched again. Per layer and head, weights live in a square Float32Array of side
 * `capacity`, row-major by query position, grown by doubling.
 */
export class AttentionStore {
  /** [layer][head] → capacity × capacity weights. */
  private data: Float32Array[][] = [];
  private headsPerLayer: number[] = [];
  private capacity = 0;
  /** Query positions with a row: 0..length. */
  length = 0;

  get layers(): number {
    return this.data.length;
  }

  heads(layer: number): number {
    return this.headsPerLayer[layer] ?? 0;
  }

  /** Forgets everything (a new model, a reset). */
  clear(): void {
    this.data = [];
    this.headsPerLayer = [];
    this.capacity = 0;
    this.length = 0;
  }

  /** Starts over from a prefill's full matrices. */
  reset(attention: Attention[]): void {
    this.clear();
    this.headsPerLayer = attention.map((a) => a.heads);
    this.data = attention.map((a) => Array.from({ length: a.heads }, () => new Float32Array(0)));
    this.append(attention);
  }

  /**
   * Adds rows (a step's single new row per layer, or a prefill's block). A block may start
   * at or before the current length (rows after it are forgotten: that is a rewind), never
   * after it.
   */
  append(attention: Attention[]): void {
    if (attention.length === 0) return;
    if (this.data.length === 0) {
      this.headsPerLayer = attention.map((a) => a.heads);
      this.data = attention.map((a) => Array.from({ length: a.heads }, () => new Float32Array(0)));
    }
    if (attention.length !== this.data.length) {
      throw new Error(`attention has ${attention.length} layers, expected ${this.data.length}`);
    }
    const first = attention[0].firstQuery;
    const end = first + attention[0].queries;
    for (const [layer, a] of attention.entries()) {
      if (a.heads !== this.headsPerLayer[layer]) {
        throw new Error(`layer ${layer} has ${a.heads} heads, expected ${this.headsPerLayer[layer]}`);
      }
      if (a.firstQuery !== first || a.firstQuery + a.queries !== end) {
        throw new Error(`layer ${layer} covers other query positions than layer 0`);
      }
      if (a.probabilities.length !== a.heads * a.queries * a.keys) {
        throw new Error(`layer ${layer}: ${a.probabilities.length} weights for shape (${a.heads}, ${a.queries}, ${a.keys})`);
      }
    }
    if (first > this.length) {
      throw new Error(`attention rows start at position ${first} but only ${this.length} are known`);
    }
    this.reserve(end);
    for (const [layer, a] of attention.entries()) {
      for (let h = 0; h < a.heads; h++) {
        const matrix = this.data[layer][h];
        for (let q = 0; q < a.queries; q++) {
          const position = a.firstQuery + q;
          const row = position * this.capacity;
          const source = (h * a.queries + q) * a.keys;
          const keys = Math.min(a.keys, position + 1);
          for (let k = 0; k < keys; k++) matrix[row + k] = a.probabilities[source + k];
          matrix.fill(0, row + keys, row + this.capacity);
        }
      }
    }
    this.length = end;
  }

  /** Forgets rows from `length` on (a rewind). */
  truncate(length: number): void {
    this.length = Math.max(0, Math.min(this.length, length));
  }

  /** Weight the token at `query` gives the token at `key`; 0 for a masked (future) key. */
  weight(layer: number, head: number, query: number, key: number): number {
    if (query >= this.length || key > query || key < 0) return 0;
    return this.data[layer][head][query * this.capacity + key];
  }

  /** The row of `query`: its weights over keys 0..=query. */
  row(layer: number, head: number, query: number): Float32Array {
    if (query < 0 || query >= this.length) return new Float32Array(0);
    const start = query * this.capacity;
    return this.data[layer][head].subarray(start, start + query + 1);
  }

  /**
   * Paints the square of positions from..from+size as RGBA pixels, one per cell: viridis
   * for weights, grey for the masked upper triangle.
   */
  paint(layer: number, head: number, from: number, size: number, out: Uint8ClampedArray): void {
    const matrix = this.data[layer]?.[head];
    for (let y = 0; y < size; y++) {
      const q = from + y;
      for (let x = 0; x < size; x++) {
        const k = from + x;
        const offset = (y * size + x) * 4;
        if (!matrix || q >= this.length || k > q) {
          out[offset] = MASKED_RGB[0];
          out[offset + 1] = MASKED_RGB[1];
          out[offset + 2] = MASKED_RGB[2];
          out[offset + 3] = 255;
        } else {
          writeWeightRgba(matrix[q * this.capacity + k], out, offset);
        }
      }
    }
  }

  private reserve(positions: number): void {
    if (positions <= this.capacity) return;
    let capacity = Math.max(16, this.capacity);
    while (capacity < positions) capacity *= 2;
    for (const heads of this.data) {
      for (let h = 0; h < heads.length; h++) {
        const grown = new Float32Array(capacity * capacity);
        const old = heads[h];
        for (let q = 0; q < this.length; q++) {
          grown.set(old.subarray(q * this.capacity, q * this.capacity + q + 1), q * capacity);
        }
        heads[h] = grown;
      }
    }
    this.capacity = capacity;
  }
}
