/**
 * Lesson 11's context-window slider: the prepared scenarios and the pure logic behind the
 * picture (which tokens the model sees, where the fact is, how the filler is cut).
 */
import type { Lang } from "../../lib/generated/Lang";
import type { FactVisibility } from "../../lib/generated/FactVisibility";

/** The model probed. */
export const CONTEXT_MODEL = "tiny";
/** Quiet time after the slider's last move before a probe is sent. */
export const SLIDER_IDLE_MS = 250;

export interface Scenario {
  lang: Lang;
  fact: string;
  question: string;
  expected: string;
  /** Where the filler comes from, in both UI languages. */
  source: Record<Lang, string>;
  filler: string;
}

/** Famous Tang quatrains and regulated verse (public domain), one poem a line; none uses 青 or 松. */
const TANG = [
  "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
  "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
  "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
  "红豆生南国，春来发几枝。愿君多采撷，此物最相思。",
  "日照香炉生紫烟，遥看瀑布挂前川。飞流直下三千尺，疑是银河落九天。",
  "故人西辞黄鹤楼，烟花三月下扬州。孤帆远影碧空尽，唯见长江天际流。",
  "朝辞白帝彩云间，千里江陵一日还。两岸猿声啼不住，轻舟已过万重山。",
  "独在异乡为异客，每逢佳节倍思亲。遥知兄弟登高处，遍插茱萸少一人。",
  "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。",
  "锄禾日当午，汗滴禾下土。谁知盘中餐，粒粒皆辛苦。",
  "国破山河在，城春草木深。感时花溅泪，恨别鸟惊心。烽火连三月，家书抵万金。白头搔更短，浑欲不胜簪。",
  "月落乌啼霜满天，江枫渔火对愁眠。姑苏城外寒山寺，夜半钟声到客船。",
  "远上寒山石径斜，白云生处有人家。停车坐爱枫林晚，霜叶红于二月花。",
  "清明时节雨纷纷，路上行人欲断魂。借问酒家何处有，牧童遥指杏花村。",
  "慈母手中线，游子身上衣。临行密密缝，意恐迟迟归。谁言寸草心，报得三春晖。",
  "秦时明月汉时关，万里长征人未还。但使龙城飞将在，不教胡马度阴山。",
  "葡萄美酒夜光杯，欲饮琵琶马上催。醉卧沙场君莫笑，古来征战几人回。",
  "黄河远上白云间，一片孤城万仞山。羌笛何须怨杨柳，春风不度玉门关。",
  "独坐幽篁里，弹琴复长啸。深林人不知，明月来相照。",
  "人闲桂花落，夜静春山空。月出惊山鸟，时鸣春涧中。",
  "昔人已乘黄鹤去，此地空余黄鹤楼。黄鹤一去不复返，白云千载空悠悠。晴川历历汉阳树，芳草萋萋鹦鹉洲。日暮乡关何处是？烟波江上使人愁。",
  "风急天高猿啸哀，渚清沙白鸟飞回。无边落木萧萧下，不尽长江滚滚来。万里悲秋常作客，百年多病独登台。艰难苦恨繁霜鬓，潦倒新停浊酒杯。",
  "少小离家老大回，乡音无改鬓毛衰。儿童相见不相识，笑问客从何处来。",
  "碧玉妆成一树高，万条垂下绿丝绦。不知细叶谁裁出，二月春风似剪刀。",
  "李白乘舟将欲行，忽闻岸上踏歌声。桃花潭水深千尺，不及汪伦送我情。",
  "众鸟高飞尽，孤云独去闲。相看两不厌，只有敬亭山。",
  "好雨知时节，当春乃发生。随风潜入夜，润物细无声。野径云俱黑，江船火独明。晓看红湿处，花重锦官城。",
  "城阙辅三秦，风烟望五津。与君离别意，同是宦游人。海内存知己，天涯若比邻。无为在歧路，儿女共沾巾。",
  "离离原上草，一岁一枯荣。野火烧不尽，春风吹又生。远芳侵古道，晴翠接荒城。又送王孙去，萋萋满别情。",
  "朱雀桥边野草花，乌衣巷口夕阳斜。旧时王谢堂前燕，飞入寻常百姓家。",
  "烟笼寒水月笼沙，夜泊秦淮近酒家。商女不知亡国恨，隔江犹唱后庭花。",
  "向晚意不适，驱车登古原。夕阳无限好，只是近黄昏。",
  "寒雨连江夜入吴，平明送客楚山孤。洛阳亲友如相问，一片冰心在玉壶。",
  "千里黄云白日曛，北风吹雁雪纷纷。莫愁前路无知己，天下谁人不识君。",
  "独怜幽草涧边生，上有黄鹂深树鸣。春潮带雨晚来急，野渡无人舟自横。",
  "岐王宅里寻常见，崔九堂前几度闻。正是江南好风景，落花时节又逢君。",
  "移舟泊烟渚，日暮客愁新。野旷天低树，江清月近人。",
  "终南阴岭秀，积雪浮云端。林表明霁色，城中增暮寒。",
  "君自故乡来，应知故乡事。来日绮窗前，寒梅著花未？",
  "峨眉山月半轮秋，影入平羌江水流。夜发清溪向三峡，思君不见下渝州。",
  "海上生明月，天涯共此时。情人怨遥夜，竟夕起相思。灭烛怜光满，披衣觉露滋。不堪盈手赠，还寝梦佳期。",
  "白发三千丈，缘愁似个长。不知明镜里，何处得秋霜。",
  "春城无处不飞花，寒食东风御柳斜。日暮汉宫传蜡烛，轻烟散入五侯家。",
];

