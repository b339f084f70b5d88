//! A thread that owns some state and runs jobs on it one at a time, for work too slow for
//! the UI thread that needs no streaming (the engine thread, which streams, has its own).

use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Sender};

type Job<S> = Box<dyn FnOnce(&mut S) + Send>;

pub struct Worker<S> {
    jobs: Sender<Job<S>>,
}

// A handle, cloned to wait for a job off the async runtime (no `S: Clone` needed).
impl<S> Clone for Worker<S> {
    fn clone(&self) -> Self {
        Self {
            jobs: self.jobs.clone(),
        }
    }
}

impl<S: 'static> Worker<S> {
    /// Starts the thread; `state` is built on it, so it need not be `Send`.
    pub fn start(name: &str, state: impl FnOnce() -> S + Send + 'static) -> Self {
        let (jobs, inbox) = mpsc::channel::<Job<S>>();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let mut state = state();
                for job in inbox {
                    // A bug in one job must not take the thread and every later job with it;
                    // the caller sees its reply dropped. The state may be left mid-job, which
                    // is safe for the workbench: every job starts its model from a fresh prefill.
                    let _ = panic::catch_unwind(AssertUnwindSafe(|| job(&mut state)));
                }
            })
            .expect("the OS can start a thread");
        Self { jobs }
    }

    /// Runs `job` after the ones before it and waits for its answer.
    pub fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut S) -> Result<T, String> + Send + 'static,
    ) -> Result<T, String> {
        let (reply, answer) = mpsc::channel();
        self.jobs
            .send(Box::new(move |state| {
                // The caller may have gone; nobody is left to tell.
                let _ = reply.send(job(state));
            }))
            .map_err(|_| "the workbench has stopped; restart the app".to_owned())?;
        answer
            .recv()
            .map_err(|_| "the workbench failed on this request (an internal error)".to_owned())?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_run_in_order_on_one_state() {
        let worker = Worker::start("test", Vec::new);
        for i in 0..5 {
            worker
                .run(move |v: &mut Vec<i32>| {
                    v.push(i);
                    Ok(())
                })
                .unwrap();
        }
        assert_eq!(worker.run(|v| Ok(v.clone())).unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(worker.run(|_| Err::<(), _>("no".into())).unwrap_err(), "no");
    }

    #[test]
    fn a_panicking_job_is_reported_and_the_next_one_runs() {
        let worker = Worker::start("test", || 0);
        let error = worker.run(|_: &mut i32| -> Result<(), String> { panic!("boom") });
        assert!(error.unwrap_err().contains("internal error"));
        assert_eq!(worker.run(|n| Ok(*n + 1)).unwrap(), 1);
    }
}
