//! The lab end to end on the bundled tokenizer and models: small runs on a short text, so
//! each test trains for seconds.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::types::*;
use super::*;

fn models_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models")
}

struct Bench {
    lab: TrainingLab,
    events: Arc<Mutex<Vec<LabEvent>>>,
    _data: tempfile::TempDir,
}

impl Bench {
    fn new() -> Self {
        let data = tempfile::tempdir().unwrap();
        let lab = TrainingLab::new(
            Some(models_dir()),
            data.path().join("runs"),
            data.path().join("exports"),
        );
        Self {
            lab,
            events: Arc::default(),
            _data: data,
        }
    }

    fn sink(&self) -> EventSink {
        let events = self.events.clone();
        Arc::new(move |event| events.lock().unwrap().push(event))
    }

    fn start(&self, requests: Vec<TrainRequest>) -> Result<Vec<String>, String> {
        self.lab.start(requests, self.sink())
    }

    /// Waits until an event matches; panics after a minute.
    fn wait_for(&self, what: &str, found: impl Fn(&LabEvent) -> bool) {
        let started = Instant::now();
        while !self.events.lock().unwrap().iter().any(&found) {
            assert!(started.elapsed() < Duration::from_secs(120), "no {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_end(&self) {
        self.wait_for("end of the queue", |e| matches!(e, LabEvent::QueueEnded));
    }

    fn ended(&self) -> Vec<RunSummary> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                LabEvent::RunEnded { run } => Some(run.clone()),
                _ => None,
            })
            .collect()
    }
}

fn text() -> String {
    (0..400)
        .map(|i| {
            format!(
                "Line {i}. It is a truth universally acknowledged that a good book is a friend.\n"
            )
        })
        .collect()
}

fn pretrain(name: &str, steps: u64) -> TrainRequest {
    TrainRequest {
        name: name.into(),
        series: Some("test".into()),
        job: TrainJob::Pretrain {
            design: ModelDesign {
                layers: 1,
                hidden: 32,
                heads: 2,
                context: 32,
                vocab: 5120,
            },
            data: DataChoice::Text {
                name: "book.txt".into(),
                text: text(),
            },
            steps,
            batch_size: 4,
            seq_len: 16,
            peak_lr: 3e-3,
            seed: 1,
            eval_interval: 3,
            data_tokens: None,
            noise: 0.0,
        },
    }
}

#[test]
fn a_queue_streams_its_events_in_order_and_keeps_a_usable_run() {
    let bench = Bench::new();
    let ids = bench.start(vec![pretrain("first <b>run</b>", 6)]).unwrap();
    bench.wait_for_end();
    let events = bench.events.lock().unwrap().clone();
    assert!(matches!(events.first(), Some(LabEvent::RunStarted { .. })));
    assert!(matches!(events.last(), Some(LabEvent::QueueEnded)));
    let steps: Vec<u32> = events
        .iter()
        .filter_map(|e| match e {
            LabEvent::Train {
                event: TrainEvent::Step(step),
                ..
            } => Some(step.step),
            _ => None,
        })
        .collect();
    assert_eq!(steps, vec![1, 2, 3, 4, 5, 6]);
    assert!(events.iter().any(|e| matches!(
        e,
        LabEvent::Train {
            event: TrainEvent::Evaluation(_),
            ..
        }
    )));

    let run = &bench.ended()[0];
    assert_eq!(run.status, RunStatus::Finished, "{:?}", run.error);
    assert_eq!(run.id, ids[0]);
    assert!(run.val_loss.is_some() && !run.samples.is_empty());
    assert!(run.seconds_per_step.is_some());
    assert!((run.random_guess_loss - 5120f32.ln()).abs() < 1e-4);
    let listed = bench.lab.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status, RunStatus::Finished);
    assert!(
        listed[0].request.job != pretrain("x", 6).job,
        "the user's text is not kept"
    );

    glassbox_model::ModelDir::open(&bench.lab.runs_dir().join(&ids[0]).join("model"))
        .unwrap()
        .cpu_generator()
        .unwrap();
    assert!(
        bench
            .lab
            .models()
            .iter()
            .any(|m| m.name == format!("run:{}", ids[0]))
    );
    let svg = bench.lab.chart(&ids, true, Default::default()).unwrap();
    assert!(svg.contains("first brun/b") && !svg.contains("<b>"));
    for format in [ExportFormat::Svg, ExportFormat::Png, ExportFormat::Csv] {
        let path = bench.lab.export(&ids[0], format).unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 100, "{path}");
    }
    bench.lab.delete(&ids[0]).unwrap();
    assert!(bench.lab.list().is_empty());
    assert!(bench.lab.delete(&ids[0]).is_err());
}

