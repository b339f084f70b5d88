//! Model parameters by Hugging Face tensor name, and their safetensors file.
//!
//! Parameters are candle [`Var`]s so an optimiser can update them in place; every model
//! built from the same `Weights` sees the update.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use candle_core::{DType, Device, Tensor, Var};
use safetensors::tensor::{Dtype, SafeTensors, View};

use crate::config::ModelConfig;
use crate::error::WeightsError;
use crate::layout::{self, TensorSpec};

/// Header bytes before the JSON: its length as a little-endian u64.
const LENGTH_PREFIX: usize = 8;
/// The safetensors crate refuses headers above this size; anything larger is not a header.
const MAX_HEADER_BYTES: u64 = 100_000_000;

/// Every parameter of one model, keyed by its Hugging Face name.
#[derive(Debug, Clone)]
pub struct Weights {
    tensors: BTreeMap<String, Var>,
}

impl Weights {
    /// Wraps tensors after checking that they are exactly the ones `config` needs.
    pub fn from_tensors(
        config: &ModelConfig,
        tensors: BTreeMap<String, Tensor>,
    ) -> Result<Self, WeightsError> {
        check_against_config(
            config,
            tensors.iter().map(|(name, t)| (name.as_str(), t.dims())),
        )?;
        let tensors = tensors
            .into_iter()
            .map(|(name, tensor)| {
                let tensor = tensor
                    .to_dtype(DType::F32)
                    .map_err(|e| compute_failed(&name, e))?;
                let var = Var::from_tensor(&tensor).map_err(|e| compute_failed(&name, e))?;
                Ok((name, var))
            })
            .collect::<Result<_, WeightsError>>()?;
        Ok(Self { tensors })
    }

