//! Compute pipelines, created once per device, and dispatches: a kernel bound to its
//! buffers, created once per model, recorded into every forward's command encoder.

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::shaders::{self, Shader};

/// How a kernel uses one binding, in binding order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Access {
    Uniform,
    Read,
    ReadWrite,
}

/// A compiled entry point and the layout of its bindings.
#[derive(Debug)]
pub(crate) struct Kernel {
    name: &'static str,
    pipeline: wgpu::ComputePipeline,
    layout: wgpu::BindGroupLayout,
}

impl Kernel {
    fn new(device: &wgpu::Device, shader: Shader, entry: &str, bindings: &[Access]) -> Self {
        let entries: Vec<wgpu::BindGroupLayoutEntry> = bindings
            .iter()
            .enumerate()
            .map(|(binding, access)| wgpu::BindGroupLayoutEntry {
                binding: binding as u32,
                visibility: wgpu::ShaderStages::COMPUTE,
                ty: wgpu::BindingType::Buffer {
                    ty: match access {
                        Access::Uniform => wgpu::BufferBindingType::Uniform,
                        Access::Read => wgpu::BufferBindingType::Storage { read_only: true },
                        Access::ReadWrite => wgpu::BufferBindingType::Storage { read_only: false },
                    },
                    has_dynamic_offset: false,
                    min_binding_size: None,
                },
                count: None,
            })
            .collect();
        let layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some(shader.name),
            entries: &entries,
        });
        let pipeline_layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some(shader.name),
            bind_group_layouts: &[Some(&layout)],
            immediate_size: 0,
        });
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some(shader.name),
            source: wgpu::ShaderSource::Wgsl(shader.source.into()),
        });
        let pipeline = device.create_compute_pipeline(&wgpu::ComputePipelineDescriptor {
            label: Some(shader.name),
            layout: Some(&pipeline_layout),
            module: &module,
            entry_point: Some(entry),
            compilation_options: Default::default(),
            cache: None,
        });
        Self {
            name: shader.name,
            pipeline,
            layout,
        }
    }

    /// Binds `buffers` (uniform batch first, in binding order) for dispatches of
    /// `workgroups`.
    pub fn bind(
        &self,
        gpu: &Gpu,
        batch: &Batch,
        buffers: &[&wgpu::Buffer],
        workgroups: Workgroups,
    ) -> Dispatch {
        let entries: Vec<wgpu::BindGroupEntry> = std::iter::once(batch.buffer())
            .chain(buffers.iter().copied())
            .enumerate()
            .map(|(binding, buffer)| wgpu::BindGroupEntry {
                binding: binding as u32,
                resource: buffer.as_entire_binding(),
            })
            .collect();
        let bind_group = gpu.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some(self.name),
            layout: &self.layout,
            entries: &entries,
        });
        Dispatch {
            pipeline: self.pipeline.clone(),
            bind_group,
            workgroups,
            fixed_rows: batch.fixed_rows(),
            max_per_dimension: gpu.max_workgroups_per_dimension(),
        }
    }
}

/// Every kernel, compiled once when the device opens.
#[derive(Debug)]
pub(crate) struct Kernels {
    pub embedding: Kernel,
    pub rms_norm: Kernel,
    pub rope: Kernel,
    pub matvec: Kernel,
    pub matmul: Kernel,
    pub attention: Kernel,
    pub swiglu: Kernel,
    pub route: Kernel,
    pub mix: Kernel,
    pub logits: Kernel,
}

impl Kernels {
    pub fn new(device: &wgpu::Device) -> Self {
        use Access::{Read as R, ReadWrite as W, Uniform as U};
        Self {
            embedding: Kernel::new(device, shaders::EMBEDDING, "main", &[U, U, R, R, W]),
            rms_norm: Kernel::new(device, shaders::RMS_NORM, "main", &[U, U, R, R, W]),
            rope: Kernel::new(device, shaders::ROPE, "main", &[U, U, R, R, W]),
            matvec: Kernel::new(device, shaders::MATVEC, "main", &[U, U, R, R, W, R]),
            matmul: Kernel::new(device, shaders::MATMUL, "main", &[U, U, R, R, W]),
            attention: Kernel::new(device, shaders::ATTENTION, "main", &[U, U, R, R, R, W, W]),
            swiglu: Kernel::new(device, shaders::SWIGLU, "main", &[U, U, R, R, W]),
            route: Kernel::new(device, shaders::MOE, "route", &[U, U, R, W, W, W]),
            mix: Kernel::new(device, shaders::MOE, "mix", &[U, U, R, R, W]),
            logits: Kernel::new(device, shaders::LOGITS, "main", &[U, U, R, W, W, W]),
        }
    }
}

/// How many workgroups a dispatch needs for a given number of batch rows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Workgroups {
    /// This many workgroups for every row.
    PerRow(u32),
    /// One 64-thread workgroup per 64 elements, with this many elements per row.
    Elements { per_row: u32 },
    /// Exactly this many, whatever the rows.
    Fixed(u32),
    /// One workgroup per 64 × 64 tile of a (rows, columns) output.
    Tiles { columns: u32 },
}

/// Threads per workgroup of the element-wise kernels, and the matmul tile edge.
const WORKGROUP: u32 = 64;

impl Workgroups {
    fn count(self, rows: u32) -> u32 {
        match self {
            Self::PerRow(n) => n * rows,
            Self::Elements { per_row } => (per_row * rows).div_ceil(WORKGROUP),
            Self::Fixed(n) => n,
            Self::Tiles { columns } => columns.div_ceil(WORKGROUP) * rows.div_ceil(WORKGROUP),
        }
    }
}

/// A kernel bound to its buffers, ready to record.
#[derive(Debug)]
pub(crate) struct Dispatch {
    pipeline: wgpu::ComputePipeline,
    bind_group: wgpu::BindGroup,
    workgroups: Workgroups,
    fixed_rows: Option<u32>,
    max_per_dimension: u32,
}

impl Dispatch {
    /// Records the dispatch for a forward over `rows` token rows (ignored when the dispatch
    /// was bound to a batch of fixed rows).
    pub fn record(&self, pass: &mut wgpu::ComputePass<'_>, rows: u32) {
        let count = self.workgroups.count(self.fixed_rows.unwrap_or(rows));
        if count == 0 {
            return;
        }
        // Kernels read their workgroup index as x + y · num_workgroups.x, so a count above
        // the per-dimension limit spills into y; the few extra workgroups return at once.
        let y = count.div_ceil(self.max_per_dimension);
        let x = count.div_ceil(y);
        pass.set_pipeline(&self.pipeline);
        pass.set_bind_group(0, &self.bind_group, &[]);
        pass.dispatch_workgroups(x, y, 1);
    }
}
