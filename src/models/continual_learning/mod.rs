//! Continual learning in the teacher–student setup: a two-layer student with one first layer shared
//! by two tasks and one readout head per task learns task 1, then task 2, and forgets task 1 while
//! it does; forgetting is largest when the tasks are neither alike nor unrelated, at an
//! intermediate similarity.
//!
//! Each task is a teacher, a soft committee of M erf units with readout 1. The second teacher's
//! features mix the first's with a fresh direction, w*₂ = γ w*₁ + √(1−γ²) w*_⊥, so that the
//! teachers' overlaps are T = [[I, γI], [γI, I]]. In phase 1 (0 < t ≤ t_s) SGD trains the first
//! layer and head 1 on task 1; in phase 2 (t_s < t ≤ 2t_s) the first layer and head 2 on task 2,
//! head 1 frozen. The forgetting is F = ε₁(2t_s) − ε₁(t_s). As N → ∞ the overlaps obey the ODEs of
//! the two-layer engine with both teachers' fields in the covariance (K + 2M units), the active
//! teacher's readout and the active head as feedback; the page integrates them from the
//! simulation's own initial overlaps, and, for the curve F(γ), from the same start carried to
//! every γ.
//!
//! ## Reference
//! S. Lee, S. Goldt and A. Saxe, "Continual learning in the teacher-student setup: impact of task
//! similarity", ICML 2021 (arXiv:2107.04384); the ODEs: S. Goldt, M. S. Advani, A. M. Saxe,
//! F. Krzakala and L. Zdeborová, NeurIPS 2019 (arXiv:1906.08632).

use crate::model::{
    Axis, Equation, Figure, Frame, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec,
    Params, Preset, Run, RunError, Scale, Series,
};
use crate::models::two_layer::equations;
use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{self, Dynamics, Overlaps, Phase};
use crate::models::two_layer::page::{self, subscript};
use crate::models::two_layer::setup;
use crate::models::two_layer::sgd::Network;
use crate::models::two_layer::trajectory::{Trajectory, steps_at};
use crate::models::two_layer_sgd::GOLDT;
use crate::num::dopri::AdaptiveError;
use crate::num::vector::dot;
use crate::rng;

pub struct ContinualLearning;

pub const LEE_GOLDT_SAXE: Paper = Paper {
    authors: "S. Lee, S. Goldt, A. Saxe",
    title: "Continual learning in the teacher-student setup: impact of task similarity",
    venue: "Proceedings of the 38th International Conference on Machine Learning (ICML 2021), PMLR 139",
    year: 2021,
    doi: None,
    arxiv: Some("2107.04384"),
};

const TASKS: Equation = Equation {
    caption: "Two tasks, two teachers whose features overlap by γ; the student shares its first layer and has one head per task",
    mathml: r#"<math display="block"><msup><mi>y</mi><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msup><mo>=</mo><munderover><mo>∑</mo><mrow><mi>n</mi><mo>=</mo><mn>1</mn></mrow><mi>M</mi></munderover><mi>g</mi><mo>(</mo><msubsup><mi>ν</mi><mi>n</mi><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msubsup><mo>)</mo><mo separator="true">,</mo><mspace width="0.8em"/><msubsup><mi class="vec">w</mi><mi>n</mi><mrow><mo>*</mo><mo>(</mo><mn>2</mn><mo>)</mo></mrow></msubsup><mo>=</mo><mi>γ</mi><msubsup><mi class="vec">w</mi><mi>n</mi><mrow><mo>*</mo><mo>(</mo><mn>1</mn><mo>)</mo></mrow></msubsup><mo>+</mo><msqrt><mrow><mn>1</mn><mo>−</mo><msup><mi>γ</mi><mn>2</mn></msup></mrow></msqrt><msubsup><mi class="vec">w</mi><mi>n</mi><mo>⊥</mo></msubsup><mo separator="true">,</mo><mspace width="0.8em"/><msup><mover><mi>y</mi><mo>^</mo></mover><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msup><mo>=</mo><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover><msubsup><mi>v</mi><mi>k</mi><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msubsup><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo></math>"#,
};

