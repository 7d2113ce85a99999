//! The page's figures: the phase plane (nullclines, flow, fixed points, trajectory), E(t) and I(t),
//! and the bifurcation diagram against P. The theory is computed once, when the run starts.

use super::Settings;
use super::branch::{self, BranchPoint};
use super::node::{FixedPoint, Node, Population, Stability};
use super::run::{BIFURCATION_SETTLE, BIFURCATION_WINDOW, Extremes, Trajectory};
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};
use crate::plot::tick_label;

/// Colour groups, one meaning each across the three figures.
const EXCITATORY: u32 = 0;
const INHIBITORY: u32 = 1;
const STABLE: u32 = 2;
const UNSTABLE: u32 = 3;
const SADDLE: u32 = 4;
const SIMULATED: u32 = 5;
const REFERENCE: u32 = 6;

/// The plot's height over its width, about (see `plot::height_for`): arrows and rings are drawn
/// round for it.
const ASPECT: f64 = 0.62;
/// Samples of a nullcline before thinning, and the least distance kept between drawn points
/// (as a share of the plot's width).
const NULLCLINE_SAMPLES: usize = 6000;
const THIN: f64 = 0.005;
/// Most points of E(t) and I(t) drawn: markers closer than a few pixels would make a thick line.
const TIME_POINTS: usize = 500;
/// The vector field's arrows: columns and rows.
const ARROWS: (usize, usize) = (16, 11);
/// Radius of the rings that mark points, as a share of the plot's width.
const RING: f64 = 0.012;

/// The group of a fixed point's colour.
fn group(stability: Stability) -> u32 {
    match stability {
        Stability::StableNode | Stability::StableFocus => STABLE,
        Stability::Saddle => SADDLE,
        Stability::UnstableNode | Stability::UnstableFocus => UNSTABLE,
    }
}

/// The theory of a run: computed once, drawn in every frame.
pub struct Theory {
    pub fixed_points: Vec<FixedPoint>,
    pub saddle_nodes: Vec<BranchPoint>,
    pub hopf_points: Vec<BranchPoint>,
    phase_box: Bounds,
    phase_series: Vec<Series>,
    bifurcation_box: Bounds,
    bifurcation_series: Vec<Series>,
}

/// The ranges of a figure's axes.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    x: [f64; 2],
    y: [f64; 2],
}

impl Bounds {
    /// Widened by a share `pad` of each side.
    fn padded(x: [f64; 2], y: [f64; 2], pad: f64) -> Self {
        let (dx, dy) = (pad * (x[1] - x[0]), pad * (y[1] - y[0]));
        Bounds { x: [x[0] - dx, x[1] + dx], y: [y[0] - dy, y[1] + dy] }
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        self.x[0] <= x && x <= self.x[1] && self.y[0] <= y && y <= self.y[1]
    }

    /// A point in plot units: the width is 1 and the height ASPECT.
    fn unit_of(&self, (x, y): (f64, f64)) -> (f64, f64) {
        ((x - self.x[0]) / (self.x[1] - self.x[0]), ASPECT * (y - self.y[0]) / (self.y[1] - self.y[0]))
    }

    fn point_at(&self, (u, v): (f64, f64)) -> (f64, f64) {
        (self.x[0] + u * (self.x[1] - self.x[0]), self.y[0] + v / ASPECT * (self.y[1] - self.y[0]))
    }
}

/// A line of several pieces in one series: NaN between pieces.
#[derive(Default)]
struct Polyline {
    x: Vec<f64>,
    y: Vec<f64>,
}

impl Polyline {
    fn cut(&mut self) {
        if self.x.last().is_some_and(|x| x.is_finite()) {
            self.x.push(f64::NAN);
            self.y.push(f64::NAN);
        }
    }

    fn push(&mut self, (x, y): (f64, f64)) {
        self.x.push(x);
        self.y.push(y);
    }

    /// Points in order, `None` for a gap: kept inside `bounds`, cut where they leave, and thinned
    /// to points at least [`THIN`] apart (a piece's ends are always kept).
    fn trace(points: impl Iterator<Item = Option<(f64, f64)>>, bounds: &Bounds) -> Self {
        let mut line = Polyline::default();
        let mut last_kept: Option<(f64, f64)> = None;
        let mut pending: Option<(f64, f64)> = None;
        for point in points {
            match point.filter(|&q| bounds.contains(q)) {
                Some(q) => {
                    let (u, v) = bounds.unit_of(q);
                    let far = last_kept.is_none_or(|(a, b)| libm::hypot(u - a, v - b) >= THIN);
                    if far {
                        line.push(q);
                        last_kept = Some((u, v));
                        pending = None;
                    } else {
                        pending = Some(q);
                    }
                }
                None => {
                    if let Some(q) = pending.take() {
                        line.push(q);
                    }
                    line.cut();
                    last_kept = None;
                }
            }
        }
        if let Some(q) = pending {
            line.push(q);
        }
        line
    }