    /// Reads a safetensors file and checks it against `config`; F16, BF16 and F64 tensors
    /// are converted to F32.
    pub fn load(path: &Path, config: &ModelConfig, device: &Device) -> Result<Self, WeightsError> {
        let bytes = std::fs::read(path).map_err(|source| WeightsError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_safetensors(&bytes, path, config, device)
    }

    /// Parses safetensors bytes; `path` only names the source in error messages.
    pub fn from_safetensors(
        bytes: &[u8],
        path: &Path,
        config: &ModelConfig,
        device: &Device,
    ) -> Result<Self, WeightsError> {
        check_extent(bytes, path)?;
        let file = SafeTensors::deserialize(bytes).map_err(|e| WeightsError::Corrupt {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        let views: HashMap<String, _> = file
            .iter()
            .filter(|(name, _)| !is_recomputed_buffer(name))
            .map(|(name, view)| (name.to_owned(), view))
            .collect();
        check_against_config(
            config,
            views
                .iter()
                .map(|(name, view)| (name.as_str(), view.shape())),
        )?;
        let mut tensors = BTreeMap::new();
        for (name, view) in views {
            let dtype = match view.dtype() {
                Dtype::F32 => DType::F32,
                Dtype::F16 => DType::F16,
                Dtype::BF16 => DType::BF16,
                Dtype::F64 => DType::F64,
                other => {
                    return Err(WeightsError::UnsupportedDtype {
                        name,
                        dtype: format!("{other:?}"),
                    });
                }
            };
            let tensor = Tensor::from_raw_buffer(view.data(), dtype, view.shape(), device)
                .and_then(|t| t.to_dtype(DType::F32))
                .and_then(|t| Var::from_tensor(&t))
                .map_err(|e| compute_failed(&name, e))?;
            tensors.insert(name, tensor);
        }
        Ok(Self { tensors })
    }

    /// Writes every tensor as F32 with `{"format": "pt"}` metadata, which `transformers`
    /// expects. The file is written beside `path` and renamed over it, so a crash never
    /// leaves a half-written checkpoint.
    pub fn save(&self, path: &Path) -> Result<(), WeightsError> {
        let write_error = |reason: String| WeightsError::Write {
            path: path.to_owned(),
            reason,
        };
        let mut tensors = Vec::with_capacity(self.tensors.len());
        for (name, var) in &self.tensors {
            let values = var
                .as_tensor()
                .to_dtype(DType::F32)
                .and_then(|t| t.flatten_all())
                .and_then(|t| t.to_vec1::<f32>())
                .map_err(|e| write_error(format!("cannot read tensor `{name}`: {e}")))?;
            tensors.push((
                name.as_str(),
                F32Bytes {
                    shape: var.dims().to_vec(),
                    bytes: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
                },
            ));
        }
        let metadata = HashMap::from([("format".to_owned(), "pt".to_owned())]);
        safetensors::serialize_to_file(tensors, Some(metadata), path)
            .map_err(|e| write_error(e.to_string()))
    }

    /// Checks that these are exactly the tensors `config` needs, with the right shapes.
    pub fn check(&self, config: &ModelConfig) -> Result<(), WeightsError> {
        check_against_config(config, self.iter().map(|(name, var)| (name, var.dims())))
    }

    pub fn get(&self, name: &str) -> Option<&Var> {
        self.tensors.get(name)
    }

    /// The tensor called `name`, for building a model from these weights.
    pub fn tensor(&self, name: &str) -> Result<&Tensor, WeightsError> {
        self.tensors
            .get(name)
            .map(Var::as_tensor)
            .ok_or_else(|| WeightsError::MissingTensor {
                name: name.to_owned(),
            })
    }

    /// Name and parameter, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Var)> {
        self.tensors.iter().map(|(name, var)| (name.as_str(), var))
    }

    /// Every parameter, for an optimiser.
    pub fn vars(&self) -> Vec<Var> {
        self.tensors.values().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.tensors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tensors.is_empty()
    }

    pub(crate) fn from_vars(tensors: BTreeMap<String, Var>) -> Self {
        Self { tensors }
    }
}

fn compute_failed(name: &str, error: candle_core::Error) -> WeightsError {
    WeightsError::Convert {
        name: name.to_owned(),
        reason: error.to_string(),
    }
}

/// Older Llama checkpoints store the rotary frequencies; we compute them from the config.
fn is_recomputed_buffer(name: &str) -> bool {
    name.ends_with("rotary_emb.inv_freq")
}

/// Finds files that were cut off (a common result of an interrupted copy) before the
/// safetensors parser reports them as a generic metadata error.
fn check_extent(bytes: &[u8], path: &Path) -> Result<(), WeightsError> {
    let found = bytes.len() as u64;
    let truncated = |expected: u64| WeightsError::Truncated {
        path: path.to_owned(),
        expected,
        found,
    };
    let corrupt = |reason: String| WeightsError::Corrupt {
        path: path.to_owned(),
        reason,
    };
    let Some(prefix) = bytes.get(..LENGTH_PREFIX) else {
        return Err(truncated(LENGTH_PREFIX as u64));
    };
    let header_len = u64::from_le_bytes(prefix.try_into().expect("slice of length 8"));
    if header_len > MAX_HEADER_BYTES {
        return Err(corrupt(format!(
            "the first 8 bytes give a header length of {header_len} bytes, which no \
             safetensors file has"
        )));
    }
    let header_end = LENGTH_PREFIX as u64 + header_len;
    let Some(header) = bytes.get(LENGTH_PREFIX..header_end as usize) else {
        return Err(truncated(header_end));
    };
    let header: HashMap<String, serde_json::Value> = serde_json::from_slice(header)
        .map_err(|e| corrupt(format!("the header is not valid JSON: {e}")))?;
    let data_len = header
        .iter()
        .filter(|(name, _)| *name != "__metadata__")
        .filter_map(|(_, info)| info.get("data_offsets")?.get(1)?.as_u64())
        .max()
        .unwrap_or(0);
    let expected = header_end + data_len;
    if found < expected {
        return Err(truncated(expected));
    }
    if found > expected {
        return Err(corrupt(format!(
            "{} bytes follow the last tensor",
            found - expected
        )));
    }
    Ok(())
}

/// Checks names and shapes against the config: layer and expert counts first, since a
/// config from another model would otherwise surface as a confusing missing tensor.
fn check_against_config<'a>(
    config: &ModelConfig,
    tensors: impl Iterator<Item = (&'a str, &'a [usize])>,
) -> Result<(), WeightsError> {
    let found: HashMap<&str, &[usize]> = tensors.collect();
    let count = |index: fn(&str) -> Option<usize>| {
        found
            .keys()
            .filter_map(|name| index(name))
            .max()
            .map_or(0, |i| i + 1)
    };
    let layers = count(layout::layer_of);
    if layers != config.num_hidden_layers {
        return Err(WeightsError::ConfigMismatch {
            key: "num_hidden_layers",
            config: config.num_hidden_layers,
            weights: layers,
        });
    }
    let experts = count(layout::expert_of);
    let config_experts = config.moe().map_or(0, |moe| moe.experts);
    if experts != config_experts {
        return Err(WeightsError::ConfigMismatch {
            key: "num_local_experts",
            config: config_experts,
            weights: experts,
        });
    }
    let specs = layout::tensor_specs(config);
    for TensorSpec { name, shape, .. } in &specs {
        match found.get(name.as_str()) {
            None => return Err(WeightsError::MissingTensor { name: name.clone() }),
            Some(&found) if found != shape.as_slice() => {
                return Err(WeightsError::WrongShape {
                    name: name.clone(),
                    expected: shape.clone(),
                    found: found.to_vec(),
                });
            }
            Some(_) => {}
        }
    }
    if found.len() > specs.len() {
        let expected: std::collections::HashSet<&str> =
            specs.iter().map(|s| s.name.as_str()).collect();
        let mut extra: Vec<&str> = found
            .keys()
            .copied()
            .filter(|name| !expected.contains(name))
            .collect();
        extra.sort_unstable();
        return Err(WeightsError::UnexpectedTensor {
            name: extra[0].to_owned(),
        });
    }
    Ok(())
}

/// A tensor already converted to little-endian F32 bytes, ready for the file.
struct F32Bytes {
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

impl View for F32Bytes {
    fn dtype(&self) -> Dtype {
        Dtype::F32
    }

    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.bytes)
    }

