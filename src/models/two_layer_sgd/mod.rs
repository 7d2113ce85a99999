//! Online SGD of a two-layer student learning from a two-layer teacher: the plateau, its escape
//! and the specialisation of the hidden units, with the order-parameter ODEs drawn on top of the
//! simulation (integrated from the simulation's own initial overlaps).
//!
//! ## Reference
//! D. Saad and S. A. Solla, Phys. Rev. E 52, 4225 (1995); S. Goldt, M. S. Advani, A. M. Saxe,
//! F. Krzakala and L. Zdeborová, NeurIPS 2019 (arXiv:1906.08632).

use crate::model::{
    Axis, Figure, Frame, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params,
};
use crate::model::{Preset, Run, Scale};
use crate::models::two_layer::equations;
use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{Dynamics, Output, Phase};
use crate::models::two_layer::page::{self, SgdRun, subscript};
use crate::models::two_layer::setup::{self, TeacherKind};
use crate::models::two_layer::trajectory::{Trajectory, log_times};
use crate::rng;

pub struct TwoLayerSgd;

pub const SAAD_SOLLA: Paper = Paper {
    authors: "D. Saad, S. A. Solla",
    title: "On-line learning in soft committee machines",
    venue: "Physical Review E 52, 4225",
    year: 1995,
    doi: Some("10.1103/PhysRevE.52.4225"),
    arxiv: None,
};

pub const GOLDT: Paper = Paper {
    authors: "S. Goldt, M. S. Advani, A. M. Saxe, F. Krzakala, L. Zdeborová",
    title: "Dynamics of stochastic gradient descent for two-layer neural networks in the teacher-student setup",
    venue: "Advances in Neural Information Processing Systems 32 (NeurIPS 2019)",
    year: 2019,
    doi: None,
    arxiv: Some("1906.08632"),
};

