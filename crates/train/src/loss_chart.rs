//! The loss curves of a run, drawn by plotters as SVG (what the app and the model cards
//! show) and rendered from that same SVG to PNG with resvg, so both pictures agree.
//! plotters' own bitmap backend would need a font-rendering stack to draw any text.

use std::path::Path;

use plotters::prelude::*;

use crate::atomic_file::{write_atomically, write_file_atomically};
use crate::corpus::Language;
use crate::train_error::{Result, TrainError};
use crate::training_log::TrainingLog;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 520;
/// Weight of the newest step in the smoothed training curve; raw per-batch losses are
/// too noisy to read.
const SMOOTHING: f64 = 0.05;

/// Fonts tried, in order, for the chart's "sans-serif" text in the PNG.
const SANS_SERIF_FAMILIES: [&str; 5] = [
    "Noto Sans",
    "DejaVu Sans",
    "Liberation Sans",
    "Arial",
    "Helvetica",
];

/// Okabe–Ito colours: distinguishable with every common colour-vision deficiency.
const TRAIN_COLOUR: RGBColor = RGBColor(0, 0, 0);
const ZH_COLOUR: RGBColor = RGBColor(213, 94, 0);
const EN_COLOUR: RGBColor = RGBColor(0, 114, 178);

/// The chart as SVG text.
pub fn render_svg(log: &TrainingLog) -> Result<String> {
    let mut svg = String::new();
    draw(log, SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT))).map_err(|reason| {
        TrainError::Write {
            path: "loss chart".into(),
            reason,
        }
    })?;
    Ok(svg)
}

pub fn write_svg(log: &TrainingLog, path: &Path) -> Result<()> {
    write_file_atomically(path, render_svg(log)?.as_bytes())
}

/// Renders the SVG with the system's fonts (text is left out where none are installed).
pub fn write_png(log: &TrainingLog, path: &Path) -> Result<()> {
    svg_to_png(&render_svg(log)?, path)
}

/// Renders any chart of this module to PNG.
pub fn svg_to_png(svg: &str, path: &Path) -> Result<()> {
    write_atomically(path, |tmp| {
        let mut options = resvg::usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_system_fonts();
        // fontdb maps "sans-serif" to Arial, which Linux rarely has; take one that is there.
        if let Some(family) = SANS_SERIF_FAMILIES.iter().find(|family| {
            fonts
                .faces()
                .any(|face| face.families.iter().any(|(name, _)| name == *family))
        }) {
            fonts.set_sans_serif_family(*family);
        }
        let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| "cannot allocate the image".to_owned())?;
        pixmap.fill(resvg::tiny_skia::Color::WHITE);
        resvg::render(&tree, Default::default(), &mut pixmap.as_mut());
        pixmap.save_png(tmp).map_err(|e| e.to_string())
    })
}

fn smoothed(values: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut average: Option<f64> = None;
    values
        .map(|(x, y)| {
            let a = average.map_or(y, |a| a + SMOOTHING * (y - a));
            average = Some(a);
            (x, a)
        })
        .collect()
}

fn draw<DB: DrawingBackend>(log: &TrainingLog, backend: DB) -> std::result::Result<(), String> {
    let error = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(error)?;
    let train = smoothed(
        log.steps
            .iter()
            .map(|s| (f64::from(s.step), f64::from(s.train_loss))),
    );
    let validation = |language: Language| -> Vec<(f64, f64)> {
        log.evaluations
            .iter()
            .filter_map(|e| {
                e.languages
                    .iter()
                    .find(|l| l.language == language)
                    .map(|l| (f64::from(e.step), f64::from(l.val_loss)))
            })
            .collect()
    };
    let zh = validation(Language::Zh);
    let en = validation(Language::En);
    let all = || train.iter().chain(&zh).chain(&en).map(|&(_, y)| y);
    let last_step = log.steps.last().map_or(1.0, |s| f64::from(s.step)).max(1.0);
    let y_min = all().fold(f64::INFINITY, f64::min);
    // The first steps sit at ln(vocab); leaving them off the scale keeps the rest legible.
    let y_max = train
        .get(train.len() / 20)
        .map(|&(_, y)| y)
        .into_iter()
        .chain(zh.iter().chain(&en).map(|&(_, y)| y))
        .fold(f64::NEG_INFINITY, f64::max);
    let (y_min, y_max) = if y_min.is_finite() && y_max > y_min {
        (y_min - 0.1, y_max + 0.1)
    } else {
        (0.0, 10.0)
    };
    let mut chart = ChartBuilder::on(&root)
        .caption("Loss (nats per token)", ("sans-serif", 22))
        .margin(16)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..last_step, y_min..y_max)
        .map_err(error)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("cross-entropy")
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(error)?;
    chart
        .draw_series(LineSeries::new(train, TRAIN_COLOUR.stroke_width(1)))
        .map_err(error)?
        .label("train (smoothed, both languages)")
        .legend(|(x, y)| PathElement::new([(x, y), (x + 18, y)], TRAIN_COLOUR));
    for (points, colour, label) in [
        (zh, ZH_COLOUR, "validation, Chinese"),
        (en, EN_COLOUR, "validation, English"),
    ] {
        chart
            .draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
            .map_err(error)?
            .label(label)
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(2)));
        chart
            .draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 3, colour.filled())),
            )
            .map_err(error)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", 15))
        .draw()
        .map_err(error)?;
    root.present().map_err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train_event::{EvaluationReport, LanguageLoss, StepReport};

    #[test]
    fn chart_has_both_curves_and_renders_to_png() {
        let log = TrainingLog {
            steps: (1..=50)
                .map(|step| StepReport {
                    step,
                    total_steps: 50,
                    train_loss: 8.0 - step as f32 * 0.05,
                    learning_rate: 1e-3,
                    grad_norm: 1.0,
                    tokens_seen: 0.0,
                    tokens_per_second: 1.0,
                    eta_seconds: 0.0,
                    elapsed_seconds: 0.0,
                })
                .collect(),
            evaluations: [25, 50]
                .map(|step| EvaluationReport {
                    step,
                    val_loss: 6.0,
                    languages: Language::ALL
                        .map(|language| LanguageLoss {
                            language,
                            train_loss: 6.0,
                            val_loss: 6.5 - step as f32 * 0.01,
                            val_tokens: 1,
                        })
                        .to_vec(),
                    samples: vec![],
                })
                .to_vec(),
        };
        let svg = render_svg(&log).unwrap();
        assert!(svg.contains("validation, Chinese") && svg.contains("<polyline"));
        let dir = tempfile::tempdir().unwrap();
        let png = dir.path().join("loss.png");
        write_png(&log, &png).unwrap();
        assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    }
}
