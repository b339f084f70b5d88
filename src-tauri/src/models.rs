//! The bundled models: where they live and what the model picker says about them.

use glassbox_model::{ModelDir, ModelInfo};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The model the app opens with.
pub const DEFAULT_MODEL: &str = "tiny";

/// One line of the model picker.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ModelEntry {
    pub name: String,
    /// `None` when the folder could not be read; `error` then says why.
    pub info: Option<ModelInfo>,
    pub summary: ModelSummary,
    pub error: Option<String>,
}

/// What a model was trained on, in both languages (`summary.json` beside the weights).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ModelSummary {
    pub zh: String,
    pub en: String,
}

const SUMMARY_FILE: &str = "summary.json";

/// Model names of this form open a run trained in the app: `run:<run id>`.
pub const RUN_PREFIX: &str = "run:";
/// The model folder inside a run's folder.
pub const RUN_MODEL_DIR: &str = "model";

/// Where named models live: the bundled ones, and the runs trained in the app.
#[derive(Debug, Clone, Default)]
pub struct ModelPaths {
    pub models: Option<PathBuf>,
    pub runs: Option<PathBuf>,
}

impl ModelPaths {
    /// The folder of the model called `name`: a bundled folder's name or `run:<id>`. Names
    /// are plain (letters, digits, `-`, `_`), so no request reaches outside those folders.
    pub fn resolve(&self, name: &str) -> Result<PathBuf, String> {
        let (folder, base) = match name.strip_prefix(RUN_PREFIX) {
            Some(id) => (id, self.runs.as_ref().ok_or("The folder of trained runs is not available.")?),
            None => (
                name,
                self.models.as_ref().ok_or(
                    "No models folder was found: set GLASSBOX_MODELS to the folder that holds tiny/, or reinstall Glassbox.",
                )?,
            ),
        };
        if !is_plain_name(folder) {
            return Err(format!("There is no model called {name:?}."));
        }
        Ok(match name.starts_with(RUN_PREFIX) {
            true => base.join(folder).join(RUN_MODEL_DIR),
            false => base.join(folder),
        })
    }
}

/// Letters, digits, `-` and `_` only: a name that is one folder and nothing else.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Finds `models/`: `GLASSBOX_MODELS`, then the bundle's resources, then the repository the
/// binary was built in (`target/{debug,release}/` → the repository root).
pub fn locate_models(resource_dir: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GLASSBOX_MODELS") {
        return Some(PathBuf::from(dir));
    }
    let bundled = resource_dir.map(|r| r.join("models"));
    let from_exe = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.ancestors().nth(3).map(|root| root.join("models")));
    [bundled, from_exe]
        .into_iter()
        .flatten()
        .find(|dir| dir.join(DEFAULT_MODEL).is_dir())
}

/// Every folder of `models/` that holds a model, sorted with the default one first.
pub fn list_models(models: &Path) -> Vec<ModelEntry> {
    let Ok(entries) = std::fs::read_dir(models) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(glassbox_model::model_dir::CONFIG_FILE).is_file())
        .collect();
    dirs.sort_by_key(|p| (p.file_name() != Some(DEFAULT_MODEL.as_ref()), p.clone()));
    dirs.iter().map(|dir| describe(dir)).collect()
}

fn describe(dir: &Path) -> ModelEntry {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let summary = std::fs::read_to_string(dir.join(SUMMARY_FILE))
        .ok()
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default();
    describe_as(dir, name, summary)
}

/// A run's model as the picker lists it.
pub fn describe_run(dir: &Path, id: &str, summary: ModelSummary) -> ModelEntry {
    describe_as(dir, format!("{RUN_PREFIX}{id}"), summary)
}

fn describe_as(dir: &Path, name: String, summary: ModelSummary) -> ModelEntry {
    let info = ModelDir::open(dir).and_then(|model| {
        let config = model.config()?;
        Ok(ModelInfo {
            name: name.clone(),
            backend: String::new(),
            parameters: config.parameter_count(),
            config,
        })
    });
    match info {
        Ok(info) => ModelEntry {
            name,
            info: Some(info),
            summary,
            error: None,
        },
        Err(err) => ModelEntry {
            name,
            info: None,
            summary,
            error: Some(err.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_inside_their_folders_only() {
        let paths = ModelPaths {
            models: Some("/m".into()),
            runs: Some("/r".into()),
        };
        assert_eq!(paths.resolve("tiny").unwrap(), Path::new("/m/tiny"));
        assert_eq!(
            paths.resolve("run:17-0").unwrap(),
            Path::new("/r/17-0/model")
        );
        for bad in [
            "", "../x", "run:", "run:../x", "a/b", "run:a/b", ".hidden", "名字",
        ] {
            assert!(paths.resolve(bad).is_err(), "{bad} resolved");
        }
    }

    #[test]
    fn a_broken_model_folder_is_listed_with_its_error() {
        let models = tempfile::tempdir().unwrap();
        let broken = models.path().join("broken");
        std::fs::create_dir(&broken).unwrap();
        std::fs::write(broken.join("config.json"), "{ not json").unwrap();
        let entries = list_models(models.path());
        assert_eq!(entries.len(), 1);
        assert!(entries[0].info.is_none());
        assert!(
            entries[0]
                .error
                .as_deref()
                .unwrap()
                .contains("model.safetensors")
        );
    }
}
