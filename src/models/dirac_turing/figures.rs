//! The figures of the Dirac–Turing page: the complex with nodes coloured by u and edges by v, the
//! dispersion relation against s² with the complex's own s_k², and ‖u‖, ‖v‖ against time with the
//! growth of the fastest mode.

use super::complex::Kind;
use super::run::DiracRun;
use crate::model::{Axis, Figure, Frame, Network, Scale, Series, SeriesKind, format_float};

/// Points of each theory curve.
const CURVE: usize = 400;
/// Most points of each norm drawn.
const DRAWN: usize = 250;

pub(crate) fn axis(label: &str, scale: Scale) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale, range: None }
}

pub(crate) fn series(label: &str, kind: SeriesKind, group: u32, points: Vec<(f64, f64)>) -> Series {
    let (x, y) = points.into_iter().unzip();
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

pub(crate) fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

pub fn frame(run: &DiracRun) -> Frame {
    Frame { figures: vec![complex(run), dispersion(run), growth(run)] }
}

/// The run's time, to four decimals and no more digits than needed.
fn time(run: &DiracRun) -> String {
    format_float(libm::round(run.time() * 1e4) / 1e4)
}

fn size(run: &DiracRun) -> String {
    let c = &run.complex;
    match run.s.kind {
        Kind::Square => {
            format!("{0}×{0} square torus: {1} nodes, {2} edges, {3} squares", run.s.l, c.n0, c.n1(), c.n2())
        }
        Kind::Triangulated => {
            format!("{0}×{0} triangulated torus: {1} nodes, {2} edges, {3} triangles", run.s.l, c.n0, c.n1(), c.n2())
        }
        Kind::Geometric => format!("random geometric graph: {} nodes, {} edges", c.n0, c.n1()),
    }
}

fn largest(x: &[f64]) -> f64 {
    x.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300)
}

