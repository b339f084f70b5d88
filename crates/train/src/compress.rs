//! Lesson 6's compression techniques on a real model: magnitude pruning and weight
//! quantization. Both return ordinary f32 weights (pruned weights set to zero, quantized
//! weights rounded to their grid and scaled back), so the unchanged forward pass measures
//! exactly what the technique costs in quality; `storage_bytes` says what it saves on disk.
//!
//! Only matrices are touched (embedding, attention, feed-forward, output head): the norms'
//! scale vectors are a few thousand numbers and every layer leans on them.

use std::collections::BTreeMap;

use glassbox_model::candle_core::{Device, Tensor};
use glassbox_model::{ModelConfig, Weights};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::train_error::{Result, TrainError};

/// How the matrices are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Precision {
    /// 32-bit floats, as trained.
    F32,
    /// 8-bit integers, one f32 scale per matrix row (absmax, symmetric).
    Int8,
    /// 4-bit integers in groups of [`INT4_GROUP`] along a row, one f16 scale per group.
    Int4,
}

/// Values sharing one scale in 4-bit storage, as in common 4-bit formats.
pub const INT4_GROUP: usize = 32;

/// A matrix as rows of `cols` values.
struct Matrix {
    name: String,
    rows: usize,
    cols: usize,
    values: Vec<f32>,
}

/// Splits weights into the matrices compression changes and the tensors it keeps.
fn matrices(weights: &Weights) -> Result<(Vec<Matrix>, BTreeMap<String, Tensor>)> {
    let mut matrices = Vec::new();
    let mut kept = BTreeMap::new();
    for (name, var) in weights.iter() {
        let tensor = var.as_tensor();
        if let &[rows, cols] = tensor.dims() {
            matrices.push(Matrix {
                name: name.to_owned(),
                rows,
                cols,
                values: tensor.flatten_all()?.to_vec1::<f32>()?,
            });
        } else {
            kept.insert(name.to_owned(), tensor.clone());
        }
    }
    Ok((matrices, kept))
}

fn reassemble(
    config: &ModelConfig,
    matrices: Vec<Matrix>,
    mut tensors: BTreeMap<String, Tensor>,
) -> Result<Weights> {
    for matrix in matrices {
        let tensor = Tensor::from_vec(matrix.values, (matrix.rows, matrix.cols), &Device::Cpu)?;
        tensors.insert(matrix.name, tensor);
    }
    Ok(Weights::from_tensors(config, tensors)?)
}

/// A pruned copy of a model.
pub struct Pruned {
    pub weights: Weights,
    /// Matrix entries set to zero.
    pub removed: usize,
    /// Matrix entries in all.
    pub matrix_parameters: usize,
}

/// Sets the `fraction` (0-1) of matrix weights with the smallest magnitude, over the whole
/// model at once, to zero: exactly `round(fraction × entries)` of them.
pub fn prune(config: &ModelConfig, weights: &Weights, fraction: f64) -> Result<Pruned> {
    if !(0.0..=1.0).contains(&fraction) {
        return Err(TrainError::OutOfRange {
            setting: "the pruned fraction",
            value: fraction,
            min: 0.0,
            max: 1.0,
        });
    }
    let (mut matrices, kept) = matrices(weights)?;
    let total: usize = matrices.iter().map(|m| m.values.len()).sum();
    let remove = (fraction * total as f64).round() as usize;
    if remove > 0 {
        let mut magnitudes: Vec<f32> = matrices
            .iter()
            .flat_map(|m| m.values.iter().map(|v| v.abs()))
            .collect();
        let (_, &mut threshold, _) = magnitudes.select_nth_unstable_by(remove - 1, f32::total_cmp);
        // Everything below the threshold goes, then ties at it until the count is exact.
        let below = magnitudes.iter().filter(|&&m| m < threshold).count();
        let mut ties = remove - below;
        for value in matrices.iter_mut().flat_map(|m| m.values.iter_mut()) {
            let magnitude = value.abs();
            if magnitude < threshold {
                *value = 0.0;
            } else if magnitude == threshold && ties > 0 {
                *value = 0.0;
                ties -= 1;
            }
        }
    }
    Ok(Pruned {
        weights: reassemble(config, matrices, kept)?,
        removed: remove,
        matrix_parameters: total,
    })
}

