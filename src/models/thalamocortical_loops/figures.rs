//! The figures: the spectrum of J_eff with the predicted outliers, the activity of the first
//! units as a heat map, and the readout against time and in its plane.

use super::network::{K, Units};
use super::run::LoopsRun;
use crate::model::{Axis, Figure, Frame, Heatmap, Scale, Series, SeriesKind, format_float};

const CIRCLE_POINTS: usize = 121;

fn axis(label: &str, unit: &str, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: unit.into(), scale: Scale::Linear, range }
}

fn series(label: impl Into<String>, kind: SeriesKind, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind, group, x, y, y_err: None, secondary: false }
}

fn ring(cx: f64, cy: f64, radius: f64) -> (Vec<f64>, Vec<f64>) {
    (0..CIRCLE_POINTS)
        .map(|k| {
            let a = 2.0 * std::f64::consts::PI * k as f64 / (CIRCLE_POINTS - 1) as f64;
            (cx + radius * libm::cos(a), cy + radius * libm::sin(a))
        })
        .unzip()
}

/// "{1, 3}" for a mask with loops 1 and 3 on, "none" for none.
pub fn loops_named(mask: u8) -> String {
    let on: Vec<String> = (0..K).filter(|k| mask & (1 << k) != 0).map(|k| (k + 1).to_string()).collect();
    if on.is_empty() { "none".into() } else { format!("{{{}}}", on.join(", ")) }
}

pub fn frame(run: &LoopsRun) -> Frame {
    let t = format_float((run.time() * 1e6).round() / 1e6);
    let units = if run.s.units == Units::Linear { "linear" } else { "rectified" };
    let size = format!("N = {}, g_J = {}, γ = {}, {units} units, t = {t}", run.s.n, run.s.g_j, run.s.gain);
    Frame { figures: vec![spectrum(run), activity(run, &size), readout_time(run, &size), readout_plane(run, &size)] }
}

fn spectrum(run: &LoopsRun) -> Figure {
    let mask = run.current_mask();
    let predicted = super::outliers(&run.s, mask);
    let computed = run.spectra.get(run.index_of(mask)).and_then(|s| s.as_ref());
    let reach = predicted
        .iter()
        .map(|z| z.abs())
        .fold(run.s.g_j.max(1.0), f64::max)
        .max(computed.map_or(0.0, |ev| ev.iter().map(|z| z.abs()).fold(0.0, f64::max)))
        * 1.15;
    let mut out = Vec::new();
    let (cx, cy) = ring(0.0, 0.0, run.s.g_j);
    out.push(series("theory: bulk edge |λ| = g_J", SeriesKind::Theory, 2, cx, cy));
    let mut edge = series("Re λ = 1: stability edge", SeriesKind::Theory, 6, vec![1.0, 1.0], vec![-reach, reach]);
    edge.secondary = true;
    out.push(edge);
    for (k, z) in predicted.iter().filter(|z| z.abs() > 1e-12).enumerate() {
        let (x, y) = ring(z.re, z.im, 0.035 * reach);
        let label = if k == 0 { "theory: outliers, eig(γ G M)" } else { "" };
        out.push(series(label, SeriesKind::Theory, 1, x, y));
    }
    if let Some(ev) = computed {
        out.push(series(
            "simulation: eigenvalues of J_eff",
            SeriesKind::Simulation,
            0,
            ev.iter().map(|z| z.re).collect(),
            ev.iter().map(|z| z.im).collect(),
        ));
    }
    let state = if computed.is_some() { "" } else { " (computing…)" };
    Figure {
        id: "spectrum".into(),
        title: "Eigenvalues of J_eff = J + U G Vᵀ".into(),
        subtitle: format!("loops on: {}; all {} eigenvalues{state}", loops_named(mask), run.s.n),
        x: axis("Re λ", "", Some([-reach, reach])),
        y: axis("Im λ", "", Some([-0.6 * reach, 0.6 * reach])),
        series: out,
        heatmap: None,
        network: None,
    }
}