const FORGETTING: Equation = Equation {
    caption: "Task 1 until the switch at t_s, then task 2 (head 1 frozen); forgetting is what task 1 loses meanwhile",
    mathml: r#"<math display="block"><mi>F</mi><mo>=</mo><msub><mi>ε</mi><mn>1</mn></msub><mo>(</mo><mn>2</mn><msub><mi>t</mi><mi>s</mi></msub><mo>)</mo><mo>−</mo><msub><mi>ε</mi><mn>1</mn></msub><mo>(</mo><msub><mi>t</mi><mi>s</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="0.8em"/><msub><mi>ε</mi><mi>τ</mi></msub><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mo>⟨</mo><msup><mrow><mo>(</mo><msup><mover><mi>y</mi><mo>^</mo></mover><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msup><mo>−</mo><msup><mi>y</mi><mrow><mo>(</mo><mi>τ</mi><mo>)</mo></mrow></msup><mo>)</mo></mrow><mn>2</mn></msup><mo>⟩</mo></math>"#,
};

static SPEC: ModelSpec = ModelSpec {
    id: "continual-learning",
    title: "Continual learning: forgetting and task similarity",
    summary: "A two-layer network learns one task, then a second, with a shared first layer and one readout \
              head per task. Each task is a teacher network; their features overlap by γ. While the network \
              learns task 2, its first layer moves away from what head 1 was fitted to, and it forgets task 1: \
              not most when the tasks are most different, but at intermediate similarity. The lines are the \
              order-parameter ODEs, started from the simulation's own initial overlaps, the points the \
              simulation at finite N; the curve of forgetting against γ is the ODE from the same start.",
    papers: &[LEE_GOLDT_SAXE, GOLDT],
    equations: &[TASKS, equations::SGD, FORGETTING, equations::ORDER_PARAMETERS],
    params: &[
        page::dimension(500),
        page::students(2),
        page::teachers(1),
        ParamSpec {
            name: "lr",
            symbol: "η",
            label: "learning rate",
            unit: "",
            help: "Step size of both layers: w ← w + (η/√N)·v·g'(λ)·error·x for the first, v ← v + (η/N)·g(λ)·error \
                   for the active head. Too large a rate makes SGD unstable; the ODE then blows up too.",
            kind: ParamKind::Float { range: Interval::closed(0.01, 2.0), default: 0.5, scale: Scale::Log },
        },
        ParamSpec {
            name: "gamma",
            symbol: "γ",
            label: "task similarity",
            unit: "",
            help: "Overlap of the two teachers' features: w*₂ = γ w*₁ + √(1−γ²) w*_⊥. γ = 1: the same features \
                   (only the head has to change); γ = 0: orthogonal ones.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 1.0), default: 0.4, scale: Scale::Linear },
        },
        ParamSpec {
            name: "t_switch",
            symbol: "t_s",
            label: "time per task",
            unit: "",
            help: "Length of each phase in time t = steps/N: task 1 until t_s, then task 2 until 2t_s.",
            kind: ParamKind::Float { range: Interval::closed(10.0, 1000.0), default: 300.0, scale: Scale::Log },
        },
        page::init_scale(0.1),
        ParamSpec {
            name: "v0",
            symbol: "v₀",
            label: "initial head weights",
            unit: "",
            help: "Both heads start at (v₀, −v₀, v₀, …): small heads, of opposite signs so that the hidden units \
                   start out different.",
            kind: ParamKind::Float { range: Interval::closed(0.0, 1.0), default: 0.1, scale: Scale::Linear },
        },
        page::noise(0.0),
    ],
    presets: &[
        Preset {
            name: "Most forgetting, γ = 0.2",
            description: "Lee, Goldt & Saxe's set-up (K = 2, M = 1, η = 0.5, small start) near the similarity that \
                          forgets most.",
            values: &[
                ("N", "500"),
                ("K", "2"),
                ("M", "1"),
                ("lr", "0.5"),
                ("gamma", "0.2"),
                ("t_switch", "300"),
                ("w0", "0.1"),
                ("v0", "0.1"),
                ("noise", "0"),
            ],
        },
        Preset {
            name: "Orthogonal tasks, γ = 0",
            description: "Task 2 needs features orthogonal to task 1's: the student reuses its units and forgets \
                          less than at γ = 0.2.",
            values: &[
                ("N", "500"),
                ("K", "2"),
                ("M", "1"),
                ("lr", "0.5"),
                ("gamma", "0"),
                ("t_switch", "300"),
                ("w0", "0.1"),
                ("v0", "0.1"),
                ("noise", "0"),
            ],
        },
        Preset {
            name: "Similar tasks, γ = 0.9",
            description: "The features barely move between the tasks, and task 1 is barely forgotten.",
            values: &[
                ("N", "500"),
                ("K", "2"),
                ("M", "1"),
                ("lr", "0.5"),
                ("gamma", "0.9"),
                ("t_switch", "300"),
                ("w0", "0.1"),
                ("v0", "0.1"),
                ("noise", "0"),
            ],
        },
        Preset {
            name: "Wider networks, K = 4, M = 2",
            description: "Two teacher units per task and four students from a random start (w₀ = 1): task 1 \
                          first has a plateau to leave, before the switch.",
            values: &[
                ("N", "500"),
                ("K", "4"),
                ("M", "2"),
                ("lr", "0.5"),
                ("gamma", "0.4"),
                ("t_switch", "300"),
                ("w0", "1"),
                ("v0", "0.1"),
                ("noise", "0"),
            ],
        },
    ],
    observables: &[
        Observable::measured("forgetting", "forgetting F = ε₁(2t_s) − ε₁(t_s)").predicted_by("forgetting_theory"),
        Observable::theory("forgetting_theory", "forgetting F = ε₁(2t_s) − ε₁(t_s), ODE"),
        Observable::measured("eps1_switch", "error on task 1 at the switch, ε₁(t_s)"),
        Observable::measured("eps2_end", "error on task 2 at the end, ε₂(2t_s)"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub k: usize,
    /// Teacher units per task.
    pub m: usize,
    pub lr: f64,
    pub gamma: f64,
    pub t_switch: f64,
    pub w0: f64,
    pub v0: f64,
    pub noise: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            n: p.int("N") as usize,
            k: p.int("K") as usize,
            m: p.int("M") as usize,
            lr: p.float("lr"),
            gamma: p.float("gamma"),
            t_switch: p.float("t_switch"),
            w0: p.float("w0"),
            v0: p.float("v0"),
            noise: p.float("noise"),
        }
    }

    /// The switch, on the simulation's grid of steps (t = steps/N).
    pub fn switch(&self) -> f64 {
        steps_at(self.n, self.t_switch) as f64 / self.n as f64
    }

    /// Training on task `task` (0 or 1): the active teacher's units read out with weight 1, the
    /// task's head trained with the first layer, the other head frozen. `t` is the teachers'
    /// overlaps, 2M × 2M.
    pub fn rule(&self, t: Vec<f64>, task: usize) -> Dynamics {
        Dynamics {
            readout: readout(self.m, task),
            heads: 2,
            active_head: task,
            train_v: true,
            noise: self.noise,
            ..Dynamics::committee(Activation::Erf, self.k, 2 * self.m, t, self.lr)
        }
    }

    /// Task 1 until the switch, task 2 for as long again.
    pub fn phases(&self, t: Vec<f64>) -> Vec<Phase> {
        let switch = self.switch();
        vec![
            Phase { until: switch, rule: self.rule(t.clone(), 0) },
            Phase { until: 2.0 * switch, rule: self.rule(t, 1) },
        ]
    }

    /// The heads at the start: (v₀, −v₀, v₀, …), the same for both tasks.
    pub fn heads(&self) -> Vec<Vec<f64>> {
        let head: Vec<f64> = (0..self.k).map(|i| if i % 2 == 0 { self.v0 } else { -self.v0 }).collect();
        vec![head; 2]
    }
}

