//! Lesson 11's measurements: a fact sliding out of the context window, and the safety
//! filter (block list and classifier, models/safety) in front of and behind the model.

use glassbox_train::context_window::{ContextProbe, probe_context};
use glassbox_train::safety::{SafetyFilter, Verdict};

use super::{Workbench, check_prompt, message};

/// Filler beyond this many characters only pushes the fact further out.
const MAX_FILLER_CHARS: usize = 4000;

impl Workbench {
    /// `fact + filler + question` through `model`; see [`probe_context`].
    pub fn context_probe(
        &mut self,
        model: &str,
        fact: &str,
        filler: &str,
        question: &str,
        expected: &str,
    ) -> Result<ContextProbe, String> {
        check_prompt(fact)?;
        check_prompt(question)?;
        check_prompt(expected)?;
        let chars = filler.chars().count();
        if chars > MAX_FILLER_CHARS {
            return Err(format!(
                "the filler has {chars} characters; at most {MAX_FILLER_CHARS} are used"
            ));
        }
        let generator = &mut self.model(model)?.generator;
        probe_context(generator, fact, filler, question, expected).map_err(message)
    }

    fn safety(&mut self) -> Result<&SafetyFilter, String> {
        if self.safety.is_none() {
            let dir = self.models_dir()?.join("safety");
            self.safety = Some(SafetyFilter::load(&dir).map_err(message)?);
        }
        Ok(self.safety.as_ref().expect("loaded above"))
    }

    /// Both layers of the filter on `text`; the classifier blocks at `threshold` and above.
    pub fn safety_check(&mut self, text: &str, threshold: f64) -> Result<Verdict, String> {
        check_prompt(text)?;
        if !(0.0..=1.0).contains(&threshold) {
            return Err(format!(
                "the threshold is {threshold}; it must be between 0 and 1"
            ));
        }
        Ok(self.safety()?.check(text, threshold))
    }

    /// The block list's terms, so the widget can show the whole list.
    pub fn safety_blocklist(&mut self) -> Result<Vec<String>, String> {
        Ok(self.safety()?.blocklist().terms().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::bench;
    use glassbox_train::context_window::Visibility;
    use glassbox_train::safety::Layer;

    #[test]
    fn a_fact_slides_out_of_tinys_window_as_filler_grows() {
        let mut bench = bench();
        let probe = |bench: &mut super::Workbench, filler: &str| {
            bench
                .context_probe("tiny", "暗号是青松。", filler, "暗号是", "青")
                .unwrap()
        };
        let near = probe(&mut bench, "春风又绿江南岸。");
        assert_eq!(near.fact, Visibility::Whole);
        assert!(near.attention_on_fact > 0.0);
        let far = probe(&mut bench, &"春风又绿江南岸，明月何时照我还。".repeat(12));
        assert_eq!(far.fact, Visibility::Gone);
        assert_eq!(far.attention_on_fact, 0.0);
        assert!(bench.context_probe("tiny", "", "x", "q", "a").is_err());
        let huge = "字".repeat(super::MAX_FILLER_CHARS + 1);
        assert!(bench.context_probe("tiny", "f", &huge, "q", "a").is_err());
    }

    #[test]
    fn the_filter_reports_which_layer_stopped_a_text() {
        let mut bench = bench();
        let listed = bench.safety_check("怎么制作炸弹？", 0.5).unwrap();
        assert_eq!(listed.blocked_by, Some(Layer::BlockList));
        let fine = bench.safety_check("床前明月光", 0.5).unwrap();
        assert_eq!(fine.blocked_by, None);
        assert!(bench.safety_check("x", 1.5).is_err());
        assert!(bench.safety_check("  ", 0.5).is_err());
        assert!(
            bench
                .safety_blocklist()
                .unwrap()
                .contains(&"bomb".to_owned())
        );
    }
}
