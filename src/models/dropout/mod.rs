//! Dropout in a two-layer network learning online: each training step keeps every hidden unit of
//! the student with probability p, and the test output, with all units active, is scaled by p_f.
//!
//! The student is a soft committee machine (second layer v = 1, frozen) of K erf units learning
//! from a teacher of M units with label noise σ. In a step the mask r_k ~ Bernoulli(p) removes the
//! dropped units from the training output, Σ_k r_k g(λ_k), and from the update:
//! w_k ← w_k + (η/√N) r_k g'(λ_k)(y − Σ_j r_j g(λ_j)) x. Averaged over the masks, the overlaps
//! Q and R still obey closed ODEs as N → ∞: each Gaussian average of the equations of Saad & Solla
//! is weighted by p to the number of distinct student units it involves (E[r_k] = p,
//! E[r_j r_k] = p² for j ≠ k, r_k² = r_k). The test error is that of the committee with
//! second layer p_f.
//!
//! With K = 3 students for one teacher unit, the network without dropout eventually splits its
//! units: one learns the teacher, two cancel each other (w_1 ≈ −w_2, their overlap turning large
//! and negative, more so with label noise). Dropout, which trains each unit without the others,
//! keeps the units alike (all Q_ik equal and positive). With noisy labels this lowers the error at
//! intermediate times (t ≈ 100), the more so the noisier the labels, so that the best p falls as σ
//! grows; trained much longer (t ≳ 500 at σ = 0.5), the network without dropout does better again.
//!
//! The page draws ε_g(t) for the chosen p (with p = 1 for reference), ε_g at t_max against p for
//! several noise levels with the best p of each, and the mean overlap between student units; the
//! ODEs start from the simulation's own initial overlaps.
//!
//! ## Reference
//! F. Mori and F. Mignacco, "Analytic theory of dropout regularization", arXiv:2505.07792 (2025);
//! D. Saad and S. A. Solla, Phys. Rev. E 52, 4225 (1995).

mod figures;
pub mod sweep;

use crate::model::{
    Choice, Equation, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run,
    RunError, Scale,
};
use crate::models::two_layer::equations;
use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{self, Dynamics, Overlaps, Phase};
use crate::models::two_layer::page;
use crate::models::two_layer::setup::{self, TeacherKind};
use crate::models::two_layer::trajectory::{Trajectory, log_times};
use crate::models::two_layer_sgd::SAAD_SOLLA;
use crate::rng;
use sweep::Sweep;

pub struct Dropout;

pub const MORI_MIGNACCO: Paper = Paper {
    authors: "F. Mori, F. Mignacco",
    title: "Analytic theory of dropout regularization",
    venue: "arXiv preprint",
    year: 2025,
    doi: None,
    arxiv: Some("2505.07792"),
};

const DROPOUT_SGD: Equation = Equation {
    caption: "Training with dropout: each step keeps hidden unit k with probability p; the dropped units leave \
              the output and are not updated",
    mathml: r#"<math display="block"><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>←</mo><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>+</mo><mfrac><mi>η</mi><msqrt><mi>N</mi></msqrt></mfrac><msub><mi>r</mi><mi>k</mi></msub><msup><mi>g</mi><mo>′</mo></msup><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mrow><mo>(</mo><mi>y</mi><mo>−</mo><munderover><mo>∑</mo><mrow><mi>j</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover><msub><mi>r</mi><mi>j</mi></msub><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>j</mi></msub><mo>)</mo><mo>)</mo></mrow><mi class="vec">x</mi><mo separator="true">,</mo><mspace width="1em"/><msub><mi>r</mi><mi>k</mi></msub><mo>∼</mo><mtext>Bernoulli</mtext><mo>(</mo><mi>p</mi><mo>)</mo></math>"#,
};

const TEST_OUTPUT: Equation = Equation {
    caption: "At test time every unit is active and the output is scaled by p_f (p_f = p, the standard choice, or 1)",
    mathml: r#"<math display="block"><msub><mover><mi>y</mi><mo>^</mo></mover><mtext>test</mtext></msub><mo>=</mo><msub><mi>p</mi><mi>f</mi></msub><munderover><mo>∑</mo><mrow><mi>k</mi><mo>=</mo><mn>1</mn></mrow><mi>K</mi></munderover><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><msub><mi>ε</mi><mi>g</mi></msub><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><mo>⟨</mo><msup><mrow><mo>(</mo><msub><mover><mi>y</mi><mo>^</mo></mover><mtext>test</mtext></msub><mo>−</mo><munderover><mo>∑</mo><mrow><mi>n</mi><mo>=</mo><mn>1</mn></mrow><mi>M</mi></munderover><mi>g</mi><mo>(</mo><msub><mi>ν</mi><mi>n</mi></msub><mo>)</mo><mo>)</mo></mrow><mn>2</mn></msup><mo>⟩</mo></math>"#,
};