/// The second-layer weights of task `task`'s teacher over the units of both teachers.
pub fn readout(m: usize, task: usize) -> Vec<f64> {
    (0..2 * m).map(|n| if n / m == task { 1.0 } else { 0.0 }).collect()
}

/// The teachers' overlaps T = [[I, γI], [γI, I]], 2M × 2M.
pub fn similar_overlaps(m: usize, gamma: f64) -> Vec<f64> {
    let units = 2 * m;
    let mut t = vec![0.0; units * units];
    for a in 0..units {
        t[a * units + a] = 1.0;
        t[a * units + (a + m) % units] = gamma;
    }
    t
}

/// The error ε_τ of head `task` on task `task`.
pub fn task_error(rule: &Dynamics, o: &Overlaps, task: usize) -> f64 {
    rule.error(o, task, &readout(rule.m / 2, task), 1.0)
}

/// ε₁ from the ODE at `times` (increasing, within [0, 2t_s]), for teachers of similarity `gamma`,
/// from `start`.
pub fn first_task_error(s: &Settings, gamma: f64, start: &Overlaps, times: &[f64]) -> Result<Vec<f64>, AdaptiveError> {
    let phases = s.phases(similar_overlaps(s.m, gamma));
    let rule = &phases[0].rule;
    let mut out = Vec::with_capacity(times.len());
    ode::integrate(&phases, start, times, |_, o| out.push(task_error(rule, o, 0)))?;
    Ok(out)
}

