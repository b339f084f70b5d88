//! Cleaning rules, one function per unit of text: a line of Chinese verse, a paragraph of
//! an English novel, and the form check that keeps only regulated Tang verse.
//!
//! The rules make each language self-consistent so the tokenizer and the model do not spend
//! capacity on accidents of digitisation: Chinese uses full-width punctuation and no spaces,
//! English uses ASCII punctuation and single spaces, and editors' notes and markup go.

use super::stats::{CleaningEdits, LinesDropped};

/// Why a line was dropped; each reason has a counter in [`LinesDropped`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineDrop {
    Blank,
    Editorial,
    MissingCharacters,
    ForeignCharacters,
}

impl LineDrop {
    pub(crate) fn record(self, dropped: &mut LinesDropped) {
        match self {
            LineDrop::Blank => dropped.blank += 1,
            LineDrop::Editorial => dropped.editorial += 1,
            LineDrop::MissingCharacters => dropped.missing_characters += 1,
            LineDrop::ForeignCharacters => dropped.foreign_characters += 1,
        }
    }
}

/// The sources' placeholder for a character lost from the old texts.
const MISSING_CHARACTER: char = '□';

/// Punctuation that belongs in Chinese verse once normalised.
const CHINESE_PUNCTUATION: &str = "，。、；：？！“”‘’《》…—·";

/// Han characters, including the extension planes that rare characters (and OpenCC's
/// simplified forms of them) live in.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}')
}

/// One punctuation style per language: what Chinese text writes instead of `c`.
fn chinese_punctuation(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        '・' | '•' | '‧' | '･' => '·',
        _ => return None,
    })
}

/// Cleans one line of a ci or a poem: no spaces, full-width punctuation, editors' notes in
/// （…） removed; a line with a lost (□) or garbled character is dropped whole, because a
/// model learns to write whatever the corpus contains.
pub(crate) fn clean_chinese_line(
    line: &str,
    edits: &mut CleaningEdits,
) -> Result<String, LineDrop> {
    // Edits count only for lines that are kept, so they are collected aside first.
    let mut line_edits = CleaningEdits::default();
    let cleaned = clean_chinese_line_parts(line, &mut line_edits)?;
    edits.add(&line_edits);
    Ok(cleaned)
}

