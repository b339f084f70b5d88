//! The runs kept in the app's data folder, one folder each:
//!
//! ```text
//! runs/<id>/run.json   the run's summary (RunSummary)
//! runs/<id>/log.json   every update and validation so far (TrainingLog)
//! runs/<id>/model/     the model and its checkpoint, written by the trainer
//! ```
//!
//! Every file is replaced atomically, so a crash or a full disk leaves the last good copy.

use std::path::{Path, PathBuf};

use glassbox_train::atomic_file::write_file_atomically;
use glassbox_train::loss_chart::svg_to_png;
use glassbox_train::runs_chart::{ChartRun, ChartText, RunsChartOptions, render_runs_svg};
use glassbox_train::training_log::TrainingLog;

use super::types::{ExportFormat, RunStatus, RunSummary};
use crate::models::{RUN_MODEL_DIR, is_plain_name};

const SUMMARY_FILE: &str = "run.json";
const LOG_FILE: &str = "log.json";

#[derive(Debug, Clone)]
pub struct RunStore {
    dir: PathBuf,
}

impl RunStore {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A fresh id, unused in the folder: the creation time and a counter.
    pub fn new_id(&self, created_at: u64) -> String {
        (0..)
            .map(|n| format!("{created_at}-{n}"))
            .find(|id| !self.dir.join(id).exists())
            .expect("some counter is free")
    }

    pub fn run_dir(&self, id: &str) -> Result<PathBuf, String> {
        if !is_plain_name(id) {
            return Err(format!("There is no run called {id:?}."));
        }
        Ok(self.dir.join(id))
    }

    pub fn model_dir(&self, id: &str) -> Result<PathBuf, String> {
        Ok(self.run_dir(id)?.join(RUN_MODEL_DIR))
    }

    pub fn save(&self, run: &RunSummary) -> Result<(), String> {
        let json = serde_json::to_string_pretty(run).map_err(|e| e.to_string())?;
        write_file_atomically(&self.run_dir(&run.id)?.join(SUMMARY_FILE), json.as_bytes())
            .map_err(|e| format!("Could not save the run {}: {e}", run.name))
    }

    pub fn save_log(&self, id: &str, log: &TrainingLog) -> Result<(), String> {
        let json = serde_json::to_string(log).map_err(|e| e.to_string())?;
        write_file_atomically(&self.run_dir(id)?.join(LOG_FILE), json.as_bytes())
            .map_err(|e| format!("Could not save the run's log: {e}"))
    }

    pub fn load(&self, id: &str) -> Result<RunSummary, String> {
        let path = self.run_dir(id)?.join(SUMMARY_FILE);
        let json = std::fs::read_to_string(&path)
            .map_err(|_| format!("There is no run called {id:?}."))?;
        serde_json::from_str(&json)
            .map_err(|e| format!("The run {id} cannot be read ({e}); delete it and train again."))
    }

    /// An empty log for a run that never got to its first update.
    pub fn load_log(&self, id: &str) -> Result<TrainingLog, String> {
        match std::fs::read_to_string(self.run_dir(id)?.join(LOG_FILE)) {
            Ok(json) => serde_json::from_str(&json)
                .map_err(|e| format!("The log of run {id} cannot be read ({e}).")),
            Err(_) => Ok(TrainingLog::default()),
        }
    }

    /// Every readable run, newest first. A run recorded as running that is not `active`
    /// was cut short by a closed or crashed app: it reads as stopped, its checkpoint kept.
    pub fn list(&self, active: &[String]) -> Vec<RunSummary> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut runs: Vec<RunSummary> = entries
            .flatten()
            .filter_map(|entry| self.load(&entry.file_name().to_string_lossy()).ok())
            .map(|mut run| {
                let unfinished = matches!(
                    run.status,
                    RunStatus::Queued | RunStatus::Running | RunStatus::Paused
                );
                if unfinished && !active.contains(&run.id) {
                    run.status = RunStatus::Stopped;
                }
                run
            })
            .collect();
        runs.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
        runs
    }

    pub fn delete(&self, id: &str) -> Result<(), String> {
        let dir = self.run_dir(id)?;
        if !dir.join(SUMMARY_FILE).is_file() {
            return Err(format!("There is no run called {id:?}."));
        }
        std::fs::remove_dir_all(&dir).map_err(|e| format!("Could not delete the run: {e}"))
    }

    /// Writes the run's chart or log into `exports` and returns the file's path.
    pub fn export(
        &self,
        run: &RunSummary,
        log: &TrainingLog,
        format: ExportFormat,
        exports: &Path,
    ) -> Result<PathBuf, String> {
        let stem = format!("glassbox-{}-{}", file_stem(&run.name), run.id);
        let fail = |e: String| format!("Could not export the run: {e}");
        let path = match format {
            ExportFormat::Csv => {
                let path = exports.join(format!("{stem}.csv"));
                write_file_atomically(&path, log.to_csv().as_bytes())
                    .map_err(|e| fail(e.to_string()))?;
                path
            }
            ExportFormat::Svg | ExportFormat::Png => {
                let svg = chart(&[(run, log)], false, ChartText::default())?;
                if format == ExportFormat::Svg {
                    let path = exports.join(format!("{stem}.svg"));
                    write_file_atomically(&path, svg.as_bytes())
                        .map_err(|e| fail(e.to_string()))?;
                    path
                } else {
                    let path = exports.join(format!("{stem}.png"));
                    svg_to_png(&svg, &path).map_err(|e| fail(e.to_string()))?;
                    path
                }
            }
        };
        Ok(path)
    }
}

/// The runs' curves on one chart, the random-guessing line at the first run's vocabulary.
pub fn chart(
    runs: &[(&RunSummary, &TrainingLog)],
    log_scale: bool,
    text: ChartText,
) -> Result<String, String> {
    let random_guess = runs
        .first()
        .map_or(1.0, |(run, _)| f64::from(run.random_guess_loss));
    let chart_runs: Vec<ChartRun> = runs
        .iter()
        .map(|(run, log)| ChartRun {
            label: run.name.clone(),
            log,
        })
        .collect();
    render_runs_svg(
        &chart_runs,
        RunsChartOptions {
            log_scale,
            random_guess,
            text,
        },
    )
    .map_err(|e| e.to_string())
}

/// A run's name as part of a file name: letters and digits (any script), others as `-`.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "run".to_owned()
    } else {
        stem.to_owned()
    }
}