/// The overlaps a run starts from, in a form that carries over to any γ: Q, the overlaps R₁ with
/// the first teacher's units and R_⊥ with the directions w*_⊥ that the second teacher mixes in,
/// and the heads. At similarity γ the overlaps with the second teacher are γR₁ + √(1−γ²)R_⊥.
#[derive(Debug, Clone, PartialEq)]
pub struct Start {
    pub m: usize,
    pub q: Vec<f64>,
    pub r_first: Vec<f64>,
    pub r_perp: Vec<f64>,
    pub v: Vec<Vec<f64>>,
}

impl Start {
    /// The start of `network`, whose teachers were mixed from the orthonormal rows `base` (the
    /// first teacher's M rows, then the M directions w*_⊥).
    pub fn of(network: &Network, base: &[f64], m: usize) -> Self {
        let (n, k) = (network.n, network.k);
        let overlaps = network.overlaps();
        let mut r_first = vec![0.0; k * m];
        let mut r_perp = vec![0.0; k * m];
        for i in 0..k {
            let w = &network.w[i * n..(i + 1) * n];
            for p in 0..m {
                r_first[i * m + p] = dot(w, &base[p * n..(p + 1) * n]) / n as f64;
                r_perp[i * m + p] = dot(w, &base[(m + p) * n..(m + p + 1) * n]) / n as f64;
            }
        }
        Start { m, q: overlaps.q, r_first, r_perp, v: overlaps.v }
    }

    /// The overlaps with teachers of similarity `gamma`.
    pub fn at(&self, gamma: f64) -> Overlaps {
        let m = self.m;
        let k = self.r_first.len() / m;
        let rest = (1.0 - gamma * gamma).max(0.0).sqrt();
        let mut r = vec![0.0; k * 2 * m];
        for i in 0..k {
            for p in 0..m {
                let first = self.r_first[i * m + p];
                r[i * 2 * m + p] = first;
                r[i * 2 * m + m + p] = gamma * first + rest * self.r_perp[i * m + p];
            }
        }
        Overlaps { q: self.q.clone(), r, v: self.v.clone() }
    }
}

/// Forgetting against similarity, from the ODE: γ and F(γ) where the ODE stayed finite.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ForgettingCurve {
    pub gamma: Vec<f64>,
    pub forgetting: Vec<f64>,
}

