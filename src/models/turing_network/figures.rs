//! The figures of the Turing-network page: the network coloured by u_i, the dispersion relation
//! with the graph's eigenvalues on it, the spread of u against time with the theory's growth,
//! and u_i against degree.

use super::run::TuringRun;
use super::theory::C;
use crate::model::{Axis, Figure, Frame, Network, Scale, Series, SeriesKind, format_float};

/// Points of each theory curve.
const CURVE: usize = 400;
/// Most points of the spread of u drawn.
const DRAWN: usize = 250;

fn axis(label: &str, scale: Scale) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale, range: None }
}

fn series(label: &str, kind: SeriesKind, group: u32, points: Vec<(f64, f64)>) -> Series {
    let (x, y) = points.into_iter().unzip();
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

pub fn frame(run: &TuringRun) -> Frame {
    Frame { figures: vec![network(run), dispersion(run), growth(run), by_degree(run)] }
}

/// The run's time, to four decimals and no more digits than needed.
fn time(run: &TuringRun) -> String {
    format_float(libm::round(run.time() * 1e4) / 1e4)
}

fn size(run: &TuringRun) -> String {
    let g = &run.graph;
    let kind = match run.s.topology {
        super::Topology::BarabasiAlbert => "Barabási–Albert",
        super::Topology::ErdosRenyi => "Erdős–Rényi",
        super::Topology::WattsStrogatz => "Watts–Strogatz",
        super::Topology::Ring => "ring",
        super::Topology::Complete => "complete graph",
        super::Topology::DirectedRing => "directed ring",
    };
    format!("{kind}, N = {}, ⟨k⟩ = {:.2}, {} edges", g.n, g.mean_degree(), g.edges.len())
}

fn network(run: &TuringRun) -> Figure {
    let ubar = run.uniform.0;
    let values: Vec<f64> = run.u().iter().map(|u| u - ubar).collect();
    let top = values.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-12);
    let mut f = figure(
        "network",
        "The activator u on the network",
        format!("t = {}; {}", time(run), size(run)),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    f.network = Some(Network {
        x: run.positions.iter().map(|p| p[0]).collect(),
        y: run.positions.iter().map(|p| p[1]).collect(),
        values,
        range: [-top, top],
        label: "u_i − ū, activator".into(),
        edges: run.graph.edges.iter().map(|e| [e[0] as u32, e[1] as u32]).collect(),
        directed: run.graph.directed,
        edge_values: None,
        edge_range: None,
    });
    f
}

fn dispersion(run: &TuringRun) -> Figure {
    let d = &run.dispersion;
    let modes = run.mode_growth();
    let sigma_c = run.sigma_c();
    let unstable = modes.iter().filter(|(_, g)| *g > 0.0).count();
    if run.graph.directed {
        // Λ = e^{iθ} − 1 on a directed ring: the dispersion along the circle, against θ/2π.
        let angle = |z: C| {
            let a = libm::atan2(z.im, z.re + 1.0) / (2.0 * std::f64::consts::PI);
            if a < 0.0 { a + 1.0 } else { a }
        };
        let curve = |directed: bool| -> Vec<(f64, f64)> {
            (0..=CURVE)
                .map(|k| {
                    let x = k as f64 / CURVE as f64;
                    let th = 2.0 * std::f64::consts::PI * x;
                    let z = if directed {
                        C { re: libm::cos(th) - 1.0, im: libm::sin(th) }
                    } else {
                        C::real(2.0 * libm::cos(th) - 2.0)
                    };
                    (x, d.growth(z))
                })
                .collect()
        };
        let mut symmetric = series("the same ring, undirected", SeriesKind::Theory, 6, curve(false));
        symmetric.secondary = true;
        let (grow, decay): (Vec<_>, Vec<_>) = modes.iter().partition(|(_, g)| *g > 0.0);
        let dots = |m: Vec<&(C, f64)>| m.into_iter().map(|&(z, g)| (angle(z), g)).collect();
        return figure(
            "dispersion",
            "Dispersion relation on the directed ring",
            format!(
                "Λ_k = e^(2πik/N) − 1; σ = {} {} σ_c = {sigma_c:.4}; {unstable} unstable modes",
                run.s.sigma,
                if run.s.sigma > sigma_c { ">" } else { "<" }
            ),
            axis("k/N (Λ = e^(2πik/N) − 1)", Scale::Linear),
            axis("growth rate Re λ", Scale::Linear),
            vec![
                symmetric,
                series("Re λ(Λ), directed ring", SeriesKind::Theory, 0, curve(true)),
                series("stable modes of this network", SeriesKind::Simulation, 0, dots(decay)),
                series("unstable modes", SeriesKind::Simulation, 1, dots(grow)),
            ],
        );
    }
    let smallest = modes.iter().map(|(z, _)| z.re).fold(-1.0, f64::min);
    let lo = match d.band() {
        Some((a, _)) => smallest.min(a),
        None => smallest,
    } * 1.1;
    let curve = (0..=CURVE).map(|k| lo * (1.0 - k as f64 / CURVE as f64)).map(|x| (x, d.growth_real(x))).collect();
    let (grow, decay): (Vec<_>, Vec<_>) = modes.iter().partition(|(_, g)| *g > 0.0);
    let dots = |m: Vec<&(C, f64)>| m.into_iter().map(|&(z, g)| (z.re, g)).collect();
    let mut zero = series("", SeriesKind::Theory, 6, vec![(lo, 0.0), (0.0, 0.0)]);
    zero.secondary = true;
    let band = match d.band() {
        Some((a, b)) => format!("unstable band Λ ∈ ({a:.3}, {b:.3}), {unstable} modes in it"),
        None => "no unstable band".into(),
    };
    figure(
        "dispersion",
        "Dispersion relation and the network's Laplacian eigenvalues",
        format!("σ = {} {} σ_c = {sigma_c:.4}; {band}", run.s.sigma, if run.s.sigma > sigma_c { ">" } else { "≤" }),
        axis("Laplacian eigenvalue Λ", Scale::Linear),
        axis("growth rate λ", Scale::Linear),
        vec![
            zero,
            series("λ(Λ), linear theory", SeriesKind::Theory, 0, curve),
            series("eigenvalues of this network, stable", SeriesKind::Simulation, 0, dots(decay)),
            series("unstable", SeriesKind::Simulation, 1, dots(grow)),
        ],
    )
}

fn growth(run: &TuringRun) -> Figure {
    let every = run.t.len().div_ceil(DRAWN).max(1);
    let mut measured: Vec<(f64, f64)> = run.t.iter().zip(&run.spread).step_by(every).map(|(&t, &s)| (t, s)).collect();
    if let (Some(&t), Some(&s)) = (run.t.last(), run.spread.last()) {
        if measured.last() != Some(&(t, s)) {
            measured.push((t, s));
        }
    }
    let mut out = vec![series("simulation (RK4)", SeriesKind::Simulation, 0, measured)];
    let (t0, _) = run.fit_window();
    let anchor = run.t.iter().position(|&t| t >= t0).map(|i| (run.t[i], run.spread[i]));
    let rate = run.growth_theory();
    if let (Some((ta, sa)), Some(rate)) = (anchor, rate) {
        // The fastest mode's growth from the spread at the start of the fit, while within sight.
        let top = run.spread.iter().fold(0.0f64, |m, &s| m.max(s)) * 10.0;
        let bottom = run.spread.iter().fold(f64::INFINITY, |m, &s| m.min(s)) / 10.0;
        let line: Vec<(f64, f64)> = (0..=CURVE)
            .map(|k| ta + (run.s.t_max - ta) * k as f64 / CURVE as f64)
            .map(|t| (t, sa * libm::exp(rate * (t - ta))))
            .take_while(|&(_, y)| y <= top && y >= bottom)
            .collect();
        out.push(series(&format!("fastest mode, λ = {rate:.5}"), SeriesKind::Theory, 1, line));
    }
    let measured = match run.growth_measured() {
        Some(g) => {
            format!("fitted growth {g:.5} over t ∈ [{}, {}]", format_float(t0), format_float(run.fit_window().1))
        }
        None => "growth fitted once the window is run".into(),
    };
    figure(
        "growth",
        "Spread of the activator over the nodes",
        format!("{measured}; {}", size(run)),
        axis("t", Scale::Linear),
        axis("std_i u_i", Scale::Log),
        out,
    )
}

fn by_degree(run: &TuringRun) -> Figure {
    let points: Vec<(f64, f64)> = run.degrees.iter().zip(run.u()).map(|(&k, &u)| (k as f64, u)).collect();
    let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| (a.min(p.0), b.max(p.0)));
    let ubar = run.uniform.0;
    figure(
        "degree",
        "Activator by degree",
        format!("t = {}; activator-rich nodes above ū, activator-poor below", time(run)),
        // Barabási–Albert degrees span decades (and are never 0).
        axis("degree k_i", if run.s.topology == super::Topology::BarabasiAlbert { Scale::Log } else { Scale::Linear }),
        axis("u_i", Scale::Linear),
        vec![
            series("uniform state ū", SeriesKind::Theory, 6, vec![(lo - 0.5, ubar), (hi + 0.5, ubar)]),
            series("nodes", SeriesKind::Simulation, 0, points),
        ],
    )
}
