//! The real course in lessons/: every lesson valid in both languages.

use glassbox_lessons::{Course, KNOWN_WIDGETS, Lang};
use std::path::Path;

fn course_on_disk() -> Course {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons");
    Course::load_dir(&root).unwrap_or_else(|err| panic!("lessons/ is invalid: {err}"))
}

#[test]
fn all_eleven_lectures_exist_in_both_languages() {
    let course = course_on_disk();
    for lang in Lang::ALL {
        let ids: Vec<u8> = course.lessons(lang).iter().map(|l| l.id).collect();
        assert_eq!(ids, (1..=11).collect::<Vec<u8>>(), "{lang:?}");
    }
}

#[test]
fn embedded_course_matches_the_folder() {
    let embedded = Course::embedded().expect("embedded course is valid");
    let disk = course_on_disk();
    for lang in Lang::ALL {
        assert_eq!(embedded.lessons(lang), disk.lessons(lang));
    }
}

#[test]
fn every_widget_name_is_known_and_every_lesson_has_a_quiz() {
    let course = course_on_disk();
    for lesson in course.lessons(Lang::Zh) {
        for w in &lesson.widgets {
            assert!(KNOWN_WIDGETS.contains(&w.name.as_str()), "{}", w.name);
        }
        assert!(
            !lesson.widgets.is_empty(),
            "lesson {} has no live demonstration",
            lesson.id
        );
        assert!(
            (3..=5).contains(&lesson.quiz.len()),
            "lesson {} quiz has {}",
            lesson.id,
            lesson.quiz.len()
        );
        assert!(
            !lesson.notes_html.is_empty(),
            "lesson {} has no facilitator notes",
            lesson.id
        );
    }
}

/// Every widget the course places is built: none is left showing a placeholder.
#[test]
fn no_lesson_shows_a_placeholder_widget() {
    let planned: Vec<String> = course_on_disk()
        .planned_widgets()
        .into_iter()
        .map(|(id, names)| format!("lesson {id:02}: {}", names.join(", ")))
        .collect();
    assert!(planned.is_empty(), "placeholders left: {planned:?}");
}