/// Symmetric absmax rounding of `values` to integers in `-levels..=levels`, scaled back.
fn round_to_grid(values: &mut [f32], levels: f32, scale_of: impl Fn(f32) -> f32) {
    let max = values.iter().fold(0f32, |m, v| m.max(v.abs()));
    if max == 0.0 {
        return;
    }
    let scale = scale_of(max / levels);
    if scale == 0.0 {
        values.fill(0.0);
        return;
    }
    for value in values {
        *value = (*value / scale).round().clamp(-levels, levels) * scale;
    }
}

/// A copy of the model whose matrices hold only values `precision` can represent.
pub fn quantize(config: &ModelConfig, weights: &Weights, precision: Precision) -> Result<Weights> {
    if precision == Precision::F32 {
        return Ok(weights.clone());
    }
    let (mut matrices, kept) = matrices(weights)?;
    for matrix in &mut matrices {
        for row in matrix.values.chunks_mut(matrix.cols) {
            match precision {
                Precision::F32 => {}
                Precision::Int8 => round_to_grid(row, 127.0, |scale| scale),
                Precision::Int4 => {
                    for group in row.chunks_mut(INT4_GROUP) {
                        // The scale itself is stored as f16.
                        round_to_grid(group, 7.0, |scale| half::f16::from_f32(scale).to_f32());
                    }
                }
            }
        }
    }
    reassemble(config, matrices, kept)
}

