//! Cutting benchmark items out of the validation split. Every item comes from one held-out
//! document, its wrong candidates from other held-out documents of the same kind, so
//! nothing a model could have memorised in training decides the answer.

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Item, ItemKind};
use crate::corpus::{Corpus, Document, Language, Source, Split};
use crate::sft_data::sentences;

/// Items of each kind in each language: 40 in all, a minute's reading for a class.
pub const ITEMS_PER_KIND: usize = 10;
/// The true candidate and three wrong ones: guessing scores 25%.
const CANDIDATES: usize = 4;
/// Characters a Chinese cloze item hides: the end of a line, where the rhyme falls.
const ZH_GAP: usize = 2;
/// English sentences long enough to carry meaning, short enough to read at a glance.
const EN_SENTENCE_BYTES: std::ops::RangeInclusive<usize> = 40..=160;
/// Length of a hidden English word.
const EN_WORD_CHARS: std::ops::RangeInclusive<usize> = 5..=10;

/// The benchmark's items, the same for the same corpus and seed: Chinese cloze (唐诗),
/// Chinese next line (宋词), English cloze and English next sentence (Austen).
pub fn build_items(corpus: &Corpus, seed: u64) -> Vec<Item> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut items = Vec::new();
    items.extend(number(
        "zh-cloze",
        zh_cloze(corpus.documents(Source::Tangshi, Split::Valid), &mut rng),
    ));
    items.extend(number(
        "zh-next",
        zh_next_line(corpus.documents(Source::Songci, Split::Valid), &mut rng),
    ));
    let chapters = corpus.documents(Source::Austen, Split::Valid);
    items.extend(number("en-cloze", en_cloze(chapters, &mut rng)));
    items.extend(number("en-next", en_next_sentence(chapters, &mut rng)));
    items
}

fn number(prefix: &str, items: Vec<Item>) -> impl Iterator<Item = Item> {
    items.into_iter().enumerate().map(move |(i, mut item)| {
        item.id = format!("{prefix}-{:02}", i + 1);
        item
    })
}

/// An item with the true `answer` among `wrong` ones, in an order drawn from `rng`.
fn item(
    rng: &mut ChaCha8Rng,
    language: Language,
    kind: ItemKind,
    source: String,
    (before, after): (String, String),
    answer: String,
    wrong: Vec<String>,
) -> Item {
    let mut candidates = wrong;
    let position = rng.random_range(0..=candidates.len());
    candidates.insert(position, answer);
    Item {
        id: String::new(),
        language,
        kind,
        source,
        before,
        after,
        candidates,
        answer: position,
    }
}

/// Up to `CANDIDATES - 1` distinct picks from `pool` that differ from `answer`, drawn in a
/// random order; `None` when the pool has too few.
fn distractors(rng: &mut ChaCha8Rng, pool: &[String], answer: &str) -> Option<Vec<String>> {
    let mut order: Vec<&String> = pool.iter().filter(|p| p.as_str() != answer).collect();
    order.shuffle(rng);
    let mut picked: Vec<String> = Vec::new();
    for candidate in order {
        if !picked.contains(candidate) {
            picked.push(candidate.clone());
        }
        if picked.len() == CANDIDATES - 1 {
            return Some(picked);
        }
    }
    None
}

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

fn poem_source(kind: &str, document: &Document) -> String {
    format!("{kind}《{}》（{}）", document.title, document.author)
}

/// A regulated-verse line: two halves of 5 or 7 characters, `，` between and `。` after.
fn couplet(line: &str) -> Option<(Vec<char>, Vec<char>)> {
    let (first, second) = line.strip_suffix('。')?.split_once('，')?;
    let (first, second) = (chars(first), chars(second));
    let regular = first.len() == second.len() && matches!(first.len(), 5 | 7);
    let plain = |half: &[char]| {
        half.iter()
            .all(|c| !c.is_ascii() && !"，。？！、；：".contains(*c))
    };
    (regular && plain(&first) && plain(&second)).then_some((first, second))
}

