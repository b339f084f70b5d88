//! A model on disk: a directory with `config.json`, `model.safetensors` and
//! `tokenizer.json`, laid out as on the Hugging Face hub.

use std::path::{Path, PathBuf};

use candle_core::Device;

use crate::config::ModelConfig;
use crate::cpu_backend::CpuBackend;
use crate::error::{Error, Result};
use crate::generator::Generator;
use crate::tokenizer::Tokenizer;
use crate::weights::Weights;

pub const CONFIG_FILE: &str = "config.json";
pub const WEIGHTS_FILE: &str = "model.safetensors";
pub const TOKENIZER_FILE: &str = "tokenizer.json";

#[derive(Debug, Clone)]
pub struct ModelDir {
    path: PathBuf,
}

impl ModelDir {
    /// Checks that `path` is a directory holding the three model files.
    pub fn open(path: &Path) -> Result<Self> {
        if !path.is_dir() {
            return Err(Error::ModelDirNotFound {
                path: path.to_owned(),
            });
        }
        for file in [CONFIG_FILE, WEIGHTS_FILE, TOKENIZER_FILE] {
            let file = path.join(file);
            if !file.is_file() {
                return Err(Error::ModelFileMissing { path: file });
            }
        }
        Ok(Self {
            path: path.to_owned(),
        })
    }

    /// Writes a model directory, creating it if needed.
    pub fn save(
        path: &Path,
        config: &ModelConfig,
        weights: &Weights,
        tokenizer: &Tokenizer,
    ) -> Result<Self> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Io { path, source }
        };
        std::fs::create_dir_all(path).map_err(io(path))?;
        let config_path = path.join(CONFIG_FILE);
        std::fs::write(&config_path, config.to_json()).map_err(io(&config_path))?;
        weights.save(&path.join(WEIGHTS_FILE))?;
        tokenizer.save(&path.join(TOKENIZER_FILE))?;
        Self::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory's name, which names the model in the UI.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    pub fn config(&self) -> Result<ModelConfig> {
        let path = self.path.join(CONFIG_FILE);
        let json = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        ModelConfig::from_json(&json).map_err(|source| Error::ConfigFile { path, source })
    }

    pub fn weights(&self, config: &ModelConfig, device: &Device) -> Result<Weights> {
        Ok(Weights::load(
            &self.path.join(WEIGHTS_FILE),
            config,
            device,
        )?)
    }

    pub fn tokenizer(&self) -> Result<Tokenizer> {
        Tokenizer::from_file(&self.path.join(TOKENIZER_FILE))
    }

    /// Loads the model onto the CPU backend, ready to generate.
    pub fn cpu_generator(&self) -> Result<Generator> {
        let config = self.config()?;
        let weights = self.weights(&config, &Device::Cpu)?;
        let backend = CpuBackend::new(&config, &weights)?;
        Generator::new(Box::new(backend), self.tokenizer()?, self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn missing_directory_and_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let absent = dir.path().join("absent");
        let error = ModelDir::open(&absent).unwrap_err();
        assert!(matches!(error, Error::ModelDirNotFound { .. }));
        assert!(error.to_string().contains("absent"));
        let error = ModelDir::open(dir.path()).unwrap_err();
        assert!(error.to_string().contains(CONFIG_FILE), "{error}");
    }

    #[test]
    fn saved_model_loads_and_generates() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tiny");
        testing::write_tiny_model(&path, 1).unwrap();
        let model = ModelDir::open(&path).unwrap();
        assert_eq!(model.name(), "tiny");
        let mut generator = model.cpu_generator().unwrap();
        assert_eq!(generator.info().name, "tiny");
        generator.prefill("hello", 1).unwrap();
        generator.step(&Default::default(), None).unwrap();
    }

    #[test]
    fn invalid_config_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        testing::write_tiny_model(dir.path(), 1).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "{\"hidden_size\": 3}").unwrap();
        let error = ModelDir::open(dir.path()).unwrap().config().unwrap_err();
        assert!(error.to_string().contains(CONFIG_FILE), "{error}");
    }
}