static SPEC: ModelSpec = ModelSpec {
    id: "two-layer-sgd",
    title: "Two-layer networks: online SGD and its ODEs",
    summary: "A student network with K hidden units learns online from a teacher network with M hidden units, \
              one fresh random example per step. Its error first drops, then stalls on a plateau where all \
              hidden units learn the same thing, and finally falls again when the units specialise, each \
              on one teacher unit. As N → ∞ the overlaps of student and teacher weights follow closed \
              ODEs: the lines are the ODE, started from the simulation's own initial overlaps, the points \
              the simulation at finite N.",
    papers: &[SAAD_SOLLA, GOLDT],
    equations: &[equations::NETWORKS, equations::SGD, equations::ORDER_PARAMETERS, equations::PLATEAU],
    params: &[
        page::dimension(500),
        page::students(2),
        page::teachers(2),
        page::learning_rate(0.5),
        ParamSpec {
            name: "lr_v",
            symbol: "η_v",
            label: "learning rate (second layer)",
            unit: "",
            help: "Step size of the second layer's update v ← v + (η_v/N)·g(λ)·error, when it is trained.",
            kind: ParamKind::Float {
                range: crate::model::Interval::closed(0.01, 2.0),
                default: 0.5,
                scale: Scale::Log,
            },
        },
        ParamSpec {
            name: "train_v",
            symbol: "",
            label: "train the second layer",
            unit: "",
            help: "Off: the second layer stays at v = 1 (the soft committee machine of Saad & Solla). On: it \
                   learns too, starting from v = 1.",
            kind: ParamKind::Bool { default: false },
        },
        page::noise(0.0),
        page::ACTIVATION,
        page::init_scale(1.0),
        page::TEACHER,
        page::horizon(500.0),
        page::ODE_OUTPUT,
    ],
    presets: &[
        Preset {
            name: "Specialisation, K = M = 2",
            description: "Goldt et al.'s set-up: a random start, a short plateau, then each student unit takes one teacher unit.",
            values: &[
                ("N", "500"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.5"),
                ("train_v", "0"),
                ("noise", "0"),
                ("w0", "1"),
                ("t_max", "500"),
            ],
        },
        Preset {
            name: "The Saad–Solla plateau",
            description: "A small start and a small rate: the error sits on the symmetric plateau until t ≈ 600.",
            values: &[
                ("N", "1000"),
                ("K", "2"),
                ("M", "2"),
                ("lr", "0.1"),
                ("train_v", "0"),
                ("noise", "0"),
                ("w0", "0.1"),
                ("t_max", "2000"),
            ],
        },
        Preset {
            name: "Over-parameterised, first layer only",
            description: "K = 4 students for M = 2 teachers, noisy labels: the final error grows with K when only \
                          the first layer learns.",
            values: &[
                ("N", "500"),
                ("K", "4"),
                ("M", "2"),
                ("lr", "0.5"),
                ("train_v", "0"),
                ("noise", "0.3"),
                ("w0", "1"),
                ("t_max", "2000"),
            ],
        },
        Preset {
            name: "Over-parameterised, both layers",
            description: "The same, with the second layer trained as well: the superfluous units switch off and \
                          the final error stays low.",
            values: &[
                ("N", "500"),
                ("K", "4"),
                ("M", "2"),
                ("lr", "0.5"),
                ("train_v", "1"),
                ("noise", "0.3"),
                ("w0", "1"),
                ("t_max", "2000"),
            ],
        },
    ],
    observables: &[
        Observable::measured("eps", "generalisation error ε_g at t_max").predicted_by("eps_theory"),
        Observable::theory("eps_theory", "generalisation error ε_g at t_max"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub lr: f64,
    pub lr_v: f64,
    pub train_v: bool,
    pub noise: f64,
    pub act: Activation,
    pub w0: f64,
    pub teacher: TeacherKind,
    pub t_max: f64,
    pub output: Output,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            n: p.int("N") as usize,
            k: p.int("K") as usize,
            m: p.int("M") as usize,
            lr: p.float("lr"),
            lr_v: p.float("lr_v"),
            train_v: p.flag("train_v"),
            noise: p.float("noise"),
            act: Activation::from_name(p.choice("activation")),
            w0: p.float("w0"),
            teacher: TeacherKind::from_name(p.choice("teacher")),
            t_max: p.float("t_max"),
            output: page::ode_output(p),
        }
    }

    /// The training rule, with T measured on the simulation's teacher.
    pub fn dynamics(&self, t: Vec<f64>) -> Dynamics {
        Dynamics {
            lr_v: self.lr_v,
            train_v: self.train_v,
            noise: self.noise,
            ..Dynamics::committee(self.act, self.k, self.m, t, self.lr)
        }
    }
}

/// Where the simulation records, per decade of time, and where the ODE is drawn.
const SIM_PER_DECADE: usize = 12;
const ODE_PER_DECADE: usize = 40;
/// The first time on the log axis.
const T_MIN: f64 = 0.05;

/// The run of a link: the network, its trajectory and the ODE from its initial overlaps.
pub fn trajectory(s: &Settings, seed: u64) -> Trajectory {
    let teacher = setup::teacher(s.n, s.m, s.teacher, &mut rng::stream(seed, "teacher", 0));
    let network = setup::network(s.n, s.k, s.act, teacher, s.w0, vec![vec![1.0; s.k]], seed);
    let rule = s.dynamics(network.t.clone());
    let phases = vec![Phase { until: s.t_max, rule }];
    let sim_times = log_times(s.n, T_MIN, s.t_max, SIM_PER_DECADE);
    let ode_times = log_times(s.n, T_MIN, s.t_max, ODE_PER_DECADE);
    Trajectory::new(network, phases, sim_times, ode_times, s.output)
}

impl Model for TwoLayerSgd {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        page::check_work(s.n, s.k, s.m, s.t_max)
    }

    fn cost(&self, params: &Params) -> f64 {
        let s = Settings::from_params(params);
        page::cost(s.n, s.k, s.m, s.t_max)
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        let s = Settings::from_params(params);
        Box::new(SgdRun {
            trajectory: trajectory(&s, seed),
            view: move |tr: &Trajectory| frame(&s, tr),
            observe: |tr: &Trajectory| {
                let rule = &tr.phases[0].rule;
                let eps = |o: &crate::models::two_layer::ode::Overlaps| rule.error(o, 0, &rule.readout, 1.0);
                vec![tr.final_simulated().map(eps), tr.final_theory().map(eps)]
            },
        })
    }
}

/// The Saad–Solla plateau as η → 0, for K = M, v = v* = 1, T = I.
pub fn plateau_error(k: usize) -> f64 {
    let k = k as f64;
    k / std::f64::consts::PI * (std::f64::consts::PI / 6.0 - k * libm::asin(1.0 / (2.0 * k)))
}