/// The last characters of a couplet's second half are hidden; the line before gives context.
fn zh_cloze(poems: &[Document], rng: &mut ChaCha8Rng) -> Vec<Item> {
    // (poem, line index) of every couplet that follows another line.
    let mut places: Vec<(usize, usize)> = Vec::new();
    for (p, poem) in poems.iter().enumerate() {
        for (l, line) in poem.text.lines().enumerate().skip(1) {
            if couplet(line).is_some() {
                places.push((p, l));
            }
        }
    }
    let gap_of = |&(p, l): &(usize, usize)| {
        let line = poems[p].text.lines().nth(l).expect("indexed above");
        let (_, second) = couplet(line).expect("checked above");
        (
            second.len(),
            second[second.len() - ZH_GAP..].iter().collect::<String>(),
        )
    };
    let gaps: Vec<(usize, String)> = places.iter().map(gap_of).collect();
    places.shuffle(rng);
    let mut items = Vec::new();
    let mut used = Vec::new();
    for place in places {
        if items.len() == ITEMS_PER_KIND {
            break;
        }
        let (p, l) = place;
        if used.contains(&p) {
            continue;
        }
        let lines: Vec<&str> = poems[p].text.lines().collect();
        let (first, second) = couplet(lines[l]).expect("checked above");
        let (width, answer) = gap_of(&place);
        let pool: Vec<String> = gaps
            .iter()
            .filter(|(w, _)| *w == width)
            .map(|(_, g)| g.clone())
            .collect();
        let Some(wrong) = distractors(rng, &pool, &answer) else {
            continue;
        };
        let before = format!(
            "{}\n{}，{}",
            lines[l - 1],
            first.iter().collect::<String>(),
            second[..second.len() - ZH_GAP].iter().collect::<String>()
        );
        used.push(p);
        items.push(item(
            rng,
            Language::Zh,
            ItemKind::Cloze,
            poem_source("唐诗", &poems[p]),
            (before, "。".to_owned()),
            answer,
            wrong,
        ));
    }
    items
}

/// A ci line and the line after it; wrong candidates are lines of the same length from
/// other ci.
fn zh_next_line(ci: &[Document], rng: &mut ChaCha8Rng) -> Vec<Item> {
    let fits = |line: &str| (4..=12).contains(&line.chars().count());
    let pool: Vec<String> = ci
        .iter()
        .flat_map(|d| d.text.lines())
        .filter(|l| fits(l))
        .map(str::to_owned)
        .collect();
    let mut order: Vec<usize> = (0..ci.len()).collect();
    order.shuffle(rng);
    let mut items = Vec::new();
    for d in order {
        if items.len() == ITEMS_PER_KIND {
            break;
        }
        let lines: Vec<&str> = ci[d].text.lines().collect();
        let pairs: Vec<usize> = (0..lines.len().saturating_sub(1))
            .filter(|&i| fits(lines[i]) && fits(lines[i + 1]))
            .collect();
        let Some(&i) = pairs.choose(rng) else {
            continue;
        };
        let answer = lines[i + 1].to_owned();
        let width = answer.chars().count();
        let same_width: Vec<String> = pool
            .iter()
            .filter(|l| l.chars().count() == width && !lines.contains(&l.as_str()))
            .cloned()
            .collect();
        let Some(wrong) = distractors(rng, &same_width, &answer) else {
            continue;
        };
        items.push(item(
            rng,
            Language::Zh,
            ItemKind::NextLine,
            poem_source("宋词", &ci[d]),
            (format!("{}\n", lines[i]), String::new()),
            answer,
            wrong,
        ));
    }
    items
}

/// Sentences of a chapter that fit [`EN_SENTENCE_BYTES`], paragraph by paragraph, so that
/// neighbours in one list are neighbours in the text.
fn paragraphs_of_sentences(chapter: &Document) -> Vec<Vec<&str>> {
    chapter
        .text
        .lines()
        .map(|p| sentences(p).collect::<Vec<_>>())
        .collect()
}

/// A whole sentence of the right length: the splitter also cuts inside quoted speech, and a
/// piece starting in lower case is such a fragment.
fn fits_en(sentence: &str) -> bool {
    let first_letter = sentence.trim_start_matches(['"', '\'']).chars().next();
    EN_SENTENCE_BYTES.contains(&sentence.len()) && first_letter.is_some_and(char::is_uppercase)
}

