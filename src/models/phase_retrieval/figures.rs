//! The page's figures: the overlap and the training loss against time for the four algorithms at
//! the page's α, the success rate against α, and online SGD against its ODE.

use super::run::{ALGORITHMS, PhaseRetrievalRun};
use super::theory;
use crate::model::{Axis, Figure, Frame, Scale, Series, SeriesKind};
use crate::num::stats::Welford;

fn axis(label: &str, scale: Scale, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: String::new(), scale, range }
}

fn points(label: String, kind: SeriesKind, group: u32, x: &[f64], values: &[Welford]) -> Series {
    let mut s = Series { label, kind, group, x: Vec::new(), y: Vec::new(), y_err: None, secondary: false };
    let mut err = Vec::new();
    for (&t, w) in x.iter().zip(values) {
        if w.count() > 0 {
            s.x.push(t);
            s.y.push(w.mean());
            err.push(w.std_error());
        }
    }
    if kind == SeriesKind::Simulation {
        s.y_err = Some(err);
    }
    s
}

fn curve(label: &str, group: u32, x: Vec<f64>, y: Vec<f64>, secondary: bool) -> Series {
    Series { label: label.into(), kind: SeriesKind::Theory, group, x, y, y_err: None, secondary }
}

fn figure(id: &str, title: &str, subtitle: String, x: Axis, y: Axis, series: Vec<Series>) -> Figure {
    Figure { id: id.into(), title: title.into(), subtitle, x, y, series, heatmap: None, network: None }
}

pub fn frame(run: &PhaseRetrievalRun) -> Frame {
    let s = &run.s;
    let size = crate::model::simulation_size(s.d, s.seeds).replacen("N =", "d =", 1);
    let note = format!(
        "α = {}, η = {}, SGD batch fraction b = {}, persistence τ = {}, Langevin T = {}; start m0 = {}, q0 = {}; {size}",
        s.alpha, s.eta, s.b, s.tau, s.temperature, s.m0, s.q0
    );
    let t_max = s.t_max;
    let overlap = figure(
        "overlap",
        "Overlap with the signal against time",
        note.clone(),
        axis("t = steps × η, time", Scale::Linear, Some([0.0, t_max])),
        axis("m = |w·w*|/d, overlap", Scale::Linear, Some([0.0, 1.1])),
        ALGORITHMS
            .iter()
            .enumerate()
            .map(|(a, alg)| {
                points(
                    format!("{}: simulation", alg.name()),
                    SeriesKind::Simulation,
                    a as u32,
                    &run.record_times,
                    &run.courses[a].overlap,
                )
            })
            .collect(),
    );
    let loss = figure(
        "loss",
        "Training loss against time",
        note,
        axis("t = steps × η, time", Scale::Linear, Some([0.0, t_max])),
        axis("L/n = ¼⟨(y − (w·x)²/d)²⟩, training loss", Scale::Log, None),
        ALGORITHMS
            .iter()
            .enumerate()
            .map(|(a, alg)| {
                let mut p = points(
                    format!("{}: simulation", alg.name()),
                    SeriesKind::Simulation,
                    a as u32,
                    &run.record_times,
                    &run.courses[a].loss,
                );
                // Zero losses cannot be drawn on a log axis.
                p.y.iter_mut().for_each(|y| *y = y.max(1e-12));
                p
            })
            .collect(),
    );
    let mut success_series: Vec<Series> = ALGORITHMS
        .iter()
        .enumerate()
        .map(|(a, alg)| {
            let mut sr = Series {
                label: format!("{}: simulation", alg.name()),
                kind: SeriesKind::Simulation,
                group: a as u32,
                x: Vec::new(),
                y: Vec::new(),
                y_err: None,
                secondary: false,
            };
            let mut err = Vec::new();
            for (&alpha, &(wins, runs)) in run.grid.iter().zip(&run.successes[a]) {
                if runs > 0 {
                    let p = f64::from(wins) / f64::from(runs);
                    sr.x.push(alpha);
                    sr.y.push(p);
                    err.push((p * (1.0 - p) / f64::from(runs)).sqrt());
                }
            }
            sr.y_err = Some(err);
            sr
        })
        .collect();
    let alpha_end = run.grid.last().copied().unwrap_or(1.0) + 0.5;
    for (label, alpha, group) in [
        ("weak recovery possible, α = 1/2: theory", theory::ALPHA_WEAK, 5),
        ("perfect recovery possible, α = 1: theory", theory::ALPHA_IT, 6),
        ("AMP recovers, α ≈ 1.13: theory", theory::ALPHA_AMP, 7),
    ] {
        success_series.push(curve(label, group, vec![alpha, alpha], vec![0.0, 1.0], true));
    }
    let success = figure(
        "success",
        "Success rate against the number of examples per dimension",
        format!(
            "fraction of runs ending with cosine(w, ±w*) > 0.9 at t = {t_max}; {} runs per point (d = {})",
            s.seeds, s.d
        ),
        axis("α = n/d, examples per dimension", Scale::Linear, Some([0.0, alpha_end])),
        axis("success rate", Scale::Linear, Some([0.0, 1.05])),
        success_series,
    );
    let (m_ode, q_ode): (Vec<f64>, Vec<f64>) = run.ode.iter().copied().unzip();
    let m_sim: Vec<Welford> = run.online.iter().map(|p| p.0).collect();
    let q_sim: Vec<Welford> = run.online.iter().map(|p| p.1).collect();
    let online = figure(
        "online",
        "Online SGD (one pass, fresh examples) against its ODE",
        format!("η = {}, start m0 = {}, q0 = {}; {size}", s.eta, s.m0, s.q0),
        axis("t = examples/d, time", Scale::Linear, Some([0.0, run.online_times.last().copied().unwrap_or(t_max)])),
        axis("m = w·w*/d and q = |w|²/d", Scale::Linear, None),
        vec![
            curve("m(t): ODE theory", 0, run.online_times.clone(), m_ode, false),
            curve("q(t): ODE theory", 1, run.online_times.clone(), q_ode, false),
            points("m(t): simulation".into(), SeriesKind::Simulation, 0, &run.online_times, &m_sim),
            points("q(t): simulation".into(), SeriesKind::Simulation, 1, &run.online_times, &q_sim),
        ],
    );
    Frame { figures: vec![overlap, loss, success, online] }
}
