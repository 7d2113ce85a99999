//! The page's figures: S_tot(t) and P·I(t) with the bound, the error against time, the efficiency
//! against ν with its 2/π limit, and the weights of the first run seen along m∞ and across it.

use super::Rule;
use super::run::{Point, ThermoRun};
use super::theory::{self, Setting};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};
use crate::num::stats::Welford;

/// Points of each theory curve.
const THEORY_POINTS: usize = 160;

fn axis(label: &str, unit: &str, scale: Scale, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: unit.into(), scale, range }
}

fn series(label: impl Into<String>, kind: SeriesKind, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

fn faint(mut s: Series) -> Series {
    s.secondary = true;
    s
}

fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

/// The scalars a run reports (its observables), from the theory and what has been measured.
pub struct Observed {
    pub entropy: Option<f64>,
    pub entropy_se: Option<f64>,
    pub entropy_theory: Option<f64>,
    pub error: Option<f64>,
    pub error_se: Option<f64>,
    pub error_instance: Option<f64>,
    pub error_theory: Option<f64>,
    pub information: Option<f64>,
    pub information_se: Option<f64>,
    pub information_theory: Option<f64>,
    pub efficiency: Option<f64>,
    pub efficiency_theory: Option<f64>,
    pub generalisation: Option<f64>,
    pub generalisation_se: Option<f64>,
    pub generalisation_theory: Option<f64>,
}

fn mean(w: &Welford) -> Option<f64> {
    (w.count() > 0).then(|| w.mean())
}

fn se(w: &Welford) -> Option<f64> {
    (w.count() > 1).then(|| w.std_error())
}

impl Observed {
    pub fn of(run: &ThermoRun) -> Self {
        let s = &run.s;
        let t = s.t_max / s.k;
        let theory = (s.rule == Rule::Hebb).then_some(&run.setting);
        let last = run.points.last().expect("a recording at t_max");
        let (information, information_se) = run.information(last);
        let done = last.error.count() > 0;
        let entropy = mean(&last.entropy);
        let p = run.p as f64;
        Observed {
            entropy,
            entropy_se: se(&last.entropy),
            entropy_theory: theory.map(|th| s.n as f64 * th.entropy_per_n(t)),
            error: mean(&run.late.error),
            error_se: se(&run.late.error),
            error_instance: mean(&run.late.error_instance),
            error_theory: theory.map(|th| th.training_error(t)),
            information: done.then_some(information),
            information_se: (last.error.count() > 1).then_some(information_se),
            information_theory: theory.map(|th| p * th.information(t)),
            efficiency: entropy.filter(|&e| e > 0.0).map(|e| information / e),
            efficiency_theory: theory.map(|th| th.efficiency(t)),
            generalisation: mean(&run.late.generalisation),
            generalisation_se: se(&run.late.generalisation),
            generalisation_theory: theory.filter(|_| s.teacher).map(|th| th.generalisation_error(t)),
        }
    }
}

pub fn frame(run: &ThermoRun) -> Frame {
    let s = &run.s;
    let labels = if s.teacher { "teacher labels" } else { "random labels" };
    let rule = match s.rule {
        Rule::Hebb => "Hebb",
        Rule::Perceptron => "Perceptron rule",
        Rule::AdaTron => "AdaTron rule",
    };
    let note = format!(
        "{rule}, {labels}, ν = {}, α = {}, P = {}, k = {}, T = {}; {}",
        s.nu,
        s.alpha,
        run.p,
        s.k,
        s.temperature,
        crate::model::simulation_size(s.n, s.seeds)
    );
    Frame { figures: vec![entropy(run, &note), error(run, &note), efficiency(run, &note), weights(run)] }
}

/// k·t on the theory grid and at the recordings.
fn theory_times(run: &ThermoRun) -> Vec<f64> {
    (0..=THEORY_POINTS).map(|j| run.s.t_max * j as f64 / THEORY_POINTS as f64).collect()
}

/// A simulated series over the recordings: mean and standard error of `pick`, where measured.
fn measured(run: &ThermoRun, label: String, group: u32, pick: impl Fn(&Point) -> Option<(f64, f64)>) -> Series {
    let mut out = series(label, SeriesKind::Simulation, group, Vec::new(), Vec::new());
    let mut err = Vec::new();
    for (&step, point) in run.record_steps.iter().zip(&run.points) {
        if let Some((m, e)) = pick(point) {
            out.x.push(step as f64 * run.s.dt);
            out.y.push(m);
            err.push(e);
        }
    }
    out.y_err = Some(err);
    out
}

fn welford(w: &Welford) -> Option<(f64, f64)> {
    (w.count() > 0).then(|| (w.mean(), w.std_error()))
}

/// The curve of a theory over k·t.
fn over_time(run: &ThermoRun, label: &str, group: u32, f: impl Fn(&Setting, f64) -> f64) -> Series {
    let kt = theory_times(run);
    let y = kt.iter().map(|&x| f(&run.setting, x / run.s.k)).collect();
    series(label, SeriesKind::Theory, group, kt, y)
}

fn time_axis(run: &ThermoRun) -> Axis {
    axis("k·t, time", "1/k", Scale::Linear, Some([0.0, run.s.t_max]))
}

fn entropy(run: &ThermoRun, note: &str) -> Figure {
    let s = &run.s;
    let n = s.n as f64;
    let p = run.p as f64;
    let hebb = s.rule == Rule::Hebb;
    let mut list = Vec::new();
    if hebb {
        list.push(over_time(run, "⟨S_tot⟩, total entropy production: theory (N → ∞)", 0, |th, t| {
            n * th.entropy_per_n(t)
        }));
        list.push(faint(measured(run, "⟨S_tot⟩ for the runs' own patterns: theory".into(), 0, |pt| {
            welford(&pt.entropy_instance)
        })));
        let label = if s.teacher {
            "P·I, summed information of correlated labels: theory"
        } else {
            "P·I, information (the bound: P·I ≤ S_tot): theory"
        };
        list.push(over_time(run, label, 1, |th, t| p * th.information(t)));
    }
    let what =
        if hebb { "S_tot along the trajectories: simulation" } else { "Q/T, the medium's entropy only: simulation" };
    list.push(measured(run, what.into(), 0, |pt| welford(&pt.entropy)));
    list.push(measured(run, "P·I from the measured error: simulation".into(), 1, |pt| {
        (pt.error.count() > 0).then(|| run.information(pt))
    }));
    let subtitle = if hebb {
        format!("S_tot = heat/T from the first law + change of −ln p(ω, t); {note}")
    } else {
        format!("no theory for this rule: the weights are not Gaussian and p(ω, t) is unknown; {note}")
    };
    figure(
        "entropy",
        "Entropy production and information",
        subtitle,
        time_axis(run),
        axis("S_tot and P·I", "nats", Scale::Linear, None),
        list,
    )
}

fn error(run: &ThermoRun, note: &str) -> Figure {
    let s = &run.s;
    let mut list = Vec::new();
    if s.rule == Rule::Hebb {
        list.push(over_time(run, "p_err, training error: theory (N → ∞)", 0, |th, t| th.training_error(t)));
        list.push(faint(measured(run, "p_err predicted for the runs' own patterns: theory".into(), 0, |pt| {
            welford(&pt.error_instance)
        })));
        if s.teacher {
            list.push(over_time(run, "ε, generalisation error: theory", 2, |th, t| th.generalisation_error(t)));
        }
    }
    list.push(measured(run, "p_err of the fluctuating outputs: simulation".into(), 0, |pt| welford(&pt.error)));
    if s.teacher {
        list.push(measured(run, "ε = arccos(ω·T/|ω||T|)/π: simulation".into(), 2, |pt| {
            welford(&pt.generalisation)
        }));
    }
    figure(
        "error",
        "Error of the noisy outputs sign(ω·ξ)",
        format!("an output is read from the fluctuating weights; {note}"),
        time_axis(run),
        axis("error", "", Scale::Linear, Some([0.0, 0.55])),
        list,
    )
}

fn efficiency(run: &ThermoRun, note: &str) -> Figure {
    let s = &run.s;
    let (lo, hi) = (0.05_f64, 5.0_f64);
    let nus: Vec<f64> = (0..=THEORY_POINTS).map(|j| lo * libm::pow(hi / lo, j as f64 / THEORY_POINTS as f64)).collect();
    let at = |nu: f64, t: f64| Setting { nu, ..run.setting }.efficiency(t);
    let t = s.t_max / s.k;
    let curve = |label: &str, group: u32, t: f64| {
        series(label, SeriesKind::Theory, group, nus.clone(), nus.iter().map(|&nu| at(nu, t)).collect())
    };
    let flat =
        |label: &str, group: u32, y: f64| faint(series(label, SeriesKind::Theory, group, vec![lo, hi], vec![y, y]));
    let mut list = vec![
        flat("η = 1: the bound P·I ≤ S_tot", 3, 1.0),
        flat("2/π: slow learning of random labels, theory", 4, theory::SMALL_NU_EFFICIENCY),
        faint(curve("Hebb at t → ∞: theory", 1, 1e3 / s.k)),
        curve(&format!("Hebb at k·t = {}: theory", s.t_max), 0, t),
    ];
    let o = Observed::of(run);
    if let Some(eta) = o.efficiency {
        let label = if s.rule == Rule::Hebb { "this run: simulation" } else { "this run, P·I/(Q/T): simulation" };
        let mut point = series(label, SeriesKind::Simulation, 0, vec![s.nu], vec![eta]);
        // Relative errors of P·I and S_tot added in quadrature.
        let relative = |x: Option<f64>, e: Option<f64>| match (x, e) {
            (Some(x), Some(e)) if x > 0.0 => e / x,
            _ => 0.0,
        };
        let (a, b) = (relative(o.information, o.information_se), relative(o.entropy, o.entropy_se));
        point.y_err = Some(vec![eta * (a * a + b * b).sqrt()]);
        list.push(point);
    }
    let why = if s.teacher {
        "teacher labels are correlated: their summed informations may exceed S_tot"
    } else {
        "slower learning wastes less"
    };
    figure(
        "efficiency",
        "Efficiency η = P·I/S_tot against the learning rate",
        format!("{why}; {note}"),
        axis("ν, learning rate", "", Scale::Log, Some([lo, hi])),
        axis("η = P·I/S_tot", "", Scale::Linear, Some([0.0, if s.teacher { 1.6 } else { 1.05 }])),
        list,
    )
}

fn weights(run: &ThermoRun) -> Figure {
    let s = &run.s;
    let spread = (s.temperature / s.k).sqrt();
    let m = run.view_m_inf;
    let kt = theory_times(run);
    let mut list = Vec::new();
    if s.rule == Rule::Hebb {
        let along: Vec<f64> = kt.iter().map(|&x| m * -libm::expm1(-x)).collect();
        list.push(series("mean m(t) = m∞(1 − e^{−kt}): theory", SeriesKind::Theory, 0, along, vec![0.0; kt.len()]));
    }
    let x_max = if s.rule == Rule::Hebb { m } else { run.view.iter().map(|v| v.0).fold(m, f64::max) };
    for sign in [1.0, -1.0] {
        list.push(faint(series(
            if sign > 0.0 { "±√(T/k), thermal spread across m∞: theory" } else { "" },
            SeriesKind::Theory,
            1,
            vec![-3.0 * spread, x_max + 3.0 * spread],
            vec![sign * spread, sign * spread],
        )));
    }
    list.retain(|l| !l.label.is_empty() || l.secondary);
    let mut points = series("ω(t) of the first run: simulation", SeriesKind::Simulation, 2, Vec::new(), Vec::new());
    for &(a, b) in &run.view {
        points.x.push(a);
        points.y.push(b);
    }
    list.push(points);
    figure(
        "weights",
        "The weights learning: along m∞ and across it",
        format!(
            "first run, recorded every k·t = {:.3}; N = {}, |m∞| = {:.3}",
            s.t_max / super::run::RECORDS as f64,
            s.n,
            m
        ),
        axis("ω·m̂∞, along the Hebbian direction", "", Scale::Linear, None),
        axis("ω·u, along a random direction u ⊥ m∞", "", Scale::Linear, None),
        list,
    )
}
