//! The figures: the population rate and the mean potential against time, the raster, the (r, v)
//! phase plane, the bistability region in (η̄, J̄) and the Kuramoto order parameter.

use super::Settings;
use super::rate_equations::{self as rate, Adaptation, FixedPoint, Population, fixed_points, fold};
use super::run::{RASTER_CAP, Simulation, WATCHED};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind, format_float};
use std::f64::consts::PI;

/// Most markers of the phase-plane and Kuramoto figures.
const MAX_MARKERS: usize = 400;
/// Most points of a theory line against time.
const MAX_LINE: usize = 2000;

const RATE: u32 = 0;
const VOLTAGE: u32 = 1;
const STABLE: u32 = 2;
const UNSTABLE: u32 = 3;
const NULLCLINE_R: u32 = 4;
const NULLCLINE_V: u32 = 5;
const PULSE: u32 = 6;

/// What the figures need of the theory beyond the trajectory, computed when a run starts.
pub struct Static {
    pub rest: Vec<FixedPoint>,
    pub pulse: Vec<FixedPoint>,
    pub cusp: (f64, (f64, f64)),
}

impl Static {
    pub fn new(s: &Settings) -> Self {
        let pop = s.population();
        Static { rest: fixed_points(&pop, 0.0), pulse: fixed_points(&pop, s.current), cusp: rate::cusp(&pop) }
    }
}

fn num(x: f64) -> String {
    format_float(format!("{x:.3e}").parse().unwrap_or(x))
}

fn theory(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind: SeriesKind::Theory, group, x, y, y_err: None, secondary: false }
}

fn measured(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind: SeriesKind::Simulation, group, x, y, y_err: None, secondary: false }
}

fn axis(label: &str, unit: &str, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: unit.into(), scale: Scale::Linear, range }
}

/// Every k-th element so that at most `max` remain (the last always kept).
fn thin<T: Copy>(items: &[T], max: usize) -> Vec<T> {
    let k = items.len().div_ceil(max.max(1)).max(1);
    let mut out: Vec<T> = items.iter().step_by(k).copied().collect();
    if let Some(&last) = items.last() {
        if (items.len() - 1) % k != 0 {
            out.push(last);
        }
    }
    out
}

/// A small ring (stable point) or cross (unstable point) drawn as a line, `size` in axis units.
fn glyph(x: f64, y: f64, size: (f64, f64), ring: bool) -> (Vec<f64>, Vec<f64>) {
    if ring {
        (0..=24)
            .map(|k| {
                let a = 2.0 * PI * k as f64 / 24.0;
                (x + size.0 * libm::cos(a), y + size.1 * libm::sin(a))
            })
            .unzip()
    } else {
        // The two diagonals in one stroke, the second half of the first one traced twice.
        let (dx, dy) = size;
        let xs = vec![x - dx, x + dx, x, x - dx, x + dx];
        let ys = vec![y - dy, y + dy, y, y + dy, y - dy];
        (xs, ys)
    }
}

fn conditions(s: &Settings) -> String {
    let mut text = format!(
        "network N = {}, dt = {} τ, τ_s = {} τ; points: network, lines: rate equations",
        s.n,
        num(s.dt),
        num(s.pop.tau_s)
    );
    if matches!(s.pop.adaptation, Adaptation::Individual { .. }) {
        text.push_str("; individual adaptation: the rate equations are an approximation (a_i ≈ a)");
    }
    text
}

pub fn frame(sim: &Simulation, view: &Static) -> Frame {
    let s = &sim.settings;
    let mut figures = vec![rate_figure(sim), voltage_figure(sim), raster_figure(sim)];
    figures.push(phase_plane(sim, view));
    figures.push(bistability(s, view));
    figures.push(kuramoto_figure(sim));
    Frame { figures }
}

fn pulse_note(s: &Settings) -> String {
    if s.current == 0.0 {
        String::new()
    } else {
        format!(", I = {} for {} ≤ t < {}", num(s.current), num(s.t_on), num(s.t_off))
    }
}

fn time_axis(s: &Settings) -> Axis {
    axis("t, time", "τ", Some([0.0, s.t_max]))
}

fn diverged_note(sim: &Simulation) -> String {
    sim.theory.diverged_at.map(|t| format!(" (the rate equations diverge at t = {})", num(t))).unwrap_or_default()
}

