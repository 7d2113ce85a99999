//! The figures of the Dirac-synchronisation page: the complex with nodes and edges coloured by
//! their phase relative to the node signals, the master stability function with the spectra of
//! L0, L1 and L2, the amplitude spread against its predicted growth, and the phase between edge
//! and node signals against time.

use super::Shape;
use super::run::{DIMENSIONS, DiracSyncRun};
use crate::model::{Figure, Frame, Network, Scale, SeriesKind, format_float};
use crate::models::dirac_turing::figures::{axis, figure, series, short};
use crate::models::global_sync::figures::{Spread, msf_lines, spread_figure};

/// Most points of the phase drawn.
const DRAWN: usize = 250;

pub fn frame(run: &DiracSyncRun) -> Frame {
    Frame { figures: vec![complex(run), msf(run), spread(run), phase(run)] }
}

fn size(run: &DiracSyncRun) -> String {
    let c = &run.complex;
    match run.s.shape {
        Shape::Ring => format!("cycle of {} nodes and {} edges", c.n0, c.n1()),
        Shape::Square => {
            format!("{0}×{0} square torus: {1} nodes, {2} edges, {3} squares", run.s.l, c.n0, c.n1(), c.n2())
        }
        Shape::Triangulated => {
            format!("{0}×{0} triangulated torus: {1} nodes, {2} edges, {3} triangles", run.s.l, c.n0, c.n1(), c.n2())
        }
    }
}

fn existence(run: &DiracSyncRun) -> String {
    if run.synchronisable() {
        "D u = 0 with |u| = 1 on every cell: the synchronised state exists".into()
    } else {
        format!("‖D u‖ = {}: no unit kernel vector, so no synchronised state", short(run.defect))
    }
}

fn complex(run: &DiracSyncRun) -> Figure {
    let d = &run.drawing;
    let cos: Vec<f64> = run.relative_phases().into_iter().map(libm::cos).collect();
    let faces = if run.complex.n2() > 0 { " (faces not drawn)" } else { "" };
    let mut f = figure(
        "complex",
        "Phases relative to the node signals",
        format!(
            "t = {}; colour: cos of the phase of Ψ/u ahead of the nodes' mean{faces}; {}",
            format_float(libm::round(run.time() * 1e4) / 1e4),
            size(run)
        ),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    let edges = run.cells(1);
    f.network = Some(Network {
        x: d.x.clone(),
        y: d.y.clone(),
        values: d.shows.iter().map(|&i| cos[i]).collect(),
        range: [-1.0, 1.0],
        label: "cos of the relative phase (nodes; edges on the same scale)".into(),
        edges: d.edges.clone(),
        directed: false,
        edge_values: Some(cos[edges].to_vec()),
        edge_range: Some([-1.0, 1.0]),
    });
    f
}

fn msf(run: &DiracSyncRun) -> Figure {
    let top = run.spectra.iter().flatten().flatten().fold(1.0f64, |m, &l| m.max(l)) * 1.1;
    let mut out = msf_lines(&run.msf, top).to_vec();
    for (k, spectrum) in run.spectra.iter().enumerate() {
        let dots: Vec<(f64, f64)> = spectrum.iter().flatten().map(|&l| (-l, run.msf.growth(-l))).collect();
        if !dots.is_empty() {
            let label = format!("eigenvalues of L{k} ({})", DIMENSIONS[k]);
            out.push(series(&label, SeriesKind::Simulation, k as u32, dots));
        }
    }
    let verdict = match run.msf_max() {
        Some(m) => format!("largest over the spectra {m:.5}: {}", if m < 0.0 { "stable" } else { "unstable" }),
        None => "nothing to linearise about".into(),
    };
    let (mr, mi) = run.msf.mu;
    figure(
        "msf",
        "Master stability function and the spectrum of D²",
        format!(
            "μ = {} {} {}i; {verdict}; {}",
            format_float(mr),
            if mi < 0.0 { "−" } else { "+" },
            format_float(mi.abs()),
            existence(run)
        ),
        axis("Λ (minus an eigenvalue of D²)", Scale::Linear),
        axis("max Re eig M(Λ)", Scale::Linear),
        out,
    )
}

fn spread(run: &DiracSyncRun) -> Figure {
    let trace = Spread {
        t: &run.t,
        spread: &run.deviation,
        window: run.fit_window(),
        rate: run.msf_max(),
        fitted: run.growth_measured(),
    };
    spread_figure(&trace, "Distance from the synchronised state", "rms of ξ⊥", size(run))
}

fn phase(run: &DiracSyncRun) -> Figure {
    let every = run.t.len().div_ceil(DRAWN).max(1);
    let points: Vec<(f64, f64)> = run.t.iter().zip(&run.edge_phase).step_by(every).map(|(&t, &p)| (t, p)).collect();
    let start = run.edge_phase[0];
    let end = run.t.last().copied().unwrap_or(0.0).max(run.s.t_max);
    let mut f = figure(
        "phase",
        "Phase of the edge signals ahead of the node signals",
        format!(
            "−D² = −diag(L0, L1, L2) couples no node to an edge, so this phase is neutral: now {}°, started at {}°",
            short(run.current_edge_phase()),
            short(start)
        ),
        axis("t", Scale::Linear),
        axis("phase (°)", Scale::Linear),
        vec![
            series("arg Σ u_e Ψ_e − arg Σ u_i Ψ_i (RK4)", SeriesKind::Simulation, 0, points),
            series("stays at its initial value (theory)", SeriesKind::Theory, 1, vec![(0.0, start), (end, start)]),
        ],
    );
    // The whole circle: the phase is meant to be seen not to move.
    f.y.range = Some([-180.0, 180.0]);
    f
}
