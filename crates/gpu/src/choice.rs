//! Which engine runs a model, decided in one place: the wgpu engine on a hardware GPU, the
//! candle CPU engine when the only adapter is a software rasteriser (llvmpipe, lavapipe,
//! WARP), since candle's CPU kernels beat shaders emulated on the same CPU. A setting and
//! the `GLASSBOX_BACKEND` environment variable (`cpu`, `gpu` or `auto`) override it.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use candle_core::Device;
use glassbox_model::{Backend, CpuBackend, Generator, ModelConfig, ModelDir, Weights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backend::GpuBackend;
use crate::device::{AdapterSummary, Gpu, backends, list_adapters};
use crate::error::GpuError;

/// The environment variable that overrides the backend setting.
pub const BACKEND_ENV: &str = "GLASSBOX_BACKEND";

/// Which engine the user asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum BackendPreference {
    /// The faster engine on this machine.
    #[default]
    Auto,
    Cpu,
    Gpu,
}

impl FromStr for BackendPreference {
    type Err = GpuError;

    fn from_str(value: &str) -> Result<Self, GpuError> {
        match value.trim().to_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "cpu" => Ok(Self::Cpu),
            "gpu" => Ok(Self::Gpu),
            _ => Err(GpuError::InvalidBackendSetting {
                value: value.to_owned(),
            }),
        }
    }
}

/// The engine that runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum BackendKind {
    /// candle on the CPU.
    Cpu,
    /// Our WGSL kernels through wgpu.
    Gpu,
}

/// Why that engine runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ChoiceReason {
    /// Automatic: a hardware GPU adapter is present.
    HardwareGpu,
    /// Automatic: the only adapter emulates a GPU on the CPU, where candle is faster.
    SoftwareAdapterOnly,
    /// Automatic: no GPU adapter is present.
    NoAdapter,
    /// The backend setting asks for it.
    Setting,
    /// `GLASSBOX_BACKEND` asks for it.
    Environment,
    /// The GPU engine was asked for but could not start, so the CPU runs instead.
    GpuFailed,
}

/// The engine that runs, why, and the GPU adapter the decision looked at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackendChoice {
    pub kind: BackendKind,
    pub reason: ChoiceReason,
    /// The best adapter present, if any; the one the GPU engine runs on.
    pub adapter: Option<AdapterSummary>,
}

impl BackendChoice {
    /// The CPU engine standing in for a GPU engine that could not start or load a model.
    pub fn cpu_after_gpu_failure(adapter: Option<AdapterSummary>) -> Self {
        Self {
            kind: BackendKind::Cpu,
            reason: ChoiceReason::GpuFailed,
            adapter,
        }
    }
}

impl fmt::Display for BackendChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.kind, &self.adapter) {
            (BackendKind::Gpu, Some(adapter)) => write!(f, "gpu (wgpu) on {adapter}")?,
            (BackendKind::Gpu, None) => write!(f, "gpu (wgpu)")?,
            (BackendKind::Cpu, _) => write!(f, "cpu (candle)")?,
        }
        let why = match self.reason {
            ChoiceReason::HardwareGpu => "a hardware GPU is present".to_owned(),
            ChoiceReason::SoftwareAdapterOnly => format!(
                "the only GPU adapter, {}, runs on the CPU, where candle is faster",
                self.adapter
                    .as_ref()
                    .map_or("a software one", |a| a.name.as_str())
            ),
            ChoiceReason::NoAdapter => "no GPU adapter is present".to_owned(),
            ChoiceReason::Setting => "chosen in the settings".to_owned(),
            ChoiceReason::Environment => format!("chosen by {BACKEND_ENV}"),
            ChoiceReason::GpuFailed => "the GPU engine could not start".to_owned(),
        };
        write!(f, ": {why}")
    }
}

/// Decides which engine runs: `GLASSBOX_BACKEND` if set, else `setting`, else (auto) the
/// hardware GPU if there is one. Asking for the GPU where there is no adapter at all is
/// an error; asking for it on a software adapter is honoured.
pub fn choose_backend(setting: BackendPreference) -> Result<BackendChoice, GpuError> {
    let env = std::env::var(BACKEND_ENV).ok();
    let (preference, source) = preference(env.as_deref(), setting)?;
    decide(preference, source, list_adapters().into_iter().next())
}

/// Loads the model on the chosen engine.
pub fn create_backend(
    choice: &BackendChoice,
    config: &ModelConfig,
    weights: &Weights,
) -> Result<Box<dyn Backend>, GpuError> {
    Ok(match choice.kind {
        BackendKind::Cpu => Box::new(CpuBackend::new(config, weights)?),
        BackendKind::Gpu => Box::new(GpuBackend::new(Arc::new(Gpu::new()?), config, weights)?),
    })
}

/// Loads a model directory on the chosen engine, ready to generate. The weights are read
/// onto the CPU first either way: the GPU engine uploads them from there.
pub fn load_generator(dir: &ModelDir, choice: &BackendChoice) -> Result<Generator, GpuError> {
    let config = dir.config()?;
    let weights = dir.weights(&config, &Device::Cpu)?;
    let backend = create_backend(choice, &config, &weights)?;
    Ok(Generator::new(backend, dir.tokenizer()?, dir.name())?)
}

/// The preference in force and where it came from: a set, non-empty environment variable
/// wins over the setting.
fn preference(
    env: Option<&str>,
    setting: BackendPreference,
) -> Result<(BackendPreference, ChoiceReason), GpuError> {
    match env.filter(|value| !value.trim().is_empty()) {
        Some(value) => Ok((value.parse()?, ChoiceReason::Environment)),
        None => Ok((setting, ChoiceReason::Setting)),
    }
}

