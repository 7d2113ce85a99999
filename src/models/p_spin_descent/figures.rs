//! The page's figures: e(t) against the Cugliandolo–Kurchan theory and the threshold, aging of
//! C(t_w + τ, t_w), the Hessian's spectrum and its lowest eigenvalue against time, and the BBP
//! transition.

use super::run::{BBP_POINTS, BBP_STEP, PSpinRun, WAITING};
use super::theory;
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};

fn axis(label: &str, scale: Scale, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale, range }
}

fn line(label: impl Into<String>, kind: SeriesKind, group: u32, points: Vec<(f64, f64)>) -> Series {
    Series {
        label: label.into(),
        kind,
        group,
        x: points.iter().map(|p| p.0).collect(),
        y: points.iter().map(|p| p.1).collect(),
        y_err: None,
        secondary: false,
    }
}

fn faint(mut s: Series) -> Series {
    s.secondary = true;
    s
}

fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

pub fn frame(run: &PSpinRun) -> Frame {
    let size = crate::model::simulation_size(run.s.n, run.s.seeds);
    let temperature = if run.s.temperature > 0.0 {
        format!("Langevin at T = {}", run.s.temperature)
    } else {
        "gradient descent".to_string()
    };
    let note = format!("p = {}, {temperature}, Δt = {}; {size}", run.s.p, run.s.dt);
    Frame {
        figures: vec![
            energy(run, &note),
            aging(run, &note),
            spectrum(run),
            edge(run),
            bbp_eigenvalue(run),
            bbp_overlap(run),
        ],
    }
}

fn energy(run: &PSpinRun, note: &str) -> Figure {
    let ck = &run.theory.ck;
    let t0 = run.s.dt.min(ck.h);
    let t1 = run.s.t_max;
    let mut series = vec![line(
        "e(t): Cugliandolo–Kurchan theory",
        SeriesKind::Theory,
        0,
        (1..=ck.n).map(|i| (ck.time(i), ck.energy[i])).collect(),
    )];
    if run.s.p == 2 && run.s.temperature == 0.0 {
        let points = (0..=120).map(|k| t0 * libm::pow(t1 / t0, k as f64 / 120.0)).map(|t| (t, theory::p2_energy(t)));
        series.push(line("e(t), p = 2 in closed form: theory", SeriesKind::Theory, 3, points.collect()));
    }
    let flat = |y: f64| vec![(t0, y), (t1, y)];
    series.push(faint(line(
        format!("threshold e_th = {:.4}: theory", run.theory.threshold),
        SeriesKind::Theory,
        4,
        flat(run.theory.threshold),
    )));
    if run.s.p > 2 {
        series.push(faint(line(
            format!("ground state e_gs = {:.4}: theory", run.theory.ground_state),
            SeriesKind::Theory,
            5,
            flat(run.theory.ground_state),
        )));
    }
    let t_d = theory::dynamical_temperature(run.s.p);
    if run.s.temperature > t_d {
        let e = -0.5 / run.s.temperature;
        series.push(faint(line(format!("equilibrium −1/(2T) = {e:.4}: theory"), SeriesKind::Theory, 6, flat(e))));
    }
    let mut sim = line("e(t): simulation", SeriesKind::Simulation, 1, Vec::new());
    let mut err = Vec::new();
    for (&k, w) in run.record_steps.iter().zip(&run.measured.energy) {
        if w.count() > 0 {
            sim.x.push(run.time(k));
            sim.y.push(w.mean());
            err.push(w.std_error());
        }
    }
    sim.y_err = Some(err);
    series.push(sim);
    figure(
        "energy",
        "Energy per spin against time",
        format!("random start on the sphere; {note}"),
        axis("t, time", Scale::Log, Some([t0, t1])),
        axis("e(t) = H/N", Scale::Linear, None),
        series,
    )
}

fn aging(run: &PSpinRun, note: &str) -> Figure {
    let ck = &run.theory.ck;
    let mut series = Vec::new();
    for w in 0..WAITING {
        let step = run.waiting_steps[w];
        let t_w = run.time(step);
        let iw = (t_w / ck.h).round() as usize;
        let tw_ck = ck.time(iw);
        let theory: Vec<(f64, f64)> = (iw + 1..=ck.n).map(|i| (ck.time(i) - tw_ck, ck.correlation(i, iw))).collect();
        series.push(line(format!("t_w = {t_w:.3}: CK theory"), SeriesKind::Theory, w as u32, theory));
        let mut sim = line(format!("t_w = {t_w:.3}: simulation"), SeriesKind::Simulation, w as u32, Vec::new());
        let mut err = Vec::new();
        for (&k, c) in run.record_steps.iter().zip(&run.measured.correlation[w]) {
            if c.count() > 0 {
                sim.x.push(run.time(k) - t_w);
                sim.y.push(c.mean());
                err.push(c.std_error());
            }
        }
        sim.y_err = Some(err);
        series.push(sim);
    }
    let tau0 = run.s.dt.min(ck.h);
    figure(
        "aging",
        "Aging: two-time correlation C(t_w + τ, t_w)",
        format!("the older the system (larger t_w), the slower it decorrelates; {note}"),
        axis("τ = t − t_w, time since t_w", Scale::Log, Some([tau0, run.s.t_max])),
        axis("C(t_w + τ, t_w) = σ(t)·σ(t_w)/N", Scale::Linear, Some([0.0, 1.0])),
        series,
    )
}

/// The semicircle of radius r centred at c, as a density.
fn semicircle(centre: f64, r: f64) -> Vec<(f64, f64)> {
    (0..=120)
        .map(|k| centre - r + 2.0 * r * k as f64 / 120.0)
        .map(|x| {
            let d = (r * r - (x - centre) * (x - centre)).max(0.0);
            (x, 2.0 / (std::f64::consts::PI * r * r) * d.sqrt())
        })
        .collect()
}

