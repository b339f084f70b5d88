//! Buffers: the per-forward batch uniform, storage buffers, and the staging buffer results
//! come back through.

use std::ops::Range;

use bytemuck::{Pod, Zeroable};
use wgpu::util::DeviceExt;

use crate::device::Gpu;
use crate::error::GpuError;

/// The uniform every kernel reads first: which rows a forward runs. WGSL: `Batch`.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct BatchValues {
    /// Token rows in this forward.
    rows: u32,
    /// Position of the first row in the sequence.
    start: u32,
    padding: [u32; 2],
}

/// The batch uniform buffer. A forward writes it once before its single submit; a batch of
/// fixed rows (the logit lens's one row per layer) is written once at creation.
#[derive(Debug)]
pub(crate) struct Batch {
    buffer: wgpu::Buffer,
    fixed_rows: Option<u32>,
}

impl Batch {
    /// A batch whose rows each forward sets with [`Batch::set`].
    pub fn per_forward(gpu: &Gpu) -> Self {
        Self {
            buffer: gpu.uniform("batch", &BatchValues::zeroed()),
            fixed_rows: None,
        }
    }

    pub fn fixed(gpu: &Gpu, rows: u32) -> Self {
        let values = BatchValues {
            rows,
            ..Zeroable::zeroed()
        };
        Self {
            buffer: gpu.uniform("fixed batch", &values),
            fixed_rows: Some(rows),
        }
    }

    /// Queues the write; it lands before the next submit's commands run.
    pub fn set(&self, gpu: &Gpu, rows: u32, start: u32) {
        let values = BatchValues {
            rows,
            start,
            padding: [0; 2],
        };
        gpu.queue
            .write_buffer(&self.buffer, 0, bytemuck::bytes_of(&values));
    }

    pub fn buffer(&self) -> &wgpu::Buffer {
        &self.buffer
    }

    pub fn fixed_rows(&self) -> Option<u32> {
        self.fixed_rows
    }
}

const STORAGE: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE
    .union(wgpu::BufferUsages::COPY_SRC)
    .union(wgpu::BufferUsages::COPY_DST);

/// wgpu refuses zero-sized bindings, so empty buffers get one element.
const MIN_BYTES: u64 = 4;

impl Gpu {
    /// A storage buffer holding `data`.
    pub(crate) fn upload<T: Pod>(&self, label: &str, data: &[T]) -> wgpu::Buffer {
        let bytes: &[u8] = bytemuck::cast_slice(data);
        if bytes.is_empty() {
            return self.storage(label, 1);
        }
        self.device
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents: bytes,
                usage: STORAGE,
            })
    }

    /// A zeroed storage buffer of `words` 4-byte elements.
    pub(crate) fn storage(&self, label: &str, words: u64) -> wgpu::Buffer {
        self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some(label),
            size: (words * 4).max(MIN_BYTES),
            usage: STORAGE,
            mapped_at_creation: false,
        })
    }

    /// A uniform buffer holding `value`, padded as WGSL's uniform layout wants.
    pub(crate) fn uniform<T: Pod>(&self, label: &str, value: &T) -> wgpu::Buffer {
        self.device
            .create_buffer_init(&wgpu::util::BufferInitDescriptor {
                label: Some(label),
                contents: bytemuck::bytes_of(value),
                usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            })
    }

    /// Blocks until every submitted command has finished.
    pub(crate) fn wait(&self) -> Result<(), GpuError> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map(drop)
            .map_err(|e| GpuError::DeviceLost {
                message: e.to_string(),
            })
    }
}

/// One region of a storage buffer to bring back to the host.
#[derive(Debug, Clone)]
pub(crate) struct Region<'a> {
    pub buffer: &'a wgpu::Buffer,
    /// Counted in 4-byte words from the start of the buffer.
    pub words: Range<u64>,
}

/// A mappable buffer that regions are copied into at the end of a forward's command
/// encoder, so one submit computes and collects everything the host needs.
#[derive(Debug)]
pub(crate) struct Readback {
    staging: wgpu::Buffer,
    capacity_words: u64,
}

impl Readback {
    pub fn new(gpu: &Gpu, capacity_words: u64) -> Self {
        // Mapping works in 8-byte units, so the capacity is rounded up to whole pairs.
        let capacity_words = capacity_words.max(2).next_multiple_of(2);
        Self {
            staging: gpu.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("readback"),
                size: capacity_words * 4,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
                mapped_at_creation: false,
            }),
            capacity_words,
        }
    }

    /// Records the copies of `regions`, back to back; returns the words they will occupy.
    pub fn record(&self, encoder: &mut wgpu::CommandEncoder, regions: &[Region<'_>]) -> u64 {
        let mut offset = 0;
        for region in regions {
            let words = region.words.end - region.words.start;
            assert!(
                offset + words <= self.capacity_words,
                "readback of {} words overflows the {} word staging buffer",
                offset + words,
                self.capacity_words
            );
            if words > 0 {
                encoder.copy_buffer_to_buffer(
                    region.buffer,
                    region.words.start * 4,
                    &self.staging,
                    offset * 4,
                    words * 4,
                );
            }
            offset += words;
        }
        offset
    }

    /// Waits for the submitted work and returns the first `words` words copied.
    pub fn read(&self, gpu: &Gpu, words: u64) -> Result<Vec<u32>, GpuError> {
        let bytes = words.max(2).next_multiple_of(2) * 4;
        let slice = self.staging.slice(0..bytes);
        let (sender, receiver) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |result| {
            // The receiver outlives the wait below, so the send cannot fail.
            let _ = sender.send(result);
        });
        gpu.wait()?;
        let readback_error = |message: String| GpuError::Readback { message };
        receiver
            .recv()
            .map_err(|e| readback_error(e.to_string()))?
            .map_err(|e| readback_error(e.to_string()))?;
        let values = {
            let view = slice
                .get_mapped_range()
                .map_err(|e| readback_error(e.to_string()))?;
            bytemuck::cast_slice::<u8, u32>(&view)[..words as usize].to_vec()
        };
        self.staging.unmap();
        Ok(values)
    }
}