fn frame(s: &Settings, tr: &Trajectory) -> Frame {
    let rule = &tr.phases[0].rule;
    let eps = |o: &crate::models::two_layer::ode::Overlaps| rule.error(o, 0, &rule.readout, 1.0);
    let range = (T_MIN, s.t_max);
    let conditions = format!("N = {}, K = {}, M = {}, η = {}", s.n, s.k, s.m, s.lr);
    let diverged = tr.divergence_note();
    let subtitle = format!("simulation at {conditions}; lines: ODE from the same start{diverged}");

    let (t_ode, e_ode) = page::positive_times(tr.theory_times(), tr.theory.iter().map(eps));
    let (t_sim, e_sim) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(eps));
    let mut series = Vec::new();
    let plateau_applies = s.k == s.m && !s.train_v && s.act == Activation::Erf && s.teacher == TeacherKind::Orthonormal;
    let plateau = plateau_error(s.k);
    if plateau_applies {
        series.push(page::reference("Saad–Solla plateau (η → 0)", 6, range.0, range.1, plateau));
    }
    let axis = page::error_axis(
        "ε_g, generalisation error",
        e_ode.iter().chain(&e_sim).copied().chain(plateau_applies.then_some(plateau)),
    );
    series.push(page::theory("ODE", 0, t_ode, e_ode));
    series.push(page::simulation("simulation (SGD)", 0, t_sim, e_sim));
    let error = Figure {
        id: "error".into(),
        title: "Generalisation error".into(),
        subtitle: subtitle.clone(),
        x: page::time_axis(range.0, range.1),
        y: axis,
        series,
        heatmap: None,
        network: None,
    };

    let sim_map = page::overlap_heatmap(
        "specialisation",
        "Specialisation: student–teacher overlaps R_in (simulation)",
        format!("each row one student unit i against one teacher unit n; {conditions}"),
        tr.simulated_times(),
        &tr.simulated,
        (s.k, s.m),
        range,
    );
    let ode_map = page::overlap_heatmap(
        "specialisation-ode",
        "Specialisation: R_in from the ODE",
        "the same overlaps as N → ∞, from the same start".into(),
        tr.theory_times(),
        &tr.theory,
        (s.k, s.m),
        range,
    );

    let mut figures = vec![error, sim_map, ode_map, order_parameters(s, tr, range)];
    if s.train_v {
        figures.push(second_layer(s, tr, range));
    }
    Frame { figures }
}

/// Q_ii (the students' norms) and, for K ≤ 3, Q_ik (their overlaps): ODE and simulation.
fn order_parameters(s: &Settings, tr: &Trajectory, range: (f64, f64)) -> Figure {
    let k = s.k;
    let mut entries: Vec<(usize, usize)> = (0..k).map(|i| (i, i)).collect();
    if k <= 3 {
        entries.extend((0..k).flat_map(|i| (i + 1..k).map(move |j| (i, j))));
    }
    let mut series = Vec::new();
    for (g, &(i, j)) in entries.iter().enumerate() {
        let name = format!("Q{}{}", subscript(i + 1), subscript(j + 1));
        let (t, y) = page::positive_times(tr.theory_times(), tr.theory.iter().map(|o| o.q[i * k + j]));
        series.push(page::theory(format!("{name}: ODE"), g as u32, t, y));
        let (t, y) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(|o| o.q[i * k + j]));
        series.push(page::simulation(format!("{name}: simulation"), g as u32, t, y));
    }
    Figure {
        id: "overlaps".into(),
        title: "Student overlaps Q_ik = w_i·w_k/N".into(),
        subtitle: if k <= 3 { "norms and mutual overlaps".into() } else { "norms Q_ii of the students".into() },
        x: page::time_axis(range.0, range.1),
        y: Axis { label: "Q_ik".into(), unit: String::new(), scale: Scale::Linear, range: None },
        series,
        heatmap: None,
        network: None,
    }
}

/// The second-layer weights v_k(t), when they are trained.
fn second_layer(s: &Settings, tr: &Trajectory, range: (f64, f64)) -> Figure {
    let mut series = Vec::new();
    for i in 0..s.k {
        let name = format!("v{}", subscript(i + 1));
        let (t, y) = page::positive_times(tr.theory_times(), tr.theory.iter().map(|o| o.v[0][i]));
        series.push(page::theory(format!("{name}: ODE"), i as u32, t, y));
        let (t, y) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(|o| o.v[0][i]));
        series.push(page::simulation(format!("{name}: simulation"), i as u32, t, y));
    }
    Figure {
        id: "second-layer".into(),
        title: "Second-layer weights v_k".into(),
        subtitle: "superfluous units are switched off by v_k → 0".into(),
        x: page::time_axis(range.0, range.1),
        y: Axis { label: "v_k".into(), unit: String::new(), scale: Scale::Linear, range: None },
        series,
        heatmap: None,
        network: None,
    }
}