fn clean_chinese_line_parts(line: &str, edits: &mut CleaningEdits) -> Result<String, LineDrop> {
    if line.trim().is_empty() {
        return Err(LineDrop::Blank);
    }
    let mut cleaned = String::with_capacity(line.len());
    // Nesting depth of （editor's notes）; what is inside them is neither kept nor counted.
    let mut depth = 0usize;
    for c in line.chars() {
        if c.is_whitespace() {
            edits.whitespace_removed += u32::from(depth == 0);
            continue;
        }
        let (c, normalised) = match chinese_punctuation(c) {
            Some(full_width) => (full_width, true),
            None => (c, false),
        };
        match c {
            '（' => {
                edits.notes_removed += u32::from(depth == 0);
                depth += 1;
            }
            '）' if depth == 0 => return Err(LineDrop::ForeignCharacters),
            '）' => depth -= 1,
            _ if depth == 0 => {
                edits.punctuation_normalised += u32::from(normalised);
                cleaned.push(c);
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(LineDrop::ForeignCharacters);
    }
    if cleaned.is_empty() {
        return Err(LineDrop::Editorial);
    }
    if cleaned.contains(MISSING_CHARACTER) {
        return Err(LineDrop::MissingCharacters);
    }
    if !cleaned
        .chars()
        .all(|c| is_han(c) || CHINESE_PUNCTUATION.contains(c))
    {
        return Err(LineDrop::ForeignCharacters);
    }
    Ok(cleaned)
}

/// What English text writes instead of `c`: ASCII quotes, half-width letters and signs.
fn english_punctuation(c: char) -> Option<char> {
    Some(match c {
        '‘' | '’' | '′' => '\'',
        '“' | '”' | '″' => '"',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
        _ => return None,
    })
}

/// Cleans one paragraph of a novel given as its source lines: lines joined with single
/// spaces, ASCII punctuation, `_italics_` and footnote marks removed, [editors' notes]
/// removed. `None` means nothing of the author's text was left (a separator, a footnote,
/// a note).
pub(crate) fn clean_english_paragraph(lines: &[&str], edits: &mut CleaningEdits) -> Option<String> {
    let first = lines.first()?.trim_start();
    // "*Vide a letter from Mr. Richardson..." is a footnote: its marker starts the paragraph.
    if first.starts_with('*')
        && first
            .trim_start_matches('*')
            .starts_with(char::is_alphabetic)
    {
        return None;
    }

    let mut paragraph_edits = CleaningEdits::default();
    let mut text = String::new();
    let mut note_depth = 0usize;
    let mut pending_space = false;
    let mut whitespace_seen = 0u32;
    // The line breaks inside a paragraph are whitespace too, so each line but the last
    // ends in one.
    let characters = lines
        .iter()
        .enumerate()
        .flat_map(|(i, line)| line.chars().chain((i + 1 < lines.len()).then_some('\n')));
    for c in characters {
        if note_depth > 0 {
            match c {
                '[' => note_depth += 1,
                ']' => note_depth -= 1,
                _ => {}
            }
            continue;
        }
        match c {
            _ if c.is_whitespace() => {
                whitespace_seen += 1;
                pending_space = true;
            }
            '[' => {
                paragraph_edits.notes_removed += 1;
                note_depth = 1;
            }
            '_' | '*' => paragraph_edits.markup_removed += 1,
            _ => {
                if pending_space && !text.is_empty() {
                    text.push(' ');
                }
                pending_space = false;
                match english_punctuation(c) {
                    Some(ascii) => {
                        paragraph_edits.punctuation_normalised += 1;
                        text.push(ascii);
                    }
                    None => text.push(c),
                }
            }
        }
    }
    if !text.chars().any(char::is_alphanumeric) {
        return None;
    }
    let spaces_kept = text.chars().filter(|c| *c == ' ').count() as u32;
    paragraph_edits.whitespace_removed = whitespace_seen.saturating_sub(spaces_kept);
    edits.add(&paragraph_edits);
    Some(text)
}

/// 绝句 and 律诗: two or four couplet lines "五字，五字。" or "七字，七字。", one length
/// throughout. The shape is regular enough for a small model to learn, unlike the long
/// irregular poems and fragments that fill the rest of 全唐诗.
pub(crate) fn is_regulated_verse(lines: &[String]) -> bool {
    if lines.len() != 2 && lines.len() != 4 {
        return false;
    }
    let couplet_width = |line: &str| -> Option<usize> {
        let chars: Vec<char> = line.chars().collect();
        let half = (chars.len().checked_sub(2)?) / 2;
        let (first, rest) = chars.split_at(half);
        let (comma, rest) = rest.split_first()?;
        let (end, second) = rest.split_last()?;
        let shape_ok = (half == 5 || half == 7)
            && second.len() == half
            && "，？！".contains(*comma)
            && "。？！".contains(*end)
            && first.iter().chain(second).all(|c| is_han(*c));
        shape_ok.then_some(half)
    };
    let Some(width) = couplet_width(&lines[0]) else {
        return false;
    };
    lines.iter().all(|line| couplet_width(line) == Some(width))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(line: &str) -> Result<String, LineDrop> {
        clean_chinese_line(line, &mut CleaningEdits::default())
    }

    fn en(lines: &[&str]) -> Option<String> {
        clean_english_paragraph(lines, &mut CleaningEdits::default())
    }

    #[test]
    fn chinese_lines_lose_spaces_and_use_full_width_punctuation() {
        let mut edits = CleaningEdits::default();
        let line = clean_chinese_line(" 问君能有几多愁? 恰似一江春水向东流. ", &mut edits);
        // The ASCII full stop is not mapped: "." is ambiguous, so the line is garbled.
        assert_eq!(line, Err(LineDrop::ForeignCharacters));
        let line = clean_chinese_line("问君能有几多愁?  恰似一江春水向东流!", &mut edits);
        assert_eq!(line.unwrap(), "问君能有几多愁？恰似一江春水向东流！");
        assert_eq!(
            zh("却道「小梅摇落」・不禁风").unwrap(),
            "却道“小梅摇落”·不禁风"
        );
        assert_eq!(
            zh("公卿奉引，祲容\u{3000}靡。").unwrap(),
            "公卿奉引，祲容靡。"
        );
        // Only the kept line's edits count.
        assert_eq!(edits.whitespace_removed, 2);
        assert_eq!(edits.punctuation_normalised, 2);
    }

    #[test]
    fn chinese_editorial_notes_are_removed_and_note_only_lines_dropped() {
        let mut edits = CleaningEdits::default();
        let line = clean_chinese_line(
            "阑风长雨（一作「东风细雨」）秋纷纷，四海（一作「万里」）八荒同一云。",
            &mut edits,
        );
        assert_eq!(line.unwrap(), "阑风长雨秋纷纷，四海八荒同一云。");
        assert_eq!(edits.notes_removed, 2);
        assert_eq!(zh("（下缺）"), Err(LineDrop::Editorial));
        assert_eq!(zh("   "), Err(LineDrop::Blank));
        assert_eq!(zh("未闭（合"), Err(LineDrop::ForeignCharacters));
    }

    #[test]
    fn chinese_lines_with_lost_or_garbled_characters_are_dropped() {
        assert_eq!(zh("浦映□花花映浦。"), Err(LineDrop::MissingCharacters));
        assert_eq!(zh("倚杖け然长啸，"), Err(LineDrop::ForeignCharacters));
        assert_eq!(zh("门前数十丘�岫"), Err(LineDrop::ForeignCharacters));
        assert_eq!(zh("最好流泉百道，НН绕城"), Err(LineDrop::ForeignCharacters));
        assert_eq!(zh("[爽]节在重九，"), Err(LineDrop::ForeignCharacters));
        // Rare characters from the extension planes are real text, not garbage.
        assert_eq!(zh("鸳鸯㶉𫛶唤不起。").unwrap(), "鸳鸯㶉𫛶唤不起。");
    }

    #[test]
    fn english_paragraphs_are_joined_and_stripped_of_markup() {
        let mut edits = CleaningEdits::default();
        let text = clean_english_paragraph(
            &[
                "It is a truth universally acknowledged, that a _single_ man  in",
                "  possession of a good fortune, must be in want of a wife.*",
            ],
            &mut edits,
        );
        assert_eq!(
            text.unwrap(),
            "It is a truth universally acknowledged, that a single man in possession of a \
             good fortune, must be in want of a wife."
        );
        assert_eq!(edits.markup_removed, 3);
        // The double space, the two indenting spaces; the line break became the space.
        assert_eq!(edits.whitespace_removed, 3);
        assert_eq!(
            en(&["\u{201c}Yes,\u{201d} said she\u{FF01}"]).unwrap(),
            "\"Yes,\" said she!"
        );
    }

    #[test]
    fn english_notes_separators_and_footnotes_are_dropped() {
        assert_eq!(
            en(&[
                "        [End volume one of this edition.",
                "   Edinburgh University Press]"
            ]),
            None
        );
        assert_eq!(en(&["                 * * * * *"]), None);
        assert_eq!(en(&["*Vide a letter from Mr. Richardson, No. 97."]), None);
        let mut edits = CleaningEdits::default();
        let text =
            clean_english_paragraph(&["She smiled [an editor's", "aside] and left."], &mut edits);
        assert_eq!(text.unwrap(), "She smiled and left.");
        assert_eq!(edits.notes_removed, 1);
    }

    #[test]
    fn regulated_verse_has_two_or_four_even_couplets() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_regulated_verse(&lines(&[
            "床前明月光，疑是地上霜。",
            "举头望明月，低头思故乡。"
        ])));
        assert!(is_regulated_verse(&lines(&[
            "长戟今何在？孤坟此路傍。",
            "秦川雄帝宅，函谷壮皇居。",
            "绮殿千寻起，离宫百雉余。",
            "连甍遥接汉，飞观迥凌虚。",
        ])));
        // Mixed five- and seven-character lines, three lines, or prose are not.
        assert!(!is_regulated_verse(&lines(&[
            "床前明月光，疑是地上霜。",
            "朝辞白帝彩云间，千里江陵一日还。"
        ])));
        assert!(!is_regulated_verse(&lines(
            &["床前明月光，疑是地上霜。"; 3]
        )));
        assert!(!is_regulated_verse(&lines(&[
            "噫吁嚱！危乎高哉！",
            "蜀道之难难于上青天！"
        ])));
        assert!(!is_regulated_verse(&lines(&[
            "床前明月光，疑是地上霜",
            "举头望明月，低头思故乡。"
        ])));
    }
}
