//! The figures of the topological Kuramoto page: the complex with edges and nodes coloured by the
//! sines of their phases, the order parameters against σ on the way up and down, the harmonic
//! component against time with its free drift, and the order parameters against time at σ.

use super::Complex;
use super::run::KuramotoRun;
use crate::model::{Figure, Frame, Network, Scale, SeriesKind, format_float};
use crate::models::dirac_turing::figures::{axis, figure, series, short};

/// Most points of each time series drawn.
const DRAWN: usize = 300;
/// Points of each theory curve.
const CURVE: usize = 200;

pub fn frame(run: &KuramotoRun) -> Frame {
    Frame { figures: vec![complex(run), sweep(run), harmonic(run), orders(run)] }
}

fn size(run: &KuramotoRun) -> String {
    let c = &run.complex;
    let kind = match run.s.complex {
        Complex::Square => format!("{0}×{0} square torus", run.s.l),
        Complex::Triangulated => format!("{0}×{0} triangulated torus", run.s.l),
        Complex::Clique => "clique complex".to_string(),
    };
    let faces = if run.s.complex == Complex::Square { "squares" } else { "triangles" };
    format!("{kind}: {} nodes, {} edges, {} {faces}", c.n0, c.n1(), c.n2())
}

fn variant(run: &KuramotoRun) -> &'static str {
    if run.s.explosive { "explosive" } else { "standard" }
}

