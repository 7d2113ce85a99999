//! The figures of the global-synchronisation page: the torus with edges coloured by their phase
//! relative to edge 0, the master stability function with the spectrum of L1, and the amplitude
//! spread against time with the growth the master stability function predicts.

use super::run::{Msf, SyncRun, phase_gap, relative_phases};
use crate::model::{Figure, Frame, Network, Scale, Series, SeriesKind, format_float};
use crate::models::dirac_turing::figures::{axis, figure, series, short};

/// Points of each theory curve.
const CURVE: usize = 300;
/// Most points of the spread drawn.
const DRAWN: usize = 250;

pub fn frame(run: &SyncRun) -> Frame {
    Frame { figures: vec![complex(run), msf(run), spread(run)] }
}

fn size(run: &SyncRun) -> String {
    let kind = if run.s.triangulated { "triangulated torus" } else { "square torus" };
    format!("{0}×{0} {kind}, {1} edges", run.s.l, run.complex.n1())
}

fn existence(run: &SyncRun) -> String {
    if run.synchronisable() {
        "L1 1 = 0: the all-ones edge signal is harmonic, so the synchronised state exists".into()
    } else {
        format!("‖L1 1‖ = {}: no harmonic ±1 edge signal, so no synchronised state", short(run.defect))
    }
}

fn complex(run: &SyncRun) -> Figure {
    let d = &run.drawing;
    let phases = relative_phases(&run.state);
    let mut f = figure(
        "complex",
        "Phases of the edges relative to edge 0",
        format!(
            "t = {}; edges: cos of the relative phase (1: in phase, −1: opposite); largest gap from 0° or 180°: {}°; {}",
            format_float(libm::round(run.time() * 1e4) / 1e4),
            short(phase_gap(&run.state)),
            size(run)
        ),
        axis("", Scale::Linear),
        axis("", Scale::Linear),
        Vec::new(),
    );
    f.network = Some(Network {
        x: d.x.clone(),
        y: d.y.clone(),
        values: vec![f64::NAN; d.x.len()],
        range: [-1.0, 1.0],
        label: "cos of the relative phase (edges)".into(),
        edges: d.edges.clone(),
        directed: false,
        edge_values: Some(phases.into_iter().map(libm::cos).collect()),
        edge_range: Some([-1.0, 1.0]),
    });
    f
}

fn msf(run: &SyncRun) -> Figure {
    let spectrum = run.spectrum.as_deref().unwrap_or(&[]);
    let top = spectrum.iter().fold(1.0f64, |m, &l| m.max(l)) * 1.1;
    let dots: Vec<(f64, f64)> = spectrum.iter().map(|&l| (-l, run.msf.growth(-l))).collect();
    let (grow, decay): (Vec<_>, Vec<_>) = dots.into_iter().partition(|p| p.1 > 0.0);
    let (mr, mi) = run.msf.mu;
    let verdict = match run.msf_max() {
        Some(m) => format!("largest over the spectrum {m:.5}: {}", if m < 0.0 { "stable" } else { "unstable" }),
        None => "nothing to linearise about".into(),
    };
    figure(
        "msf",
        "Master stability function and the spectrum of L1",
        format!(
            "μ = {} {} {}i, Re μ + Im β Im μ = {}; {verdict}; {}",
            format_float(mr),
            if mi < 0.0 { "−" } else { "+" },
            format_float(mi.abs()),
            format_float(mr + run.msf.beta.1 * mi),
            existence(run)
        ),
        axis("Λ (minus an eigenvalue of L1)", Scale::Linear),
        axis("max Re eig M(Λ)", Scale::Linear),
        [
            msf_lines(&run.msf, top).to_vec(),
            vec![
                series("eigenvalues of L1, stable", SeriesKind::Simulation, 0, decay),
                series("unstable", SeriesKind::Simulation, 1, grow),
            ],
        ]
        .concat(),
    )
}

/// The zero line and the master stability function over Λ ∈ [−top, 0].
pub(crate) fn msf_lines(msf: &Msf, top: f64) -> [Series; 2] {
    let curve = (0..=CURVE).map(|k| -top * k as f64 / CURVE as f64).map(|x| (x, msf.growth(x))).collect();
    let mut zero = series("", SeriesKind::Theory, 6, vec![(-top, 0.0), (0.0, 0.0)]);
    zero.secondary = true;
    [zero, series("master stability function (theory)", SeriesKind::Theory, 0, curve)]
}

fn spread(run: &SyncRun) -> Figure {
    let trace = Spread {
        t: &run.t,
        spread: &run.spread,
        window: run.fit_window(),
        rate: run.msf_max(),
        fitted: run.growth_measured(),
    };
    spread_figure(&trace, "Amplitude spread of the oscillators", "std|w| / mean|w|", size(run))
}

/// A recorded amplitude spread with what the figure needs to draw it against its predicted growth.
pub(crate) struct Spread<'a> {
    pub t: &'a [f64],
    pub spread: &'a [f64],
    /// The fit window.
    pub window: (f64, f64),
    /// The largest master stability function, where the synchronised state exists.
    pub rate: Option<f64>,
    /// The fitted growth rate, once the run is done.
    pub fitted: Option<f64>,
}

/// The spread against time on a log axis, with the growth at the largest master stability function
/// drawn from the start of the fit window.
pub(crate) fn spread_figure(trace: &Spread, title: &str, quantity: &str, size: String) -> Figure {
    let Spread { t, spread, window: (t0, t1), rate, fitted } = *trace;
    let every = t.len().div_ceil(DRAWN).max(1);
    let points: Vec<(f64, f64)> = t.iter().zip(spread).step_by(every).map(|(&t, &s)| (t, s.max(1e-17))).collect();
    let mut out = vec![series(&format!("{quantity} (RK4)"), SeriesKind::Simulation, 0, points)];
    if let (Some(rate), Some(i)) = (rate, t.iter().position(|&t| t >= t0)) {
        let (ta, ya) = (t[i], spread[i]);
        if ya > super::run::FIT_FLOOR {
            let line = (0..=CURVE)
                .map(|k| ta + (t1 - ta) * k as f64 / CURVE as f64)
                .map(|t| (t, ya * libm::exp(rate * (t - ta))))
                .filter(|p| p.1 > 1e-17 && p.1 < 10.0)
                .collect();
            out.push(series(&format!("growth at the largest MSF, {rate:.5} (theory)"), SeriesKind::Theory, 1, line));
        }
    }
    let fitted = match fitted {
        Some(g) => format!("fitted rate {g:.5} over t ∈ [{}, {}]", short(t0), short(t1)),
        None => "rate fitted when the run is done, where the curve is between 1e-12 and 0.05".into(),
    };
    figure("spread", title, format!("{fitted}; {size}"), axis("t", Scale::Linear), axis(quantity, Scale::Log), out)
}