    /// A small ring around `centre`, drawn round on the plot.
    fn ring(&mut self, centre: (f64, f64), bounds: &Bounds) {
        let (u, v) = bounds.unit_of(centre);
        for k in 0..=16 {
            let a = std::f64::consts::TAU * k as f64 / 16.0;
            self.push(bounds.point_at((u + RING * libm::cos(a), v + RING * libm::sin(a))));
        }
        self.cut();
    }

    fn series(self, label: String, group: u32, secondary: bool) -> Series {
        Series { label, kind: SeriesKind::Theory, group, x: self.x, y: self.y, y_err: None, secondary }
    }
}

/// Points spaced evenly in the logit of a population's logistic, over its whole stationary range
/// (dense where the sigmoid turns, sparse where it saturates).
fn stationary_grid(pop: &Population, samples: usize) -> impl Iterator<Item = f64> + '_ {
    let offset = pop.sigmoid.offset();
    (0..samples).map(move |k| {
        let t = -branch::LOGIT_RANGE + 2.0 * branch::LOGIT_RANGE * k as f64 / (samples - 1) as f64;
        let y = 1.0 / (1.0 + libm::exp(-t)) - offset;
        pop.sigmoid.sup() * y / (1.0 + pop.refractory * y)
    })
}

/// A fixed point's label: where it is and what it is.
fn describe(f: &FixedPoint) -> String {
    let ev = &f.eigenvalues;
    let lambda = if ev.im > 0.0 {
        format!("λ = {} ± {}i", tick_label(ev.re[0]), tick_label(ev.im))
    } else {
        format!("λ = {}, {}", tick_label(ev.re[0]), tick_label(ev.re[1]))
    };
    format!("{} at ({}, {}), {lambda}: theory", f.stability.name(), tick_label(f.e), tick_label(f.i))
}

impl Theory {
    pub fn new(s: &Settings) -> Self {
        let node = s.node;
        let fixed_points = node.fixed_points();
        let curve = branch::curve(&node);
        let saddle_nodes = branch::saddle_nodes(&node, &curve);
        let hopf_points = branch::hopf_points(&node, &curve);

        let [(e_lo, e_hi), (i_lo, i_hi)] = node.stationary_box();
        let phase_box = Bounds::padded([e_lo.min(s.e0), e_hi.max(s.e0)], [i_lo.min(s.i0), i_hi.max(s.i0)], 0.04);
        let phase_series = phase_theory(&node, &fixed_points, &phase_box);
        let bifurcation_box = Bounds::padded([s.p_min, s.p_max], [e_lo, e_hi], 0.0);
        let bifurcation_series = bifurcation_theory(&node, &curve, &saddle_nodes, &hopf_points, &bifurcation_box);
        Theory { fixed_points, saddle_nodes, hopf_points, phase_box, phase_series, bifurcation_box, bifurcation_series }
    }

    /// The non-saddle fixed point with the largest growth rate: the one a cycle winds around.
    pub fn focus(&self) -> Option<&FixedPoint> {
        self.fixed_points
            .iter()
            .filter(|f| f.stability != Stability::Saddle)
            .max_by(|a, b| a.eigenvalues.max_re().total_cmp(&b.eigenvalues.max_re()))
    }

    /// 2π/Im λ at that fixed point, when it is a focus: the period of the cycle near a Hopf point.
    pub fn focus_period(&self) -> Option<f64> {
        self.focus().filter(|f| f.eigenvalues.im > 0.0).map(|f| std::f64::consts::TAU / f.eigenvalues.im)
    }
}