/// Points of the curve F(γ) in [0, 1], besides the run's own γ.
pub const GAMMA_POINTS: usize = 41;

/// Where the curve F(γ) is computed: an even grid of `GAMMA_POINTS` in [0, 1], and the run's γ.
pub fn gamma_grid(s: &Settings) -> Vec<f64> {
    let mut gammas: Vec<f64> = (0..GAMMA_POINTS).map(|j| j as f64 / (GAMMA_POINTS - 1) as f64).collect();
    if !gammas.contains(&s.gamma) {
        gammas.push(s.gamma);
        gammas.sort_by(f64::total_cmp);
    }
    gammas
}

/// The forgetting F(γ) from the ODE, from `start` carried to γ; `None` where the ODE blew up.
pub fn forgetting_at(s: &Settings, start: &Start, gamma: f64) -> Option<f64> {
    let e = first_task_error(s, gamma, &start.at(gamma), &[s.switch(), 2.0 * s.switch()]).ok()?;
    Some(e[1] - e[0])
}

/// Operations of one point of F(γ), in the units of [`page::work`]: the right-hand side of the ODE
/// costs about K(K+1)/2·(K+M)² Gaussian averages of four fields, and the adaptive integrator takes
/// a number of steps that grows as 60 + t_s. The factor 225 makes this the measured time of a point
/// to within a factor of two, for K = 2, M = 1 to K = 8, M = 6 and t_s from 10 to 1000.
pub fn ode_work(k: usize, m: usize, t_switch: f64) -> f64 {
    225.0 * (60.0 + t_switch) * (k * (k + 1) / 2) as f64 * ((k + m) * (k + m)) as f64
}

/// Simulation points per phase (on a linear time axis), and ODE points per phase.
pub const SIM_PER_PHASE: usize = 30;
const ODE_PER_PHASE: usize = 150;

/// `per_phase` times per phase from 0 to 2t_s, evenly, on the grid of SGD steps; the switch is
/// the `per_phase`-th.
pub fn phase_times(s: &Settings, per_phase: usize) -> Vec<f64> {
    let switch = steps_at(s.n, s.t_switch);
    let mut steps: Vec<u64> =
        (0..=2 * per_phase as u64).map(|j| (j * switch + per_phase as u64 / 2) / per_phase as u64).collect();
    steps.dedup();
    steps.into_iter().map(|j| j as f64 / s.n as f64).collect()
}

/// The network of a link on its two teachers, its trajectory through both phases with the ODE
/// from its initial overlaps, and that start in a form that carries over to any γ.
pub fn trajectory(s: &Settings, seed: u64) -> (Trajectory, Start) {
    let teacher = setup::similar_teachers(s.n, s.m, s.gamma, &mut rng::stream(seed, "teacher", 0));
    // The same rows unmixed (γ = 0 leaves them as drawn): the first teacher and the directions w*_⊥.
    let base = setup::similar_teachers(s.n, s.m, 0.0, &mut rng::stream(seed, "teacher", 0));
    let network = setup::network(s.n, s.k, Activation::Erf, teacher, s.w0, s.heads(), seed);
    let start = Start::of(&network, &base, s.m);
    let phases = s.phases(network.t.clone());
    let sim_times = phase_times(s, SIM_PER_PHASE);
    let ode_times = phase_times(s, ODE_PER_PHASE);
    (Trajectory::new(network, phases, sim_times, ode_times, ode::Output::Stepped), start)
}

/// A run of the page: first the curve F(γ), one point of the ODE at a time, then the simulation.
pub struct ContinualRun {
    pub settings: Settings,
    pub trajectory: Trajectory,
    start: Start,
    gammas: Vec<f64>,
    /// The points of F(γ) computed so far.
    pub curve: ForgettingCurve,
    next_gamma: usize,
    /// Work units of one point of the curve, and those already spent on the next one.
    point_work: u64,
    credit: u64,
}

