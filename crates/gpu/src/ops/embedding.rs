//! Token embedding gather (`shaders/embedding.wgsl`).

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};
use crate::weights::Chunked;

/// WGSL: `Params` in embedding.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct Params {
    width: u32,
    first_token: u32,
    tokens: u32,
    padding: u32,
}

/// `x[r] = table[ids[r]]` for every row of the batch; one dispatch per table buffer.
/// ids (rows) u32, table (vocab, width) split by rows, x (rows, width).
pub(crate) fn gather(
    gpu: &Gpu,
    batch: &Batch,
    ids: &wgpu::Buffer,
    table: &Chunked,
    x: &wgpu::Buffer,
    width: u32,
) -> Vec<Dispatch> {
    table
        .chunks
        .iter()
        .map(|chunk| {
            let params = gpu.uniform(
                "embedding params",
                &Params {
                    width,
                    first_token: chunk.first,
                    tokens: chunk.count,
                    padding: 0,
                },
            );
            gpu.kernels.embedding.bind(
                gpu,
                batch,
                &[&params, ids, &chunk.buffer, x],
                Workgroups::Elements { per_row: width },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};
    use crate::weights::upload_chunked;

    #[test]
    fn gather_copies_each_tokens_row_from_a_split_table() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (vocab, width, rows) = (37, 70, 5);
        let table = rng.values(vocab * width);
        let ids: Vec<u32> = (0..rows).map(|_| rng.below(vocab as u32)).collect();
        // 16 rows per buffer: three buffers, the last one partly filled.
        let (chunked, _) =
            upload_chunked(gpu, "table", &table, width, 16 * width as u64 * 4).unwrap();
        assert_eq!(chunked.chunks.len(), 3);
        let ids_buffer = gpu.upload("ids", &ids);
        let x = testing::poisoned(gpu, rows * width);
        let batch = Batch::per_forward(gpu);
        let dispatches = gather(gpu, &batch, &ids_buffer, &chunked, &x, width as u32);
        testing::run(gpu, &batch, &dispatches, rows as u32, 0);

        let expected: Vec<f32> = ids
            .iter()
            .flat_map(|&id| table[id as usize * width..][..width].iter().copied())
            .collect();
        assert_eq!(testing::read_f32(gpu, &x, rows * width), expected);
    }
}