fn activity(run: &LoopsRun, size: &str) -> Figure {
    let columns = run.records.len();
    let rows = run.map.first().map_or(0, Vec::len);
    let mut values = vec![0.0; rows * columns];
    let mut largest = 0.0f64;
    for (c, column) in run.map.iter().enumerate() {
        for (r, &v) in column.iter().enumerate() {
            values[r * columns + c] = v;
            largest = largest.max(v.abs());
        }
    }
    let largest = if largest > 0.0 { largest } else { 1.0 };
    let range = if run.s.units == Units::Linear { [-largest, largest] } else { [0.0, largest] };
    let t_max = run.s.t_max;
    Figure {
        id: "activity".into(),
        title: "Activity of the first cortical units".into(),
        subtitle: format!("{size}; {rows} of {} units", run.s.n),
        x: axis("t, time", "τ", Some([0.0, t_max])),
        y: axis("unit i", "", None),
        series: Vec::new(),
        heatmap: Some(Heatmap {
            x: run.records.iter().map(|r| r.0).collect(),
            rows: (1..=rows).map(|i| format!("r{i}")).collect(),
            values,
            range,
            label: "r_i, rate of unit i".into(),
        }),
        network: None,
    }
}

fn readout_time(run: &LoopsRun, size: &str) -> Figure {
    let t: Vec<f64> = run.records.iter().map(|r| r.0).collect();
    let switches = if run.s.sequence {
        let names: Vec<String> = (0..run.s.motifs().min(4)).map(|k| loops_named(run.s.mask_of_motif(k))).collect();
        format!("; loops switch every {} τ: {} …", run.s.t_motif, names.join(" → "))
    } else {
        format!("; loops {}", loops_named(run.s.loops))
    };
    let mut lines = Vec::new();
    if run.s.units == Units::Linear {
        for k in 0..run.s.motifs() {
            let (t0, t1) = if run.s.sequence {
                (k as f64 * run.s.t_motif, ((k + 1) as f64 * run.s.t_motif).min(run.s.t_max))
            } else {
                (0.0, run.s.t_max)
            };
            let fixed = run.fixed_readouts.get(run.index_of(run.s.mask_of_motif(k))).copied().flatten();
            if let Some(z) = fixed {
                for (c, name) in ["z₁", "z₂"].into_iter().enumerate() {
                    let label =
                        if k == 0 { format!("theory: {name} at the motif's fixed point") } else { String::new() };
                    lines.push(series(label, SeriesKind::Theory, c as u32, vec![t0, t1], vec![z[c], z[c]]));
                }
            }
        }
    }
    let note = if run.s.units == Units::Linear { "" } else { "; rectified units: no fixed-point lines" };
    for (c, name) in ["z₁", "z₂"].into_iter().enumerate() {
        let z = run.records.iter().map(|r| r.1[c]).collect();
        lines.push(series(format!("simulation: {name}"), SeriesKind::Simulation, c as u32, t.clone(), z));
    }
    Figure {
        id: "readout".into(),
        title: "Readout z = W_out r".into(),
        subtitle: format!("{size}{switches}{note}"),
        x: axis("t, time", "τ", Some([0.0, run.s.t_max])),
        y: axis("z, readout", "", None),
        series: lines,
        heatmap: None,
        network: None,
    }
}

fn readout_plane(run: &LoopsRun, size: &str) -> Figure {
    Figure {
        id: "trajectory".into(),
        title: "Readout trajectory".into(),
        subtitle: size.into(),
        x: axis("z₁", "", None),
        y: axis("z₂", "", None),
        series: vec![series(
            "simulation: (z₁, z₂)",
            SeriesKind::Simulation,
            0,
            run.records.iter().map(|r| r.1[0]).collect(),
            run.records.iter().map(|r| r.1[1]).collect(),
        )],
        heatmap: None,
        network: None,
    }
}
