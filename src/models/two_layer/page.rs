//! What the pages of the two-layer family share: the parameters they have in common, the run
//! (an SGD trajectory and its ODE, streamed), the budget on work, and the figure builders.

use super::ode::Overlaps;
use super::trajectory::Trajectory;
use crate::model::{
    Axis, Choice, Figure, Frame, Heatmap, Interval, ParamError, ParamKind, ParamSpec, Run, RunError, Scale, Series,
    SeriesKind,
};

/// Most elementary operations a run may take (a Gaussian number drawn counts as 8 multiply-adds,
/// its measured cost): about fifteen seconds in a browser.
pub const WORK_LIMIT: f64 = 3e10;

/// Operations of `steps` SGD steps of a network with K students and M teacher units in N
/// dimensions: per step 8N for the input, N·M for the teacher's fields, 2N·K for the student's
/// fields and update.
pub fn work(n: usize, k: usize, m: usize, steps: f64) -> f64 {
    steps * n as f64 * (8.0 + m as f64 + 2.0 * k as f64)
}

/// Refuses a run over the budget, naming what to lower.
pub fn check_work(n: usize, k: usize, m: usize, t_max: f64) -> Result<(), ParamError> {
    let ops = work(n, k, m, t_max * n as f64);
    if ops > WORK_LIMIT {
        return Err(ParamError::Constraint(format!(
            "N={n}, K={k} and t_max={t_max} need {ops:.1e} operations ({:.0e} SGD steps), more than the limit of \
             {WORK_LIMIT:.0e} (about fifteen seconds): lower N, K or t_max",
            t_max * n as f64
        )));
    }
    Ok(())
}

/// The work of a run as a share of [`WORK_LIMIT`] (see [`crate::model::Model::cost`]).
pub fn cost(n: usize, k: usize, m: usize, t_max: f64) -> f64 {
    work(n, k, m, t_max * n as f64) / WORK_LIMIT
}

// Parameters shared by the pages, with each page's defaults.

pub const fn dimension(default: i64) -> ParamSpec {
    ParamSpec {
        name: "N",
        symbol: "N",
        label: "input dimension",
        unit: "",
        help: "Inputs per example. The ODEs are exact as N → ∞; at finite N the simulation scatters around them \
               by about 1/√N, and one SGD step costs about N·(8 + M + 2K) operations.",
        kind: ParamKind::Int { min: 100, max: 5000, default, scale: Scale::Log },
    }
}

pub const fn students(default: i64) -> ParamSpec {
    ParamSpec {
        name: "K",
        symbol: "K",
        label: "student hidden units",
        unit: "",
        help: "Hidden units of the student network. K > M makes the student over-parameterised.",
        kind: ParamKind::Int { min: 1, max: 8, default, scale: Scale::Linear },
    }
}

pub const fn teachers(default: i64) -> ParamSpec {
    ParamSpec {
        name: "M",
        symbol: "M",
        label: "teacher hidden units",
        unit: "",
        help: "Hidden units of the teacher network that labels the examples.",
        kind: ParamKind::Int { min: 1, max: 6, default, scale: Scale::Linear },
    }
}

pub const fn learning_rate(default: f64) -> ParamSpec {
    ParamSpec {
        name: "lr",
        symbol: "η",
        label: "learning rate (first layer)",
        unit: "",
        help: "Step size of the first layer's SGD update, w ← w + (η/√N)·g'(λ)·error·x. Too large a rate makes \
               SGD unstable; the ODE then blows up too.",
        kind: ParamKind::Float { range: Interval::closed(0.01, 2.0), default, scale: Scale::Log },
    }
}

pub const fn noise(default: f64) -> ParamSpec {
    ParamSpec {
        name: "noise",
        symbol: "σ",
        label: "label noise",
        unit: "",
        help: "Standard deviation of Gaussian noise added to the teacher's labels. With noise the error cannot \
               reach zero: it settles at a floor of order ησ².",
        kind: ParamKind::Float { range: Interval::closed(0.0, 1.0), default, scale: Scale::Linear },
    }
}

pub const fn init_scale(default: f64) -> ParamSpec {
    ParamSpec {
        name: "w0",
        symbol: "w₀",
        label: "initial weight scale",
        unit: "",
        help: "The student's first-layer weights start as w₀·𝒩(0, 1): w₀ = 1 is the usual random start, small \
               w₀ starts near the symmetric plateau.",
        kind: ParamKind::Float { range: Interval::closed(0.001, 2.0), default, scale: Scale::Log },
    }
}

pub const ACTIVATION: ParamSpec = ParamSpec {
    name: "activation",
    symbol: "g",
    label: "activation function",
    unit: "",
    help: "Activation g of the hidden units of student and teacher. erf(u/√2) is the sigmoid of Saad & Solla \
           and has a plateau; the linear network has none.",
    kind: ParamKind::Choice {
        options: &[Choice { value: "erf", label: "erf(u/√2)" }, Choice { value: "linear", label: "linear, g(u) = u" }],
        default: "erf",
    },
};

/// How the ODE's solution is read at the plotted times. Links of version 1 left it out and meant
/// `stepped`; see [`crate::link::SCHEMA`].
pub const ODE_OUTPUT: ParamSpec = ParamSpec {
    name: "ode_output",
    symbol: "",
    label: "ODE read-out",
    unit: "",
    help: "Dense: the integrator's steps follow the solution alone and the plotted times are read off each \
           step's fourth-order interpolant (a fifth fewer steps). Stepped: a step ends at every plotted time, as \
           in links made before v=2. The two agree to about 10⁻⁶ of ε.",
    kind: ParamKind::Choice {
        options: &[
            Choice { value: "dense", label: "dense output" },
            Choice { value: "stepped", label: "a step at each plotted time" },
        ],
        default: "dense",
    },
};