#[test]
fn a_second_start_is_refused_and_stop_keeps_the_checkpoint_and_drops_the_queue() {
    let bench = Bench::new();
    let ids = bench
        .start(vec![pretrain("long", 5_000), pretrain("never", 5)])
        .unwrap();
    bench.wait_for("a checkpoint", |e| {
        matches!(
            e,
            LabEvent::Train {
                event: TrainEvent::Checkpoint { .. },
                ..
            }
        )
    });
    let refused = bench.start(vec![pretrain("other", 5)]).unwrap_err();
    assert!(refused.contains("already in progress"), "{refused}");
    assert!(
        bench.lab.delete(&ids[0]).is_err(),
        "a running run cannot be deleted"
    );

    bench.lab.pause().unwrap();
    bench.wait_for("a pause", |e| {
        matches!(
            e,
            LabEvent::Train {
                event: TrainEvent::Paused { .. },
                ..
            }
        )
    });
    bench.lab.resume().unwrap();
    bench.wait_for("a resume", |e| {
        matches!(
            e,
            LabEvent::Train {
                event: TrainEvent::Resumed { .. },
                ..
            }
        )
    });
    bench.lab.stop().unwrap();
    bench.wait_for_end();

    let ended = bench.ended();
    assert_eq!(ended.len(), 1, "the queued run never starts");
    assert_eq!(ended[0].status, RunStatus::Stopped);
    assert!(ended[0].step < 5_000);
    let listed = bench.lab.list();
    assert_eq!(
        listed.iter().map(|r| &r.id).collect::<Vec<_>>(),
        vec![&ids[0]]
    );
    let model = bench.lab.runs_dir().join(&ids[0]).join("model");
    assert!(model.join("checkpoint/state.json").is_file());
    assert!(bench.lab.pause().is_err(), "nothing left to pause");
}

#[test]
fn bad_requests_are_refused_with_a_reason_before_anything_runs() {
    let bench = Bench::new();
    let with = |change: &dyn Fn(&mut TrainJob)| {
        let mut request = pretrain("bad", 5);
        change(&mut request.job);
        bench.start(vec![request]).unwrap_err()
    };
    let set_lr = |lr: f64| {
        move |job: &mut TrainJob| {
            if let TrainJob::Pretrain { peak_lr, .. } = job {
                *peak_lr = lr;
            }
        }
    };
    assert!(with(&set_lr(0.0)).contains("learning rate"));
    assert!(with(&set_lr(1e6)).contains("learning rate"));
    assert!(with(&set_lr(f64::NAN)).contains("learning rate"));
    let huge = with(&|job| {
        if let TrainJob::Pretrain { data, .. } = job {
            *data = DataChoice::Text {
                name: "big.txt".into(),
                text: "a".repeat(jobs::MAX_TEXT_BYTES + 1),
            };
        }
    });
    assert!(huge.contains("MB"), "{huge}");
    let mut unnamed = pretrain(" ", 5);
    unnamed.name = "  ".into();
    assert!(bench.start(vec![unnamed]).unwrap_err().contains("name"));
    assert!(bench.start(Vec::new()).is_err());
    assert!(bench.lab.list().is_empty(), "nothing was queued");
}