fn complex(run: &DiracRun) -> Figure {
    let d = &run.drawing;
    let (u, v) = (run.u(), run.v());
    let (top_u, top_v) = (largest(u), largest(v));
    let mut f = figure(
        "complex",
        "Node signal u and edge signal v on the complex",
        format!(
            "t = {}; nodes: u (bar); edges: v, same colours up to |v| = {}; {}",
            time(run),
            short(top_v),
            size(run)
        ),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    f.network = Some(Network {
        x: d.x.clone(),
        y: d.y.clone(),
        values: d.shows.iter().map(|&i| u[i]).collect(),
        range: [-top_u, top_u],
        label: "u_i, node signal".into(),
        edges: d.edges.clone(),
        directed: false,
        edge_values: Some(v.to_vec()),
        edge_range: Some([-top_v, top_v]),
    });
    f
}

/// Three significant digits: plain between 0.001 and 1000, else with an exponent.
pub(crate) fn short(x: f64) -> String {
    if x == 0.0 || (1e-3..1e3).contains(&x.abs()) {
        let digits = (2 - libm::floor(libm::log10(x.abs().max(1e-3))) as i32).max(0) as usize;
        format!("{x:.digits$}")
    } else {
        format!("{x:.2e}").replace("e-", "e−")
    }
}

fn dispersion(run: &DiracRun) -> Figure {
    let th = run.theory();
    let pairs = run.pairs();
    let s2_max = pairs.iter().map(|p| p.0).fold(0.0, f64::max);
    let cross = th.cross_diffusion();
    let band_top = if cross { 0.0 } else { th.band().map_or(0.0, |b| b.1) };
    let top = 1.1 * s2_max.max(band_top).max(if cross { 0.0 } else { th.critical_s2() }).max(1.0);
    let curve: Vec<(f64, f64)> =
        (0..=CURVE).map(|k| top * k as f64 / CURVE as f64).map(|x| (x, th.growth(x.sqrt()))).collect();
    let (grow, decay): (Vec<_>, Vec<_>) = pairs.iter().partition(|p| p.1 > 0.0);
    let mut zero = series("", SeriesKind::Theory, 6, vec![(0.0, 0.0), (top, 0.0)]);
    zero.secondary = true;
    let cg = th.c * th.gamma;
    let threshold = if cross {
        format!("cγ = {}; with cross-diffusion no closed-form threshold", format_float(cg))
    } else {
        let star = th.threshold();
        format!(
            "cγ = {} {} cγ* = {star:.5} (s*² = {:.4})",
            format_float(cg),
            if cg > star { ">" } else { "≤" },
            th.critical_s2()
        )
    };
    let intervals = th.unstable_intervals(top, 2000);
    let band = if intervals.is_empty() {
        "no unstable band".to_string()
    } else {
        let list: Vec<String> = intervals.iter().map(|(a, b)| format!("({a:.4}, {b:.4})")).collect();
        format!("unstable band s² ∈ {}, {} pairs in it", list.join(" ∪ "), grow.len())
    };
    figure(
        "dispersion",
        "Dispersion relation and the complex's singular values",
        format!("{threshold}; {band}"),
        axis("s² (eigenvalue of L0 and of L1)", Scale::Linear),
        axis("growth rate max Re eig M(s)", Scale::Linear),
        vec![
            zero,
            series("max Re eig M(s), linear theory", SeriesKind::Theory, 0, curve),
            series("singular pairs of this complex, stable", SeriesKind::Simulation, 0, decay),
            series("unstable", SeriesKind::Simulation, 1, grow),
        ],
    )
}

fn thinned(t: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
    let every = t.len().div_ceil(DRAWN).max(1);
    let mut out: Vec<(f64, f64)> =
        t.iter().zip(y).step_by(every).filter(|p| *p.1 > 0.0).map(|(&t, &y)| (t, y)).collect();
    if let (Some(&t), Some(&y)) = (t.last(), y.last()) {
        if out.last() != Some(&(t, y)) && y > 0.0 {
            out.push((t, y));
        }
    }
    out
}

fn growth(run: &DiracRun) -> Figure {
    let mut out = vec![
        series("‖u‖, nodes (RK4)", SeriesKind::Simulation, 0, thinned(&run.t, &run.norm_u)),
        series("‖v‖, edges (RK4)", SeriesKind::Simulation, 1, thinned(&run.t, &run.norm_v)),
    ];
    let (t0, t1) = run.fit_window();
    if let (Some(rate), Some(i)) = (run.growth_theory(), run.t.iter().position(|&t| t >= t0)) {
        // The fastest mode's growth from each norm at the start of the fit, over the linear stage.
        let end = if run.linear_end.is_some() { t1 } else { run.s.t_max };
        for (k, (name, norms)) in [("u", &run.norm_u), ("v", &run.norm_v)].into_iter().enumerate() {
            let (ta, ya) = (run.t[i], norms[i]);
            if ya <= 0.0 {
                continue;
            }
            let line: Vec<(f64, f64)> = (0..=CURVE)
                .map(|j| ta + (end - ta) * j as f64 / CURVE as f64)
                .map(|t| (t, ya * libm::exp(rate * (t - ta))))
                .collect();
            let label = if k == 0 {
                format!("fastest mode, rate {rate:.5} (theory)")
            } else {
                format!("the same rate from ‖{name}‖")
            };
            out.push(series(&label, SeriesKind::Theory, k as u32, line));
        }
    }
    let measured = match run.growth_measured() {
        Some(g) => format!("fitted rate {g:.5} over t ∈ [{}, {}]", short_time(t0), short_time(t1)),
        None => "rate fitted once the linear stage is over".into(),
    };
    figure(
        "growth",
        "Growth of the node and edge signals",
        format!("{measured}; linear stage: every entry below {}; {}", format_float(super::LINEAR_LIMIT), size(run)),
        axis("t", Scale::Linear),
        axis("‖u‖, ‖v‖", Scale::Log),
        out,
    )
}

fn short_time(t: f64) -> String {
    format_float(libm::round(t * 100.0) / 100.0)
}
