//! Opening a GPU without a window: the adapter (which GPU, and through which API) and the
//! device and queue every kernel runs on.
//!
//! The adapter is chosen as wgpu's high-performance preference would choose it (discrete
//! before integrated before virtual before software), restricted by the `WGPU_BACKEND`
//! (e.g. `vulkan`, `metal`, `dx12`, `gl`) and `WGPU_ADAPTER_NAME` (a case-insensitive part
//! of the adapter's name) environment variables.

use serde::Serialize;
use ts_rs::TS;

use crate::error::GpuError;
use crate::kernel::Kernels;

/// What kind of processor an adapter is; `Software` ones (llvmpipe, lavapipe, WARP) run
/// the shaders on the CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum AdapterKind {
    DiscreteGpu,
    IntegratedGpu,
    VirtualGpu,
    Other,
    Software,
}

impl From<wgpu::DeviceType> for AdapterKind {
    fn from(device_type: wgpu::DeviceType) -> Self {
        match device_type {
            wgpu::DeviceType::DiscreteGpu => Self::DiscreteGpu,
            wgpu::DeviceType::IntegratedGpu => Self::IntegratedGpu,
            wgpu::DeviceType::VirtualGpu => Self::VirtualGpu,
            wgpu::DeviceType::Other => Self::Other,
            wgpu::DeviceType::Cpu => Self::Software,
        }
    }
}

/// Optional GPU capabilities. None is required: the kernels use plain f32 WGSL so one code
/// path runs (and is tested) everywhere; these say what a faster variant could use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OptionalFeatures {
    /// Half-precision arithmetic in shaders.
    pub shader_f16: bool,
    /// Subgroup (warp/wave) operations.
    pub subgroups: bool,
    /// GPU-side timestamps for profiling.
    pub timestamp_queries: bool,
}

impl OptionalFeatures {
    fn of(features: wgpu::Features) -> Self {
        Self {
            shader_f16: features.contains(wgpu::Features::SHADER_F16),
            subgroups: features.contains(wgpu::Features::SUBGROUP),
            timestamp_queries: features.contains(wgpu::Features::TIMESTAMP_QUERY),
        }
    }
}

/// An adapter as the app and the CLI describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AdapterSummary {
    /// As the driver names it, e.g. "NVIDIA GeForce RTX 4070" or "llvmpipe (LLVM 15.0.7, 256 bits)".
    pub name: String,
    pub kind: AdapterKind,
    /// The graphics API wgpu drives it through: Vulkan, Metal, Dx12 or Gl.
    pub api: String,
    pub driver: String,
    pub features: OptionalFeatures,
}

impl AdapterSummary {
    fn of(adapter: &wgpu::Adapter) -> Self {
        let info = adapter.get_info();
        Self {
            name: info.name,
            kind: info.device_type.into(),
            api: format!("{:?}", info.backend),
            driver: [info.driver, info.driver_info]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            features: OptionalFeatures::of(adapter.features()),
        }
    }

    /// Whether the shaders would run on the CPU (llvmpipe, lavapipe, WARP).
    pub fn is_software(&self) -> bool {
        self.kind == AdapterKind::Software
    }
}

impl std::fmt::Display for AdapterSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            AdapterKind::DiscreteGpu => "discrete GPU",
            AdapterKind::IntegratedGpu => "integrated GPU",
            AdapterKind::VirtualGpu => "virtual GPU",
            AdapterKind::Other => "GPU",
            AdapterKind::Software => "software rasteriser on the CPU",
        };
        write!(f, "{} ({kind}, {})", self.name, self.api)
    }
}

/// An open GPU: device, queue, what it can do, and the compiled kernels.
pub struct Gpu {
    pub(crate) device: wgpu::Device,
    pub(crate) queue: wgpu::Queue,
    pub(crate) kernels: Kernels,
    adapter: AdapterSummary,
    limits: wgpu::Limits,
}

impl std::fmt::Debug for Gpu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gpu")
            .field("adapter", &self.adapter)
            .finish_non_exhaustive()
    }
}

/// The backends `WGPU_BACKEND` names, or by default those with compute shaders worth using
/// (Vulkan, Metal, DX12); OpenGL only when asked for.
pub(crate) fn backends() -> wgpu::Backends {
    wgpu::Backends::PRIMARY.with_env()
}

fn instance() -> wgpu::Instance {
    let mut descriptor = wgpu::InstanceDescriptor::new_without_display_handle();
    descriptor.backends = backends();
    wgpu::Instance::new(descriptor)
}

/// Every adapter the allowed backends offer, best first.
pub fn list_adapters() -> Vec<AdapterSummary> {
    ranked_adapters(&instance())
        .iter()
        .map(AdapterSummary::of)
        .collect()
}

fn ranked_adapters(instance: &wgpu::Instance) -> Vec<wgpu::Adapter> {
    let mut adapters = pollster::block_on(instance.enumerate_adapters(backends()));
    // Stable, so among equals the platform's own order (usually the primary GPU first) wins.
    adapters.sort_by_key(|adapter| AdapterKind::from(adapter.get_info().device_type));
    adapters
}

/// The adapter `WGPU_ADAPTER_NAME` names, or the best one.
fn pick_adapter(instance: &wgpu::Instance) -> Result<wgpu::Adapter, GpuError> {
    let adapters = ranked_adapters(instance);
    let wanted = std::env::var("WGPU_ADAPTER_NAME")
        .ok()
        .filter(|name| !name.trim().is_empty());
    match wanted {
        Some(wanted) => {
            let needle = wanted.to_lowercase();
            let names: Vec<String> = adapters.iter().map(|a| a.get_info().name).collect();
            adapters
                .into_iter()
                .find(|a| a.get_info().name.to_lowercase().contains(&needle))
                .ok_or_else(|| GpuError::NamedAdapterMissing {
                    wanted,
                    available: if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    },
                })
        }
        None => adapters
            .into_iter()
            .next()
            .ok_or_else(|| GpuError::NoAdapter {
                backends: format!("{:?}", backends()),
            }),
    }
}

impl Gpu {
    /// Opens the chosen adapter with the largest limits it supports, so large weights need
    /// as few buffer splits as the hardware allows, and compiles every kernel.
    pub fn new() -> Result<Self, GpuError> {
        let instance = instance();
        let adapter = pick_adapter(&instance)?;
        let summary = AdapterSummary::of(&adapter);
        let limits = adapter.limits();
        let (device, queue) = pollster::block_on(adapter.request_device(&wgpu::DeviceDescriptor {
            label: Some("glassbox"),
            required_limits: limits.clone(),
            ..Default::default()
        }))
        .map_err(|e| GpuError::RequestDevice {
            adapter: summary.name.clone(),
            message: e.to_string(),
        })?;
        let kernels = Kernels::new(&device);
        Ok(Self {
            device,
            queue,
            kernels,
            adapter: summary,
            limits,
        })
    }

    pub fn adapter(&self) -> &AdapterSummary {
        &self.adapter
    }

    /// The largest buffer one binding can see: bigger weights are split (see
    /// [`crate::weights`]).
    pub fn max_binding_bytes(&self) -> u64 {
        self.limits
            .max_storage_buffer_binding_size
            .min(self.limits.max_buffer_size)
    }

    pub(crate) fn max_workgroups_per_dimension(&self) -> u32 {
        self.limits.max_compute_workgroups_per_dimension
    }
}
