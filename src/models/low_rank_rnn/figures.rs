//! The four figures: the collapse of x_i onto κ m_i, κ(t), the spectrum of J and the bifurcation
//! diagram of κ against the overlap.

use super::run::LowRankRun;
use super::spectrum::FULL_SPECTRUM_MAX;
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};

/// At most this many units are drawn in the scatter of x_i against m_i.
const SCATTER_POINTS: usize = 1500;
/// Points of the circle of radius g and of the ring around the predicted outlier.
const CIRCLE_POINTS: usize = 121;

fn axis(label: &str, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale: Scale::Linear, range }
}

fn series(label: impl Into<String>, kind: SeriesKind, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

fn theory(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    series(label, SeriesKind::Theory, group, x, y)
}

fn simulation(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    series(label, SeriesKind::Simulation, group, x, y)
}

fn circle(cx: f64, radius: f64) -> (Vec<f64>, Vec<f64>) {
    (0..CIRCLE_POINTS)
        .map(|k| {
            let a = 2.0 * std::f64::consts::PI * k as f64 / (CIRCLE_POINTS - 1) as f64;
            (cx + radius * libm::cos(a), radius * libm::sin(a))
        })
        .unzip()
}

/// The simulation's time, without the rounding errors of summing steps.
fn time(run: &LowRankRun) -> String {
    format_float((run.time() * 1e6).round() / 1e6)
}

pub fn frame(run: &LowRankRun) -> Frame {
    let size = format!("N = {}, g = {}, t = {}", run.s.n, run.s.stats.g, time(run));
    let note = if run.theory.is_some() { "" } else { "; g ≥ 1: the stationary theory does not apply" };
    Frame { figures: vec![collapse(run, &size, note), kappa(run, &size, note), spectrum(run), bifurcation(run, note)] }
}

fn collapse(run: &LowRankRun, size: &str, note: &str) -> Figure {
    let count = run.s.n.min(SCATTER_POINTS);
    let m = run.vectors.m[..count].to_vec();
    let x = run.dynamics.x[..count].to_vec();
    let mut out = Vec::new();
    if let Some(state) = run.theory.as_ref().and_then(|t| t.reached) {
        let (lo, hi) = run.vectors.m.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let line = |v: f64| state.kappa * v + run.s.stats.m_i;
        out.push(theory(
            format!("theory: x = κm + M_I, κ = {:.4}", state.kappa),
            0,
            vec![lo, hi],
            vec![line(lo), line(hi)],
        ));
    }
    out.push(simulation("simulation: units (x_i, m_i)", 0, m, x));
    Figure {
        id: "collapse".into(),
        title: "Currents against the connectivity vector m".into(),
        subtitle: format!("{size}; {count} of {} units drawn{note}", run.s.n),
        x: axis("m_i, entry of the connectivity vector m", None),
        y: axis("x_i, current of unit i", None),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn kappa(run: &LowRankRun, size: &str, note: &str) -> Figure {
    let t_max = run.s.t_max;
    let mut out = Vec::new();
    if let Some(t) = &run.theory {
        let reached = t.reached.map(|s| s.kappa);
        for s in t.states.iter().filter(|s| s.stable) {
            let main = Some(s.kappa) == reached;
            let label = if main {
                format!("theory: stationary κ = {:.4} reached from x(0)", s.kappa)
            } else {
                format!("theory: other stable κ = {:.4}", s.kappa)
            };
            let mut line = theory(label, 1, vec![0.0, t_max], vec![s.kappa, s.kappa]);
            line.secondary = !main;
            out.push(line);
        }
    }
    let (ts, ks) = run.kappa_trace.iter().copied().unzip();
    out.push(simulation("simulation: κ(t) = nᵀφ(x)/N", 1, ts, ks));
    let bound = run.vectors.n.iter().map(|v| v.abs()).sum::<f64>() / run.s.n as f64;
    Figure {
        id: "kappa".into(),
        title: "The latent variable κ".into(),
        subtitle: format!("{size}{note}"),
        x: axis("t, time (units of τ)", Some([0.0, t_max])),
        y: axis("κ = (1/N) Σ n_i φ(x_i)", Some([-1.05 * bound, 1.05 * bound])),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn spectrum(run: &LowRankRun) -> Figure {
    let g = run.s.stats.g;
    let predicted = run.s.stats.outlier();
    let reach = g.max(predicted.abs()).max(run.outlier.map_or(0.0, f64::abs)).max(0.2) * 1.15;
    let mut out = Vec::new();
    let (cx, cy) = circle(0.0, g);
    out.push(theory("theory: bulk edge |λ| = g", 2, cx, cy));
    if predicted.abs() > g {
        let (ox, oy) = circle(predicted, 0.04 * reach);
        out.push(theory(format!("theory: outlier M_m M_n + Σ_mn = {predicted:.3}"), 1, ox, oy));
    }
    let full = run.s.n <= FULL_SPECTRUM_MAX;
    if let Some(ev) = &run.eigenvalues {
        let label = if full { "simulation: eigenvalues of J" } else { "simulation: bulk (rescaled block of gχ)" };
        out.push(simulation(label, 2, ev.iter().map(|z| z.re).collect(), ev.iter().map(|z| z.im).collect()));
    }
    if let (Some(lambda), false) = (run.outlier, full) {
        out.push(simulation(format!("simulation: outlier of J, {lambda:.3}"), 1, vec![lambda], vec![0.0]));
    }
    let subtitle = if full {
        format!("all eigenvalues of J, N = {}", run.s.n)
    } else {
        let outlier = if run.outlier.is_some() || run.eigenvalues.is_none() {
            "outlier of J from nᵀ(λ − gχ)⁻¹m = N"
        } else {
            "no outlier of J separated from the bulk"
        };
        format!(
            "N = {}: bulk from the leading {FULL_SPECTRUM_MAX}×{FULL_SPECTRUM_MAX} block of gχ scaled by \
             √(N/{FULL_SPECTRUM_MAX}); {outlier}",
            run.s.n
        )
    };
    let subtitle =
        if run.eigenvalues.is_none() && run.s.n > 0 { format!("{subtitle} (computing…)") } else { subtitle };
    Figure {
        id: "spectrum".into(),
        title: "Eigenvalues of J = gχ + m nᵀ/N".into(),
        subtitle,
        x: axis("Re λ", Some([-reach, reach])),
        y: axis("Im λ", Some([-0.6 * reach, 0.6 * reach])),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn bifurcation(run: &LowRankRun, note: &str) -> Figure {
    let mut out = Vec::new();
    let lambda = run.s.stats.outlier();
    let mut range = [lambda - 1.0, lambda + 1.0];
    if let Some(t) = &run.theory {
        range = t.overlap_range;
        let (mut stable_named, mut unstable_named) = (false, false);
        for b in &t.branches {
            let named = if b.stable { &mut stable_named } else { &mut unstable_named };
            let label = match (*named, b.stable) {
                (true, _) => "",
                (false, true) => "theory: stable states",
                (false, false) => "theory: unstable states",
            };
            *named = true;
            let mut line = theory(label, 0, b.overlap.clone(), b.kappa.clone());
            line.secondary = !b.stable;
            out.push(line);
        }
    }
    let done = run.dynamics.steps > 0;
    if done {
        out.push(simulation(format!("simulation: κ at t = {}", time(run)), 1, vec![lambda], vec![run.dynamics.kappa]));
    }
    Figure {
        id: "bifurcation".into(),
        title: "Stationary κ against the overlap".into(),
        subtitle: format!(
            "mean field over the overlap (varied through Σ_mn); point: simulation, N = {}{note}",
            run.s.n
        ),
        x: axis("λ = M_m M_n + Σ_mn, overlap of m and n", Some(range)),
        y: axis("κ", None),
        series: out,
        heatmap: None,
        network: None,
    }
}