fn phase_theory(node: &Node, fixed_points: &[FixedPoint], bounds: &Bounds) -> Vec<Series> {
    let e_line = stationary_grid(&node.excitatory, NULLCLINE_SAMPLES).map(|e| node.e_nullcline(e).map(|i| (e, i)));
    let i_line = stationary_grid(&node.inhibitory, NULLCLINE_SAMPLES).map(|i| node.i_nullcline(i).map(|e| (e, i)));
    let mut series = vec![
        flow(node, bounds).series("direction of the flow (dE/dt, dI/dt)".into(), REFERENCE, true),
        Polyline::trace(e_line, bounds).series("E-nullcline, dE/dt = 0: theory".into(), EXCITATORY, false),
        Polyline::trace(i_line, bounds).series("I-nullcline, dI/dt = 0: theory".into(), INHIBITORY, false),
    ];
    for f in fixed_points {
        let mut ring = Polyline::default();
        ring.ring((f.e, f.i), bounds);
        series.push(ring.series(describe(f), group(f.stability), false));
    }
    series
}

/// Arrows of equal length along the flow on a grid over the plot.
fn flow(node: &Node, bounds: &Bounds) -> Polyline {
    let (columns, rows) = ARROWS;
    let length = 0.55 / columns as f64;
    let mut arrows = Polyline::default();
    for a in 0..columns {
        for b in 0..rows {
            let (u, v) = ((a as f64 + 0.5) / columns as f64, ASPECT * (b as f64 + 0.5) / rows as f64);
            let (e, i) = bounds.point_at((u, v));
            let [de, di] = node.rate(e, i);
            // The direction on the plot: the rate in plot units per unit time.
            let (du, dv) = (de / (bounds.x[1] - bounds.x[0]), ASPECT * di / (bounds.y[1] - bounds.y[0]));
            let norm = libm::hypot(du, dv);
            if norm.is_nan() || norm <= 1e-12 {
                continue;
            }
            let (ux, uy) = (du / norm, dv / norm);
            let (tail, head) =
                ((u - 0.5 * length * ux, v - 0.5 * length * uy), (u + 0.5 * length * ux, v + 0.5 * length * uy));
            // Two barbs at ±25° from the shaft, a third of its length.
            let (c, s, barb) = (libm::cos(0.436), libm::sin(0.436), length / 3.0);
            let left = (head.0 - barb * (c * ux - s * uy), head.1 - barb * (s * ux + c * uy));
            let right = (head.0 - barb * (c * ux + s * uy), head.1 - barb * (-s * ux + c * uy));
            for p in [tail, head, left] {
                arrows.push(bounds.point_at(p));
            }
            arrows.cut();
            for p in [head, right] {
                arrows.push(bounds.point_at(p));
            }
            arrows.cut();
        }
    }
    arrows
}

fn bifurcation_theory(
    node: &Node,
    curve: &[Option<BranchPoint>],
    saddle_nodes: &[BranchPoint],
    hopf_points: &[BranchPoint],
    bounds: &Bounds,
) -> Vec<Series> {
    let groups = [(STABLE, "stable fixed points"), (SADDLE, "saddles"), (UNSTABLE, "unstable fixed points")];
    let class = |k: usize| curve.get(k).copied().flatten().map(|b| group(b.stability));
    let mut series: Vec<Series> = groups
        .iter()
        .map(|&(g, name)| {
            // A point belongs to its class's line, and to its neighbours' so that the lines meet.
            let points = (0..curve.len()).map(|k| {
                let near = [k.wrapping_sub(1), k, k + 1].into_iter().any(|n| class(n) == Some(g));
                curve[k].filter(|_| near && class(k).is_some()).map(|b| (b.p, b.e))
            });
            Polyline::trace(points, bounds).series(format!("{name}: theory"), g, false)
        })
        .collect();
    let mut current = Polyline::default();
    current.push((node.p, bounds.y[0]));
    current.push((node.p, bounds.y[1]));
    series.push(current.series(format!("current input P = {}", tick_label(node.p)), REFERENCE, true));
    for (points, name, g) in [(saddle_nodes, "saddle-node", EXCITATORY), (hopf_points, "Hopf point", INHIBITORY)] {
        let inside: Vec<&BranchPoint> = points.iter().filter(|b| bounds.contains((b.p, b.e))).collect();
        if inside.is_empty() {
            continue;
        }
        let mut rings = Polyline::default();
        for b in &inside {
            rings.ring((b.p, b.e), bounds);
        }
        let at: Vec<String> = inside.iter().map(|b| format!("{:.4}", b.p)).collect();
        series.push(rings.series(format!("{name}, P = {}: theory", at.join(", ")), g, false));
    }
    series
}

fn axis(label: &str, unit: &str, range: [f64; 2]) -> Axis {
    Axis { label: label.into(), unit: unit.into(), scale: Scale::Linear, range: Some(range) }
}