    fn data_len(&self) -> usize {
        self.bytes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tiny_moe() -> ModelConfig {
        ModelConfig::tiny_for_tests(40).with_experts(4, 2)
    }

    fn saved(config: &ModelConfig) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        Weights::random(config, 7, &Device::Cpu)
            .unwrap()
            .save(&path)
            .unwrap();
        (dir, path)
    }

    #[test]
    fn safetensors_round_trip_keeps_every_value() {
        let config = tiny_moe();
        let weights = Weights::random(&config, 7, &Device::Cpu).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        weights.save(&path).unwrap();
        let loaded = Weights::load(&path, &config, &Device::Cpu).unwrap();
        assert_eq!(loaded.len(), weights.len());
        for (name, var) in weights.iter() {
            let a = var.flatten_all().unwrap().to_vec1::<f32>().unwrap();
            let b = loaded.get(name).unwrap().flatten_all().unwrap();
            assert_eq!(a, b.to_vec1::<f32>().unwrap(), "{name}");
        }
    }

    #[test]
    fn bf16_weights_load_as_f32() {
        let config = ModelConfig::tiny_for_tests(40);
        let weights = Weights::random(&config, 1, &Device::Cpu).unwrap();
        let bf16: Vec<(String, Tensor)> = weights
            .iter()
            .map(|(name, var)| (name.to_owned(), var.to_dtype(DType::BF16).unwrap()))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bf16.safetensors");
        candle_core::safetensors::save(&bf16.into_iter().collect(), &path).unwrap();
        let loaded = Weights::load(&path, &config, &Device::Cpu).unwrap();
        let name = layout::EMBED_TOKENS;
        let a = weights.get(name).unwrap().flatten_all().unwrap();
        let b = loaded.get(name).unwrap().flatten_all().unwrap();
        let diff = (a - b).unwrap().abs().unwrap().max(0).unwrap();
        assert_eq!(loaded.get(name).unwrap().dtype(), DType::F32);
        assert!(diff.to_scalar::<f32>().unwrap() < 1e-3);
    }