/** The opening pages of Pride and Prejudice, then those of Emma (Jane Austen; public domain). */
const AUSTEN = [
  "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.",
  "However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is considered the rightful property of some one or other of their daughters.",
  "\u201cMy dear Mr. Bennet,\u201d said his lady to him one day, \u201chave you heard that Netherfield Park is let at last?\u201d",
  "Mr. Bennet replied that he had not.",
  "\u201cBut it is,\u201d returned she; \u201cfor Mrs. Long has just been here, and she told me all about it.\u201d",
  "Mr. Bennet made no answer.",
  "\u201cDo you not want to know who has taken it?\u201d cried his wife impatiently.",
  "\u201cYou want to tell me, and I have no objection to hearing it.\u201d",
  "This was invitation enough.",
  "\u201cWhy, my dear, you must know, Mrs. Long says that Netherfield is taken by a young man of large fortune from the north of England; that he came down on Monday in a chaise and four to see the place, and was so much delighted with it, that he agreed with Mr. Morris immediately; that he is to take possession before Michaelmas, and some of his servants are to be in the house by the end of next week.\u201d",
  "\u201cWhat is his name?\u201d",
  "\u201cBingley.\u201d",
  "\u201cIs he married or single?\u201d",
  "\u201cOh! Single, my dear, to be sure! A single man of large fortune; four or five thousand a year. What a fine thing for our girls!\u201d",
  "\u201cHow so? How can it affect them?\u201d",
  "\u201cMy dear Mr. Bennet,\u201d replied his wife, \u201chow can you be so tiresome! You must know that I am thinking of his marrying one of them.\u201d",
  "\u201cIs that his design in settling here?\u201d",
  "\u201cDesign! Nonsense, how can you talk so! But it is very likely that he may fall in love with one of them, and therefore you must visit him as soon as he comes.\u201d",
  "\u201cI see no occasion for that. You and the girls may go, or you may send them by themselves, which perhaps will be still better, for as you are as handsome as any of them, Mr. Bingley may like you the best of the party.\u201d",
  "\u201cMy dear, you flatter me. I certainly have had my share of beauty, but I do not pretend to be anything extraordinary now. When a woman has five grown-up daughters, she ought to give over thinking of her own beauty.\u201d",
  "\u201cIn such cases, a woman has not often much beauty to think of.\u201d",
  "\u201cBut, my dear, you must indeed go and see Mr. Bingley when he comes into the neighbourhood.\u201d",
  "\u201cIt is more than I engage for, I assure you.\u201d",
  "Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition, seemed to unite some of the best blessings of existence; and had lived nearly twenty-one years in the world with very little to distress or vex her.",
  "She was the youngest of the two daughters of a most affectionate, indulgent father; and had, in consequence of her sister\u2019s marriage, been mistress of his house from a very early period.",
  "Her mother had died too long ago for her to have more than an indistinct remembrance of her caresses; and her place had been supplied by an excellent woman as governess, who had fallen little short of a mother in affection.",
];

