//! Pausing, resuming and cancelling a run from another thread: the app's buttons, or the
//! command line's Ctrl-C handler. The trainer checks it between updates.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use crate::train_event::TrainEvent;

const RUNNING: u8 = 0;
const PAUSED: u8 = 1;
const CANCELLED: u8 = 2;

/// A cheap, cloneable handle; every clone controls the same run.
#[derive(Debug, Clone, Default)]
pub struct TrainControl {
    state: Arc<AtomicU8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Running,
    Paused,
    Cancelled,
}

impl TrainControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Holds the run after the current update until [`Self::resume`] or [`Self::cancel`].
    pub fn pause(&self) {
        // A cancelled run stays cancelled.
        let _ = self
            .state
            .compare_exchange(RUNNING, PAUSED, Ordering::SeqCst, Ordering::SeqCst);
    }

    pub fn resume(&self) {
        let _ = self
            .state
            .compare_exchange(PAUSED, RUNNING, Ordering::SeqCst, Ordering::SeqCst);
    }

    /// Stops the run after the current update; the trainer saves a checkpoint first.
    pub fn cancel(&self) {
        self.state.store(CANCELLED, Ordering::SeqCst);
    }

    /// Holds a paused run until it is resumed or cancelled, reporting both ends of the
    /// pause; returns the state it leaves with (never `Paused`).
    pub fn wait_if_paused(&self, step: u32, on_event: &mut dyn FnMut(TrainEvent)) -> RunState {
        if self.state() != RunState::Paused {
            return self.state();
        }
        on_event(TrainEvent::Paused { step });
        while self.state() == RunState::Paused {
            std::thread::sleep(Duration::from_millis(50));
        }
        let state = self.state();
        if state == RunState::Running {
            on_event(TrainEvent::Resumed { step });
        }
        state
    }

    pub fn state(&self) -> RunState {
        match self.state.load(Ordering::SeqCst) {
            RUNNING => RunState::Running,
            PAUSED => RunState::Paused,
            _ => RunState::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_wins_over_pause_and_resume() {
        let control = TrainControl::new();
        let remote = control.clone();
        remote.pause();
        assert_eq!(control.state(), RunState::Paused);
        remote.resume();
        assert_eq!(control.state(), RunState::Running);
        remote.cancel();
        remote.resume();
        remote.pause();
        assert_eq!(control.state(), RunState::Cancelled);
    }
}
