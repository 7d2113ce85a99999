//! The four figures: the collapse of x_i onto κ m_i, κ(t), the spectrum of J and the bifurcation
//! diagram of κ against the overlap; for rank two, the latent plane (κ₁, κ₂) in place of the
//! bifurcation diagram.

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
    if run.matrix_moments.is_some() {
        return rank_two_frame(run);
    }
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

/// The figures of a rank-two structure: the currents against m₁, the latent plane (κ₁, κ₂),
/// κ_r(t) and the spectrum with its two outliers.
fn rank_two_frame(run: &LowRankRun) -> Frame {
    let size = format!("N = {}, g = {}, t = {}", run.s.n, run.s.stats.g, time(run));
    let note = if run.latent.is_some() { "" } else { "; g ≥ 1: the theory does not apply" };
    Frame {
        figures: vec![
            rank_two_collapse(run, &size, note),
            latent_plane(run, &size, note),
            latent_time(run, &size, note),
            rank_two_spectrum(run),
        ],
    }
}

fn rank_two_collapse(run: &LowRankRun, size: &str, note: &str) -> Figure {
    let count = run.s.n.min(SCATTER_POINTS);
    let mut out = Vec::new();
    if let Some(l) = &run.latent {
        let last = l.trajectory.k.len() - 1;
        let (k, mu) = (l.trajectory.k[last][0], l.trajectory.mu[last]);
        let (lo, hi) = run.vectors.m.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        out.push(theory(
            format!("theory: x = k₁m₁ + μ on average over m₂, k₁ = {k:.4}"),
            0,
            vec![lo, hi],
            vec![k * lo + mu, k * hi + mu],
        ));
    }
    out.push(simulation(
        "simulation: units (x_i, m₁ᵢ)",
        0,
        run.vectors.m[..count].to_vec(),
        run.dynamics.x[..count].to_vec(),
    ));
    Figure {
        id: "collapse".into(),
        title: "Currents against the connectivity vector m₁".into(),
        subtitle: format!(
            "{size}; {count} of {} units drawn; the spread about the line is k₂m₂ plus the random part{note}",
            run.s.n
        ),
        x: axis("m₁ᵢ, entry of the connectivity vector m₁", None),
        y: axis("x_i, current of unit i", None),
        series: out,
        heatmap: None,
        network: None,
    }
}

/// Small circles of radius `r` about the points, cut by NaN, as one series.
fn markers(points: &[[f64; 2]], r: f64) -> (Vec<f64>, Vec<f64>) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for p in points {
        let (cx, cy) = circle(0.0, r);
        xs.extend(cx.iter().map(|x| x + p[0]));
        ys.extend(cy.iter().map(|y| y + p[1]));
        xs.push(f64::NAN);
        ys.push(f64::NAN);
    }
    (xs, ys)
}