/// The read-out of the ODE that [`ODE_OUTPUT`] names.
pub fn ode_output(p: &crate::model::Params) -> super::ode::Output {
    match p.choice("ode_output") {
        "stepped" => super::ode::Output::Stepped,
        _ => super::ode::Output::Dense,
    }
}

pub const TEACHER: ParamSpec = ParamSpec {
    name: "teacher",
    symbol: "",
    label: "teacher weights",
    unit: "",
    help: "Orthonormal: the teacher's rows are orthogonal with norm √N, so T = I exactly. Gaussian: independent \
           entries, T = I up to O(1/√N).",
    kind: ParamKind::Choice {
        options: &[
            Choice { value: "orthonormal", label: "orthonormal rows" },
            Choice { value: "gaussian", label: "Gaussian entries" },
        ],
        default: "orthonormal",
    },
};

pub const fn horizon(default: f64) -> ParamSpec {
    ParamSpec {
        name: "t_max",
        symbol: "t_max",
        label: "training time",
        unit: "",
        help: "Length of training in time t = steps/N, i.e. examples per input dimension.",
        kind: ParamKind::Float { range: Interval::closed(10.0, 10000.0), default, scale: Scale::Log },
    }
}

/// A run of one of the pages: the trajectory, and how the page draws it.
pub struct SgdRun<V: Fn(&Trajectory) -> Frame, O: Fn(&Trajectory) -> Vec<Option<f64>>> {
    pub trajectory: Trajectory,
    pub view: V,
    pub observe: O,
}

impl<V: Fn(&Trajectory) -> Frame, O: Fn(&Trajectory) -> Vec<Option<f64>>> Run for SgdRun<V, O> {
    fn total_work(&self) -> u64 {
        self.trajectory.total_steps()
    }
    fn work_done(&self) -> u64 {
        self.trajectory.steps_done()
    }
    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        self.trajectory.advance(budget)
    }
    fn frame(&self) -> Frame {
        (self.view)(&self.trajectory)
    }
    fn observables(&self) -> Vec<Option<f64>> {
        (self.observe)(&self.trajectory)
    }
}

/// The time axis of every figure: log t from the first recorded time to t_max.
pub fn time_axis(t_min: f64, t_max: f64) -> Axis {
    Axis {
        label: "t = steps/N, training time".into(),
        unit: String::new(),
        scale: Scale::Log,
        range: Some([t_min, t_max]),
    }
}

/// Times and values with t > 0 (a log axis has no room for t = 0).
pub fn positive_times(times: &[f64], values: impl Iterator<Item = f64>) -> (Vec<f64>, Vec<f64>) {
    times.iter().copied().zip(values).filter(|(t, _)| *t > 0.0).unzip()
}

pub fn theory(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind: SeriesKind::Theory, group, x, y, y_err: None, secondary: false }
}

pub fn simulation(label: impl Into<String>, group: u32, x: Vec<f64>, y: Vec<f64>) -> Series {
    Series { label: label.into(), kind: SeriesKind::Simulation, group, x, y, y_err: None, secondary: false }
}

/// A horizontal reference line over the time axis, drawn faintly behind the curves.
pub fn reference(label: impl Into<String>, group: u32, t_min: f64, t_max: f64, y: f64) -> Series {
    Series { secondary: true, ..theory(label, group, vec![t_min, t_max], vec![y, y]) }
}

/// The smallest positive number among `values`, for the lower end of a log axis.
pub fn floor_of(values: impl Iterator<Item = f64>) -> f64 {
    values.filter(|v| *v > 0.0 && v.is_finite()).fold(f64::INFINITY, f64::min)
}

/// A log axis for errors that covers `values` (with a margin), at least down to `lowest`.
pub fn error_axis(label: &str, values: impl Iterator<Item = f64>) -> Axis {
    let mut lo = f64::INFINITY;
    let mut hi: f64 = 0.0;
    for v in values.filter(|v| *v > 0.0 && v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let range = if lo.is_finite() { Some([(lo / 2.0).max(hi * 1e-9), hi * 2.0]) } else { None };
    Axis { label: label.into(), unit: String::new(), scale: Scale::Log, range }
}

/// Subscript digits, for labels such as R₁₂.
pub fn subscript(n: usize) -> String {
    n.to_string().chars().map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c)).collect()
}

/// The student–teacher overlaps R_in(t) as a heat map, one row per (i, n), students grouped.
pub fn overlap_heatmap(
    id: &str,
    title: &str,
    subtitle: String,
    times: &[f64],
    overlaps: &[Overlaps],
    (k, m): (usize, usize),
    t_range: (f64, f64),
) -> Figure {
    let (x, picked): (Vec<f64>, Vec<&Overlaps>) = times.iter().copied().zip(overlaps).filter(|(t, _)| *t > 0.0).unzip();
    let mut rows = Vec::with_capacity(k * m);
    let mut values = Vec::with_capacity(k * m * x.len());
    for i in 0..k {
        for n in 0..m {
            rows.push(format!("R{}{}", subscript(i + 1), subscript(n + 1)));
            values.extend(picked.iter().map(|o| o.r[i * m + n]));
        }
    }
    let largest = values.iter().filter(|v| v.is_finite()).fold(1.0f64, |a, v| a.max(v.abs()));
    Figure {
        id: id.into(),
        title: title.into(),
        subtitle,
        x: time_axis(t_range.0, t_range.1),
        y: Axis {
            label: "student unit i, teacher unit n".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: None,
        },
        series: Vec::new(),
        heatmap: Some(Heatmap {
            x,
            rows,
            values,
            range: [-largest, largest],
            label: "R_in, student–teacher overlap".into(),
        }),
        network: None,
    }
}