const DROPOUT_ODE: Equation = Equation {
    caption: "Averaged over the masks, the overlaps obey closed ODEs; every Gaussian average I₃ = ⟨g′(λ_i) ν_n g(·)⟩ \
              is weighted by p to the number of distinct students it involves (Q_ik likewise, with I₄ and the noise term)",
    mathml: r#"<math display="block"><mfrac><mrow><mi>d</mi><msub><mi>R</mi><mrow><mi>i</mi><mi>n</mi></mrow></msub></mrow><mrow><mi>d</mi><mi>t</mi></mrow></mfrac><mo>=</mo><mi>η</mi><mi>p</mi><mrow><mo>[</mo><munder><mo>∑</mo><mi>m</mi></munder><msub><mi>I</mi><mn>3</mn></msub><mo>(</mo><mi>i</mi><mo>,</mo><mi>n</mi><mo>,</mo><mi>m</mi><mo>)</mo><mo>−</mo><msub><mi>I</mi><mn>3</mn></msub><mo>(</mo><mi>i</mi><mo>,</mo><mi>n</mi><mo>,</mo><mi>i</mi><mo>)</mo><mo>−</mo><mi>p</mi><munder><mo>∑</mo><mrow><mi>j</mi><mo>≠</mo><mi>i</mi></mrow></munder><msub><mi>I</mi><mn>3</mn></msub><mo>(</mo><mi>i</mi><mo>,</mo><mi>n</mi><mo>,</mo><mi>j</mi><mo>)</mo><mo>]</mo></mrow></math>"#,
};

const KEEP: ParamSpec = ParamSpec {
    name: "p",
    symbol: "p",
    label: "keep-probability",
    unit: "",
    help: "In every training step each hidden unit of the student is kept with probability p and dropped with \
           probability 1 − p, independently. p = 1 is training without dropout.",
    kind: ParamKind::Float { range: crate::model::Interval::closed(0.2, 1.0), default: 0.7, scale: Scale::Linear },
};

const RESCALE: ParamSpec = ParamSpec {
    name: "p_f",
    symbol: "p_f",
    label: "test-time rescaling",
    unit: "",
    help: "At test time all units are active; their summed output is multiplied by p_f. p_f = p (standard \
           dropout) matches the average output seen in training; p_f = 1 leaves it unscaled, so the test \
           output is about 1/p times too large.",
    kind: ParamKind::Choice {
        options: &[Choice { value: "p", label: "p_f = p (standard)" }, Choice { value: "1", label: "p_f = 1 (none)" }],
        default: "p",
    },
};

static SPEC: ModelSpec = ModelSpec {
    id: "dropout",
    title: "Dropout in two-layer networks: its ODEs and the best keep-probability",
    summary: "A student network with K hidden units learns online from a teacher with M units and noisy labels; \
              in every training step each student unit is kept with probability p and dropped otherwise, and at \
              test time all units work together, their output scaled by p_f. Averaged over the random masks, the \
              overlaps of the weights still follow closed ODEs as N → ∞. Without dropout the student units \
              eventually split: some learn the teacher, others cancel each other (their overlaps turn negative). \
              Dropout, training each unit without the others, keeps them alike; with noisy labels this lowers the \
              error at intermediate times, and the noisier the labels, the smaller the best p. Trained much longer, \
              the network without dropout can do better again (try t_max = 1000). Lines: the ODEs, started from \
              the simulation's own initial overlaps; points: the simulation at finite N.",
    papers: &[MORI_MIGNACCO, SAAD_SOLLA],
    equations: &[equations::NETWORKS, DROPOUT_SGD, TEST_OUTPUT, DROPOUT_ODE],
    params: &[
        page::dimension(500),
        page::students(3),
        page::teachers(1),
        page::learning_rate(0.5),
        page::noise(0.5),
        KEEP,
        RESCALE,
        page::init_scale(0.1),
        page::horizon(100.0),
    ],
    presets: &[
        Preset {
            name: "Noisy labels: dropout helps",
            description: "K = 3 students for one teacher unit, σ = 0.5: with p = 0.7 the error at t = 100 is \
                          0.047, against 0.075 without dropout.",
            values: &[
                ("N", "500"),
                ("K", "3"),
                ("M", "1"),
                ("lr", "0.5"),
                ("noise", "0.5"),
                ("p", "0.7"),
                ("p_f", "p"),
                ("w0", "0.1"),
                ("t_max", "100"),
            ],
        },
        Preset {
            name: "Clean labels: dropout hurts",
            description: "The same without label noise: the best p is 1, and p = 0.7 leaves a higher error.",
            values: &[
                ("N", "500"),
                ("K", "3"),
                ("M", "1"),
                ("lr", "0.5"),
                ("noise", "0"),
                ("p", "0.7"),
                ("p_f", "p"),
                ("w0", "0.1"),
                ("t_max", "100"),
            ],
        },
        Preset {
            name: "Very noisy labels, strong dropout",
            description: "σ = 1: the best keep-probability falls to about 0.3.",
            values: &[
                ("N", "500"),
                ("K", "3"),
                ("M", "1"),
                ("lr", "0.5"),
                ("noise", "1"),
                ("p", "0.35"),
                ("p_f", "p"),
                ("w0", "0.1"),
                ("t_max", "100"),
            ],
        },
        Preset {
            name: "No test-time rescaling",
            description: "p_f = 1: the test output is 1/p times too large and dropout no longer pays.",
            values: &[
                ("N", "500"),
                ("K", "3"),
                ("M", "1"),
                ("lr", "0.5"),
                ("noise", "0.5"),
                ("p", "0.7"),
                ("p_f", "1"),
                ("w0", "0.1"),
                ("t_max", "100"),
            ],
        },
    ],
    observables: &[
        Observable::measured("eps", "generalisation error ε_g at t_max").predicted_by("eps_theory"),
        Observable::theory("eps_theory", "generalisation error ε_g at t_max"),
        Observable::theory("p_opt", "best keep-probability p at t_max for the chosen σ (grid of 0.05)"),
    ],
};