fn latent_plane(run: &LowRankRun, size: &str, note: &str) -> Figure {
    let mut out = Vec::new();
    let sim_x: Vec<f64> = run.kappa_trace.iter().map(|p| p.1).collect();
    let sim_y: Vec<f64> = run.higher_trace.iter().map(|h| h[0]).collect();
    let mut reach = sim_x.iter().chain(&sim_y).fold(0.5f64, |a, v| a.max(v.abs()));
    if let Some(l) = &run.latent {
        let (tx, ty): (Vec<f64>, Vec<f64>) = l.trajectory.kappa.iter().map(|k| (k[0], k[1])).unzip();
        reach = tx.iter().chain(&ty).fold(reach, |a, v| a.max(v.abs()));
        let r = 0.03 * reach;
        if let Some(rho) = l.ring {
            let (cx, cy) = circle(0.0, rho);
            out.push(theory(format!("theory: ring of fixed points, |κ| = {rho:.4}"), 1, cx, cy));
        }
        if let Some(c) = l.cycle {
            let (cx, cy) = circle(0.0, c.radius_kappa);
            out.push(theory(
                format!("theory: limit cycle, |κ| = {:.4}, period {:.3}", c.radius_kappa, c.period),
                1,
                cx,
                cy,
            ));
        }
        let stable: Vec<[f64; 2]> = l.fixed_points.iter().filter(|p| p.stable).map(|p| p.kappa).collect();
        let unstable: Vec<[f64; 2]> = l.fixed_points.iter().filter(|p| !p.stable).map(|p| p.kappa).collect();
        if !stable.is_empty() {
            let (x, y) = markers(&stable, r);
            out.push(theory("theory: stable fixed points", 1, x, y));
        }
        if !unstable.is_empty() {
            let (x, y) = markers(&unstable, r);
            let mut s = theory("theory: unstable fixed points", 2, x, y);
            s.secondary = true;
            out.push(s);
        }
        out.push(theory("theory: latent flow from x(0)", 0, tx, ty));
    }
    out.push(simulation("simulation: (κ₁, κ₂)(t)", 0, sim_x, sim_y));
    let reach = 1.1 * reach;
    Figure {
        id: "latent".into(),
        title: "The latent variables in their plane".into(),
        subtitle: format!(
            "{size}{note}; κ_r = n_rᵀφ(x)/N; the latent flow is exact at g = 0, at g > 0 exact at its fixed \
             points and otherwise an approximation"
        ),
        x: axis("κ₁", Some([-reach, reach])),
        y: axis("κ₂", Some([-reach, reach])),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn latent_time(run: &LowRankRun, size: &str, note: &str) -> Figure {
    let t_max = run.s.t_max;
    let mut out = Vec::new();
    if let Some(l) = &run.latent {
        for r in 0..2 {
            let y = l.trajectory.kappa.iter().map(|k| k[r]).collect();
            out.push(theory(
                format!("theory: κ{}(t), latent flow", ["₁", "₂"][r]),
                r as u32,
                l.trajectory.t.clone(),
                y,
            ));
        }
    }
    let ts: Vec<f64> = run.kappa_trace.iter().map(|p| p.0).collect();
    out.push(simulation("simulation: κ₁(t)", 0, ts.clone(), run.kappa_trace.iter().map(|p| p.1).collect()));
    out.push(simulation("simulation: κ₂(t)", 1, ts, run.higher_trace.iter().map(|h| h[0]).collect()));
    Figure {
        id: "kappa".into(),
        title: "The latent variables κ₁ and κ₂".into(),
        subtitle: format!("{size}{note}"),
        x: axis("t, time (units of τ)", Some([0.0, t_max])),
        y: axis("κ_r = (1/N) Σ n_ri φ(x_i)", None),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn rank_two_spectrum(run: &LowRankRun) -> Figure {
    let g = run.s.stats.g;
    let predicted = run.latent.as_ref().map(|l| l.eigenvalues).unwrap_or_else(|| {
        let f = super::latent::LatentField::new(super::latent::RankTwo {
            g,
            overlaps: run.s.overlaps,
            m_i: run.s.stats.m_i,
            s_i: run.s.stats.s_i,
        });
        f.eigenvalues()
    });
    let reach = predicted.iter().chain(&run.outliers).fold(g.max(0.2), |a, z| a.max(z.abs())) * 1.15;
    let mut out = Vec::new();
    let (cx, cy) = circle(0.0, g);
    out.push(theory("theory: bulk edge |λ| = g", 2, cx, cy));
    let outside: Vec<[f64; 2]> = predicted.iter().filter(|z| z.abs() > g).map(|z| [z.re, z.im]).collect();
    if !outside.is_empty() {
        let (ox, oy) = markers(&outside, 0.04 * reach);
        let names: Vec<String> = outside.iter().map(|z| format_complex(z[0], z[1])).collect();
        out.push(theory(format!("theory: outliers, eigenvalues of σ: {}", names.join(", ")), 1, ox, oy));
    }
    let full = run.s.n <= FULL_SPECTRUM_MAX;
    if let Some(ev) = &run.eigenvalues {
        let label = if full { "simulation: eigenvalues of J" } else { "simulation: bulk (rescaled block of gχ)" };
        out.push(simulation(label, 2, ev.iter().map(|z| z.re).collect(), ev.iter().map(|z| z.im).collect()));
    }
    if !full && !run.outliers.is_empty() {
        let names: Vec<String> = run.outliers.iter().map(|z| format_complex(z.re, z.im)).collect();
        out.push(simulation(
            format!("simulation: outliers of J, {}", names.join(", ")),
            1,
            run.outliers.iter().map(|z| z.re).collect(),
            run.outliers.iter().map(|z| z.im).collect(),
        ));
    }
    let subtitle = if full {
        format!("all eigenvalues of J, N = {}", run.s.n)
    } else {
        format!(
            "N = {}: bulk from the leading {FULL_SPECTRUM_MAX}×{FULL_SPECTRUM_MAX} block of gχ scaled by \
             √(N/{FULL_SPECTRUM_MAX}); outliers of J from det(I − Nᵀ(λ − gχ)⁻¹M/N) = 0",
            run.s.n
        )
    };
    Figure {
        id: "spectrum".into(),
        title: "Eigenvalues of J = gχ + m₁n₁ᵀ/N + m₂n₂ᵀ/N".into(),
        subtitle,
        x: axis("Re λ", Some([-reach, reach])),
        y: axis("Im λ", Some([-0.6 * reach, 0.6 * reach])),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn format_complex(re: f64, im: f64) -> String {
    if im == 0.0 {
        format!("{re:.3}")
    } else {
        format!("{re:.3} {} {:.3}i", if im < 0.0 { "−" } else { "+" }, im.abs())
    }
}
