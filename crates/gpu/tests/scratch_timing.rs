use glassbox_gpu::{Gpu, GpuBackend};
use glassbox_model::candle_core::Device;
use glassbox_model::{Backend, ModelConfig, Probes, Weights};
use std::sync::Arc;
use std::time::Instant;

#[test]
fn timing() {
    let config = ModelConfig::default();
    let weights = Weights::random(&config, 0, &Device::Cpu).unwrap();
    let mut b = GpuBackend::new(Arc::new(Gpu::new().unwrap()), &config, &weights).unwrap();
    b.prefill(&[1, 2, 3], Probes::ALL).unwrap();
    for probes in [
        Probes::NONE,
        Probes::ALL,
        Probes {
            attention: true,
            routing: true,
            logit_lens: false,
        },
    ] {
        let t = Instant::now();
        for i in 0..5 {
            b.decode(i, probes).unwrap();
        }
        eprintln!("{probes:?}: {:?} per token", t.elapsed() / 5);
    }
}