/// Bytes the weights take at `precision`: matrices packed with their scales, everything
/// else as f32. Headers and names are left out.
pub fn storage_bytes(weights: &Weights, precision: Precision) -> u64 {
    weights
        .iter()
        .map(|(_, var)| match (var.as_tensor().dims(), precision) {
            (&[rows, cols], Precision::Int8) => (rows * cols + rows * 4) as u64,
            (&[rows, cols], Precision::Int4) => {
                (rows * (cols.div_ceil(2) + cols.div_ceil(INT4_GROUP) * 2)) as u64
            }
            (dims, _) => dims.iter().product::<usize>() as u64 * 4,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training_testing::values;

    const VOCAB: usize = 100;

    fn model() -> (ModelConfig, Weights) {
        let config = ModelConfig::tiny_for_tests(VOCAB);
        let weights = Weights::random(&config, 7, &Device::Cpu).unwrap();
        (config, weights)
    }

    /// (rows, cols) of every matrix of `tiny_for_tests(100)`, written out by hand:
    /// embedding, two layers of q, k, v, o, gate, up, down, and the output head.
    fn matrix_shapes() -> Vec<(usize, usize)> {
        let layer = [
            (32, 32),
            (16, 32),
            (16, 32),
            (32, 32),
            (64, 32),
            (64, 32),
            (32, 64),
        ];
        let mut shapes = vec![(VOCAB, 32)];
        shapes.extend(layer.iter().chain(&layer));
        shapes.push((VOCAB, 32));
        shapes
    }
    /// Two norms per layer and the final one, 32 values each.
    const VECTOR_PARAMETERS: usize = 5 * 32;

    fn matrix_values(weights: &Weights) -> Vec<f32> {
        matrices(weights)
            .unwrap()
            .0
            .into_iter()
            .flat_map(|m| m.values)
            .collect()
    }

    #[test]
    fn storage_sizes_are_exact() {
        let (_, weights) = model();
        let shapes = matrix_shapes();
        let entries: usize = shapes.iter().map(|(r, c)| r * c).sum();
        let f32_bytes = 4 * (entries + VECTOR_PARAMETERS) as u64;
        assert_eq!(storage_bytes(&weights, Precision::F32), f32_bytes);
        let int8: usize = shapes.iter().map(|(r, c)| r * c + 4 * r).sum();
        assert_eq!(
            storage_bytes(&weights, Precision::Int8),
            (int8 + 4 * VECTOR_PARAMETERS) as u64
        );
        // 32 or 64 columns: half a byte per value plus one 2-byte scale per 32 values.
        let int4: usize = shapes.iter().map(|(r, c)| r * (c / 2 + 2 * (c / 32))).sum();
        assert_eq!(
            storage_bytes(&weights, Precision::Int4),
            (int4 + 4 * VECTOR_PARAMETERS) as u64
        );
    }

    #[test]
    fn pruning_zeroes_exactly_the_smallest_fraction() {
        let (config, weights) = model();
        let before = matrix_values(&weights);
        let pruned = prune(&config, &weights, 0.4).unwrap();
        let after = matrix_values(&pruned.weights);
        assert_eq!(pruned.matrix_parameters, before.len());
        let expected = (0.4 * before.len() as f64).round() as usize;
        assert_eq!(pruned.removed, expected);
        let zeroed: Vec<usize> = (0..before.len()).filter(|&i| after[i] == 0.0).collect();
        assert_eq!(zeroed.len(), expected);
        // Every removed weight is no larger than every kept one; kept ones are unchanged.
        let largest_removed = zeroed.iter().map(|&i| before[i].abs()).fold(0f32, f32::max);
        for i in 0..before.len() {
            if after[i] != 0.0 {
                assert_eq!(after[i], before[i]);
                assert!(before[i].abs() >= largest_removed);
            }
        }
    }

    #[test]
    fn pruning_nothing_or_everything_and_norms_stay() {
        let (config, weights) = model();
        assert_eq!(
            values(&prune(&config, &weights, 0.0).unwrap().weights),
            values(&weights)
        );
        let all = prune(&config, &weights, 1.0).unwrap().weights;
        assert!(matrix_values(&all).iter().all(|&v| v == 0.0));
        let norm = "model.norm.weight";
        assert_eq!(
            all.tensor(norm).unwrap().to_vec1::<f32>().unwrap(),
            weights.tensor(norm).unwrap().to_vec1::<f32>().unwrap()
        );
        for bad in [-0.1, 1.5, f64::NAN] {
            assert!(prune(&config, &weights, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn quantized_rows_sit_on_their_grid() {
        let (config, weights) = model();
        let original = matrices(&weights).unwrap().0;
        for (precision, levels, group) in [
            (Precision::Int8, 127.0, usize::MAX),
            (Precision::Int4, 7.0, INT4_GROUP),
        ] {
            let quantized = matrices(&quantize(&config, &weights, precision).unwrap())
                .unwrap()
                .0;
            for (before, after) in original.iter().zip(&quantized) {
                for (row_before, row_after) in before
                    .values
                    .chunks(before.cols)
                    .zip(after.values.chunks(after.cols))
                {
                    for (b, a) in row_before
                        .chunks(group.min(before.cols))
                        .zip(row_after.chunks(group.min(before.cols)))
                    {
                        let max = b.iter().fold(0f32, |m, v| m.max(v.abs()));
                        let scale = max / levels;
                        let mut distinct: Vec<i32> =
                            a.iter().map(|v| (v / scale).round() as i32).collect();
                        distinct.sort_unstable();
                        distinct.dedup();
                        assert!(distinct.len() <= 2 * levels as usize + 1);
                        for (x, y) in b.iter().zip(a) {
                            // Half a step, plus the f16 rounding of 4-bit scales.
                            assert!((x - y).abs() <= scale * 0.51 + max * 1e-3, "{x} → {y}");
                        }
                    }
                }
            }
        }
        assert_eq!(
            values(&quantize(&config, &weights, Precision::F32).unwrap()),
            values(&weights)
        );
    }
}
