//! The run's history: one record per update and one per evaluation. Kept in the trainer's
//! state so a resumed run continues the same CSV and chart.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::train_event::{EvaluationReport, StepReport};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrainingLog {
    pub steps: Vec<StepReport>,
    pub evaluations: Vec<EvaluationReport>,
}

/// One validation of a finished run, as `train.csv` records it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ValidationPoint {
    pub step: u32,
    pub tokens_seen: f64,
    /// Mean of the languages' validation losses, nats per token.
    pub val_loss: f32,
}

/// The validation rows of a `train.csv` written by [`TrainingLog::to_csv`]; rows it cannot
/// read are skipped, so a hand-edited log still shows what it can.
pub fn validation_curve(csv: &str) -> Vec<ValidationPoint> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(step), Some(tokens), Some(val)) =
        (column("step"), column("tokens_seen"), column("val_loss"))
    else {
        return Vec::new();
    };
    lines
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            Some(ValidationPoint {
                step: fields.get(step)?.parse().ok()?,
                tokens_seen: fields.get(tokens)?.parse().ok()?,
                val_loss: fields.get(val)?.parse().ok()?,
            })
        })
        .collect()
}

impl TrainingLog {
    /// Forgets what came after `step`, for a run resumed from an earlier checkpoint.
    pub fn truncate(&mut self, step: u32) {
        self.steps.retain(|s| s.step <= step);
        self.evaluations.retain(|e| e.step <= step);
    }

    /// One row per update; the validation columns are filled on evaluation steps.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from(
            "step,tokens_seen,elapsed_s,lr,train_loss,grad_norm,tokens_per_s,\
             val_loss,val_zh,val_en,train_zh,train_en\n",
        );
        let mut evaluations = self.evaluations.iter().peekable();
        for s in &self.steps {
            let _ = write!(
                csv,
                "{},{},{:.1},{:.3e},{:.4},{:.3},{:.0}",
                s.step,
                s.tokens_seen,
                s.elapsed_seconds,
                s.learning_rate,
                s.train_loss,
                s.grad_norm,
                s.tokens_per_second
            );
            while evaluations.peek().is_some_and(|e| e.step < s.step) {
                evaluations.next();
            }
            match evaluations.peek() {
                Some(e) if e.step == s.step => {
                    let language = |code: &str, train: bool| {
                        e.languages
                            .iter()
                            .find(|l| l.language.code() == code)
                            .map(|l| {
                                format!("{:.4}", if train { l.train_loss } else { l.val_loss })
                            })
                            .unwrap_or_default()
                    };
                    let _ = writeln!(
                        csv,
                        ",{:.4},{},{},{},{}",
                        e.val_loss,
                        language("zh", false),
                        language("en", false),
                        language("zh", true),
                        language("en", true)
                    );
                }
                _ => csv.push_str(",,,,,\n"),
            }
        }
        csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Language;
    use crate::train_event::LanguageLoss;

    fn step(step: u32) -> StepReport {
        StepReport {
            step,
            total_steps: 3,
            train_loss: 5.0,
            learning_rate: 1e-3,
            grad_norm: 1.0,
            tokens_seen: f64::from(step) * 10.0,
            tokens_per_second: 100.0,
            eta_seconds: 1.0,
            elapsed_seconds: 1.0,
        }
    }

    #[test]
    fn csv_has_a_row_per_step_and_validation_on_evaluation_steps() {
        let mut log = TrainingLog {
            steps: (1..=3).map(step).collect(),
            evaluations: vec![EvaluationReport {
                step: 2,
                val_loss: 4.5,
                languages: vec![LanguageLoss {
                    language: Language::Zh,
                    train_loss: 4.0,
                    val_loss: 4.5,
                    val_tokens: 10,
                }],
                samples: vec![],
            }],
        };
        let csv = log.to_csv();
        let curve = validation_curve(&csv);
        assert_eq!(curve.len(), 1);
        assert_eq!((curve[0].step, curve[0].val_loss), (2, 4.5));
        assert!(validation_curve("not,a,log\n1,2,3").is_empty());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(
            lines[2].ends_with(",4.5000,4.5000,,4.0000,"),
            "{}",
            lines[2]
        );
        assert!(lines[3].ends_with(",,,,,"));
        log.truncate(1);
        assert_eq!(log.steps.len(), 1);
        assert!(log.evaluations.is_empty());
    }
}