fn complex(run: &KuramotoRun) -> Figure {
    let d = &run.drawing;
    let nodes: Vec<f64> = run.node_phases().into_iter().map(libm::sin).collect();
    let edges: Vec<f64> = run.theta.iter().map(|&x| libm::sin(x)).collect();
    let mut f = figure(
        "complex",
        "Edge phases and their projection on the nodes",
        format!(
            "t = {}, σ = {}; edges: sin θ_e, nodes: sin (B1θ)_i (sines, as the colours are not cyclic); {}",
            format_float(libm::round(run.time() * 1e4) / 1e4),
            format_float(run.s.sigma),
            size(run)
        ),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    f.network = Some(Network {
        x: d.x.clone(),
        y: d.y.clone(),
        values: d.shows.iter().map(|&i| nodes[i]).collect(),
        range: [-1.0, 1.0],
        label: "sin (B1θ)_i, node projection".into(),
        edges: d.edges.clone(),
        directed: false,
        edge_values: Some(edges),
        edge_range: Some([-1.0, 1.0]),
    });
    f
}

fn sweep(run: &KuramotoRun) -> Figure {
    let pick = |rising: bool, minus: bool| -> Vec<(f64, f64)> {
        run.sweep
            .iter()
            .filter(|p| p.rising == rising)
            .map(|p| (p.sigma, if minus { p.r_minus } else { p.r_plus }))
            .collect()
    };
    let hysteresis = match run.hysteresis() {
        Some((m, p)) => format!("areas between the branches {m:.3} (R⁻), {p:.3} (R⁺)"),
        None => format!("{} of {} values of σ done", run.sweep.len(), run.sigmas.len()),
    };
    let mut x = axis("σ, coupling", Scale::Linear);
    x.range = Some([0.0, run.s.sigma_max]);
    let mut y = axis("order parameter", Scale::Linear);
    y.range = Some([0.0, 1.0]);
    let mut out = Vec::new();
    let mut locked = String::new();
    if let Some(lock) = &run.locking {
        let curve = |minus: bool| -> Vec<(f64, f64)> {
            (1..=CURVE)
                .map(|k| run.s.sigma_max * k as f64 / CURVE as f64)
                .map(|sigma| {
                    let r = lock.orders(sigma, run.s.explosive);
                    (sigma, if minus { r.0 } else { r.1 }.unwrap_or(f64::NAN))
                })
                .collect()
        };
        out.push(series("R⁻ of the locked state (theory)", SeriesKind::Theory, 0, curve(true)));
        out.push(series("R⁺ of the locked state (theory)", SeriesKind::Theory, 1, curve(false)));
        let (a, b) = lock.thresholds();
        let coupling = if run.s.explosive { ("σR⁺", "σR⁻") } else { ("σ", "σ") };
        locked = format!("; locked for {} ≥ {a:.3} (nodes), {} ≥ {b:.3} (faces)", coupling.0, coupling.1);
    }
    let down_minus = series("R⁻, σ falling (simulation)", SeriesKind::Simulation, 2, pick(false, true));
    let down_plus = series("R⁺, σ falling (simulation)", SeriesKind::Simulation, 3, pick(false, false));
    figure(
        "sweep",
        "Order parameters of the projections, σ up then down",
        format!(
            "{} model, t = {} per σ (mean of the second half); {hysteresis}{locked}",
            variant(run),
            format_float(run.s.t_point)
        ),
        x,
        y,
        {
            out.extend([
                series("R⁻ (nodes), σ rising (simulation)", SeriesKind::Simulation, 0, pick(true, true)),
                down_minus,
                series("R⁺ (faces), σ rising (simulation)", SeriesKind::Simulation, 1, pick(true, false)),
                down_plus,
            ]);
            out
        },
    )
}

fn thinned(t: &[f64], y: &[f64], floor: f64) -> Vec<(f64, f64)> {
    let every = t.len().div_ceil(DRAWN).max(1);
    t.iter().zip(y).step_by(every).map(|(&t, &y)| (t, y.max(floor))).collect()
}

/// Every fifth point: the drift's points leave its theory line in sight.
fn sparse(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    points.into_iter().step_by(5).collect()
}

fn harmonic(run: &KuramotoRun) -> Figure {
    let rate = crate::models::topological_kuramoto::run::norm(&run.drift_rate);
    // On a log axis: the drift from t > 0, the residual floored at 1e-17 (0 is exact).
    let from = |t: &[f64], y: &[f64], floor| -> Vec<(f64, f64)> {
        thinned(t, y, floor).into_iter().filter(|p| p.0 > 0.0).collect()
    };
    let theory: Vec<(f64, f64)> = run.t.iter().filter(|&&t| t > 0.0).map(|&t| (t, t * rate)).collect();
    let residual = run.largest_residual();
    figure(
        "harmonic",
        "The harmonic component drifts freely",
        format!(
            "dim ker L1 = β1 = {} (from the spectrum of L1); σ = {}; largest ‖P_h(θ(t) − θ(0)) − t P_h ω‖ = {} \
             (theory: exactly 0)",
            run.beta1(),
            format_float(run.s.sigma),
            short(residual)
        ),
        axis("t", Scale::Linear),
        axis("norm of the harmonic component", Scale::Log),
        vec![
            series("t ‖P_h ω‖ (theory)", SeriesKind::Theory, 0, theory),
            series(
                "‖P_h(θ(t) − θ(0))‖ (simulation)",
                SeriesKind::Simulation,
                0,
                sparse(from(&run.t, &run.drift, 1e-300)),
            ),
            series(
                "‖P_h(θ(t) − θ(0)) − t P_h ω‖ (simulation; theory 0)",
                SeriesKind::Simulation,
                1,
                from(&run.t, &run.residual, 1e-17),
            ),
        ],
    )
}

fn orders(run: &KuramotoRun) -> Figure {
    let mut y = axis("order parameter", Scale::Linear);
    y.range = Some([0.0, 1.0]);
    let mean = match run.stage_orders() {
        Some((m, p)) => format!("means over the second half: R⁻ = {m:.4}, R⁺ = {p:.4}"),
        None => "means once the run is done".into(),
    };
    figure(
        "orders",
        "Order parameters of the projections against time",
        format!("{} model, σ = {}; {mean}", variant(run), format_float(run.s.sigma)),
        axis("t", Scale::Linear),
        y,
        vec![
            series(
                "R⁻, nodes (simulation)",
                SeriesKind::Simulation,
                0,
                thinned(&run.t, &run.r_minus, f64::NEG_INFINITY),
            ),
            series(
                "R⁺, faces (simulation)",
                SeriesKind::Simulation,
                1,
                thinned(&run.t, &run.r_plus, f64::NEG_INFINITY),
            ),
        ],
    )
}
