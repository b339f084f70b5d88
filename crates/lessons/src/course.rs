//! The whole course: every lesson in both languages, checked against each other.

use crate::error::LessonError;
use crate::lesson::{self, LessonSource};
use crate::quiz;
use crate::types::{Block, Lang, Lesson, LessonSummary, WidgetRef};
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The course as it was when the binary was built, so the app needs no files beside it.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../lessons");

#[derive(Debug, Clone)]
pub struct Course {
    /// Lessons by language, sorted by id.
    lessons: BTreeMap<Lang, Vec<Lesson>>,
}

/// Files of a lesson folder by relative path (`zh/01-concepts.md`), wherever they came from.
type Files = BTreeMap<PathBuf, String>;

impl Course {
    /// The course compiled into this binary.
    pub fn embedded() -> Result<Course, LessonError> {
        let mut files = Files::new();
        for lang in Lang::ALL {
            if let Some(dir) = EMBEDDED.get_dir(lang.code()) {
                for file in dir.files() {
                    let text = file.contents_utf8().ok_or_else(|| {
                        LessonError::invalid(file.path(), "the file is not valid UTF-8")
                    })?;
                    files.insert(file.path().to_path_buf(), text.to_string());
                }
            }
        }
        Course::from_files(Path::new("lessons"), files)
    }

    /// Reads a lessons folder laid out as in `lessons/README.md`.
    pub fn load_dir(root: &Path) -> Result<Course, LessonError> {
        let mut files = Files::new();
        for lang in Lang::ALL {
            let dir = root.join(lang.code());
            let entries = std::fs::read_dir(&dir).map_err(|source| LessonError::Io {
                file: dir.clone(),
                source,
            })?;
            for entry in entries {
                let path = entry
                    .map_err(|source| LessonError::Io {
                        file: dir.clone(),
                        source,
                    })?
                    .path();
                if path.is_file() {
                    let text =
                        std::fs::read_to_string(&path).map_err(|source| LessonError::Io {
                            file: path.clone(),
                            source,
                        })?;
                    let name = path.file_name().expect("read_dir yields named entries");
                    files.insert(Path::new(lang.code()).join(name), text);
                }
            }
        }
        Course::from_files(root, files)
    }

    fn from_files(root: &Path, files: Files) -> Result<Course, LessonError> {
        let mut lessons = BTreeMap::new();
        for lang in Lang::ALL {
            lessons.insert(lang, parse_language(root, &files, lang)?);
        }
        let course = Course { lessons };
        course.check_languages_agree(root)?;
        Ok(course)
    }

    pub fn lessons(&self, lang: Lang) -> &[Lesson] {
        &self.lessons[&lang]
    }

    pub fn lesson(&self, id: u8, lang: Lang) -> Result<&Lesson, LessonError> {
        self.lessons(lang)
            .iter()
            .find(|l| l.id == id)
            .ok_or(LessonError::NotFound {
                id,
                lang: lang.code(),
            })
    }

    pub fn summaries(&self, lang: Lang) -> Vec<LessonSummary> {
        self.lessons(lang).iter().map(Lesson::summary).collect()
    }

    /// Widgets still shown as placeholders, per lesson id (empty lessons omitted).
    pub fn planned_widgets(&self) -> Vec<(u8, Vec<String>)> {
        self.lessons(Lang::Zh)
            .iter()
            .map(|l| {
                (
                    l.id,
                    l.widgets
                        .iter()
                        .filter(|w| w.status == crate::WidgetStatus::Planned)
                        .map(|w| w.name.clone())
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, planned)| !planned.is_empty())
            .collect()
    }

    /// Both languages must teach the same lesson: same slugs, sections, widgets and quiz answers.
    fn check_languages_agree(&self, root: &Path) -> Result<(), LessonError> {
        let (zh, en) = (self.lessons(Lang::Zh), self.lessons(Lang::En));
        for (a, b) in zh.iter().zip(en) {
            let file = root.join("en").join(format!("{:02}-{}.md", b.id, b.slug));
            let differ = |what: &str, zh: String, en: String| {
                LessonError::invalid(
                    &file,
                    format!("{what} differ from the Chinese lesson: zh {zh}, en {en}"),
                )
            };
            if a.slug != b.slug {
                return Err(differ("slugs", a.slug.clone(), b.slug.clone()));
            }
            if a.minutes != b.minutes {
                return Err(differ(
                    "minutes",
                    a.minutes.to_string(),
                    b.minutes.to_string(),
                ));
            }
            let outline = |l: &Lesson| -> Vec<(String, Vec<WidgetRef>)> {
                l.sections
                    .iter()
                    .map(|s| (s.id.clone(), section_widgets(&s.blocks)))
                    .collect()
            };
            if outline(a) != outline(b) {
                return Err(differ(
                    "sections and their widgets",
                    format!("{:?}", outline(a)),
                    format!("{:?}", outline(b)),
                ));
            }
            let answers = |l: &Lesson| l.quiz.iter().map(|q| q.answer).collect::<Vec<_>>();
            if answers(a) != answers(b) {
                return Err(differ(
                    "quiz answers",
                    format!("{:?}", answers(a)),
                    format!("{:?}", answers(b)),
                ));
            }
        }
        Ok(())
    }
}

fn section_widgets(blocks: &[Block]) -> Vec<WidgetRef> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Widget { name, status } => Some(WidgetRef {
                name: name.clone(),
                status: *status,
            }),
            Block::Html { .. } => None,
        })
        .collect()
}

/// Parses every `NN-slug.md` of one language; ids must run 1, 2, … without gaps.
fn parse_language(root: &Path, files: &Files, lang: Lang) -> Result<Vec<Lesson>, LessonError> {
    let mut lessons = Vec::new();
    for (path, text) in files {
        let Some(name) = lesson_file_name(path, lang) else {
            continue;
        };
        let stem = name.trim_end_matches(".md");
        let sibling = |suffix: &str| -> Result<&String, LessonError> {
            let rel = Path::new(lang.code()).join(format!("{stem}{suffix}"));
            files.get(&rel).ok_or_else(|| {
                LessonError::invalid(
                    root.join(path),
                    format!("its companion file {} is missing", rel.display()),
                )
            })
        };
        let quiz_path = root.join(lang.code()).join(format!("{stem}.quiz.yaml"));
        let quiz = quiz::parse(&quiz_path, sibling(".quiz.yaml")?)?;
        let lesson = lesson::parse(LessonSource {
            file: &root.join(path),
            lang,
            text,
            quiz,
            notes: sibling(".notes.md")?,
        })?;
        lessons.push(lesson);
    }
    lessons.sort_by_key(|l| l.id);
    for (i, lesson) in lessons.iter().enumerate() {
        let expected = i as u8 + 1;
        if lesson.id != expected {
            return Err(LessonError::Missing {
                id: expected,
                lang: lang.code(),
            });
        }
    }
    Ok(lessons)
}

/// `zh/01-concepts.md` → `01-concepts.md`; quiz and notes files are not lessons.
fn lesson_file_name(path: &Path, lang: Lang) -> Option<&str> {
    if path.parent() != Some(Path::new(lang.code())) {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    let is_lesson = name.ends_with(".md")
        && !name.ends_with(".notes.md")
        && name.len() > 3
        && name.as_bytes()[..2].iter().all(u8::is_ascii_digit)
        && name.as_bytes()[2] == b'-';
    is_lesson.then_some(name)
}
