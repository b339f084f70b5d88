//! Parses one lesson file: YAML front matter, then `## Title {#id}` sections holding Markdown
//! and `:::widget NAME` lines.

use crate::error::LessonError;
use crate::markdown;
use crate::types::{Block, Lang, Lesson, QuizQuestion, Section, WidgetRef};
use crate::widgets;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    id: u8,
    slug: String,
    title: String,
    goal: String,
    minutes: u32,
    widgets: Vec<WidgetRef>,
}

const WIDGET_DIRECTIVE: &str = ":::widget";
/// Every lesson closes with what it means for a product (see lessons/README.md).
pub(crate) const CLOSING_SECTION: &str = "product";

pub(crate) struct LessonSource<'a> {
    pub file: &'a Path,
    pub lang: Lang,
    pub text: &'a str,
    pub quiz: Vec<QuizQuestion>,
    pub notes: &'a str,
}

pub(crate) fn parse(src: LessonSource<'_>) -> Result<Lesson, LessonError> {
    let file = src.file;
    let (front, body) = split_front_matter(file, src.text)?;
    let front: FrontMatter = serde_yaml_ng::from_str(front)
        .map_err(|err| LessonError::invalid(file, format!("front matter: {err}")))?;
    check_front_matter(file, &front)?;

    let sections = parse_sections(file, body, &front.widgets)?;
    check_widgets_match(file, &front.widgets, &sections)?;
    match sections.last() {
        Some(last) if last.id == CLOSING_SECTION => {}
        _ => {
            return Err(LessonError::invalid(
                file,
                format!(
                    "the last section must be {{#{CLOSING_SECTION}}} (what this means for your product)"
                ),
            ));
        }
    }

    Ok(Lesson {
        id: front.id,
        slug: front.slug,
        lang: src.lang,
        title: front.title,
        goal: front.goal,
        minutes: front.minutes,
        widgets: front.widgets,
        sections,
        quiz: src.quiz,
        notes_html: markdown::to_html(src.notes),
    })
}

fn split_front_matter<'a>(file: &Path, text: &'a str) -> Result<(&'a str, &'a str), LessonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(|| {
            LessonError::invalid(file, "the file must start with a `---` front matter line")
        })?;
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .ok_or_else(|| LessonError::invalid(file, "the front matter has no closing `---` line"))?;
    let body_start = rest[end + 1..]
        .find('\n')
        .map_or(rest.len(), |i| end + 1 + i + 1);
    Ok((&rest[..end], &rest[body_start..]))
}

fn check_front_matter(file: &Path, front: &FrontMatter) -> Result<(), LessonError> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let expected = format!("{:02}-{}.md", front.id, front.slug);
    if name != expected {
        return Err(LessonError::invalid(
            file,
            format!(
                "front matter says id {} and slug {:?}, so the file should be named {expected}",
                front.id, front.slug
            ),
        ));
    }
    if front.title.trim().is_empty() || front.goal.trim().is_empty() {
        return Err(LessonError::invalid(
            file,
            "front matter needs a title and a goal",
        ));
    }
    if front.minutes == 0 {
        return Err(LessonError::invalid(
            file,
            "front matter `minutes` must be more than 0",
        ));
    }
    for (i, w) in front.widgets.iter().enumerate() {
        if !widgets::is_known(&w.name) {
            return Err(LessonError::invalid(
                file,
                format!(
                    "unknown widget {:?}; known widgets are listed in crates/lessons/src/widgets.rs",
                    w.name
                ),
            ));
        }
        if front.widgets[..i].iter().any(|other| other.name == w.name) {
            return Err(LessonError::invalid(
                file,
                format!("widget {:?} is listed twice", w.name),
            ));
        }
    }
    Ok(())
}

/// `## 标题 {#id}` → ("标题", "id").
fn parse_heading(
    file: &Path,
    line_no: usize,
    heading: &str,
) -> Result<(String, String), LessonError> {
    let missing_id = || {
        LessonError::invalid(
            file,
            format!(
                "line {line_no}: section heading {heading:?} needs an id, e.g. `## Title {{#id}}`"
            ),
        )
    };
    let open = heading.rfind("{#").ok_or_else(missing_id)?;
    let id = heading[open + 2..]
        .strip_suffix('}')
        .ok_or_else(missing_id)?
        .trim();
    let valid_id = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        return Err(LessonError::invalid(
            file,
            format!("line {line_no}: section id {id:?} may only use a-z, 0-9 and -"),
        ));
    }
    Ok((heading[..open].trim().to_string(), id.to_string()))
}