fn simulation(label: &str, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind: SeriesKind::Simulation, group, x, y, y_err: None, secondary: false }
}

/// A short account of the fixed points, for subtitles.
fn summary(theory: &Theory) -> String {
    let count = theory.fixed_points.len();
    let names: Vec<&str> = theory.fixed_points.iter().map(|f| f.stability.name()).collect();
    match count {
        1 => format!("one fixed point: {}", names[0]),
        _ => format!("{count} fixed points: {}", names.join(", ")),
    }
}

pub fn frame(s: &Settings, theory: &Theory, trajectory: &Trajectory, extremes: &[Extremes]) -> Frame {
    let node = &s.node;
    let step = format!("RK4, Δt = {}", tick_label(s.dt));
    let pb = &theory.phase_box;
    let mut phase_series = theory.phase_series.clone();
    phase_series.push(simulation(
        &format!("trajectory from (E₀, I₀) = ({}, {}): simulation", tick_label(s.e0), tick_label(s.i0)),
        SIMULATED,
        trajectory.e.clone(),
        trajectory.i.clone(),
    ));
    let phase = Figure {
        id: "phase".into(),
        title: "Phase plane".into(),
        subtitle: format!("P = {}, Q = {}: {}; {step}", tick_label(node.p), tick_label(node.q), summary(theory)),
        x: axis("E, excitatory activity", "", pb.x),
        y: axis("I, inhibitory activity", "", pb.y),
        series: phase_series,
        heatmap: None,
        network: None,
    };

    let stable: Vec<&FixedPoint> = theory.fixed_points.iter().filter(|f| f.stability.is_stable()).collect();
    let mut time_series = Vec::new();
    for (label, group, pick) in [
        ("E* of the stable fixed points: theory", EXCITATORY, (|f: &FixedPoint| f.e) as fn(&FixedPoint) -> f64),
        ("I* of the stable fixed points: theory", INHIBITORY, |f: &FixedPoint| f.i),
    ] {
        let mut level = Polyline::default();
        for f in &stable {
            level.push((0.0, pick(f)));
            level.push((s.t_max, pick(f)));
            level.cut();
        }
        if !stable.is_empty() {
            time_series.push(level.series(label.into(), group, true));
        }
    }
    let every = trajectory.t.len().div_ceil(TIME_POINTS).max(1);
    let thin = |v: &[f64]| v.iter().step_by(every).copied().collect::<Vec<f64>>();
    time_series.push(simulation("E(t): simulation", EXCITATORY, thin(&trajectory.t), thin(&trajectory.e)));
    time_series.push(simulation("I(t): simulation", INHIBITORY, thin(&trajectory.t), thin(&trajectory.i)));
    let period = match (trajectory.tail.period(), theory.focus_period()) {
        (Some(t), Some(h)) => format!("; period {} (2π/Im λ = {})", tick_label(t), tick_label(h)),
        (Some(t), None) => format!("; period {}", tick_label(t)),
        _ => String::new(),
    };
    let times = Figure {
        id: "time".into(),
        title: "Activity against time".into(),
        subtitle: format!("P = {}; {step}{period}", tick_label(node.p)),
        x: axis("t, time (in the unit of τ_E, τ_I)", "", [0.0, s.t_max]),
        y: axis("E, I, activity", "", [pb.x[0].min(pb.y[0]), pb.x[1].max(pb.y[1])]),
        series: time_series,
        heatmap: None,
        network: None,
    };

    let bb = &theory.bifurcation_box;
    let mut bifurcation_series = theory.bifurcation_series.clone();
    let (p, e): (Vec<f64>, Vec<f64>) = extremes.iter().flat_map(|x| [(x.p, x.min), (x.p, x.max)]).unzip();
    bifurcation_series.push(simulation("min and max of E after transients: simulation", SIMULATED, p, e));
    let bifurcation = Figure {
        id: "bifurcation".into(),
        title: "Bifurcation diagram".into(),
        subtitle: format!(
            "simulations from beside the lowest and highest fixed point, {step}, to t = {}; extremes over the last {}",
            BIFURCATION_SETTLE * s.slow_tau(),
            BIFURCATION_WINDOW * s.slow_tau()
        ),
        x: axis("P, external input to E", "", bb.x),
        y: axis("E, excitatory activity", "", Bounds::padded(bb.x, bb.y, 0.04).y),
        series: bifurcation_series,
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![phase, times, bifurcation] }
}
