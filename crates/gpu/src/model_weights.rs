//! A model's parameters on the device, uploaded once at load from the same [`Weights`]
//! (Hugging Face names, safetensors) the candle reference runs.

use glassbox_model::candle_core::Tensor;
use glassbox_model::{ModelConfig, Weights, layout};

use crate::device::Gpu;
use crate::error::GpuError;
use crate::weights::{Chunked, WeightSplit, upload_chunked};

#[derive(Debug)]
pub(crate) enum FeedForward {
    Dense {
        gate: Chunked, // (ff, d)
        up: Chunked,   // (ff, d)
        down: Chunked, // (d, ff)
    },
    Sparse {
        router: Chunked, // (experts, d)
        gate: Chunked,   // (experts, ff, d), Mixtral's w1
        up: Chunked,     // (experts, ff, d), Mixtral's w3
        down: Chunked,   // (experts, d, ff), Mixtral's w2
    },
}

#[derive(Debug)]
pub(crate) struct Layer {
    pub input_norm: wgpu::Buffer, // (d)
    pub q: Chunked,               // (d, d)
    pub k: Chunked,               // (kv_dim, d)
    pub v: Chunked,               // (kv_dim, d)
    pub o: Chunked,               // (d, d)
    pub post_norm: wgpu::Buffer,  // (d)
    pub feed_forward: FeedForward,
}

#[derive(Debug)]
pub(crate) struct ModelWeights {
    pub embed_tokens: Chunked, // (vocab, d)
    pub layers: Vec<Layer>,
    pub final_norm: wgpu::Buffer, // (d)
    /// (vocab, d); the embedding table again when tied (uploaded once, bound twice).
    lm_head: Option<Chunked>,
    /// Tensors that exceeded the binding limit, for the load report.
    pub splits: Vec<WeightSplit>,
}

impl ModelWeights {
    /// Uploads every tensor, splitting any over `limit_bytes` into several buffers.
    pub fn upload(
        gpu: &Gpu,
        config: &ModelConfig,
        weights: &Weights,
        limit_bytes: u64,
    ) -> Result<Self, GpuError> {
        let mut uploader = Uploader {
            gpu,
            weights,
            limit_bytes,
            splits: Vec::new(),
        };
        let embed_tokens = uploader.matrix(layout::EMBED_TOKENS)?;
        let layers = (0..config.num_hidden_layers)
            .map(|layer| uploader.layer(config, layer))
            .collect::<Result<_, GpuError>>()?;
        let final_norm = uploader.vector(layout::FINAL_NORM)?;
        let lm_head = if config.tie_word_embeddings {
            None
        } else {
            Some(uploader.matrix(layout::LM_HEAD)?)
        };
        Ok(Self {
            embed_tokens,
            layers,
            final_norm,
            lm_head,
            splits: uploader.splits,
        })
    }

    pub fn lm_head(&self) -> &Chunked {
        self.lm_head.as_ref().unwrap_or(&self.embed_tokens)
    }
}

struct Uploader<'a> {
    gpu: &'a Gpu,
    weights: &'a Weights,
    limit_bytes: u64,
    splits: Vec<WeightSplit>,
}

impl Uploader<'_> {
    fn values(&self, name: &str) -> Result<(Vec<f32>, Vec<usize>), GpuError> {
        let tensor: &Tensor = self.weights.tensor(name)?;
        Ok((
            tensor.flatten_all()?.to_vec1::<f32>()?,
            tensor.dims().to_vec(),
        ))
    }

    fn vector(&self, name: &str) -> Result<wgpu::Buffer, GpuError> {
        Ok(self.gpu.upload(name, &self.values(name)?.0))
    }

    /// A 2-D tensor split by rows.
    fn matrix(&mut self, name: &str) -> Result<Chunked, GpuError> {
        let (values, dims) = self.values(name)?;
        self.chunked(name, &values, dims[1])
    }

    /// Same-shaped matrices stacked back to back, split by whole matrices.
    fn stack(&mut self, label: &str, names: &[String]) -> Result<Chunked, GpuError> {
        let mut values = Vec::new();
        let mut matrix_words = 0;
        for name in names {
            let (part, dims) = self.values(name)?;
            matrix_words = dims.iter().product();
            values.extend(part);
        }
        self.chunked(label, &values, matrix_words)
    }

    fn chunked(
        &mut self,
        name: &str,
        values: &[f32],
        unit_words: usize,
    ) -> Result<Chunked, GpuError> {
        let (chunked, split) =
            upload_chunked(self.gpu, name, values, unit_words, self.limit_bytes)?;
        self.splits.extend(split);
        Ok(chunked)
    }

    fn layer(&mut self, config: &ModelConfig, layer: usize) -> Result<Layer, GpuError> {
        let attention = |p| layout::attention_projection(layer, p);
        let feed_forward = match config.moe() {
            None => FeedForward::Dense {
                gate: self.matrix(&layout::mlp_projection(layer, "gate"))?,
                up: self.matrix(&layout::mlp_projection(layer, "up"))?,
                down: self.matrix(&layout::mlp_projection(layer, "down"))?,
            },
            Some(moe) => {
                let experts = |w: &str| -> Vec<String> {
                    (0..moe.experts)
                        .map(|e| layout::expert_projection(layer, e, w))
                        .collect()
                };
                let stack_name = |w: &str| {
                    layout::layer_tensor(layer, &format!("block_sparse_moe.experts.*.{w}.weight"))
                };
                FeedForward::Sparse {
                    router: self.matrix(&layout::router(layer))?,
                    gate: self.stack(&stack_name("w1"), &experts("w1"))?,
                    up: self.stack(&stack_name("w3"), &experts("w3"))?,
                    down: self.stack(&stack_name("w2"), &experts("w2"))?,
                }
            }
        };
        Ok(Layer {
            input_norm: self.vector(&layout::input_layernorm(layer))?,
            q: self.matrix(&attention("q"))?,
            k: self.matrix(&attention("k"))?,
            v: self.matrix(&attention("v"))?,
            o: self.matrix(&attention("o"))?,
            post_norm: self.vector(&layout::post_attention_layernorm(layer))?,
            feed_forward,
        })
    }
}