/// Byte ranges of the words a cloze item may hide: lower-case letters only, never first.
fn hideable_words(sentence: &str) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices().chain([(sentence.len(), ' ')]) {
        match (c.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &sentence[s..i];
                let lower = word.chars().all(|c| c.is_ascii_lowercase());
                if s > 0 && lower && EN_WORD_CHARS.contains(&word.len()) {
                    words.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    words
}

fn chapter_order(chapters: &[Document], rng: &mut ChaCha8Rng) -> Vec<usize> {
    let mut order: Vec<usize> = (0..chapters.len()).collect();
    order.shuffle(rng);
    order
}

/// Every chapter but the `c`th: where wrong candidates come from.
fn other_chapters(chapters: &[Document], c: usize) -> impl Iterator<Item = &Document> {
    chapters
        .iter()
        .enumerate()
        .filter(move |&(other, _)| other != c)
        .map(|(_, d)| d)
}

/// One word of an Austen sentence is hidden; wrong candidates are words of about the same
/// length from other chapters.
fn en_cloze(chapters: &[Document], rng: &mut ChaCha8Rng) -> Vec<Item> {
    let mut items = Vec::new();
    for c in chapter_order(chapters, rng) {
        if items.len() == ITEMS_PER_KIND {
            break;
        }
        let candidates: Vec<&str> = paragraphs_of_sentences(&chapters[c])
            .into_iter()
            .flatten()
            .filter(|s| fits_en(s) && !hideable_words(s).is_empty())
            .collect();
        let Some(&sentence) = candidates.choose(rng) else {
            continue;
        };
        let &(start, end) = hideable_words(sentence)
            .choose(rng)
            .expect("filtered to sentences with words");
        let answer = &sentence[start..end];
        let pool: Vec<String> = other_chapters(chapters, c)
            .flat_map(|d| {
                sentences(&d.text)
                    .flat_map(|s| hideable_words(s).into_iter().map(move |(a, b)| &s[a..b]))
                    .collect::<Vec<_>>()
            })
            .filter(|w| w.len().abs_diff(answer.len()) <= 1)
            .map(str::to_owned)
            .collect();
        let Some(wrong) = distractors(rng, &pool, answer) else {
            continue;
        };
        items.push(item(
            rng,
            Language::En,
            ItemKind::Cloze,
            chapters[c].title.clone(),
            (sentence[..start].to_owned(), sentence[end..].to_owned()),
            answer.to_owned(),
            wrong,
        ));
    }
    items
}

/// A sentence and the one after it in the same paragraph; wrong candidates are sentences
/// of similar length from other chapters.
fn en_next_sentence(chapters: &[Document], rng: &mut ChaCha8Rng) -> Vec<Item> {
    let mut items = Vec::new();
    for c in chapter_order(chapters, rng) {
        if items.len() == ITEMS_PER_KIND {
            break;
        }
        let pairs: Vec<(&str, &str)> = paragraphs_of_sentences(&chapters[c])
            .into_iter()
            .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>())
            .filter(|(a, b)| fits_en(a) && fits_en(b))
            .collect();
        let Some(&(first, answer)) = pairs.choose(rng) else {
            continue;
        };
        let pool: Vec<String> = other_chapters(chapters, c)
            .flat_map(|d| sentences(&d.text).collect::<Vec<_>>())
            .filter(|s| fits_en(s) && s.len().abs_diff(answer.len()) * 5 <= answer.len())
            .map(str::to_owned)
            .collect();
        let Some(wrong) = distractors(rng, &pool, answer) else {
            continue;
        };
        items.push(item(
            rng,
            Language::En,
            ItemKind::NextLine,
            chapters[c].title.clone(),
            (format!("{first} "), String::new()),
            answer.to_owned(),
            wrong,
        ));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn couplets_are_regular_verse_lines_only() {
        assert!(couplet("园荒一径断，苔古半阶斜。").is_some());
        assert!(couplet("前池消旧水，昔树发今花").is_none());
        assert!(couplet("长忆钱塘，临水傍山三百寺。").is_none());
    }

    #[test]
    fn hidden_words_are_lower_case_and_never_first() {
        let sentence = "Emma could not repress a smile of pleasure at it.";
        let words: Vec<&str> = hideable_words(sentence)
            .into_iter()
            .map(|(a, b)| &sentence[a..b])
            .collect();
        assert_eq!(words, ["could", "repress", "smile", "pleasure"]);
    }

    fn poem(title: &str, text: &str) -> Document {
        Document {
            title: title.to_owned(),
            author: "无名氏".to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_cloze_item_hides_the_line_end_and_offers_other_poems_line_ends() {
        let endings = ["阶斜", "今花", "为家", "夕霞", "树妆"];
        let poems: Vec<Document> = endings
            .iter()
            .enumerate()
            .map(|(i, end)| {
                poem(
                    &format!("诗{i}"),
                    &format!("新丰停翠辇，谯邑驻鸣笳。\n园荒一径断，苔古半{end}。"),
                )
            })
            .collect();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let items = zh_cloze(&poems, &mut rng);
        assert_eq!(items.len(), poems.len());
        for item in &items {
            assert!(
                item.before
                    .starts_with("新丰停翠辇，谯邑驻鸣笳。\n园荒一径断，苔古半")
            );
            assert_eq!(item.after, "。");
            assert_eq!(item.candidates.len(), CANDIDATES);
            assert!(
                item.candidates
                    .iter()
                    .all(|c| endings.contains(&c.as_str()))
            );
            let source = item
                .source
                .trim_start_matches("唐诗《诗")
                .chars()
                .next()
                .unwrap();
            let own = endings[source.to_digit(10).unwrap() as usize];
            assert_eq!(item.candidates[item.answer], own);
        }
    }

    #[test]
    fn too_small_a_pool_gives_no_item_rather_than_repeats() {
        let poems = [
            poem("甲", "新丰停翠辇，谯邑驻鸣笳。\n园荒一径断，苔古半阶斜。"),
            poem("乙", "新丰停翠辇，谯邑驻鸣笳。\n前池消旧水，昔树发今花。"),
        ];
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!(zh_cloze(&poems, &mut rng).is_empty());
    }
}