export const SCENARIOS: Record<Lang, Scenario> = {
  zh: {
    lang: "zh",
    fact: "暗号是青松。",
    question: "暗号是",
    expected: "青",
    source: { zh: "唐诗名篇（公版）", en: "famous Tang poems (public domain)" },
    filler: `\n${TANG.join("\n")}\n`,
  },
  en: {
    lang: "en",
    fact: "The password is green pine.",
    question: " The password is",
    expected: " green",
    source: { zh: "简·奥斯汀《傲慢与偏见》《爱玛》的开头（公版）", en: "the openings of Jane Austen's Pride and Prejudice and Emma (public domain)" },
    filler: ` ${AUSTEN.join(" ")}`,
  },
};

/** A text's length in characters (code points, as the slider counts them). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

const AFTER_CUT = new Set(Array.from("，。！？；：、,.!?;:\n\u201d"));

/**
 * The first `chars` characters of the filler, cut back to a place where a piece of text ends
 * (after a Chinese punctuation mark or a line break, or before a space), so that the question
 * never follows half a word. 0 or less gives "", the filler's length or more the whole filler.
 */
export function sliceFiller(filler: string, chars: number): string {
  const all = Array.from(filler);
  if (chars >= all.length) return filler;
  if (chars <= 0) return "";
  for (let i = Math.floor(chars); i > 0; i--) {
    if (/\s/.test(all[i]) || AFTER_CUT.has(all[i - 1])) return all.slice(0, i).join("");
  }
  return "";
}

export type TokenState = "dropped" | "fact" | "filler" | "question";

/** What a token is: gone (before the window), part of the fact, the filler or the question. */
export function tokenState(i: number, total: number, factTokens: number, questionTokens: number, windowStart: number): TokenState {
  if (i < windowStart) return "dropped";
  if (i < factTokens) return "fact";
  if (i >= total - questionTokens) return "question";
  return "filler";
}

export interface FactDistance {
  visibility: FactVisibility;
  /** Fact tokens already outside the window. */
  droppedFact: number;
  /** Tokens more until the fact's first token falls out (whole), or its last (part); 0 when gone. */
  untilOut: number;
  /** Gone: how many dropped tokens lie between the fact's last token and the window's edge; 0 otherwise. */
  since: number;
}

/**
 * Where the fact stands against the window's left edge, given the backend's `visibility`. The
 * window keeps the last `capacity` tokens, so every token added pushes the edge one to the right.
 */
export function factDistance(
  visibility: FactVisibility,
  total: number,
  factTokens: number,
  windowStart: number,
  capacity: number,
): FactDistance {
  if (visibility === "whole") {
    return { visibility, droppedFact: 0, untilOut: Math.max(1, capacity + 1 - total), since: 0 };
  }
  if (visibility === "part") {
    return { visibility, droppedFact: windowStart, untilOut: factTokens - windowStart, since: 0 };
  }
  return { visibility, droppedFact: factTokens, untilOut: 0, since: windowStart - factTokens };
}

/**
 * Attention weights as shading intensities 0–1: each over the largest, square-rooted so that
 * the many small weights still show next to the few large ones. All zeros stay zeros.
 */
export function attentionShades(attention: number[]): number[] {
  const max = attention.reduce((m, a) => (Number.isFinite(a) && a > m ? a : m), 0);
  if (max <= 0) return attention.map(() => 0);
  return attention.map((a) => (Number.isFinite(a) && a > 0 ? Math.sqrt(Math.min(1, a / max)) : 0));
}

/** A share as a percentage for people: one decimal under 10%, "<0.1%" for a trace, "0%" for none. */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return "0%";
  const pct = share * 100;
  if (pct < 0.1) return "<0.1%";
  if (pct < 10) return `${pct.toFixed(1)}%`;
  return `${Math.round(pct)}%`;
}

/** Characters per token, to one decimal; null for no tokens. */
export function charsPerToken(chars: number, tokens: number): number | null {
  if (tokens <= 0) return null;
  return Math.round((chars / tokens) * 10) / 10;
}

/**
 * The slider's positions in the window of the dropped tokens: which indices to draw. The
 * fact's tokens and the last `tail` dropped tokens before the edge; the rest is one gap.
 */
export function droppedShown(factTokens: number, windowStart: number, tail: number): { head: number; gapFrom: number; gapTo: number } {
  const head = Math.min(factTokens, windowStart);
  const tailFrom = Math.max(head, windowStart - tail);
  return { head, gapFrom: head, gapTo: tailFrom };
}
