//! The figures of the dropout page: the error against time, the error at the end against p, and
//! the correlation of the student units.

use super::{DropoutRun, T_MIN};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};
use crate::models::two_layer::ode::Overlaps;
use crate::models::two_layer::page;

/// Colour groups: the chosen p, the reference without dropout, the marks of the optima.
const CHOSEN: u32 = 0;
const NO_DROPOUT: u32 = 6;
const OPTIMA: u32 = 6;
/// The noise levels of the sweep take the groups after the chosen p's.
const FIRST_NOISE: u32 = 1;

pub fn frame(run: &DropoutRun) -> Frame {
    let mut figures = vec![error_figure(run), sweep_figure(run)];
    if run.settings.k > 1 {
        figures.push(correlation_figure(run));
    }
    Frame { figures }
}

fn conditions(run: &DropoutRun) -> String {
    let s = &run.settings;
    format!("N = {}, K = {}, M = {}, η = {}, σ = {}", s.n, s.k, s.m, format_float(s.lr), format_float(s.noise))
}

fn error_figure(run: &DropoutRun) -> Figure {
    let s = &run.settings;
    let tr = &run.trajectory;
    let p = format_float(s.keep);
    let (t_ode, e_ode) = page::positive_times(tr.theory_times(), tr.theory.iter().map(|o| run.error(o)));
    let (t_sim, e_sim) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(|o| run.error(o)));
    let mut series = Vec::new();
    let mut reference = Vec::new();
    if s.keep < 1.0 {
        let rule = &run.reference;
        let eps = |o: &Overlaps| tr.phases[0].rule.error(o, 0, &tr.phases[0].rule.readout, 1.0);
        let (t, e) = page::positive_times(&rule.times, rule.overlaps.iter().map(eps));
        reference = e.clone();
        series.push(Series { secondary: true, ..page::theory("no dropout (p = 1): ODE", NO_DROPOUT, t, e) });
    }
    let axis = page::error_axis("ε_g, generalisation error", e_ode.iter().chain(&e_sim).chain(&reference).copied());
    series.push(page::theory(format!("p = {p}: ODE"), CHOSEN, t_ode, e_ode));
    series.push(page::simulation(format!("p = {p}: simulation (SGD)"), CHOSEN, t_sim, e_sim));
    Figure {
        id: "error".into(),
        title: "Generalisation error with dropout".into(),
        subtitle: format!(
            "simulation at {}; test output scaled by p_f = {}; lines: ODE from the same start{}",
            conditions(run),
            format_float(s.test_scale()),
            tr.divergence_note()
                + &run.reference.diverged.map(|t| format!("; without dropout at t ≈ {t:.3}")).unwrap_or_default()
        ),
        x: page::time_axis(T_MIN, s.t_max),
        y: axis,
        series,
        heatmap: None,
        network: None,
    }
}

fn sweep_figure(run: &DropoutRun) -> Figure {
    let s = &run.settings;
    let sweep = &run.sweep;
    let mut series = Vec::new();
    let (mut best_p, mut best_e) = (Vec::new(), Vec::new());
    let mut others = FIRST_NOISE..;
    for (row, &noise) in sweep.noises.iter().enumerate() {
        // The run's own noise level in the colour of the run, the others in colours of their own.
        let (group, label) = if (noise - s.noise).abs() <= 1e-9 {
            (CHOSEN, format!("σ = {} (this run): ODE", format_float(noise)))
        } else {
            (others.next().unwrap_or(FIRST_NOISE), format!("σ = {}: ODE", format_float(noise)))
        };
        let (p, e) = sweep.curve(row);
        series.push(page::theory(label, group, p, e));
        if let Some((p, e)) = sweep.optimum(row) {
            best_p.push(p);
            best_e.push(e);
        }
    }
    series.push(Series {
        label: "best p of each curve (ODE)".into(),
        kind: SeriesKind::Simulation,
        group: OPTIMA,
        x: best_p,
        y: best_e,
        y_err: None,
        secondary: false,
    });
    let tr = &run.trajectory;
    if let Some(last) = tr.final_simulated() {
        let e = run.error(last);
        series.push(page::simulation("simulation at t_max (this run)", CHOSEN, vec![s.keep], vec![e]));
    }
    // A linear axis from 0: without noise and trained long, the error at p = 1 falls by decades,
    // which a log axis would let squash the curves that matter.
    let highest = series.iter().flat_map(|x| x.y.iter().copied()).filter(|e| e.is_finite()).fold(0.0, f64::max);
    let axis = Axis {
        label: format!("ε_g at t_max = {}", s.t_max),
        unit: String::new(),
        scale: Scale::Linear,
        range: (highest > 0.0).then_some([0.0, 1.1 * highest]),
    };
    let scaling = match s.rescale {
        super::Rescale::Keep => "p_f = p",
        super::Rescale::None => "p_f = 1",
    };
    Figure {
        id: "keep".into(),
        title: "Error at the end of training against the keep-probability".into(),
        subtitle: format!(
            "ODE from the simulation's start, {} values of p per curve; test output scaled by {scaling}",
            sweep.keeps.len()
        ),
        x: Axis {
            label: "p, keep-probability (1 − dropout rate)".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some([0.15, 1.05]),
        },
        y: axis,
        series,
        heatmap: None,
        network: None,
    }
}

/// The mean overlap Q_ik over the pairs i < k of student units.
fn mean_cross_overlap(k: usize, o: &Overlaps) -> f64 {
    let mut sum = 0.0;
    for i in 0..k {
        for j in i + 1..k {
            sum += o.q[i * k + j];
        }
    }
    sum / (k * (k - 1) / 2) as f64
}

fn correlation_figure(run: &DropoutRun) -> Figure {
    let s = &run.settings;
    let tr = &run.trajectory;
    let k = s.k;
    let p = format_float(s.keep);
    let mut series = Vec::new();
    if s.keep < 1.0 {
        let rule = &run.reference;
        let (t, y) = page::positive_times(&rule.times, rule.overlaps.iter().map(|o| mean_cross_overlap(k, o)));
        series.push(Series { secondary: true, ..page::theory("no dropout (p = 1): ODE", NO_DROPOUT, t, y) });
    }
    let (t, y) = page::positive_times(tr.theory_times(), tr.theory.iter().map(|o| mean_cross_overlap(k, o)));
    series.push(page::theory(format!("p = {p}: ODE"), CHOSEN, t, y));
    let (t, y) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(|o| mean_cross_overlap(k, o)));
    series.push(page::simulation(format!("p = {p}: simulation (SGD)"), CHOSEN, t, y));
    Figure {
        id: "correlation".into(),
        title: "Correlation of the student units".into(),
        subtitle: format!("Q_ik = w_i·w_k/N averaged over the {} pairs i < k; {}", k * (k - 1) / 2, conditions(run)),
        x: page::time_axis(T_MIN, s.t_max),
        y: Axis { label: "mean Q_ik, i ≠ k".into(), unit: String::new(), scale: Scale::Linear, range: None },
        series,
        heatmap: None,
        network: None,
    }
}