/// How the test output is scaled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rescale {
    /// By the keep-probability p (standard dropout).
    Keep,
    /// Not at all.
    None,
}

impl Rescale {
    pub fn from_name(name: &str) -> Self {
        if name == "1" { Rescale::None } else { Rescale::Keep }
    }

    /// The factor p_f of the test output when units are kept with probability `keep`.
    pub fn factor(self, keep: f64) -> f64 {
        match self {
            Rescale::Keep => keep,
            Rescale::None => 1.0,
        }
    }
}

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub lr: f64,
    pub noise: f64,
    pub keep: f64,
    pub rescale: Rescale,
    pub w0: f64,
    pub t_max: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            n: p.int("N") as usize,
            k: p.int("K") as usize,
            m: p.int("M") as usize,
            lr: p.float("lr"),
            noise: p.float("noise"),
            keep: p.float("p"),
            rescale: Rescale::from_name(p.choice("p_f")),
            w0: p.float("w0"),
            t_max: p.float("t_max"),
        }
    }

    /// The training rule with keep-probability `keep`, the teachers' overlaps `t` measured on the
    /// simulation's teacher.
    pub fn dynamics(&self, t: Vec<f64>, keep: f64) -> Dynamics {
        Dynamics { noise: self.noise, keep, ..Dynamics::committee(Activation::Erf, self.k, self.m, t, self.lr) }
    }

    /// The factor p_f of the test output.
    pub fn test_scale(&self) -> f64 {
        self.rescale.factor(self.keep)
    }

    /// Operations of the run: the SGD steps and the ODEs of the sweep.
    pub fn work(&self) -> f64 {
        let cells = (sweep::noise_levels(self.noise).len() * sweep::keep_grid().len()) as f64;
        page::work(self.n, self.k, self.m, self.t_max * self.n as f64) + cells * ode_work(self.k, self.m, self.t_max)
    }
}

/// Operations of one ODE from t = 0 to `t_max`, in the units of [`page::work`]: 7 evaluations of
/// the right-hand side per step of the integrator, which takes ~20 steps for the transient and then
/// runs at its largest step, 5; an evaluation costs ~25 operations (an asin, a square root) for each
/// of the K(K+1)/2 × (K+M)² terms of the noise of the gradient. Timed natively against SGD steps,
/// this is right within a factor of 2 from K = 3, M = 1 to K = 8, M = 6 and t_max from 100 to 1000.
pub fn ode_work(k: usize, m: usize, t_max: f64) -> f64 {
    let units = (k + m) as f64;
    let per_evaluation = (k * (k + 1) / 2) as f64 * units * units * 25.0 + k as f64 * units * units * 10.0;
    7.0 * (t_max / 5.0 + 20.0) * per_evaluation
}

/// Where the simulation records, per decade of time, and where the ODE is drawn.
const SIM_PER_DECADE: usize = 12;
const ODE_PER_DECADE: usize = 40;
/// The first time on the log axis.
pub const T_MIN: f64 = 0.05;

/// The simulation of a link and its ODE from the same start: an orthonormal teacher from the stream
/// "teacher", the student w ~ w₀·𝒩(0, 1) from "student", inputs and noise from "data", masks from
/// "dropout".
pub fn trajectory(s: &Settings, seed: u64) -> Trajectory {
    let teacher = setup::teacher(s.n, s.m, TeacherKind::Orthonormal, &mut rng::stream(seed, "teacher", 0));
    let network = setup::network(s.n, s.k, Activation::Erf, teacher, s.w0, vec![vec![1.0; s.k]], seed);
    let rule = s.dynamics(network.t.clone(), s.keep);
    let phases = vec![Phase { until: s.t_max, rule }];
    let sim_times = log_times(s.n, T_MIN, s.t_max, SIM_PER_DECADE);
    let ode_times = log_times(s.n, T_MIN, s.t_max, ODE_PER_DECADE);
    Trajectory::new(network, phases, sim_times, ode_times, ode::Output::Stepped)
}

