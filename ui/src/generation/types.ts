import type { Step } from "../lib/generated/Step";
import type { TokenView } from "../lib/generated/TokenView";

export type LabMode = "tokenizer" | "generation" | "attention" | "full";

/** The five steps of the generation loop, in order. */
export const LOOP_STAGES = ["tokenize", "attention", "probabilities", "choose", "append"] as const;
export type LoopStage = (typeof LOOP_STAGES)[number];

/** Something the user should know, rendered in their language by the lab. */
export type Notice =
  | { kind: "emptyPrompt" }
  | { kind: "dropped"; dropped: number; kept: number }
  | { kind: "controlChars"; removed: number }
  | { kind: "contextFull"; context: number }
  | { kind: "modelSwitched"; name: string }
  | { kind: "finished" };

/** Where the user forced a token: the text as it was, to go back to. */
export type BranchPoint = {
  id: number;
  /** Index of the replaced token in the context. */
  position: number;
  /** The context as it was, ending with the model's own token. */
  tokens: TokenView[];
  /** The generated steps of that context (their candidates show again on return). */
  steps: Step[];
  original: TokenView;
  forced: TokenView;
};

export const SPEEDS = [1, 2, 5, 10] as const;