#[test]
fn runs_that_cannot_train_end_failed_with_a_clear_message() {
    let bench = Bench::new();
    let mut empty = pretrain("empty", 5);
    let mut big_batch = pretrain("big batch", 5);
    let mut wrong_vocab = pretrain("vocab", 5);
    if let TrainJob::Pretrain { data, .. } = &mut empty.job {
        *data = DataChoice::Text {
            name: "empty.txt".into(),
            text: " \n ".into(),
        };
    }
    if let TrainJob::Pretrain {
        batch_size,
        seq_len,
        ..
    } = &mut big_batch.job
    {
        (*batch_size, *seq_len) = (512, 32);
    }
    if let TrainJob::Pretrain { design, .. } = &mut wrong_vocab.job {
        design.vocab = 1000;
    }
    bench.start(vec![empty, big_batch, wrong_vocab]).unwrap();
    bench.wait_for_end();
    let errors: Vec<String> = bench
        .ended()
        .into_iter()
        .map(|run| {
            assert_eq!(run.status, RunStatus::Failed, "{}", run.name);
            run.error.unwrap()
        })
        .collect();
    assert!(errors[0].contains("no text"), "{}", errors[0]);
    assert!(errors[1].contains("batch_size"), "{}", errors[1]);
    assert!(errors[2].contains("vocabulary"), "{}", errors[2]);
}

#[test]
fn a_run_whose_model_cannot_be_written_ends_failed_and_says_why() {
    let bench = Bench::new();
    let mut request = pretrain("unwritable", 30);
    if let TrainJob::Pretrain { eval_interval, .. } = &mut request.job {
        // No checkpoint before the end, so the folder can be spoiled first.
        *eval_interval = 1_000;
    }
    let ids = bench.start(vec![request]).unwrap();
    bench.wait_for("a step", |e| {
        matches!(
            e,
            LabEvent::Train {
                event: TrainEvent::Step(_),
                ..
            }
        )
    });
    // Where the model should go there is a file: as good as a full or read-only disk.
    std::fs::write(
        bench.lab.runs_dir().join(&ids[0]).join("model"),
        "in the way",
    )
    .unwrap();
    bench.wait_for_end();
    let run = &bench.ended()[0];
    assert_eq!(run.status, RunStatus::Failed);
    assert!(
        run.error.as_deref().unwrap().contains("cannot write"),
        "{:?}",
        run.error
    );
    assert_eq!(
        bench.lab.list()[0].status,
        RunStatus::Failed,
        "the record itself was saved"
    );
}

#[test]
fn lora_fine_tuning_trains_only_the_adapters() {
    let bench = Bench::new();
    let request = TrainRequest {
        name: "LoRA".into(),
        series: None,
        job: TrainJob::FineTune {
            base: "tiny".into(),
            lora_rank: Some(4),
            steps: 2,
            batch_size: 2,
            peak_lr: 1e-3,
            seed: 1,
        },
    };
    bench.start(vec![request]).unwrap();
    bench.wait_for_end();
    let run = &bench.ended()[0];
    assert_eq!(run.status, RunStatus::Finished, "{:?}", run.error);
    assert_eq!(run.step, 2);
    // 6 layers × rank 4 × (q: 128+128, o: 128+128, v: 128+128).
    assert_eq!(run.trainable_parameters, 6 * 4 * 768);
    assert!(run.trainable_parameters * 50 < run.parameters);
}

#[test]
fn the_designer_measures_this_machine_once() {
    let bench = Bench::new();
    let design = ModelDesign {
        layers: 6,
        hidden: 128,
        heads: 4,
        context: 128,
        vocab: 5120,
    };
    let report = bench.lab.design(&design, 8, 128, 1000).unwrap();
    assert!(report.measured_flops_per_second > 1e6);
    assert_eq!(report.tokenizer_vocab, 5120);
    let again = bench.lab.design(&design, 8, 128, 1000).unwrap();
    assert_eq!(
        again.measured_flops_per_second,
        report.measured_flops_per_second
    );
}