/// An ODE solution at a list of times, shorter than the list when it blew up.
pub struct Solution {
    pub times: Vec<f64>,
    pub overlaps: Vec<Overlaps>,
    pub diverged: Option<f64>,
}

impl Solution {
    pub fn new(rule: &Dynamics, start: &Overlaps, times: &[f64]) -> Self {
        let mut overlaps = Vec::with_capacity(times.len());
        let phases = [Phase { until: *times.last().unwrap_or(&0.0), rule: rule.clone() }];
        let diverged = match ode::integrate(&phases, start, times, |_, o| overlaps.push(o.clone())) {
            Ok(()) => None,
            Err(crate::num::dopri::AdaptiveError::Diverged { t }) => Some(t),
            Err(e) => panic!("the equations' state has the wrong size: {e}"),
        };
        Solution { times: times[..overlaps.len()].to_vec(), overlaps, diverged }
    }
}

/// A run of the page: the sweep over p and σ first (theory, cheap), then the simulation.
pub struct DropoutRun {
    pub settings: Settings,
    pub trajectory: Trajectory,
    /// The ODE without dropout (p = 1) from the same start, for reference.
    pub reference: Solution,
    pub sweep: Sweep,
    /// Work units of one ODE of the sweep, in SGD steps of this network (at least 1).
    cell_work: u64,
    /// Units already counted towards the next ODE of the sweep.
    paid: u64,
}

impl DropoutRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let trajectory = trajectory(&s, seed);
        let start = trajectory.simulated[0].clone();
        let base = trajectory.phases[0].rule.clone();
        let reference = Solution::new(&Dynamics { keep: 1.0, ..base.clone() }, &start, &trajectory.ode_times);
        let sweep = Sweep::new(base, start, sweep::noise_levels(s.noise), sweep::keep_grid(), s.rescale, s.t_max);
        let cell_work = (ode_work(s.k, s.m, s.t_max) / page::work(s.n, s.k, s.m, 1.0)).ceil().max(1.0) as u64;
        DropoutRun { settings: s, trajectory, reference, sweep, cell_work, paid: 0 }
    }

    /// ε_g of overlaps under the run's test-time scaling.
    pub fn error(&self, o: &Overlaps) -> f64 {
        let rule = &self.trajectory.phases[0].rule;
        rule.error(o, 0, &rule.readout, self.settings.test_scale())
    }
}

impl Run for DropoutRun {
    fn total_work(&self) -> u64 {
        self.sweep.cells() as u64 * self.cell_work + self.trajectory.total_steps()
    }

    fn work_done(&self) -> u64 {
        self.sweep.values.len() as u64 * self.cell_work + self.paid + self.trajectory.steps_done()
    }

    /// An ODE of the sweep is one piece of work: the units of a budget count towards it until it is
    /// paid for, and it is computed then, so that no call does more than its budget.
    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget && !self.sweep.is_complete() {
            let pay = (self.cell_work - self.paid).min(budget - done);
            self.paid += pay;
            done += pay;
            if self.paid == self.cell_work {
                self.sweep.step();
                self.paid = 0;
            }
        }
        if done < budget {
            done += self.trajectory.advance(budget - done)?;
        }
        Ok(done)
    }

    fn frame(&self) -> crate::model::Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let tr = &self.trajectory;
        let chosen = self.sweep.noises.iter().position(|&s| (s - self.settings.noise).abs() <= 1e-9);
        vec![
            tr.final_simulated().map(|o| self.error(o)),
            tr.final_theory().map(|o| self.error(o)),
            chosen.and_then(|row| self.sweep.optimum(row)).map(|(p, _)| p),
        ]
    }
}

impl Model for Dropout {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let s = Settings::from_params(params);
        let ops = s.work();
        if ops > page::WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "N={}, K={}, M={} and t_max={} need {ops:.1e} operations ({:.0e} SGD steps and {} ODEs for the figure \
                 of the error against p), more than the limit of {:.0e} (about fifteen seconds): lower N, K, M or t_max",
                s.n,
                s.k,
                s.m,
                s.t_max,
                s.t_max * s.n as f64,
                sweep::noise_levels(s.noise).len() * sweep::keep_grid().len(),
                page::WORK_LIMIT
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        Settings::from_params(params).work() / page::WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(DropoutRun::new(Settings::from_params(params), seed))
    }
}
