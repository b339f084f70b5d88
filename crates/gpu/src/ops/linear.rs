//! Linear layers, `y = x · Wᵀ` with W stored [out, in] as PyTorch's nn.Linear holds it:
//! the matrix-vector kernel for decoding (`shaders/matvec.wgsl`), the tiled matrix product
//! for the prompt (`shaders/matmul.wgsl`), and the experts of a MoE layer, which are
//! matrix-vector products whose matrix each row chooses.

use bytemuck::{Pod, Zeroable};

use crate::buffers::Batch;
use crate::device::Gpu;
use crate::kernel::{Dispatch, Workgroups};
use crate::weights::Chunked;

/// Where a linear layer writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output<'a> {
    pub buffer: &'a wgpu::Buffer,
    /// Row stride of the output: the layer's full out_features.
    pub width: u32,
    /// Add to what is there (a residual connection) instead of overwriting it.
    pub accumulate: bool,
    /// The output is a KV cache indexed by position: row r lands at start + r.
    pub at_position: bool,
}

impl<'a> Output<'a> {
    pub fn new(buffer: &'a wgpu::Buffer, width: u32) -> Self {
        Self {
            buffer,
            width,
            accumulate: false,
            at_position: false,
        }
    }

    pub fn accumulating(self) -> Self {
        Self {
            accumulate: true,
            ..self
        }
    }

    pub fn at_position(self) -> Self {
        Self {
            at_position: true,
            ..self
        }
    }
}

/// WGSL: `Params` in matvec.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct MatvecParams {
    in_width: u32,
    out_rows: u32,
    out_width: u32,
    out_offset: u32,
    rows_per_token: u32,
    x_row_divisor: u32,
    accumulate: u32,
    rows_at_position: u32,
    experts: u32,
    first_expert: u32,
    padding: [u32; 2],
}

/// WGSL: `Params` in matmul.wgsl.
#[repr(C)]
#[derive(Debug, Clone, Copy, Pod, Zeroable)]
struct MatmulParams {
    in_width: u32,
    out_rows: u32,
    out_width: u32,
    out_offset: u32,
    accumulate: u32,
    rows_at_position: u32,
    padding: [u32; 2],
}

/// Which form of a linear layer to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// One workgroup per output: best for a single token.
    Matvec,
    /// 64 × 64 tiles: best for a prompt's many rows.
    Matmul,
}

/// `y (+)= x · Wᵀ` for x (rows, in_width) and W (out, in_width) split by rows; one
/// dispatch per buffer of W.
pub(crate) fn linear(
    gpu: &Gpu,
    batch: &Batch,
    form: Form,
    w: &Chunked,
    in_width: u32,
    x: &wgpu::Buffer,
    y: Output<'_>,
) -> Vec<Dispatch> {
    w.chunks
        .iter()
        .map(|chunk| match form {
            Form::Matvec => {
                let params = MatvecParams {
                    in_width,
                    out_rows: chunk.count,
                    out_width: y.width,
                    out_offset: chunk.first,
                    rows_per_token: 1,
                    x_row_divisor: 1,
                    accumulate: y.accumulate as u32,
                    rows_at_position: y.at_position as u32,
                    experts: 0,
                    first_expert: 0,
                    padding: [0; 2],
                };
                matvec(gpu, batch, params, &chunk.buffer, x, y.buffer, None)
            }
            Form::Matmul => {
                let params = gpu.uniform(
                    "matmul params",
                    &MatmulParams {
                        in_width,
                        out_rows: chunk.count,
                        out_width: y.width,
                        out_offset: chunk.first,
                        accumulate: y.accumulate as u32,
                        rows_at_position: y.at_position as u32,
                        padding: [0; 2],
                    },
                );
                gpu.kernels.matmul.bind(
                    gpu,
                    batch,
                    &[&params, &chunk.buffer, x, y.buffer],
                    Workgroups::Tiles {
                        columns: chunk.count,
                    },
                )
            }
        })
        .collect()
}

/// How the rows of an expert product map onto tokens.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ExpertInput {
    /// x has one row per token, shared by its top_k experts (the gate and up projections).
    PerToken,
    /// x has one row per (token, slot) (the down projection).
    PerSlot,
}