fn decide(
    preference: BackendPreference,
    source: ChoiceReason,
    best_adapter: Option<AdapterSummary>,
) -> Result<BackendChoice, GpuError> {
    let (kind, reason) = match (preference, &best_adapter) {
        (BackendPreference::Cpu, _) => (BackendKind::Cpu, source),
        (BackendPreference::Gpu, Some(_)) => (BackendKind::Gpu, source),
        (BackendPreference::Gpu, None) => {
            return Err(GpuError::NoAdapter {
                backends: format!("{:?}", backends()),
            });
        }
        (BackendPreference::Auto, None) => (BackendKind::Cpu, ChoiceReason::NoAdapter),
        (BackendPreference::Auto, Some(adapter)) if adapter.is_software() => {
            (BackendKind::Cpu, ChoiceReason::SoftwareAdapterOnly)
        }
        (BackendPreference::Auto, Some(_)) => (BackendKind::Gpu, ChoiceReason::HardwareGpu),
    };
    Ok(BackendChoice {
        kind,
        reason,
        adapter: best_adapter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{AdapterKind, OptionalFeatures};

    fn adapter(name: &str, kind: AdapterKind) -> AdapterSummary {
        AdapterSummary {
            name: name.to_owned(),
            kind,
            api: "Vulkan".to_owned(),
            driver: String::new(),
            features: OptionalFeatures {
                shader_f16: false,
                subgroups: false,
                timestamp_queries: false,
            },
        }
    }

    #[test]
    fn auto_runs_the_gpu_only_on_hardware() {
        let auto = |a| decide(BackendPreference::Auto, ChoiceReason::Setting, a).unwrap();
        let discrete = auto(Some(adapter("RTX", AdapterKind::DiscreteGpu)));
        assert_eq!(
            (discrete.kind, discrete.reason),
            (BackendKind::Gpu, ChoiceReason::HardwareGpu)
        );
        let integrated = auto(Some(adapter("Iris", AdapterKind::IntegratedGpu)));
        assert_eq!(integrated.kind, BackendKind::Gpu);
        let software = auto(Some(adapter("llvmpipe (LLVM 15)", AdapterKind::Software)));
        assert_eq!(
            (software.kind, software.reason),
            (BackendKind::Cpu, ChoiceReason::SoftwareAdapterOnly)
        );
        assert_eq!(
            software.to_string(),
            "cpu (candle): the only GPU adapter, llvmpipe (LLVM 15), runs on the CPU, where \
             candle is faster"
        );
        assert_eq!(auto(None).reason, ChoiceReason::NoAdapter);
    }

    #[test]
    fn a_failed_gpu_engine_falls_back_to_the_cpu_and_says_so() {
        let fallback =
            BackendChoice::cpu_after_gpu_failure(Some(adapter("RTX", AdapterKind::DiscreteGpu)));
        assert_eq!(fallback.kind, BackendKind::Cpu);
        assert_eq!(
            fallback.to_string(),
            "cpu (candle): the GPU engine could not start"
        );
    }

    #[test]
    fn an_explicit_choice_is_honoured_and_says_where_it_came_from() {
        let software = Some(adapter("lavapipe", AdapterKind::Software));
        let forced = decide(BackendPreference::Gpu, ChoiceReason::Environment, software).unwrap();
        assert_eq!(
            (forced.kind, forced.reason),
            (BackendKind::Gpu, ChoiceReason::Environment)
        );
        assert!(
            forced.to_string().ends_with(": chosen by GLASSBOX_BACKEND"),
            "{forced}"
        );
        let hardware = Some(adapter("RTX", AdapterKind::DiscreteGpu));
        let cpu = decide(BackendPreference::Cpu, ChoiceReason::Setting, hardware).unwrap();
        assert_eq!(
            (cpu.kind, cpu.reason),
            (BackendKind::Cpu, ChoiceReason::Setting)
        );
        assert!(matches!(
            decide(BackendPreference::Gpu, ChoiceReason::Setting, None),
            Err(GpuError::NoAdapter { .. })
        ));
    }

    #[test]
    fn environment_overrides_the_setting_and_bad_values_are_refused() {
        let gpu = BackendPreference::Gpu;
        assert_eq!(
            preference(Some(" CPU "), gpu).unwrap(),
            (BackendPreference::Cpu, ChoiceReason::Environment)
        );
        assert_eq!(
            preference(Some("auto"), gpu).unwrap(),
            (BackendPreference::Auto, ChoiceReason::Environment)
        );
        assert_eq!(preference(None, gpu).unwrap(), (gpu, ChoiceReason::Setting));
        assert_eq!(
            preference(Some(""), gpu).unwrap(),
            (gpu, ChoiceReason::Setting)
        );
        let error = preference(Some("cuda"), gpu).unwrap_err();
        assert!(error.to_string().contains("\"cuda\""), "{error}");
    }

    #[test]
    fn this_machine_gets_a_choice() {
        // Whatever the machine has, auto must decide without error, and never pick the GPU
        // engine on a software adapter.
        let choice = decide(
            BackendPreference::Auto,
            ChoiceReason::Setting,
            list_adapters().into_iter().next(),
        )
        .unwrap();
        if choice
            .adapter
            .as_ref()
            .is_some_and(AdapterSummary::is_software)
        {
            assert_eq!(choice.kind, BackendKind::Cpu);
        }
    }
}
