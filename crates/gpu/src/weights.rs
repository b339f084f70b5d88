//! Weights on the device. A tensor larger than one storage binding may hold (128 MiB on
//! many devices by default; the whole limit the adapter offers is requested) is split into
//! several buffers along its first axis: rows for a matrix, whole matrices for a layer's
//! stack of experts. Kernels get one dispatch per buffer, each writing its share of the
//! output, so no kernel needs to see the whole tensor at once.

use std::fmt;

use crate::device::Gpu;
use crate::error::GpuError;

/// A tensor on the device as buffers, each holding whole units (rows, or matrices).
#[derive(Debug)]
pub(crate) struct Chunked {
    pub chunks: Vec<Chunk>,
}

/// One buffer of a [`Chunked`] tensor: units `first .. first + count`.
#[derive(Debug)]
pub(crate) struct Chunk {
    pub buffer: wgpu::Buffer,
    pub first: u32,
    pub count: u32,
}

/// A tensor that was split because it exceeds the device's binding limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightSplit {
    pub name: String,
    pub bytes: u64,
    pub limit: u64,
    pub chunks: usize,
}

impl fmt::Display for WeightSplit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "weight {} is {}, over the device's {} binding limit; split into {} chunks",
            self.name,
            human_bytes(self.bytes),
            human_bytes(self.limit),
            self.chunks
        )
    }
}

pub(crate) fn human_bytes(bytes: u64) -> String {
    const KB: u64 = 1 << 10;
    const MB: u64 = 1 << 20;
    match bytes {
        b if b >= 10 * MB => format!("{} MB", b / MB),
        b if b >= MB => format!("{:.1} MB", b as f64 / MB as f64),
        b if b >= KB => format!("{:.1} KB", b as f64 / KB as f64),
        b => format!("{b} bytes"),
    }
}

/// Uploads `values`, made of units of `unit_words` f32 each, in as few buffers as
/// `limit_bytes` allows; reports the split when there is more than one.
pub(crate) fn upload_chunked(
    gpu: &Gpu,
    name: &str,
    values: &[f32],
    unit_words: usize,
    limit_bytes: u64,
) -> Result<(Chunked, Option<WeightSplit>), GpuError> {
    let unit_bytes = unit_words as u64 * 4;
    let per_chunk = (limit_bytes / unit_bytes) as usize;
    if per_chunk == 0 {
        return Err(GpuError::RowOverLimit {
            name: name.to_owned(),
            row_bytes: unit_bytes,
            limit: limit_bytes,
        });
    }
    let chunks: Vec<Chunk> = values
        .chunks(per_chunk * unit_words)
        .enumerate()
        .map(|(i, part)| Chunk {
            buffer: gpu.upload(name, part),
            first: (i * per_chunk) as u32,
            count: (part.len() / unit_words) as u32,
        })
        .collect();
    let split = (chunks.len() > 1).then(|| WeightSplit {
        name: name.to_owned(),
        bytes: values.len() as u64 * 4,
        limit: limit_bytes,
        chunks: chunks.len(),
    });
    Ok((Chunked { chunks }, split))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn weight_over_the_limit_is_split_into_whole_rows_and_says_so() {
        let gpu = testing::gpu();
        let values: Vec<f32> = (0..70).map(|v| v as f32).collect(); // (7 rows, 10)
        let (chunked, split) = upload_chunked(gpu, "w", &values, 10, 120).unwrap();
        // 120 bytes hold 3 rows of 40 bytes: rows 0..3, 3..6, 6..7.
        let shares: Vec<(u32, u32)> = chunked.chunks.iter().map(|c| (c.first, c.count)).collect();
        assert_eq!(shares, [(0, 3), (3, 3), (6, 1)]);
        let split = split.unwrap();
        assert_eq!(
            split.to_string(),
            "weight w is 280 bytes, over the device's 120 bytes binding limit; split into 3 chunks"
        );
        assert_eq!(
            testing::read_f32(gpu, &chunked.chunks[2].buffer, 10),
            values[60..]
        );
    }

    #[test]
    fn row_larger_than_the_limit_is_an_error_with_both_sizes() {
        let error = upload_chunked(testing::gpu(), "wide", &[0.0; 40], 40, 100).unwrap_err();
        assert_eq!(
            error.to_string(),
            "tensor wide has rows of 160 bytes, over the device's 100 byte storage binding \
             limit; a row cannot be split across buffers"
        );
    }

    #[test]
    fn sizes_read_in_the_unit_that_fits() {
        assert_eq!(human_bytes(301 << 20), "301 MB");
        assert_eq!(human_bytes(3 << 19), "1.5 MB");
        assert_eq!(human_bytes(2048), "2.0 KB");
        assert_eq!(human_bytes(12), "12 bytes");
    }
}