/// Runs each token through its chosen experts: output row t · top_k + s is
/// W[chosen[t · top_k + s]] · x row; `experts` is a (n_experts, out, in_width) stack split
/// by whole experts, one dispatch per buffer.
#[allow(clippy::too_many_arguments)]
pub(crate) fn experts(
    gpu: &Gpu,
    batch: &Batch,
    experts: &Chunked,
    out_rows: u32,
    in_width: u32,
    top_k: u32,
    chosen: &wgpu::Buffer,
    x: &wgpu::Buffer,
    input: ExpertInput,
    y: &wgpu::Buffer,
) -> Vec<Dispatch> {
    experts
        .chunks
        .iter()
        .map(|chunk| {
            let params = MatvecParams {
                in_width,
                out_rows,
                out_width: out_rows,
                out_offset: 0,
                rows_per_token: top_k,
                x_row_divisor: match input {
                    ExpertInput::PerToken => top_k,
                    ExpertInput::PerSlot => 1,
                },
                accumulate: 0,
                rows_at_position: 0,
                experts: chunk.count,
                first_expert: chunk.first,
                padding: [0; 2],
            };
            matvec(gpu, batch, params, &chunk.buffer, x, y, Some(chosen))
        })
        .collect()
}

/// Outputs one matvec workgroup computes (`OUTPUTS` in matvec.wgsl).
const MATVEC_OUTPUTS: u32 = 8;

