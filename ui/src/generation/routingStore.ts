import type { Routing } from "../lib/generated/Routing";

type LayerRouting = {
  experts: number;
  topK: number;
  /** (tokens, topK), best first. */
  chosen: number[];
  /** (tokens, topK), renormalised per token. */
  gates: number[];
  /** (tokens, experts): the router's softmax. */
  probabilities: number[];
};

export type ExpertChoice = { expert: number; gate: number };

/**
 * MoE routing accumulated over a generation, per MoE layer: the prompt's tokens from the
 * prefill, then one token per step. Empty for a dense model.
 */
export class RoutingStore {
  private layersData: LayerRouting[] = [];
  /** Tokens routed so far (positions 0..tokens). */
  tokens = 0;

  get layers(): number {
    return this.layersData.length;
  }

  get isEmpty(): boolean {
    return this.layersData.length === 0;
  }

  experts(layer: number): number {
    return this.layersData[layer]?.experts ?? 0;
  }

  topK(layer: number): number {
    return this.layersData[layer]?.topK ?? 0;
  }

  clear(): void {
    this.layersData = [];
    this.tokens = 0;
  }

  reset(routing: Routing[]): void {
    this.clear();
    this.append(routing);
  }

  append(routing: Routing[]): void {
    if (routing.length === 0) return;
    if (this.layersData.length === 0) {
      this.layersData = routing.map((r) => ({ experts: r.experts, topK: r.topK, chosen: [], gates: [], probabilities: [] }));
    }
    if (routing.length !== this.layersData.length) {
      throw new Error(`routing has ${routing.length} layers, expected ${this.layersData.length}`);
    }
    const added = routing[0].tokens;
    for (const [layer, r] of routing.entries()) {
      const into = this.layersData[layer];
      if (r.tokens !== added || r.experts !== into.experts || r.topK !== into.topK) {
        throw new Error(`routing layer ${layer} does not match the others`);
      }
      if (r.chosen.length !== r.tokens * r.topK || r.gates.length !== r.tokens * r.topK || r.probabilities.length !== r.tokens * r.experts) {
        throw new Error(`routing layer ${layer} has arrays of the wrong length`);
      }
      into.chosen.push(...r.chosen);
      into.gates.push(...r.gates);
      into.probabilities.push(...r.probabilities);
    }
    this.tokens += added;
  }

  /** The experts token `token` went to in `layer`, best first, with their gates. */
  choices(layer: number, token: number): ExpertChoice[] {
    const l = this.layersData[layer];
    if (!l || token < 0 || token >= this.tokens) return [];
    const out: ExpertChoice[] = [];
    for (let i = 0; i < l.topK; i++) {
      out.push({ expert: l.chosen[token * l.topK + i], gate: l.gates[token * l.topK + i] });
    }
    return out;
  }

  /** The router's probability for every expert at `token` in `layer`. */
  routerProbabilities(layer: number, token: number): number[] {
    const l = this.layersData[layer];
    if (!l || token < 0 || token >= this.tokens) return [];
    return l.probabilities.slice(token * l.experts, (token + 1) * l.experts);
  }

  /**
   * Each expert's share of the work in `layer`: the fraction of all (token, slot) routing
   * assignments it received. Sums to 1; a balanced router gives every expert 1/experts.
   */
  load(layer: number): number[] {
    const l = this.layersData[layer];
    if (!l) return [];
    const counts = new Array<number>(l.experts).fill(0);
    for (const expert of l.chosen) counts[expert]++;
    const total = l.chosen.length;
    return counts.map((c) => (total === 0 ? 0 : c / total));
  }
}
