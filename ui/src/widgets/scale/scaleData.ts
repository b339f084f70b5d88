/**
 * Published figures for the models the scale explorer sets beside our bundled ones. Every
 * number here comes from the source named with it; a figure the source does not give is null
 * and the widget says "not published" rather than guessing.
 */
import type { Lang } from "../../lib/generated/Lang";

type Text = Record<Lang, string>;

export interface OutsideModel {
  /** Also the row's `data-model`. */
  name: string;
  year: number;
  parameters: number;
  /** Tokens read in pre-training; null when the source does not give them. */
  tokens: number | null;
  /** What the source says instead when it gives no token count. */
  tokensNote?: Text;
  /** Training FLOPs, and whether the paper reports them or we estimate them by 6·N·D. */
  flops: { value: number; kind: "reported" | "estimated" } | null;
  /** A training figure to compare the calculator with, when the source gives one. */
  reported?: { gpuHours?: number; gpu?: string; flops?: number; petaflopSDays?: number };
  source: Text;
}

export const OUTSIDE_MODELS: OutsideModel[] = [
  {
    name: "GPT-2",
    year: 2019,
    parameters: 1.5e9,
    tokens: null,
    tokensNote: { zh: "未公开（训练文本 WebText 约 40 GB）", en: "not published (about 40 GB of WebText)" },
    flops: null,
    source: {
      zh: "Radford et al. 2019，“Language Models are Unsupervised Multitask Learners”（OpenAI 报告）：最大一档约 15 亿参数，WebText 约 40 GB；报告未给出训练词元数。",
      en: 'Radford et al. 2019, "Language Models are Unsupervised Multitask Learners" (OpenAI report): about 1.5B parameters in the largest size, about 40 GB of WebText; no training token count is given.',
    },
  },
  {
    name: "GPT-3",
    year: 2020,
    parameters: 175e9,
    tokens: 300e9,
    flops: { value: 3.14e23, kind: "reported" },
    reported: { flops: 3.14e23, petaflopSDays: 3640 },
    source: {
      zh: "Brown et al. 2020，“Language Models are Few-Shot Learners”，arXiv:2005.14165：1750 亿参数，约 3000 亿训练词元，训练算力约 3.14×10²³ FLOPs（约 3640 petaflop/s-days）。",
      en: 'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv:2005.14165: 175B parameters, about 300B training tokens, about 3.14×10²³ training FLOPs (about 3,640 petaflop/s-days).',
    },
  },
  {
    name: "Llama 2 70B",
    year: 2023,
    parameters: 70e9,
    tokens: 2e12,
    flops: { value: 6 * 70e9 * 2e12, kind: "estimated" },
    reported: { gpuHours: 1_720_320, gpu: "A100-80GB" },
    source: {
      zh: "Touvron et al. 2023，“Llama 2: Open Foundation and Fine-Tuned Chat Models”，arXiv:2307.09288：700 亿参数，约 2 万亿训练词元，预训练用了 1,720,320 个 A100-80GB GPU 小时。论文没有给出 FLOPs，这里的算力是我们按 6·N·D 估算的。",
      en: 'Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models", arXiv:2307.09288: 70B parameters, about 2T training tokens, 1,720,320 A100-80GB GPU-hours of pre-training. The paper gives no FLOPs; the compute shown is our 6·N·D estimate.',
    },
  },
];

/** The calculator's default GPU, with its source. */
export const PEAK_SOURCE: Text = {
  zh: "NVIDIA A100 Tensor Core GPU 产品规格：BF16 稠密峰值 312 TFLOPS。",
  en: "NVIDIA A100 Tensor Core GPU datasheet: 312 TFLOPS BF16 dense peak.",
};