fn matvec(
    gpu: &Gpu,
    batch: &Batch,
    params: MatvecParams,
    w: &wgpu::Buffer,
    x: &wgpu::Buffer,
    y: &wgpu::Buffer,
    chosen: Option<&wgpu::Buffer>,
) -> Dispatch {
    let uniform = gpu.uniform("matvec params", &params);
    // A plain product never reads `chosen`, but every binding needs a buffer.
    let unused;
    let chosen = match chosen {
        Some(chosen) => chosen,
        None => {
            unused = gpu.storage("no experts", 1);
            &unused
        }
    };
    gpu.kernels.matvec.bind(
        gpu,
        batch,
        &[&uniform, w, x, y, chosen],
        Workgroups::PerRow(params.out_rows.div_ceil(MATVEC_OUTPUTS) * params.rows_per_token),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{self, TestRng};
    use crate::weights::upload_chunked;

    /// x (rows, in) · Wᵀ for W (out, in).
    fn reference(x: &[f32], w: &[f32], in_width: usize) -> Vec<f32> {
        x.chunks(in_width)
            .flat_map(|row| {
                w.chunks(in_width)
                    .map(move |w_row| row.iter().zip(w_row).map(|(a, b)| a * b).sum::<f32>())
            })
            .collect()
    }

    /// Runs one linear layer of shape (out, in) on `rows` rows, with W split into buffers
    /// of at most `rows_per_buffer` rows.
    fn check_linear(form: Form, rows: usize, out: usize, in_width: usize, rows_per_buffer: usize) {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let x = rng.values(rows * in_width);
        let w = rng.values(out * in_width);
        let limit = (rows_per_buffer * in_width * 4) as u64;
        let (chunked, _) = upload_chunked(gpu, "w", &w, in_width, limit).unwrap();
        let x_buffer = gpu.upload("x", &x);
        let y = testing::poisoned(gpu, rows * out);
        let batch = Batch::per_forward(gpu);
        let output = Output::new(&y, out as u32);
        let dispatches = linear(
            gpu,
            &batch,
            form,
            &chunked,
            in_width as u32,
            &x_buffer,
            output,
        );
        testing::run(gpu, &batch, &dispatches, rows as u32, 0);
        let actual = testing::read_f32(gpu, &y, rows * out);
        testing::assert_close(
            &actual,
            &reference(&x, &w, in_width),
            1e-5,
            &format!("{form:?} y"),
        );
    }

    #[test]
    fn matvec_matches_a_loop_for_widths_off_the_workgroup_size() {
        check_linear(Form::Matvec, 1, 37, 131, 37);
    }

    #[test]
    fn matvec_over_a_weight_split_into_three_buffers_matches_a_loop() {
        check_linear(Form::Matvec, 2, 37, 70, 16);
    }

    #[test]
    fn matmul_matches_a_loop_across_partial_tiles() {
        // 70 rows and 75 outputs: a full and a partial 64-tile each way; depth 37 ends in a
        // partial 16-slice.
        check_linear(Form::Matmul, 70, 75, 37, 75);
    }

    #[test]
    fn matmul_over_a_weight_split_into_buffers_matches_a_loop() {
        check_linear(Form::Matmul, 5, 50, 20, 24);
    }

    #[test]
    fn accumulating_into_a_cache_adds_at_the_batch_positions() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (positions, out, in_width, start, rows) = (6, 9, 12, 3, 2);
        let x = rng.values(rows * in_width);
        let w = rng.values(out * in_width);
        let before = rng.values(positions * out);
        let (chunked, _) = upload_chunked(gpu, "w", &w, in_width, u64::MAX).unwrap();
        let x_buffer = gpu.upload("x", &x);
        let batch = Batch::per_forward(gpu);
        let product = reference(&x, &w, in_width);
        let mut expected = before.clone();
        for (e, p) in expected[start * out..(start + rows) * out]
            .iter_mut()
            .zip(&product)
        {
            *e += p;
        }
        for form in [Form::Matvec, Form::Matmul] {
            let y = gpu.upload("cache", &before);
            let output = Output::new(&y, out as u32).accumulating().at_position();
            let dispatches = linear(
                gpu,
                &batch,
                form,
                &chunked,
                in_width as u32,
                &x_buffer,
                output,
            );
            testing::run(gpu, &batch, &dispatches, rows as u32, start as u32);
            let actual = testing::read_f32(gpu, &y, positions * out);
            testing::assert_close(&actual, &expected, 1e-5, &format!("{form:?} cache"));
        }
    }

    #[test]
    fn expert_rows_use_the_matrix_their_token_chose() {
        let gpu = testing::gpu();
        let mut rng = TestRng::new();
        let (n_experts, out, in_width, tokens, top_k) = (5, 13, 67, 3, 2);
        let stack = rng.values(n_experts * out * in_width);
        let chosen: Vec<u32> = (0..tokens * top_k)
            .map(|_| rng.below(n_experts as u32))
            .collect();
        // Two experts per buffer: three buffers, so every row is skipped by two of them.
        let limit = (2 * out * in_width * 4) as u64;
        let (chunked, _) = upload_chunked(gpu, "experts", &stack, out * in_width, limit).unwrap();
        let batch = Batch::per_forward(gpu);
        let chosen_buffer = gpu.upload("chosen", &chosen);
        let matrix = |e: u32| &stack[e as usize * out * in_width..][..out * in_width];

        for input in [ExpertInput::PerToken, ExpertInput::PerSlot] {
            let x_rows = match input {
                ExpertInput::PerToken => tokens,
                ExpertInput::PerSlot => tokens * top_k,
            };
            let x = rng.values(x_rows * in_width);
            let x_buffer = gpu.upload("x", &x);
            let y = testing::poisoned(gpu, tokens * top_k * out);
            let dispatches = experts(
                gpu,
                &batch,
                &chunked,
                out as u32,
                in_width as u32,
                top_k as u32,
                &chosen_buffer,
                &x_buffer,
                input,
                &y,
            );
            testing::run(gpu, &batch, &dispatches, tokens as u32, 0);
            let expected: Vec<f32> = (0..tokens * top_k)
                .flat_map(|row| {
                    let x_row = match input {
                        ExpertInput::PerToken => row / top_k,
                        ExpertInput::PerSlot => row,
                    };
                    reference(
                        &x[x_row * in_width..][..in_width],
                        matrix(chosen[row]),
                        in_width,
                    )
                })
                .collect();
            let actual = testing::read_f32(gpu, &y, tokens * top_k * out);
            testing::assert_close(&actual, &expected, 1e-5, &format!("{input:?} y"));
        }
    }
}