impl ContinualRun {
    pub fn new(settings: Settings, seed: u64) -> Self {
        let (trajectory, start) = trajectory(&settings, seed);
        let s = &settings;
        let point_work = (ode_work(s.k, s.m, s.t_switch) / page::work(s.n, s.k, s.m, 1.0)).ceil().max(1.0) as u64;
        ContinualRun {
            gammas: gamma_grid(s),
            settings,
            trajectory,
            start,
            curve: ForgettingCurve::default(),
            next_gamma: 0,
            point_work,
            credit: 0,
        }
    }

    fn curve_work(&self) -> u64 {
        self.gammas.len() as u64 * self.point_work
    }
}

impl Run for ContinualRun {
    fn total_work(&self) -> u64 {
        self.curve_work() + self.trajectory.total_steps()
    }

    fn work_done(&self) -> u64 {
        self.next_gamma as u64 * self.point_work + self.credit + self.trajectory.steps_done()
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && self.next_gamma < self.gammas.len() {
            let take = (self.point_work - self.credit).min(budget - done);
            self.credit += take;
            done += take;
            if self.credit == self.point_work {
                let gamma = self.gammas[self.next_gamma];
                if let Some(f) = forgetting_at(&self.settings, &self.start, gamma) {
                    self.curve.gamma.push(gamma);
                    self.curve.forgetting.push(f);
                }
                self.next_gamma += 1;
                self.credit = 0;
            }
        }
        if done < budget {
            done += self.trajectory.advance(budget - done)?;
        }
        Ok(done)
    }

    fn frame(&self) -> Frame {
        frame(&self.settings, &self.trajectory, &self.curve)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let tr = &self.trajectory;
        let rule = &tr.phases[0].rule;
        let switch = self.settings.switch();
        let simulated = forgetting_of(rule, tr.simulated_times(), &tr.simulated, switch);
        let theory = forgetting_of(rule, tr.theory_times(), &tr.theory, switch);
        let (done, full) = (tr.final_simulated().is_some(), tr.final_theory().is_some());
        vec![
            done.then_some(simulated.map(|(f, _)| f)).flatten(),
            full.then_some(theory.map(|(f, _)| f)).flatten(),
            at_switch(rule, tr.simulated_times(), &tr.simulated, switch),
            tr.final_simulated().map(|o| task_error(rule, o, 1)),
        ]
    }
}

/// ε₁ at the switch, once recorded.
fn at_switch(rule: &Dynamics, times: &[f64], overlaps: &[Overlaps], switch: f64) -> Option<f64> {
    let j = times.iter().position(|&t| t == switch)?;
    overlaps.get(j).map(|o| task_error(rule, o, 0))
}

/// The forgetting ε₁(end) − ε₁(switch) and ε₁ at the switch, of a record that reached past the switch
/// (the record's last time is taken as the end).
fn forgetting_of(rule: &Dynamics, times: &[f64], overlaps: &[Overlaps], switch: f64) -> Option<(f64, f64)> {
    let before = at_switch(rule, times, overlaps, switch)?;
    let end = overlaps.last().map(|o| task_error(rule, o, 0))?;
    Some((end - before, before))
}

/// The SGD steps of a run, and the operations of the SGD and of the ODEs of the curve of forgetting.
fn work(s: &Settings) -> (f64, f64, f64) {
    // Each step computes the fields of the active teacher's M units only.
    let steps = 2.0 * s.t_switch * s.n as f64;
    let sgd = page::work(s.n, s.k, s.m, steps);
    let ode = gamma_grid(s).len() as f64 * ode_work(s.k, s.m, s.t_switch);
    (steps, sgd, ode)
}