fn rate_figure(sim: &Simulation) -> Figure {
    let s = &sim.settings;
    let th = thin(&sim.theory.samples, MAX_LINE);
    let w = s.bin_width();
    let mids: Vec<f64> = (0..sim.measured.rate.len()).map(|b| (b as f64 + 0.5) * w).collect();
    Figure {
        id: "rate".into(),
        title: format!("Population rate{}", pulse_note(s)),
        subtitle: format!("{}; network spike counts in bins of {} τ{}", conditions(s), num(w), diverged_note(sim)),
        x: time_axis(s),
        y: axis("r, population rate", "1/τ", None),
        series: vec![
            theory(
                "r(t): rate equations (MPR)",
                RATE,
                th.iter().map(|p| p.0).collect(),
                th.iter().map(|p| p.1).collect(),
            ),
            measured("r(t): network", RATE, mids, sim.measured.rate.clone()),
        ],
        heatmap: None,
        network: None,
    }
}

fn voltage_figure(sim: &Simulation) -> Figure {
    let s = &sim.settings;
    let th = thin(&sim.theory.samples, MAX_LINE);
    let net = &sim.measured.samples;
    Figure {
        id: "voltage".into(),
        title: "Mean membrane potential".into(),
        subtitle: format!("{}; network: mean of the V_i with |V_i| < 100", conditions(s)),
        x: time_axis(s),
        y: axis("v, mean potential", "", None),
        series: vec![
            theory(
                "v(t): rate equations (MPR)",
                VOLTAGE,
                th.iter().map(|p| p.0).collect(),
                th.iter().map(|p| p.2).collect(),
            ),
            measured("v(t): network", VOLTAGE, net.iter().map(|p| p.0).collect(), net.iter().map(|p| p.1).collect()),
        ],
        heatmap: None,
        network: None,
    }
}

fn raster_figure(sim: &Simulation) -> Figure {
    let s = &sim.settings;
    let raster = &sim.measured.raster;
    let cap = if raster.len() >= RASTER_CAP { format!(" (the first {RASTER_CAP} spikes)") } else { String::new() };
    Figure {
        id: "raster".into(),
        title: format!("Spikes of {} neurons ordered by η", WATCHED.min(s.n)),
        subtitle: format!("network N = {}, every {}-th neuron in the order of η{cap}", s.n, (s.n / WATCHED).max(1)),
        x: time_axis(s),
        y: axis("neuron k (η increases with k)", "", Some([-1.0, WATCHED.min(s.n) as f64])),
        series: vec![measured(
            "spike of neuron k (network)",
            RATE,
            raster.iter().map(|p| p.0).collect(),
            raster.iter().map(|p| p.1 as f64).collect(),
        )],
        heatmap: None,
        network: None,
    }
}

/// The paths of the v-nullcline v² = π²r² − (J̄ − β)r − (η̄ + I) on (0, r_top]: each interval where
/// the right side is positive, as one path along both signs of v.
fn v_nullcline(pop: &Population, current: f64, r_top: f64) -> Vec<(Vec<f64>, Vec<f64>)> {
    let b = pop.j_bar - pop.adaptation.beta();
    let c0 = pop.eta_bar + current;
    let radicand = |r: f64| (PI * PI * r * r - b * r - c0).max(0.0);
    let disc = b * b + 4.0 * PI * PI * c0;
    let grid = |a: f64, z: f64| -> Vec<f64> { (0..=300).map(|k| a + (z - a) * k as f64 / 300.0).collect() };
    let loop_through = |rs: Vec<f64>, upper_first: bool| {
        let sign = if upper_first { 1.0 } else { -1.0 };
        let mut x: Vec<f64> = rs.clone();
        let mut y: Vec<f64> = rs.iter().map(|&r| sign * radicand(r).sqrt()).collect();
        x.extend(rs.iter().rev());
        y.extend(rs.iter().rev().map(|&r| -sign * radicand(r).sqrt()));
        (x, y)
    };
    let mut paths = Vec::new();
    if disc < 0.0 {
        let rs = grid(0.0, r_top);
        paths.push((rs.clone(), rs.iter().map(|&r| radicand(r).sqrt()).collect()));
        paths.push((rs.clone(), rs.iter().map(|&r| -radicand(r).sqrt()).collect()));
        return paths;
    }
    let (r1, r2) = ((b - disc.sqrt()) / (2.0 * PI * PI), (b + disc.sqrt()) / (2.0 * PI * PI));
    if r1 > 0.0 {
        paths.push(loop_through(grid(0.0, r1.min(r_top)), true));
    }
    if r2 < r_top {
        let start = r2.max(0.0);
        if r2 > 0.0 {
            let rs: Vec<f64> = grid(start, r_top).into_iter().rev().collect();
            paths.push(loop_through(rs, false));
        } else {
            let rs = grid(0.0, r_top);
            paths.push((rs.clone(), rs.iter().map(|&r| radicand(r).sqrt()).collect()));
            paths.push((rs.clone(), rs.iter().map(|&r| -radicand(r).sqrt()).collect()));
        }
    }
    paths
}

