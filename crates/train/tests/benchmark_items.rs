//! The shipped benchmark (models/benchmark/items.json) is what the builder makes from the
//! bundled corpus, and none of its true texts occurs in the training split.

use std::path::PathBuf;

use glassbox_train::benchmark::{ITEMS_FILE, ITEMS_PER_KIND, build_items, load_items};
use glassbox_train::corpus::{Corpus, Language, Split};

fn models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

#[test]
fn the_shipped_items_are_the_builders_and_uncontaminated() {
    let corpus = Corpus::load(&models().join("corpus")).unwrap();
    let shipped = load_items(&models().join("benchmark").join(ITEMS_FILE)).unwrap();
    // The seed `glassbox benchmark build` uses by default.
    assert_eq!(shipped, build_items(&corpus, 10));
    assert_eq!(shipped.len(), 4 * ITEMS_PER_KIND);
    for language in Language::ALL {
        let training: String = corpus
            .texts(language, Split::Train)
            .collect::<Vec<_>>()
            .join("\n");
        for item in shipped.iter().filter(|i| i.language == language) {
            let text = item.text(item.answer);
            assert!(
                !training.contains(&text),
                "{} is in the training text",
                item.id
            );
        }
    }
}
