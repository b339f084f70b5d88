//! The learning rate over a run: linear warmup from zero, then a cosine decay to a floor
//! (10 % of the peak by default). Warmup keeps Adam's first, noisy moment estimates from
//! taking large steps; the decay lets the weights settle at the end.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LrSchedule {
    pub peak: f64,
    pub warmup_steps: u64,
    pub total_steps: u64,
    /// The floor as a fraction of the peak.
    pub final_fraction: f64,
}

impl LrSchedule {
    /// The learning rate for update number `step` (counting from 0).
    pub fn at(&self, step: u64) -> f64 {
        if step < self.warmup_steps {
            return self.peak * (step + 1) as f64 / self.warmup_steps as f64;
        }
        let decay_steps = self.total_steps.saturating_sub(self.warmup_steps).max(1);
        let progress = ((step - self.warmup_steps) as f64 / decay_steps as f64).min(1.0);
        let cosine = 0.5 * (1.0 + (std::f64::consts::PI * progress).cos());
        let floor = self.peak * self.final_fraction;
        floor + (self.peak - floor) * cosine
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warms_up_linearly_peaks_then_decays_to_the_floor() {
        let schedule = LrSchedule {
            peak: 1e-3,
            warmup_steps: 10,
            total_steps: 110,
            final_fraction: 0.1,
        };
        assert!((schedule.at(0) - 1e-4).abs() < 1e-12);
        assert!((schedule.at(4) - 5e-4).abs() < 1e-12);
        assert!((schedule.at(9) - 1e-3).abs() < 1e-12);
        assert!((schedule.at(10) - 1e-3).abs() < 1e-12);
        // Halfway through the decay the cosine is at its midpoint.
        assert!((schedule.at(60) - 0.55e-3).abs() < 1e-12);
        let decay: Vec<f64> = (10..110).map(|s| schedule.at(s)).collect();
        assert!(decay.windows(2).all(|w| w[1] <= w[0]));
        assert!((schedule.at(110) - 1e-4).abs() < 1e-12);
        assert!((schedule.at(500) - 1e-4).abs() < 1e-12);
    }
}