fn spectrum(run: &PSpinRun) -> Figure {
    let p = run.s.p as f64;
    let r = run.theory.radius;
    let threshold_centre = -p * run.theory.threshold;
    let mut series = Vec::new();
    let mut subtitle = "Hessian on the sphere at the end of the first sample's run".to_string();
    let range = [-r - 0.5, 2.0 * r + 1.0];
    if let Some((t, e, values)) = run.measured.hessians.last() {
        let centre = -p * e;
        series.push(line(
            format!("semicircle centred at −p·e = {centre:.3}: theory"),
            SeriesKind::Theory,
            0,
            semicircle(centre, r),
        ));
        // A histogram of the N − 1 eigenvalues, as points at the bins' centres.
        let bins = ((values.len() as f64).sqrt().round() as usize).clamp(8, 30);
        let (lo, hi) = (centre - 1.1 * r, centre + 1.1 * r);
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0usize; bins];
        for &v in values {
            let b = ((v - lo) / width).floor();
            if b >= 0.0 && (b as usize) < bins {
                counts[b as usize] += 1;
            }
        }
        let points = counts
            .iter()
            .enumerate()
            .map(|(b, &c)| (lo + (b as f64 + 0.5) * width, c as f64 / (values.len() as f64 * width)))
            .collect();
        series.push(line("eigenvalue histogram: simulation", SeriesKind::Simulation, 1, points));
        subtitle = format!("{subtitle}, t = {t:.3}, e = {e:.4}; N − 1 = {} eigenvalues", values.len());
    }
    series.push(faint(line(
        "semicircle at the threshold, edge at 0: theory",
        SeriesKind::Theory,
        4,
        semicircle(threshold_centre, r),
    )));
    figure(
        "spectrum",
        "Spectrum of the Hessian",
        subtitle,
        axis("λ, Hessian eigenvalue", Scale::Linear, Some(range)),
        axis("density ρ(λ)", Scale::Linear, None),
        series,
    )
}

fn edge(run: &PSpinRun) -> Figure {
    let ck = &run.theory.ck;
    let p = run.s.p as f64;
    let r = run.theory.radius;
    let t0 = run.s.t_max / 128.0;
    let theory: Vec<(f64, f64)> =
        (1..=ck.n).map(|i| (ck.time(i), -p * ck.energy[i] - r)).filter(|&(t, _)| t >= t0 * 0.999).collect();
    let points: Vec<(f64, f64)> =
        run.measured.hessians.iter().filter(|h| h.0 > 0.0).map(|(t, _, values)| (*t, values[0])).collect();
    let at_energy: Vec<(f64, f64)> =
        run.measured.hessians.iter().filter(|h| h.0 > 0.0).map(|(t, e, _)| (*t, -p * e - r)).collect();
    let mut series = vec![
        line("edge −p·e_CK(t) − √(2p(p−1)): CK theory", SeriesKind::Theory, 0, theory),
        faint(line("marginal stability, λ = 0", SeriesKind::Theory, 4, vec![(t0, 0.0), (run.s.t_max, 0.0)])),
        line("lowest eigenvalue: simulation", SeriesKind::Simulation, 1, points),
    ];
    let mut own =
        line("edge at the sample's own energy −p·e − √(2p(p−1)): simulation", SeriesKind::Simulation, 2, at_energy);
    own.secondary = true;
    series.push(own);
    figure(
        "edge",
        "Lowest Hessian eigenvalue against time",
        format!("first sample, N = {}: the minima it finds become flat (marginal) as e → e_th", run.s.n),
        axis("t, time", Scale::Log, Some([t0, run.s.t_max])),
        axis("λ_min, lowest Hessian eigenvalue", Scale::Linear, None),
        series,
    )
}

fn lambdas() -> Vec<f64> {
    (0..=120).map(|k| BBP_STEP * (BBP_POINTS as f64) * k as f64 / 120.0).collect()
}

fn bbp_eigenvalue(run: &PSpinRun) -> Figure {
    let theory = lambdas().into_iter().map(|l| (l, theory::bbp(l).0)).collect();
    let points = run.measured.bbp.iter().map(|b| (b.0, b.1)).collect();
    figure(
        "bbp_eigenvalue",
        "BBP transition: top eigenvalue of λvvᵀ + W",
        format!("one GOE matrix W of size N = {} for every λ", run.s.n),
        axis("λ, spike strength", Scale::Linear, Some([0.0, BBP_STEP * BBP_POINTS as f64])),
        axis("λ_max, top eigenvalue", Scale::Linear, None),
        vec![
            line("2, then λ + 1/λ past λ = 1: theory", SeriesKind::Theory, 0, theory),
            line("top eigenvalue: simulation", SeriesKind::Simulation, 1, points),
        ],
    )
}

fn bbp_overlap(run: &PSpinRun) -> Figure {
    let theory = lambdas().into_iter().map(|l| (l, theory::bbp(l).1)).collect();
    let points = run.measured.bbp.iter().map(|b| (b.0, b.2)).collect();
    figure(
        "bbp_overlap",
        "BBP transition: the top eigenvector finds the spike",
        format!("one GOE matrix W of size N = {} for every λ", run.s.n),
        axis("λ, spike strength", Scale::Linear, Some([0.0, BBP_STEP * BBP_POINTS as f64])),
        axis("(v̂·v)², squared overlap", Scale::Linear, Some([0.0, 1.0])),
        vec![
            line("0, then 1 − 1/λ² past λ = 1: theory", SeriesKind::Theory, 0, theory),
            line("top eigenvector: simulation", SeriesKind::Simulation, 1, points),
        ],
    )
}