fn phase_plane(sim: &Simulation, view: &Static) -> Figure {
    let s = &sim.settings;
    let pop = s.population();
    let traj = &sim.theory.samples;
    let fps = view.rest.iter().chain(&view.pulse);
    let r_max = traj.iter().map(|p| p.1).chain(fps.clone().map(|f| f.r)).fold(0.1_f64, f64::max);
    let r_top = 1.15 * r_max.min(1e3);
    let vs = traj.iter().map(|p| p.2).chain(fps.map(|f| f.v)).filter(|v| v.is_finite());
    let (v_lo, v_hi) = vs.fold((-1.0_f64, 0.5_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (v_lo, v_hi) = (v_lo.max(-1e3), v_hi.min(1e3));
    let pad = 0.15 * (v_hi - v_lo);
    let (v_lo, v_hi) = (v_lo - pad, v_hi + pad);
    let size = (0.015 * r_top, 0.02 * (v_hi - v_lo));

    let rs: Vec<f64> = (1..=400).map(|k| r_top * k as f64 / 400.0).collect();
    let mut series = vec![theory(
        "r-nullcline (ṙ = 0)",
        NULLCLINE_R,
        rs.clone(),
        rs.iter().map(|&r| -(pop.delta + pop.delta_j * r) / (2.0 * PI * r)).collect(),
    )];
    for (k, (x, y)) in v_nullcline(&pop, 0.0, r_top).into_iter().enumerate() {
        let label = if k == 0 { "v-nullcline (v̇ = 0), I = 0" } else { "v-nullcline, I = 0, other branch" };
        series.push(theory(label, NULLCLINE_V, x, y));
    }
    if s.current != 0.0 {
        for (k, (x, y)) in v_nullcline(&pop, s.current, r_top).into_iter().enumerate() {
            let label = if k == 0 {
                format!("v-nullcline during the pulse, I = {}", num(s.current))
            } else {
                "v-nullcline during the pulse, other branch".into()
            };
            series.push(Series { secondary: true, ..theory(label, PULSE, x, y) });
        }
    }
    let th = thin(traj, MAX_LINE);
    series.push(theory(
        "trajectory: rate equations (MPR)",
        RATE,
        th.iter().map(|p| p.1).collect(),
        th.iter().map(|p| p.2).collect(),
    ));
    let pairs: Vec<(f64, f64)> =
        sim.measured.rate.iter().zip(sim.measured.samples.iter().skip(1)).map(|(&r, p)| (r, p.1)).collect();
    let pairs = thin(&pairs, MAX_MARKERS);
    series.push(measured(
        "(r, v): network",
        RATE,
        pairs.iter().map(|p| p.0).collect(),
        pairs.iter().map(|p| p.1).collect(),
    ));
    for (when, points) in [("I = 0", &view.rest), ("pulse", &view.pulse)] {
        if when == "pulse" && s.current == 0.0 {
            continue;
        }
        for f in points {
            let (x, y) = glyph(f.r, f.v, size, f.stable);
            let kind = if f.stable { "stable" } else { "unstable" };
            let label = format!("{kind} fixed point ({when}): r* = {}", num(f.r));
            series.push(theory(label, if f.stable { STABLE } else { UNSTABLE }, x, y));
        }
    }
    let stability = match pop.adaptation {
        Adaptation::None => "stability with instantaneous synapses (s = r)",
        _ => "a at its fixed value βr in the nullclines; stability of (r, v, a) with s = r",
    };
    Figure {
        id: "phase-plane".into(),
        title: "Phase plane of the rate equations".into(),
        subtitle: format!("{stability}; ring: stable, cross: unstable"),
        x: axis("r, population rate", "1/τ", Some([0.0, r_top])),
        y: axis("v, mean potential", "", Some([v_lo, v_hi])),
        series,
        heatmap: None,
        network: None,
    }
}

fn bistability(s: &Settings, view: &Static) -> Figure {
    let pop = s.population();
    let (r_c, (eta_c, j_c)) = view.cusp;
    let x_lo = (-10.0_f64).min(s.pop.eta_bar - 1.0).min(eta_c - 4.0);
    let x_hi = (s.pop.eta_bar + s.current.max(0.0) + 1.0).max(eta_c + 2.0).max(2.0);
    let y_lo = (j_c - 6.0).min(s.pop.j_bar - 3.0);
    let y_hi = (3.0 * j_c).max(s.pop.j_bar + 5.0);
    let size = (0.012 * (x_hi - x_lo), 0.018 * (y_hi - y_lo));
    let branch = |lo: f64, hi: f64| {
        let points: Vec<(f64, f64)> =
            (0..=400).map(|k| fold(&pop, lo * libm::pow(hi / lo, k as f64 / 400.0))).collect();
        (points.iter().map(|p| p.0).collect::<Vec<f64>>(), points.iter().map(|p| p.1).collect::<Vec<f64>>())
    };
    let (x1, y1) = branch(r_c / 100.0, r_c);
    let (x2, y2) = branch(r_c, 100.0 * r_c);
    let mut series = vec![
        theory("fold of the low state (small r)", STABLE, x1, y1),
        theory("fold of the high state (large r)", UNSTABLE, x2, y2),
    ];
    let (cx, cy) = glyph(eta_c, j_c, size, false);
    series.push(theory(format!("cusp (η̄, J̄) = ({}, {})", num(eta_c), num(j_c)), NULLCLINE_R, cx, cy));
    let (px, py) = glyph(s.pop.eta_bar, s.pop.j_bar, size, true);
    series.push(theory(format!("this run: (η̄, J̄) = ({}, {})", num(s.pop.eta_bar), num(s.pop.j_bar)), RATE, px, py));
    if s.current != 0.0 {
        let (qx, qy) = glyph(s.pop.eta_bar + s.current, s.pop.j_bar, size, true);
        series.push(Series { secondary: true, ..theory("during the pulse: (η̄ + I, J̄)", PULSE, qx, qy) });
    }
    let shifts = match pop.adaptation {
        Adaptation::None => String::new(),
        _ => format!(", curves shifted by β = {} in J̄", num(pop.adaptation.beta())),
    };
    Figure {
        id: "bistability".into(),
        title: "Bistability region of the rate equations".into(),
        subtitle: format!(
            "three fixed points between the curves (I = 0, Δ = {}, Δ_J = {}{shifts}); cusp at r = {}",
            num(pop.delta),
            num(pop.delta_j),
            num(r_c)
        ),
        x: axis("η̄, mean excitability", "", Some([x_lo, x_hi])),
        y: axis("J̄, mean coupling", "", Some([y_lo, y_hi])),
        series,
        heatmap: None,
        network: None,
    }
}

fn kuramoto_figure(sim: &Simulation) -> Figure {
    let circle: (Vec<f64>, Vec<f64>) =
        (0..=120).map(|k| (libm::cos(2.0 * PI * k as f64 / 120.0), libm::sin(2.0 * PI * k as f64 / 120.0))).unzip();
    let th: Vec<(f64, f64)> = thin(&sim.theory.samples, MAX_LINE).iter().map(|p| rate::kuramoto(p.1, p.2)).collect();
    let net = thin(&sim.measured.samples, MAX_MARKERS);
    Figure {
        id: "kuramoto".into(),
        title: "Kuramoto order parameter Z = ⟨e^{iθ}⟩, θ = 2 arctan V".into(),
        subtitle: format!(
            "network N = {}; line: Z = (1 − W̄)/(1 + W̄), W = πr + iv of the rate equations",
            sim.settings.n
        ),
        x: axis("Re Z", "", Some([-1.05, 1.05])),
        y: axis("Im Z", "", Some([-1.05, 1.05])),
        series: vec![
            Series { secondary: true, ..theory("unit circle |Z| = 1", NULLCLINE_R, circle.0, circle.1) },
            theory(
                "Z(t): map of the rate equations",
                RATE,
                th.iter().map(|p| p.0).collect(),
                th.iter().map(|p| p.1).collect(),
            ),
            measured("Z(t): network", RATE, net.iter().map(|p| p.2).collect(), net.iter().map(|p| p.3).collect()),
        ],
        heatmap: None,
        network: None,
    }
}
