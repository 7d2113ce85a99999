//! The figures of the learning-rate-schedule model: the schedules η(t), the error m(t) in theory
//! and simulation, and the co-state p(t).

use super::theory::{Comparison, Kind, PIECES, Schedule};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};

/// Points of the theory curves on the linear grid of [0, T] (η and p) and the log grid of
/// [T/100, T] (m).
const LINEAR_POINTS: usize = 201;
const LOG_POINTS: usize = 120;
/// The m(t) figure spans two decades of t below T, as the checkpoints do.
const LOG_SPAN: f64 = 100.0;

/// A schedule's name in legends and messages.
pub fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Optimal => "optimal",
        Kind::Solver => "optimal control",
        Kind::Constant => "best constant",
        Kind::InverseTime => "1/t",
    }
}

/// One schedule's theory curves.
pub struct Curve {
    pub label: String,
    /// η(t): on the linear grid, or as a staircase (pieces).
    pub eta: (Vec<f64>, Vec<f64>),
    /// m(t) on the log grid.
    pub m: Vec<f64>,
    /// p(t) on the linear grid.
    pub costate: Vec<f64>,
}

/// Every theory curve, computed when a run starts.
pub struct Curves {
    pub linear: Vec<f64>,
    pub log: Vec<f64>,
    /// In the order of [`Kind::ALL`].
    pub list: Vec<Curve>,
}

impl Curves {
    pub fn new(c: &Comparison) -> Self {
        let horizon = c.problem.horizon;
        let linear: Vec<f64> = (0..LINEAR_POINTS).map(|k| horizon * k as f64 / (LINEAR_POINTS - 1) as f64).collect();
        let lowest = horizon / LOG_SPAN;
        let log: Vec<f64> =
            (0..LOG_POINTS).map(|k| lowest * libm::pow(LOG_SPAN, k as f64 / (LOG_POINTS - 1) as f64)).collect();
        let list = Kind::ALL
            .iter()
            .map(|&kind| {
                let schedule = c.schedule(kind);
                let eta = match schedule {
                    Schedule::Pieces(pieces) => {
                        // A staircase: each piece's value at both of its ends.
                        let h = pieces.width();
                        let mut x = Vec::with_capacity(2 * pieces.eta.len());
                        let mut y = Vec::with_capacity(2 * pieces.eta.len());
                        for (k, &eta) in pieces.eta.iter().enumerate() {
                            x.extend([k as f64 * h, (k + 1) as f64 * h]);
                            y.extend([eta, eta]);
                        }
                        (x, y)
                    }
                    _ => (linear.clone(), linear.iter().map(|&t| schedule.eta(&c.problem, t)).collect()),
                };
                Curve {
                    label: label(c, kind),
                    eta,
                    m: log.iter().map(|&t| schedule.m(&c.problem, t)).collect(),
                    costate: linear.iter().map(|&t| schedule.costate(&c.problem, t)).collect(),
                }
            })
            .collect();
        Curves { linear, log, list }
    }
}

fn label(c: &Comparison, kind: Kind) -> String {
    match kind {
        Kind::Optimal => "optimal η* = m/(m + σ²)".into(),
        Kind::Solver => format!("optimal control, {PIECES} pieces"),
        Kind::Constant => format!("best constant η = {}", digits(c.best_constant())),
        Kind::InverseTime => format!("1/t: η = 1/(t + {})", digits(c.problem.inverse_time_offset())),
    }
}

/// A number to four significant digits, without trailing zeros: 0.2569, 1.25.
fn digits(x: f64) -> String {
    format_float(format!("{x:.3e}").parse().unwrap_or(x))
}

/// The simulated m(t) of one schedule: means over seeds and their standard errors.
pub struct Measured {
    pub kind: Kind,
    pub t: Vec<f64>,
    pub mean: Vec<f64>,
    pub se: Vec<f64>,
}

/// The three figures of a run; `conditions` (e.g. "N = 500, 5 seeds") goes into the subtitle of m(t).
pub fn frame(c: &Comparison, curves: &Curves, measured: &[Measured], conditions: &str) -> Frame {
    let horizon = c.problem.horizon;
    let time = Axis {
        label: "t = steps/N, training time".into(),
        unit: String::new(),
        scale: Scale::Linear,
        range: Some([0.0, horizon]),
    };
    let theory = |kind: Kind, x: &[f64], y: &[f64]| Series {
        label: curves.list[kind as usize].label.clone(),
        kind: SeriesKind::Theory,
        group: kind as u32,
        x: x.to_vec(),
        y: y.to_vec(),
        y_err: None,
        secondary: false,
    };
    let problem = format!(
        "σ² = {}, m₀ = {}, T = {}",
        format_float(c.problem.sigma2),
        format_float(c.problem.m0),
        format_float(horizon)
    );

    // η(t): the closed form under the solver's staircase, so that both show.
    let highest = curves.list.iter().flat_map(|c| &c.eta.1).copied().fold(0.0, f64::max);
    let order = [Kind::Constant, Kind::InverseTime, Kind::Optimal, Kind::Solver];
    let schedules = Figure {
        id: "schedule".into(),
        title: "Learning-rate schedules".into(),
        subtitle: problem.clone(),
        x: time.clone(),
        y: Axis {
            label: "η, learning rate".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some([0.0, 1.1 * highest]),
        },
        series: order
            .iter()
            .map(|&k| theory(k, &curves.list[k as usize].eta.0, &curves.list[k as usize].eta.1))
            .collect(),
        heatmap: None,
        network: None,
    };

    // m(t) on log axes, with fixed ranges from the theory so that the axes stay put.
    let all_m = curves.list.iter().flat_map(|c| &c.m).copied();
    let (lowest, top) = all_m.fold((f64::INFINITY, c.problem.m0), |(lo, hi), m| (lo.min(m), hi.max(m)));
    let log_time = Axis {
        label: "t = steps/N, training time".into(),
        unit: String::new(),
        scale: Scale::Log,
        range: Some([curves.log[0] / 1.25, horizon * 1.25]),
    };
    let mut series: Vec<Series> = order.iter().map(|&k| theory(k, &curves.log, &curves.list[k as usize].m)).collect();
    series.extend(measured.iter().map(|m| Series {
        label: format!("{}: simulation", name(m.kind)),
        kind: SeriesKind::Simulation,
        group: m.kind as u32,
        x: m.t.clone(),
        y: m.mean.clone(),
        y_err: Some(m.se.clone()),
        secondary: false,
    }));
    let error = Figure {
        id: "error".into(),
        title: "Error along training".into(),
        subtitle: format!("{problem}; simulation: {conditions}"),
        x: log_time,
        y: Axis {
            label: "m = |w − w*|²/N = 2ε_g".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([lowest / 2.0, top * 2.0]),
        },
        series,
        heatmap: None,
        network: None,
    };

    // The co-state p(t) = ∂m(T)/∂m(t).
    let smallest = curves.list.iter().flat_map(|c| &c.costate).copied().fold(1.0, f64::min);
    let costate = Figure {
        id: "costate".into(),
        title: "Co-state".into(),
        subtitle: "how much an error at time t still counts at the horizon".into(),
        x: time,
        y: Axis {
            label: "p(t) = ∂m(T)/∂m(t), co-state".into(),
            unit: String::new(),
            scale: Scale::Log,
            range: Some([smallest / 2.0, 2.0]),
        },
        series: order.iter().map(|&k| theory(k, &curves.linear, &curves.list[k as usize].costate)).collect(),
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![schedules, error, costate] }
}
