//! Several runs' loss curves on one chart, as the app's training widgets draw them: each
//! run in its own colour, its training loss as a smoothed line and its validation loss as
//! dots, and a dashed line at ln(vocabulary), the loss of guessing at random. Drawn by
//! plotters as SVG; `loss_chart::svg_to_png` renders it for export.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::train_error::{Result, TrainError};
use crate::training_log::TrainingLog;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 460;
const SMOOTHING: f64 = 0.1;
/// Okabe–Ito colours (yellow left out: it vanishes on white).
const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(230, 159, 0),
];
const GUESS_COLOUR: RGBColor = RGBColor(120, 120, 120);

/// One run on the chart.
pub struct ChartRun<'a> {
    pub label: String,
    pub log: &'a TrainingLog,
}

#[derive(Debug, Clone)]
pub struct RunsChartOptions {
    pub log_scale: bool,
    /// ln(vocabulary size).
    pub random_guess: f64,
    pub text: ChartText,
}

/// The chart's words, in the language the UI shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChartText {
    /// The x axis.
    pub step: String,
    /// The y axis.
    pub loss: String,
    /// The legend entry of the ln(vocabulary) line, before its value.
    pub random_guess: String,
}

impl Default for ChartText {
    fn default() -> Self {
        Self {
            step: "step".into(),
            loss: "loss (nats per token)".into(),
            random_guess: "random guessing: ln(vocabulary)".into(),
        }
    }
}

/// Curves of one run: (step, loss) points, non-finite losses left out.
struct Curves {
    train: Vec<(f64, f64)>,
    validation: Vec<(f64, f64)>,
}

impl Curves {
    fn of(log: &TrainingLog) -> Self {
        let mut average: Option<f64> = None;
        let train = log
            .steps
            .iter()
            .filter(|s| s.train_loss.is_finite())
            .map(|s| {
                let y = f64::from(s.train_loss);
                let a = average.map_or(y, |a| a + SMOOTHING * (y - a));
                average = Some(a);
                (f64::from(s.step), a)
            })
            .collect();
        let validation = log
            .evaluations
            .iter()
            .filter(|e| e.val_loss.is_finite())
            .map(|e| (f64::from(e.step), f64::from(e.val_loss)))
            .collect();
        Self { train, validation }
    }
}

pub fn render_runs_svg(runs: &[ChartRun], options: RunsChartOptions) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        let curves: Vec<Curves> = runs.iter().map(|r| Curves::of(r.log)).collect();
        let x_max = curves
            .iter()
            .flat_map(|c| c.train.last().or(c.validation.last()))
            .map(|&(x, _)| x)
            .fold(1.0, f64::max);
        // The top reaches the highest point but stops at twice random guessing: a diverging
        // run then runs along the top edge instead of squashing every other curve.
        let points = || {
            curves
                .iter()
                .flat_map(|c| c.train.iter().chain(&c.validation))
        };
        let highest = points()
            .map(|&(_, y)| y)
            .fold(options.random_guess, f64::max);
        let top = (highest + 0.3).min(options.random_guess * 2.0);
        let lowest = points()
            .map(|&(_, y)| y)
            .fold(options.random_guess, f64::min);
        let result = if options.log_scale {
            let bottom = (lowest * 0.9).max(1e-3);
            draw(
                &root,
                runs,
                &curves,
                x_max,
                (bottom..top).log_scale(),
                &options,
            )
        } else {
            let bottom = (lowest - 0.3).max(0.0);
            draw(&root, runs, &curves, x_max, bottom..top, &options)
        };
        result.map_err(|reason| TrainError::Write {
            path: "loss chart".into(),
            reason,
        })?;
    }
    Ok(svg)
}