    #[test]
    fn truncated_file_reports_expected_and_found_sizes() {
        let (_dir, path) = saved(&tiny_moe());
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() - 100]).unwrap();
        match Weights::load(&path, &tiny_moe(), &Device::Cpu) {
            Err(WeightsError::Truncated {
                expected, found, ..
            }) => {
                assert_eq!(expected, bytes.len() as u64);
                assert_eq!(found, bytes.len() as u64 - 100);
            }
            other => panic!("expected Truncated, got {other:?}"),
        }
        fs::write(&path, &bytes[..20]).unwrap();
        assert!(matches!(
            Weights::load(&path, &tiny_moe(), &Device::Cpu),
            Err(WeightsError::Truncated { found: 20, .. })
        ));
    }

    #[test]
    fn corrupt_file_is_reported_as_corrupt() {
        let (_dir, path) = saved(&tiny_moe());
        fs::write(&path, b"this is a text file, not weights").unwrap();
        let error = Weights::load(&path, &tiny_moe(), &Device::Cpu).unwrap_err();
        assert!(matches!(error, WeightsError::Corrupt { .. }), "{error:?}");

        let mut bytes = Vec::new();
        let header = b"{not json}      ";
        bytes.extend((header.len() as u64).to_le_bytes());
        bytes.extend(header);
        fs::write(&path, &bytes).unwrap();
        let error = Weights::load(&path, &tiny_moe(), &Device::Cpu).unwrap_err();
        assert!(error.to_string().contains("not valid JSON"), "{error}");
    }

    #[test]
    fn wrong_shape_names_tensor_and_both_shapes() {
        let (_dir, path) = saved(&ModelConfig::tiny_for_tests(40));
        let mut wider = ModelConfig::tiny_for_tests(40);
        wider.intermediate_size = 48;
        match Weights::load(&path, &wider, &Device::Cpu) {
            Err(WeightsError::WrongShape {
                name,
                expected,
                found,
            }) => {
                assert_eq!(name, "model.layers.0.mlp.gate_proj.weight");
                assert_eq!(expected, vec![48, 32]);
                assert_eq!(found, vec![64, 32]);
            }
            other => panic!("expected WrongShape, got {other:?}"),
        }
    }

    #[test]
    fn config_from_another_model_is_a_config_mismatch() {
        let (_dir, path) = saved(&tiny_moe());
        let mut deeper = tiny_moe();
        deeper.num_hidden_layers = 3;
        assert!(matches!(
            Weights::load(&path, &deeper, &Device::Cpu),
            Err(WeightsError::ConfigMismatch {
                key: "num_hidden_layers",
                config: 3,
                weights: 2
            })
        ));
        let dense = ModelConfig::tiny_for_tests(40);
        assert!(matches!(
            Weights::load(&path, &dense, &Device::Cpu),
            Err(WeightsError::ConfigMismatch {
                key: "num_local_experts",
                config: 0,
                weights: 4
            })
        ));
        let mut tied = tiny_moe();
        tied.tie_word_embeddings = true;
        match Weights::load(&path, &tied, &Device::Cpu) {
            Err(WeightsError::UnexpectedTensor { name }) => assert_eq!(name, layout::LM_HEAD),
            other => panic!("expected UnexpectedTensor, got {other:?}"),
        }
    }

    #[test]
    fn missing_tensor_is_named() {
        let config = ModelConfig::tiny_for_tests(40);
        let weights = Weights::random(&config, 3, &Device::Cpu).unwrap();
        let mut tensors: BTreeMap<String, Tensor> = weights
            .iter()
            .map(|(name, var)| (name.to_owned(), var.as_tensor().clone()))
            .collect();
        tensors.remove(layout::FINAL_NORM);
        match Weights::from_tensors(&config, tensors) {
            Err(WeightsError::MissingTensor { name }) => assert_eq!(name, layout::FINAL_NORM),
            other => panic!("expected MissingTensor, got {other:?}"),
        }
    }
}
