//! The page's figures: activity, autocorrelation, spectrum, Lyapunov exponent, and Δ0 and λ_max
//! against g.

use super::run::{HEATMAP_UNITS, LAG_MAX, RnnRun, group_label, population_label};
use super::theory::Solution;
use super::theory_tau::{self, Group, TauSolution};
use crate::model::{Axis, Figure, Frame, Heatmap, Scale, Series, SeriesKind};

/// Largest g of the page.
pub const G_MAX: f64 = 3.0;
/// Points of the theory curves against g above the onset.
const GRID_POINTS: usize = 16;

/// The g grid of the theory curves: the onset itself and evenly spaced points up to G_MAX.
pub fn g_grid(onset: f64) -> Vec<f64> {
    if onset >= G_MAX {
        return vec![onset];
    }
    (0..=GRID_POINTS).map(|k| onset + (G_MAX - onset) * k as f64 / GRID_POINTS as f64).collect()
}

fn axis(label: &str, unit: &str, range: Option<[f64; 2]>) -> Axis {
    Axis { label: label.into(), unit: unit.into(), scale: Scale::Linear, range }
}

fn series(label: impl Into<String>, kind: SeriesKind, group: u32, points: Vec<(f64, f64)>) -> Series {
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

pub fn frame(run: &RnnRun) -> Frame {
    let size = run.size_note();
    Frame {
        figures: vec![
            activity(run, &size),
            autocorrelation(run, &size),
            spectrum(run),
            lyapunov(run, &size),
            against_g(run, &size, "delta0_vs_g", |s| s.delta0, run.measured.delta0()),
            against_g(run, &size, "lyapunov_vs_g", |s| s.lyapunov, run.measured.lyapunov_estimate()),
        ],
    }
}

impl RnnRun {
    fn size_note(&self) -> String {
        let gains = if self.s.populations.len() == 1 {
            String::new()
        } else {
            let p = &self.s.populations;
            format!(", gains {} and {} (shares {} and {})", p[0].gain, p[1].gain, p[0].share, p[1].share)
        };
        let taus = self.s.time_constants.map_or(String::new(), |t| {
            format!(", time constants {} and {} (share of τ₂ {})", t.tau_1, t.tau_2, t.share_2)
        });
        format!(
            "N = {}, g = {}, 1 network, T = {} after a burn-in of {}{gains}{taus}",
            self.s.n, self.s.g, self.s.t, self.s.burn_in
        )
    }
}

fn activity(run: &RnnRun, size: &str) -> Figure {
    let m = &run.measured;
    let units = m.rates.first().map_or(0, Vec::len);
    let columns = m.columns.len();
    let mut values = vec![0.0; units * columns];
    for (c, column) in m.rates.iter().enumerate() {
        for (r, &v) in column.iter().enumerate() {
            values[r * columns + c] = v;
        }
    }
    let n = run.s.n;
    let rows = (0..units)
        .map(|k| if n <= HEATMAP_UNITS { format!("{k}") } else { format!("{}", k * n / HEATMAP_UNITS) })
        .collect();
    Figure {
        id: "activity".into(),
        title: "Activity of a sample of units".into(),
        subtitle: format!("{units} of the N units, rates φ(x_i(t)); {size}"),
        x: axis("t, time", "τ_m", Some([0.0, run.s.burn_in + run.s.t])),
        y: axis("unit i", "", None),
        series: Vec::new(),
        heatmap: Some(Heatmap {
            x: m.columns.clone(), rows, values, range: [-1.0, 1.0], label: "φ(x_i), rate".into()
        }),
        network: None,
    }
}

fn autocorrelation(run: &RnnRun, size: &str) -> Figure {
    if let (Some(groups), Some(solution)) = (&run.groups, &run.theory.groups) {
        return autocorrelation_by_group(run, groups, solution, size);
    }
    let m = &run.measured;
    let spacing = m.lag_steps as f64 * run.s.dt;
    let here = &run.theory.here;
    let tau_max = (m.lags - 1) as f64 * spacing;
    let theory: Vec<(f64, f64)> =
        (0..=200).map(|k| tau_max * k as f64 / 200.0).map(|t| (t, here.delta_at(t))).collect();
    let mut all = vec![series("Δ(τ): DMFT", SeriesKind::Theory, 0, theory)];
    // A population of no units (share 0 or 1) has nothing to show.
    for a in (0..run.s.populations.len()).filter(|&a| m.population_sizes[a] > 0) {
        let points: Vec<(f64, f64)> =
            m.autocorrelation(a).iter().enumerate().filter_map(|(l, d)| d.map(|d| (l as f64 * spacing, d))).collect();
        let label = format!("Δ(τ), {}: simulation", population_label(&run.s.populations, a));
        all.push(series(label, SeriesKind::Simulation, a as u32 + 1, points));
    }
    Figure {
        id: "autocorrelation".into(),
        title: "Autocorrelation of the currents".into(),
        subtitle: format!("Δ(τ) = ⟨x_i(t) x_i(t+τ)⟩ over units and time; {size}"),
        x: axis("τ, lag", "τ_m", Some([0.0, tau_max.min(LAG_MAX)])),
        y: axis("Δ(τ)", "", None),
        series: all,
        heatmap: None,
        network: None,
    }
}

/// With time constants: Δ_a(τ) of each group, theory and simulation in the group's colour.
fn autocorrelation_by_group(run: &RnnRun, groups: &[Group], solution: &TauSolution, size: &str) -> Figure {
    let m = &run.measured;
    let spacing = m.lag_steps as f64 * run.s.dt;
    let tau_max = (m.lags - 1) as f64 * spacing;
    let mut all = Vec::new();
    for a in (0..groups.len()).filter(|&a| m.population_sizes[a] > 0) {
        let label = group_label(&run.s, groups, a);
        let theory: Vec<(f64, f64)> =
            (0..=200).map(|k| tau_max * k as f64 / 200.0).map(|t| (t, solution.delta_at(a, t))).collect();
        all.push(series(format!("Δ(τ), {label}: DMFT"), SeriesKind::Theory, a as u32 + 1, theory));
        let points: Vec<(f64, f64)> =
            m.autocorrelation(a).iter().enumerate().filter_map(|(l, d)| d.map(|d| (l as f64 * spacing, d))).collect();
        all.push(series(format!("Δ(τ), {label}: simulation"), SeriesKind::Simulation, a as u32 + 1, points));
    }
    Figure {
        id: "autocorrelation".into(),
        title: "Autocorrelation of the currents, fast and slow units".into(),
        subtitle: format!("Δ_a(τ) = ⟨x_i(t) x_i(t+τ)⟩ over the units of each group and time; {size}"),
        x: axis("τ, lag", "τ_m", Some([0.0, tau_max])),
        y: axis("Δ_a(τ)", "", None),
        series: all,
        heatmap: None,
        network: None,
    }
}

/// With time constants: the spectrum of the linearisation at rest T⁻¹(−I + JΓ), the boundary of its
/// support as N → ∞ and the stability line Re z = 0.
fn spectrum_with_time_constants(run: &RnnRun, groups: &[Group]) -> Figure {
    let m = &run.measured;
    let g = run.s.g;
    let [x0, x1, y] = theory_tau::support_box(g, groups);
    let (x0, x1) = (x0.min(-0.1), x1.max(0.1));
    let pad = 0.1 * (x1 - x0);
    let half = (0.5 * (x1 - x0) + pad).max(1.1 * y);
    let centre = 0.5 * (x0 + x1);
    let (xr, yr) = ([centre - half, centre + half], [-half, half]);
    let points = m.spectrum.as_ref().map_or(Vec::new(), |ev| ev.iter().map(|z| (z.re, z.im)).collect());
    let which = if m.spectrum_size == run.s.n {
        format!("all {} eigenvalues of T⁻¹(−I + JΓ), the network linearised at rest", run.s.n)
    } else {
        format!(
            "eigenvalues of T⁻¹(−I + JΓ) on a {0}×{0} principal block of J on units spread evenly, scaled by \
             √(N/{0}); N = {1}",
            m.spectrum_size, run.s.n
        )
    };
    let mut line = series("stability line Re z = 0", SeriesKind::Theory, 6, vec![(0.0, yr[0]), (0.0, yr[1])]);
    line.secondary = true;
    let boundary = theory_tau::support_boundary(g, groups);
    Figure {
        id: "spectrum".into(),
        title: "Eigenvalues of the network at rest, T⁻¹(−I + JΓ)".into(),
        subtitle: format!("{which}; onset g_c = {:.4}, whatever the time constants", run.theory.onset),
        x: axis("Re z", "1/τ_m", Some(xr)),
        y: axis("Im z", "1/τ_m", Some(yr)),
        series: vec![
            series("support boundary g²⟨γ²/|τz + 1|²⟩ = 1: theory", SeriesKind::Theory, 0, boundary),
            line,
            series("eigenvalues of T⁻¹(−I + JΓ): simulation", SeriesKind::Simulation, 1, points),
        ],
        heatmap: None,
        network: None,
    }
}

fn spectrum(run: &RnnRun) -> Figure {
    if let Some(groups) = &run.groups {
        return spectrum_with_time_constants(run, groups);
    }
    let m = &run.measured;
    let radius = super::theory::mean_square_gain(&run.s.populations).sqrt() * run.s.g;
    let circle: Vec<(f64, f64)> = (0..=128)
        .map(|k| 2.0 * core::f64::consts::PI * k as f64 / 128.0)
        .map(|a| (radius * libm::cos(a), radius * libm::sin(a)))
        .collect();
    let extent = 1.15 * radius.max(1.0);
    let points = m.spectrum.as_ref().map_or(Vec::new(), |ev| ev.iter().map(|z| (z.re, z.im)).collect());
    let matrix = if run.s.populations.len() == 1 { "J" } else { "JΓ" };
    let which = if m.spectrum_size == run.s.n {
        format!("all {} eigenvalues of {matrix}", run.s.n)
    } else {
        format!(
            "eigenvalues of a {0}×{0} principal block of {matrix} on units spread evenly, scaled by √(N/{0}): \
             the same circular law; N = {1}",
            m.spectrum_size, run.s.n
        )
    };
    let disc = if run.s.populations.len() == 1 { "circle of radius g" } else { "onset circle, radius g√⟨γ²⟩" };
    let mut unit_line = series("stability line Re λ = 1", SeriesKind::Theory, 6, vec![(1.0, -extent), (1.0, extent)]);
    unit_line.secondary = true;
    Figure {
        id: "spectrum".into(),
        title: format!("Eigenvalues of the couplings {matrix}"),
        subtitle: which,
        x: axis("Re λ", "", Some([-extent, extent])),
        y: axis("Im λ", "", Some([-extent, extent])),
        series: vec![
            series(format!("{disc}: theory"), SeriesKind::Theory, 0, circle),
            unit_line,
            series(format!("eigenvalues of {matrix}: simulation"), SeriesKind::Simulation, 1, points),
        ],
        heatmap: None,
        network: None,
    }
}

fn lyapunov(run: &RnnRun, size: &str) -> Figure {
    let end = run.s.burn_in + run.s.t;
    let lambda = run.theory.here.lyapunov;
    Figure {
        id: "lyapunov".into(),
        title: "Largest Lyapunov exponent".into(),
        subtitle: if run.s.lyapunov {
            format!("Benettin's running estimate from the burn-in on; {size}")
        } else {
            "not measured in this run (measure λ_max is off): theory only".into()
        },
        x: axis("t, time", "τ_m", Some([run.s.burn_in, end])),
        y: axis("λ_max", "1/τ_m", None),
        // With time constants λ_max has a theory only where the network is silent; without the
        // tangent there is no simulation.
        series: [
            (!lambda.is_nan())
                .then(|| series("λ_max: DMFT", SeriesKind::Theory, 0, vec![(run.s.burn_in, lambda), (end, lambda)])),
            run.s.lyapunov.then(|| {
                series(
                    "λ_max(t), running estimate: simulation",
                    SeriesKind::Simulation,
                    1,
                    run.measured.lyapunov.clone(),
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect(),
        heatmap: None,
        network: None,
    }
}

fn against_g(run: &RnnRun, size: &str, id: &str, value: fn(&Solution) -> f64, measured: Option<f64>) -> Figure {
    let lyapunov = id.starts_with("lyapunov");
    let onset = run.theory.onset;
    let mut line: Vec<(f64, f64)> = Vec::new();
    if let (Some(groups), true) = (&run.groups, lyapunov) {
        // With time constants, below the onset: the rightmost point of the spectrum at rest.
        line.extend((0..8).map(|k| onset * k as f64 / 8.0).map(|g| (g, theory_tau::rightmost(g, groups))));
    } else if onset > 0.0 {
        // Below the onset: Δ0 = 0 and λ_max = g/g_c − 1, both straight lines.
        line.push((0.0, if lyapunov { -1.0 } else { 0.0 }));
    }
    line.extend(run.theory.grid.iter().map(|s| (s.g, value(s))));
    let (symbol, unit, what) =
        if lyapunov { ("λ_max", "1/τ_m", "largest Lyapunov exponent") } else { ("Δ0", "", "Δ0 = ⟨x²⟩") };
    let point = measured.map(|v| vec![(run.s.g, v)]).unwrap_or_default();
    Figure {
        id: id.into(),
        title: format!("{} against the coupling strength", if lyapunov { "λ_max" } else { "Δ0" }),
        subtitle: format!("onset g_c = {:.4}; point: this run, {size}", onset),
        x: axis("g, coupling strength", "", Some([0.0, G_MAX])),
        y: axis(symbol, unit, None),
        series: vec![
            series(format!("{what}: DMFT"), SeriesKind::Theory, 0, line),
            series(format!("{what}: simulation"), SeriesKind::Simulation, 1, point),
        ],
        heatmap: None,
        network: None,
    }
}