fn draw<DB, Y>(
    root: &DrawingArea<DB, Shift>,
    runs: &[ChartRun],
    curves: &[Curves],
    x_max: f64,
    y_range: Y,
    options: &RunsChartOptions,
) -> std::result::Result<(), String>
where
    DB: DrawingBackend,
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    let error = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    root.fill(&WHITE).map_err(error)?;
    let mut chart = ChartBuilder::on(root)
        .margin(14)
        .x_label_area_size(44)
        .y_label_area_size(60)
        .build_cartesian_2d(0.0..x_max, y_range)
        .map_err(error)?;
    let (_, y_top) = {
        let range = chart.y_range();
        (range.start, range.end)
    };
    chart
        .configure_mesh()
        .x_desc(plain(&options.text.step))
        .y_desc(plain(&options.text.loss))
        .label_style(("sans-serif", 20))
        .axis_desc_style(("sans-serif", 21))
        // One light line between labels: enough to read values off, and a chart redrawn
        // while training stays cheap for the webview to paint.
        .max_light_lines(1)
        .light_line_style(RGBColor(238, 238, 238))
        .draw()
        .map_err(error)?;
    let clamp = |points: &[(f64, f64)]| -> Vec<(f64, f64)> {
        points.iter().map(|&(x, y)| (x, y.min(y_top))).collect()
    };

    let guess = options.random_guess;
    chart
        .draw_series(DashedLineSeries::new(
            [(0.0, guess), (x_max, guess)],
            8,
            6,
            GUESS_COLOUR.stroke_width(2),
        ))
        .map_err(error)?
        .label(format!(
            "{} = {guess:.2}",
            plain(&options.text.random_guess)
        ))
        .legend(|(x, y)| PathElement::new([(x, y), (x + 18, y)], GUESS_COLOUR.stroke_width(2)));

    for (index, (run, curve)) in runs.iter().zip(curves).enumerate() {
        let colour = PALETTE[index % PALETTE.len()];
        chart
            .draw_series(LineSeries::new(clamp(&curve.train), colour.stroke_width(2)))
            .map_err(error)?
            .label(plain(&run.label))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
        chart
            .draw_series(
                clamp(&curve.validation)
                    .into_iter()
                    .map(|p| Circle::new(p, 5, colour.filled())),
            )
            .map_err(error)?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(RGBColor(200, 200, 200))
        .label_font(("sans-serif", 20))
        .draw()
        .map_err(error)?;
    root.present().map_err(error)
}

/// Names and words come from the UI; the SVG is shown as markup, so only plain text passes.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '<' | '>' | '&' | '"' | '\'') && !c.is_control())
        .take(48)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train_event::{EvaluationReport, StepReport};

    fn log(losses: &[f32]) -> TrainingLog {
        let steps = losses
            .iter()
            .enumerate()
            .map(|(i, &train_loss)| StepReport {
                step: i as u32 + 1,
                total_steps: losses.len() as u32,
                train_loss,
                learning_rate: 1e-3,
                grad_norm: 1.0,
                tokens_seen: 0.0,
                tokens_per_second: 0.0,
                eta_seconds: 0.0,
                elapsed_seconds: 0.0,
            })
            .collect();
        let evaluations = vec![EvaluationReport {
            step: losses.len() as u32,
            val_loss: losses[losses.len() - 1] + 0.2,
            languages: Vec::new(),
            samples: Vec::new(),
        }];
        TrainingLog { steps, evaluations }
    }

    #[test]
    fn every_run_gets_a_legend_entry_and_names_cannot_inject_markup() {
        let (a, b) = (log(&[8.0, 6.0, 5.0]), log(&[8.0, f32::NAN, 40.0]));
        let runs = [
            ChartRun {
                label: "lr 0.003".into(),
                log: &a,
            },
            ChartRun {
                label: "<script>x</script>".into(),
                log: &b,
            },
        ];
        for log_scale in [false, true] {
            let options = RunsChartOptions {
                log_scale,
                random_guess: 8.54,
                text: ChartText {
                    random_guess: "随机猜测".into(),
                    ..ChartText::default()
                },
            };
            let svg = render_runs_svg(&runs, options).unwrap();
            assert!(svg.contains("lr 0.003"));
            assert!(svg.contains("随机猜测 = 8.54"));
            assert!(!svg.contains("<script"));
            assert!(svg.contains("scriptx/script"));
        }
    }
}