impl Model for ContinualLearning {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        let (steps, sgd, ode) = work(&s);
        if sgd + ode > page::WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N={}, K={}, M={} and t_switch={} need {:.1e} operations ({sgd:.1e} for {steps:.0e} SGD steps, \
                 {ode:.1e} for the ODE's curve of forgetting), more than the limit of {:.0e} (about fifteen \
                 seconds): lower N, K, M or t_switch",
                s.n,
                s.k,
                s.m,
                s.t_switch,
                sgd + ode,
                page::WORK_LIMIT
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        let (_, sgd, ode) = work(&Settings::from_params(params));
        (sgd + ode) / page::WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(ContinualRun::new(Settings::from_params(params), seed))
    }
}

/// The time axis of the page: linear, over both phases, with a margin so that the points at both
/// ends are drawn whole.
fn time_axis(s: &Settings) -> Axis {
    let end = 2.0 * s.switch();
    Axis {
        label: "t = steps/N, training time".into(),
        unit: String::new(),
        scale: Scale::Linear,
        range: Some([-0.02 * end, 1.02 * end]),
    }
}

fn frame(s: &Settings, tr: &Trajectory, curve: &ForgettingCurve) -> Frame {
    let rule = &tr.phases[0].rule;
    let conditions = format!("N = {}, K = {}, M = {}, η = {}, γ = {}", s.n, s.k, s.m, s.lr, s.gamma);
    let diverged = tr.divergence_note();

    let mut series = Vec::new();
    let mut values = Vec::new();
    for (task, name) in [(0, "task 1"), (1, "task 2")] {
        let ode: Vec<f64> = tr.theory.iter().map(|o| task_error(rule, o, task)).collect();
        let sim: Vec<f64> = tr.simulated.iter().map(|o| task_error(rule, o, task)).collect();
        values.extend(ode.iter().chain(&sim).copied());
        series.push(page::theory(
            format!("ε{}, {name}: ODE", subscript(task + 1)),
            task as u32,
            tr.theory_times().to_vec(),
            ode,
        ));
        series.push(page::simulation(
            format!("ε{}, {name}: simulation", subscript(task + 1)),
            task as u32,
            tr.simulated_times().to_vec(),
            sim,
        ));
    }
    let axis = page::error_axis("ε, generalisation error of each head on its task", values.into_iter());
    if let Some([lo, hi]) = axis.range {
        // Inside the axis (whose upper end is open), so that the line is drawn.
        let switch = vec![s.switch(); 2];
        series.push(Series {
            secondary: true,
            ..page::theory("switch to task 2", 6, switch, vec![lo * 1.001, hi * 0.999])
        });
    }
    let error = Figure {
        id: "error".into(),
        title: "Learning task 2 makes the network forget task 1".into(),
        subtitle: format!("simulation at {conditions}; lines: ODE from the same start{diverged}"),
        x: time_axis(s),
        y: axis,
        series,
        heatmap: None,
        network: None,
    };

    let mut figures = vec![error, forgetting(s, tr, curve)];
    for (id, title, times, overlaps) in [
        (
            "features",
            "Shared features: overlaps R with both teachers (simulation)",
            tr.simulated_times(),
            &tr.simulated,
        ),
        ("features-ode", "Shared features: R from the ODE", tr.theory_times(), &tr.theory),
    ] {
        let mut map = page::overlap_heatmap(
            id,
            title,
            format!("student unit i against the units of teacher 1 and teacher 2; {conditions}"),
            times,
            overlaps,
            (s.k, 2 * s.m),
            (0.0, 2.0 * s.switch()),
        );
        map.x = time_axis(s);
        map.y.label = "student unit i against each teacher's units".into();
        if let Some(heatmap) = &mut map.heatmap {
            heatmap.rows = row_names(s.k, s.m);
        }
        figures.push(map);
    }
    if s.k <= 3 {
        figures.push(heads(s, tr));
    }
    Frame { figures }
}

