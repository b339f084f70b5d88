//! Test helpers: one shared device, fresh random inputs whose seed is printed when a test
//! fails, NaN-poisoned outputs, and running a few dispatches.

use std::sync::OnceLock;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::buffers::{Batch, Readback, Region};
use crate::device::Gpu;
use crate::kernel::Dispatch;

/// The device every test shares; opening one per test would dominate the run time.
/// No adapter is a failure, not a skip: the GPU engine must be tested on every machine.
pub(crate) fn gpu() -> &'static Gpu {
    static GPU: OnceLock<Gpu> = OnceLock::new();
    GPU.get_or_init(|| {
        Gpu::new().unwrap_or_else(|error| {
            panic!(
                "the GPU tests need a wgpu adapter and found none ({error}); install the \
                 Vulkan software driver with `sudo apt-get install mesa-vulkan-drivers` \
                 (`make test` does this)"
            )
        })
    })
}

/// Random inputs seeded from the clock, so every run tries new numbers; the seed is printed
/// if the test fails, and `GLASSBOX_TEST_SEED=<seed>` replays it.
pub(crate) struct TestRng {
    seed: u64,
    rng: ChaCha8Rng,
}

impl TestRng {
    pub fn new() -> Self {
        let seed = std::env::var("GLASSBOX_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("the clock is after 1970")
                    .as_nanos() as u64
            });
        Self {
            seed,
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// Uniform values in [-1, 1).
    pub fn values(&mut self, n: usize) -> Vec<f32> {
        (0..n).map(|_| self.rng.random_range(-1.0..1.0)).collect()
    }

    pub fn below(&mut self, bound: u32) -> u32 {
        self.rng.random_range(0..bound)
    }
}

impl Drop for TestRng {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!(
                "random inputs came from seed {0}; rerun with GLASSBOX_TEST_SEED={0}",
                self.seed
            );
        }
    }
}

/// A storage buffer of `words` NaNs, so an element a kernel fails to write fails the test.
pub(crate) fn poisoned(gpu: &Gpu, words: usize) -> wgpu::Buffer {
    gpu.upload("poisoned", &vec![f32::NAN; words])
}

/// Runs `dispatches` in one submit over a batch of `rows` rows starting at `start`.
pub(crate) fn run(gpu: &Gpu, batch: &Batch, dispatches: &[Dispatch], rows: u32, start: u32) {
    batch.set(gpu, rows, start);
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    {
        let mut pass = encoder.begin_compute_pass(&Default::default());
        for dispatch in dispatches {
            dispatch.record(&mut pass, rows);
        }
    }
    gpu.queue.submit([encoder.finish()]);
    gpu.wait().unwrap();
}

pub(crate) fn read_u32(gpu: &Gpu, buffer: &wgpu::Buffer, words: usize) -> Vec<u32> {
    let readback = Readback::new(gpu, words as u64);
    let mut encoder = gpu.device.create_command_encoder(&Default::default());
    let region = Region {
        buffer,
        words: 0..words as u64,
    };
    let count = readback.record(&mut encoder, &[region]);
    gpu.queue.submit([encoder.finish()]);
    readback.read(gpu, count).unwrap()
}

pub(crate) fn read_f32(gpu: &Gpu, buffer: &wgpu::Buffer, words: usize) -> Vec<f32> {
    read_u32(gpu, buffer, words)
        .into_iter()
        .map(f32::from_bits)
        .collect()
}

/// Fails unless every element is within `tolerance` of the expected value, relative to
/// the larger of 1 and its magnitude.
#[track_caller]
pub(crate) fn assert_close(actual: &[f32], expected: &[f32], tolerance: f32, what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: lengths differ");
    for (i, (&a, &e)) in actual.iter().zip(expected).enumerate() {
        let error = (a - e).abs() / e.abs().max(1.0);
        assert!(
            error <= tolerance,
            "{what}[{i}] is {a}, expected {e} (error {error:e} over {tolerance:e})"
        );
    }
}