fn parse_sections(
    file: &Path,
    body: &str,
    listed: &[WidgetRef],
) -> Result<Vec<Section>, LessonError> {
    let mut sections: Vec<Section> = Vec::new();
    let mut markdown_buf = String::new();

    let flush = |buf: &mut String, sections: &mut Vec<Section>| {
        if !buf.trim().is_empty()
            && let Some(section) = sections.last_mut()
        {
            section.blocks.push(Block::Html {
                html: markdown::to_html(buf),
            });
        }
        buf.clear();
    };

    for (i, line) in body.lines().enumerate() {
        let line_no = i + 1;
        if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut markdown_buf, &mut sections);
            let (title, id) = parse_heading(file, line_no, heading)?;
            if sections.iter().any(|s| s.id == id) {
                return Err(LessonError::invalid(
                    file,
                    format!("line {line_no}: section id {id:?} is used twice"),
                ));
            }
            sections.push(Section {
                id,
                title,
                blocks: Vec::new(),
            });
        } else if let Some(name) = line.trim().strip_prefix(WIDGET_DIRECTIVE) {
            let name = name.trim();
            if sections.is_empty() {
                return Err(LessonError::invalid(
                    file,
                    format!("line {line_no}: widget {name:?} comes before the first section"),
                ));
            }
            let widget = listed.iter().find(|w| w.name == name).ok_or_else(|| {
                LessonError::invalid(
                    file,
                    format!(
                        "line {line_no}: widget {name:?} is used but not listed in the front matter"
                    ),
                )
            })?;
            flush(&mut markdown_buf, &mut sections);
            let block = Block::Widget {
                name: widget.name.clone(),
                status: widget.status,
            };
            sections
                .last_mut()
                .expect("checked above")
                .blocks
                .push(block);
        } else if sections.is_empty() {
            if !line.trim().is_empty() {
                return Err(LessonError::invalid(
                    file,
                    format!("line {line_no}: text before the first `## Title {{#id}}` section"),
                ));
            }
        } else {
            markdown_buf.push_str(line);
            markdown_buf.push('\n');
        }
    }
    flush(&mut markdown_buf, &mut sections);
    if sections.is_empty() {
        return Err(LessonError::invalid(
            file,
            "the lesson has no `## Title {#id}` sections",
        ));
    }
    Ok(sections)
}

/// The front matter lists the widgets in the order the body first uses them, each once.
fn check_widgets_match(
    file: &Path,
    listed: &[WidgetRef],
    sections: &[Section],
) -> Result<(), LessonError> {
    let mut used: Vec<&str> = Vec::new();
    for section in sections {
        for block in &section.blocks {
            if let Block::Widget { name, .. } = block
                && !used.contains(&name.as_str())
            {
                used.push(name);
            }
        }
    }
    let listed: Vec<&str> = listed.iter().map(|w| w.name.as_str()).collect();
    if used != listed {
        return Err(LessonError::invalid(
            file,
            format!(
                "front matter lists widgets {listed:?} but the body uses {used:?} (same names, same order)"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(name: &str, text: &str) -> Result<Lesson, LessonError> {
        let path = format!("lessons/zh/{name}");
        parse(LessonSource {
            file: Path::new(&path),
            lang: Lang::Zh,
            text,
            quiz: Vec::new(),
            notes: "",
        })
    }

    const GOOD: &str = "---\nid: 1\nslug: concepts\ntitle: 概念\ngoal: 理解\nminutes: 30\nwidgets:\n  - name: glossary\n    status: planned\n---\n\n## 开始 {#start}\n\n文字 **粗体**\n\n:::widget glossary\n\n后文\n\n## 对产品意味着什么 {#product}\n\n成本。\n";

    #[test]
    fn sections_hold_html_and_widget_slots_in_order() {
        let lesson = parse_text("01-concepts.md", GOOD).unwrap();
        assert_eq!(lesson.sections.len(), 2);
        let blocks = &lesson.sections[0].blocks;
        assert!(
            matches!(&blocks[0], Block::Html { html } if html.contains("<strong>粗体</strong>"))
        );
        assert!(matches!(&blocks[1], Block::Widget { name, .. } if name == "glossary"));
        assert!(matches!(&blocks[2], Block::Html { html } if html.contains("后文")));
        assert_eq!(lesson.sections[0].title, "开始");
    }

    #[test]
    fn unknown_widget_is_rejected_with_its_name() {
        let text = GOOD.replace("glossary", "glosary");
        let err = parse_text("01-concepts.md", &text).unwrap_err().to_string();
        assert!(err.contains("unknown widget \"glosary\""), "{err}");
    }

    #[test]
    fn widget_used_but_not_listed_is_rejected() {
        let text = GOOD.replace("文字 **粗体**", ":::widget timeline");
        let err = parse_text("01-concepts.md", &text).unwrap_err().to_string();
        assert!(err.contains("\"timeline\" is used but not listed"), "{err}");
    }

    #[test]
    fn listed_widget_missing_from_body_is_rejected() {
        let text = GOOD.replace(":::widget glossary", "");
        let err = parse_text("01-concepts.md", &text).unwrap_err().to_string();
        assert!(err.contains("but the body uses []"), "{err}");
    }

    #[test]
    fn heading_without_id_is_rejected() {
        let text = GOOD.replace("## 开始 {#start}", "## 开始");
        let err = parse_text("01-concepts.md", &text).unwrap_err().to_string();
        assert!(err.contains("needs an id"), "{err}");
    }

    #[test]
    fn file_name_must_match_id_and_slug() {
        let err = parse_text("02-concepts.md", GOOD).unwrap_err().to_string();
        assert!(err.contains("should be named 01-concepts.md"), "{err}");
    }

    #[test]
    fn lesson_must_close_with_the_product_section() {
        let text = GOOD.replace("{#product}", "{#end}");
        let err = parse_text("01-concepts.md", &text).unwrap_err().to_string();
        assert!(err.contains("{#product}"), "{err}");
    }

    #[test]
    fn missing_front_matter_is_explained() {
        let err = parse_text("01-concepts.md", "## A {#a}\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("must start with a `---`"), "{err}");
    }
}
