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