/// The two heads v⁽¹⁾, v⁽²⁾ over time: each learns in its own phase and is frozen in the other.
fn heads(s: &Settings, tr: &Trajectory) -> Figure {
    let mut series = Vec::new();
    for head in 0..2 {
        for i in 0..s.k {
            let y = tr.theory.iter().map(|o| o.v[head][i]).collect();
            let name = format!("v{}, head {}: ODE", subscript(i + 1), head + 1);
            series.push(page::theory(name, head as u32, tr.theory_times().to_vec(), y));
        }
        // The points of all units as one series: one line of the legend per head.
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for i in 0..s.k {
            x.extend_from_slice(tr.simulated_times());
            y.extend(tr.simulated.iter().map(|o| o.v[head][i]));
        }
        series.push(page::simulation(format!("head {}: simulation", head + 1), head as u32, x, y));
    }
    // Room above the curves for the legend: about 16 px a line of a plot about 400 px high.
    let values = series.iter().flat_map(|s| s.y.iter().copied()).filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(1e-3);
    let legend = (16.0 * series.len() as f64 + 24.0) / 400.0;
    let range = Some([lo - 0.05 * span, hi + 0.05 * span + 1.1 * span * legend / (1.0 - legend)]);
    Figure {
        id: "heads".into(),
        title: "Each head learns in its own phase and is frozen in the other".into(),
        subtitle: format!(
            "second-layer weights v_k of head 1 (task 1) and head 2 (task 2); both start at (v₀, −v₀, …), v₀ = {}",
            s.v0
        ),
        x: time_axis(s),
        y: Axis { label: "v_k, second-layer weight".into(), unit: String::new(), scale: Scale::Linear, range },
        series,
        heatmap: None,
        network: None,
    }
}

/// Names of the rows of the overlap maps: student unit i against unit n of teacher τ.
fn row_names(k: usize, m: usize) -> Vec<String> {
    let mut rows = Vec::with_capacity(k * 2 * m);
    for i in 0..k {
        for n in 0..2 * m {
            let unit = if m > 1 { format!(", unit {}", n % m + 1) } else { String::new() };
            rows.push(format!("i = {}: teacher {}{unit}", i + 1, n / m + 1));
        }
    }
    rows
}

/// F(γ) from the ODE, with the forgetting of this run's simulation at its γ.
fn forgetting(s: &Settings, tr: &Trajectory, curve: &ForgettingCurve) -> Figure {
    let rule = &tr.phases[0].rule;
    let mut series = Vec::new();
    let done = tr.final_simulated().is_some();
    let simulated =
        done.then(|| forgetting_of(rule, tr.simulated_times(), &tr.simulated, s.switch()).map(|(f, _)| f)).flatten();
    let mut values: Vec<f64> = curve.forgetting.clone();
    values.extend(simulated);
    let lo = values.iter().copied().filter(|v| v.is_finite()).fold(0.0f64, f64::min);
    let hi = values.iter().copied().filter(|v| v.is_finite()).fold(0.0f64, f64::max);
    let pad = 0.06 * (hi - lo).max(1e-6);
    let range = [lo - if lo < 0.0 { pad } else { 0.0 }, hi + pad];
    series.push(Series {
        secondary: true,
        ..page::theory(format!("this run, γ = {}", s.gamma), 6, vec![s.gamma; 2], vec![range[0], range[1] * 0.999])
    });
    series.push(page::theory("ODE, from this run's start", 0, curve.gamma.clone(), curve.forgetting.clone()));
    if let Some(f) = simulated {
        series.push(page::simulation("this run (simulation)", 0, vec![s.gamma], vec![f]));
    }
    Figure {
        id: "forgetting".into(),
        title: "Forgetting is largest at intermediate similarity".into(),
        subtitle: format!(
            "F = ε₁(2t_s) − ε₁(t_s), t_s = {}; N = {}, K = {}, M = {}, η = {}",
            s.switch(),
            s.n,
            s.k,
            s.m,
            s.lr
        ),
        x: Axis {
            label: "γ, similarity of the two teachers' features".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some([-0.02, 1.02]),
        },
        y: Axis {
            label: "F, forgetting of task 1".into(),
            unit: String::new(),
            scale: Scale::Linear,
            range: Some(range),
        },
        series,
        heatmap: None,
        network: None,
    }
}
