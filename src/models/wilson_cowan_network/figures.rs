//! The figures of the Wilson–Cowan network page. Graph couplings: the network coloured by E_i, the
//! master stability function with the coupling matrix's eigenvalues on it, the growth of the
//! fastest mode against its predicted rate, and E_i(t). Planted coupling: the nodes coloured by
//! E_i, the Jacobian's eigenvalues at each pattern, the distance to each pattern against time, and
//! E_i(t).

use super::Coupling;
use super::run::{Modes, Planted, Theory, WcNetworkRun};
use crate::model::{Axis, Figure, Frame, Network, Run, Scale, Series, SeriesKind, format_float};

/// Points of each theory curve.
const CURVE: usize = 400;
/// Most points of a time series drawn.
const DRAWN: usize = 300;

fn axis(label: &str, scale: Scale) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale, range: None }
}

fn series(label: &str, kind: SeriesKind, group: u32, points: Vec<(f64, f64)>) -> Series {
    let (x, y) = points.into_iter().unzip();
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

fn faint(label: &str, points: Vec<(f64, f64)>) -> Series {
    Series { secondary: true, ..series(label, SeriesKind::Theory, 6, points) }
}

fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

pub fn frame(run: &WcNetworkRun) -> Frame {
    match &run.theory {
        Theory::Modes(m) => Frame { figures: vec![network(run), msf(run, m), growth(run, m), traces(run)] },
        Theory::Planted(p) => Frame { figures: vec![network(run), jacobian(p), distances(run, p), traces(run)] },
    }
}

/// The run's time, to four decimals and no more digits than needed.
fn time(run: &WcNetworkRun) -> String {
    format_float(libm::round(run.time() * 1e4) / 1e4)
}

fn size(run: &WcNetworkRun) -> String {
    match &run.graph {
        Some(g) => {
            let kind = match run.s.topology.name() {
                "ba" => "Barabási–Albert",
                "er" => "Erdős–Rényi",
                "ws" => "Watts–Strogatz",
                "ring" => "ring",
                _ => "complete graph",
            };
            format!("{kind}, N = {}, ⟨k⟩ = {:.2}, γ = {}", g.n, g.mean_degree(), format_float(run.s.gamma))
        }
        None => format!("N = {}, K = {}, γ = {}", run.s.n, run.s.patterns, format_float(run.s.gamma)),
    }
}

/// Every `every`-th point of (t, y), and the last; points without a value (no homogeneous state to
/// measure a mode from) left out.
fn thin(t: &[f64], y: &[f64]) -> Vec<(f64, f64)> {
    let every = t.len().div_ceil(DRAWN).max(1);
    let mut out: Vec<(f64, f64)> = t.iter().zip(y).step_by(every).map(|(&t, &y)| (t, y)).collect();
    if let (Some(&a), Some(&b)) = (t.last(), y.last()) {
        if out.last() != Some(&(a, b)) {
            out.push((a, b));
        }
    }
    out.retain(|p| p.1.is_finite());
    out
}

fn network(run: &WcNetworkRun) -> Figure {
    let e = run.e();
    let (values, range, label) = match &run.theory {
        Theory::Planted(p) => {
            let (mid, half) = (0.5 * (p.low.e + p.high.e), 0.5 * (p.high.e - p.low.e));
            (e.iter().map(|x| x - mid).collect(), [-half, half], "E_i − (E_low + E_high)/2")
        }
        Theory::Modes(_) => {
            let e_star = run.reference[0];
            let values: Vec<f64> = e.iter().map(|x| x - e_star).collect();
            let top = values.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-12);
            (values, [-top, top], "E_i − E*, excitatory activity")
        }
    };
    let edges = match &run.graph {
        Some(g) => g.edges.iter().map(|e| [e[0] as u32, e[1] as u32]).collect(),
        None => Vec::new(),
    };
    let title =
        if run.graph.is_some() { "Excitatory activity on the network" } else { "Excitatory activity of the nodes" };
    let mut f = figure(
        "network",
        title,
        format!("t = {}; {}", time(run), size(run)),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    f.network = Some(Network {
        x: run.positions.iter().map(|p| p[0]).collect(),
        y: run.positions.iter().map(|p| p[1]).collect(),
        values,
        range,
        label: label.into(),
        edges,
        directed: false,
        edge_values: None,
        edge_range: None,
    });
    f
}

fn msf(run: &WcNetworkRun, modes: &Modes) -> Figure {
    let (symbol, what) = match run.s.coupling {
        Coupling::Adjacency => ("μ", "eigenvalue μ of Adj/⟨k⟩"),
        _ => ("Λ", "Laplacian eigenvalue Λ"),
    };
    let Some(msf) = &modes.msf else {
        return figure(
            "msf",
            "Master stability function",
            "no homogeneous state: with A = Adj/⟨k⟩ the nodes' degrees differ, so their inputs do".into(),
            axis(what, Scale::Linear),
            axis("growth rate Re λ", Scale::Linear),
            Vec::new(),
        );
    };
    let growth = modes.growth();
    let lo = modes.values.first().copied().unwrap_or(-1.0).min(-1.0);
    let hi = modes.values.last().copied().unwrap_or(0.0).max(0.0);
    let pad = 0.05 * (hi - lo);
    let (lo, hi) = (lo - pad, hi + pad);
    let curve = (0..=CURVE).map(|k| lo + (hi - lo) * k as f64 / CURVE as f64).map(|m| (m, msf.growth(m))).collect();
    type Points = Vec<(f64, f64)>;
    let (grow, decay): (Points, Points) = growth.iter().partition(|(_, g)| *g > 0.0);
    let unstable = grow.len();
    let uniform = msf.growth(modes.row_sum);
    figure(
        "msf",
        "Master stability function and the network's modes",
        format!(
            "homogeneous state E* = {:.4}, I* = {:.4}; uniform mode {} at {uniform:.4}; {unstable} growing modes",
            msf.state.e,
            msf.state.i,
            if uniform > 0.0 { "grows" } else { "decays" },
        ),
        axis(what, Scale::Linear),
        axis("growth rate Re λ", Scale::Linear),
        vec![
            faint("", vec![(lo, 0.0), (hi, 0.0)]),
            series(&format!("max Re eig(J₀ + γ{symbol} diag(g, 0)), theory"), SeriesKind::Theory, 0, curve),
            series("decaying modes of this network", SeriesKind::Simulation, 0, decay),
            series("growing modes", SeriesKind::Simulation, 1, grow),
            series("uniform mode", SeriesKind::Simulation, 3, vec![(modes.row_sum, uniform)]),
        ],
    )
}

/// The theory's exponential from the first point of `y`, while within a decade of the data.
fn exponential(run: &WcNetworkRun, t0: f64, y0: f64, rate: f64, y: &[f64]) -> Vec<(f64, f64)> {
    let finite = y.iter().copied().filter(|v| v.is_finite() && *v > 0.0);
    let top = finite.clone().fold(0.0f64, f64::max) * 10.0;
    let bottom = finite.fold(f64::INFINITY, f64::min) / 10.0;
    (0..=CURVE)
        .map(|k| t0 + (run.s.t_max - t0) * k as f64 / CURVE as f64)
        .map(|t| (t, y0 * libm::exp(rate * (t - t0))))
        .take_while(|&(_, v)| v <= top && v >= bottom)
        .collect()
}

fn growth(run: &WcNetworkRun, modes: &Modes) -> Figure {
    let amp = run.fitted();
    let mut out = vec![
        series("fastest mode's amplitude, simulation", SeriesKind::Simulation, 0, thin(&run.t, amp)),
        series("spread std_i E_i, simulation", SeriesKind::Simulation, 2, thin(&run.t, &run.spread)),
    ];
    let rate = run.growth_theory();
    if let (Some(rate), Some(&a0)) = (rate, amp.first()) {
        if a0.is_finite() && a0 > 0.0 {
            out.push(series(
                &format!("e^(λt), λ = {rate:.5}, theory"),
                SeriesKind::Theory,
                1,
                exponential(run, 0.0, a0, rate, amp),
            ));
        }
    }
    let fastest = match &modes.fastest {
        Some((m, k)) => {
            format!("fastest mode at eigenvalue {m:.4} ({} eigenvector{})", k.len(), if k.len() > 1 { "s" } else { "" })
        }
        None => "no mode".into(),
    };
    let measured = match run.growth_measured() {
        Some(g) => format!("fitted rate {g:.5}"),
        None => "rate fitted at the end".into(),
    };
    figure(
        "growth",
        "Growth of the perturbation",
        format!("{fastest}; {measured}; {}", size(run)),
        axis("t (units of τ_E)", Scale::Linear),
        axis("amplitude", Scale::Log),
        out,
    )
}

fn jacobian(p: &Planted) -> Figure {
    let mut out = vec![];
    let all = p.spectra.iter().flatten().flatten();
    let top = all.clone().fold(0.0f64, |m, z| m.max(z.im.abs())).max(0.1) * 1.1;
    let left = all.fold(0.0f64, |m, z| m.min(z.re));
    // Each eigenvalue as a small cross (a theory mark, not a line through them).
    let (dx, dy) = (0.015 * (0.05 - left).max(0.1), 0.03 * top);
    for (c, ev) in p.spectra.iter().enumerate() {
        if let Some(ev) = ev {
            let label = if c == 0 {
                "eigenvalues at pattern 1 (the start's), theory".to_string()
            } else {
                format!("at pattern {}, theory", c + 1)
            };
            let gap = (f64::NAN, f64::NAN);
            let marks = ev
                .iter()
                .flat_map(|z| [(z.re - dx, z.im), (z.re + dx, z.im), gap, (z.re, z.im - dy), (z.re, z.im + dy), gap])
                .collect();
            out.push(series(&label, SeriesKind::Theory, c as u32, marks));
        }
    }
    out.insert(0, faint("Re λ = 0", vec![(0.0, -top), (0.0, top)]));
    let stable = p.spectra.iter().filter(|ev| ev.as_ref().is_some_and(|ev| ev.iter().all(|z| z.re < 0.0))).count();
    figure(
        "jacobian",
        "Linear stability of the planted patterns",
        format!(
            "eigenvalues of the 2N × 2N Jacobian at each pattern; {stable} of {} stable; node states E = {:.4} (low), {:.4} (high)",
            p.states.len(),
            p.low.e,
            p.high.e
        ),
        axis("Re λ", Scale::Linear),
        axis("Im λ", Scale::Linear),
        out,
    )
}

fn distances(run: &WcNetworkRun, p: &Planted) -> Figure {
    let mut out: Vec<Series> = run
        .tracked
        .iter()
        .enumerate()
        .map(|(c, d)| {
            series(
                &format!("distance to pattern {}, simulation", c + 1),
                SeriesKind::Simulation,
                c as u32,
                thin(&run.t, d),
            )
        })
        .collect();
    let d = &run.tracked[0];
    if let (Some(rate), Some(&first)) = (run.growth_theory(), d.first()) {
        // From where the distance has fallen to a tenth of its start (or from the start, if it grows).
        let k = if rate > 0.0 { 0 } else { d.iter().position(|&x| x < 0.1 * first).unwrap_or(0) };
        out.push(series(
            &format!("e^(λt), λ = max Re λ at pattern 1 = {rate:.5}, theory"),
            SeriesKind::Theory,
            0,
            exponential(run, run.t[k], d[k], rate, d),
        ));
    }
    let flipped = p.flipped.len();
    let end = match run.nearest() {
        Some((c, dist)) if run.is_done() => format!("; ends nearest pattern {c} (distance {dist:.2e})"),
        _ => String::new(),
    };
    figure(
        "distance",
        "Distance to the planted patterns",
        format!(
            "start: pattern 1 with {flipped} node{} flipped{end}; RMS over (E, I)",
            if flipped == 1 { "" } else { "s" }
        ),
        axis("t (units of τ_E)", Scale::Linear),
        axis("RMS distance", Scale::Log),
        out,
    )
}

fn traces(run: &WcNetworkRun) -> Figure {
    let mut out = Vec::new();
    let (lo, hi) = (0.0, run.s.t_max);
    match &run.theory {
        Theory::Planted(p) => {
            out.push(faint(
                "low and high states of a node",
                vec![(lo, p.low.e), (hi, p.low.e), (f64::NAN, f64::NAN), (lo, p.high.e), (hi, p.high.e)],
            ));
        }
        Theory::Modes(m) => {
            if let Some(msf) = &m.msf {
                out.push(faint("homogeneous state E*", vec![(lo, msf.state.e), (hi, msf.state.e)]));
            }
        }
    }
    for (k, (&i, e)) in run.traced.iter().zip(&run.traces).enumerate() {
        out.push(series(&format!("node {i}"), SeriesKind::Simulation, k as u32, thin(&run.t, e)));
    }
    figure(
        "traces",
        "Excitatory activity of a few nodes",
        format!("t = {}; {}", time(run), size(run)),
        axis("t (units of τ_E)", Scale::Linear),
        axis("E_i", Scale::Linear),
        out,
    )
}
