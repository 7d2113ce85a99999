//! Feedback alignment in a two-layer network: the first layer learns from a fixed random feedback
//! vector b instead of the second-layer weights v. Learning goes in two steps: v first turns
//! towards b (alignment), then the network fits the teacher (memorisation). The ODEs are those of
//! online SGD with b in place of v in the first layer's update.
//!
//! ## Reference
//! M. Refinetti, S. d'Ascoli, R. Ohana and S. Goldt, "Align, then memorise: the dynamics of
//! learning with feedback alignment", ICML 2021 (arXiv:2011.12428).

use crate::model::{
    Axis, Choice, Figure, Frame, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec,
    Params, Preset, Run, Scale,
};
use crate::models::two_layer::equations;
use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{self, Dynamics, Feedback, Overlaps, Phase};
use crate::models::two_layer::page::{self, SgdRun};
use crate::models::two_layer::setup::{self, TeacherKind};
use crate::models::two_layer::trajectory::{Trajectory, log_times};
use crate::num::vector::cosine;
use crate::rng;

pub struct FeedbackAlignment;

static SPEC: ModelSpec = ModelSpec {
    id: "feedback-alignment",
    title: "Feedback alignment: align, then memorise",
    summary: "Backpropagation sends the error back through the second-layer weights v. Feedback alignment \
              sends it through a fixed random vector b instead, which a brain could do. It still learns: the \
              second layer first turns towards b (the cosine of v and b rises to nearly 1 while the error \
              hardly moves), then the network fits the teacher. The lines are the order-parameter ODEs from \
              the simulation's own start, the points the simulation at finite N.",
    papers: &[Paper {
        authors: "M. Refinetti, S. d'Ascoli, R. Ohana, S. Goldt",
        title: "Align, then memorise: the dynamics of learning with feedback alignment",
        venue: "Proceedings of the 38th International Conference on Machine Learning (ICML 2021)",
        year: 2021,
        doi: None,
        arxiv: Some("2011.12428"),
    }],
    equations: &[
        equations::NETWORKS,
        crate::model::Equation {
            caption: "Feedback alignment: the first layer's update uses a fixed random vector b, not v",
            mathml: r#"<math display="block"><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>←</mo><msub><mi class="vec">w</mi><mi>k</mi></msub><mo>+</mo><mfrac><mi>η</mi><msqrt><mi>N</mi></msqrt></mfrac><msub><mi>b</mi><mi>k</mi></msub><msup><mi>g</mi><mo>′</mo></msup><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>y</mi><mo>^</mo></mover><mo>)</mo><mi class="vec">x</mi><mo separator="true">,</mo><mspace width="1em"/><msub><mi>v</mi><mi>k</mi></msub><mo>←</mo><msub><mi>v</mi><mi>k</mi></msub><mo>+</mo><mfrac><mi>η</mi><mi>N</mi></mfrac><mi>g</mi><mo>(</mo><msub><mi>λ</mi><mi>k</mi></msub><mo>)</mo><mo>(</mo><mi>y</mi><mo>−</mo><mover><mi>y</mi><mo>^</mo></mover><mo>)</mo><mo separator="true">,</mo><mspace width="1em"/><mi>cos</mi><mi>θ</mi><mo>=</mo><mfrac><mrow><mi class="vec">v</mi><mo>·</mo><mi class="vec">b</mi></mrow><mrow><mo>|</mo><mi class="vec">v</mi><mo>|</mo><mo>|</mo><mi class="vec">b</mi><mo>|</mo></mrow></mfrac></math>"#,
        },
        equations::ORDER_PARAMETERS,
    ],
    params: &[
        ParamSpec {
            name: "rule",
            symbol: "",
            label: "learning rule",
            unit: "",
            help: "Feedback alignment (FA): the first layer learns through the fixed vector b. Backpropagation (BP): \
                   through the second-layer weights v, for comparison on the same run.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "fa", label: "feedback alignment" },
                    Choice { value: "bp", label: "backpropagation" },
                ],
                default: "fa",
            },
        },
        page::dimension(500),
        page::students(4),
        page::teachers(1),
        page::learning_rate(0.2),
        ParamSpec {
            name: "feedback",
            symbol: "b",
            label: "feedback vector",
            unit: "",
            help: "How b is drawn, once: Gaussian entries, or their absolute values (all positive).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "gaussian", label: "Gaussian, b ∼ 𝒩(0, I)" },
                    Choice { value: "positive", label: "positive, |𝒩(0, I)|" },
                ],
                default: "gaussian",
            },
        },
        ParamSpec {
            name: "v0",
            symbol: "|v(0)|",
            label: "initial second-layer scale",
            unit: "",
            help: "The second layer starts as v₀·𝒩(0, I): small v₀ leaves it free to align with b.",
            kind: ParamKind::Float { range: Interval::closed(0.001, 1.0), default: 0.01, scale: Scale::Log },
        },
        page::noise(0.0),
        page::ACTIVATION,
        page::init_scale(1.0),
        page::horizon(400.0),
    ],
    presets: &[
        Preset {
            name: "Align, then memorise (K = 4, M = 1)",
            description: "The set-up of Refinetti et al.: cos(v, b) rises to 0.95 by t = 5, the error falls after.",
            values: &[
                ("rule", "fa"),
                ("N", "500"),
                ("K", "4"),
                ("M", "1"),
                ("lr", "0.2"),
                ("v0", "0.01"),
                ("t_max", "400"),
            ],
        },
        Preset {
            name: "The same run with backpropagation",
            description: "Same teacher, student and inputs; v is free and need not align with b.",
            values: &[
                ("rule", "bp"),
                ("N", "500"),
                ("K", "4"),
                ("M", "1"),
                ("lr", "0.2"),
                ("v0", "0.01"),
                ("t_max", "400"),
            ],
        },
    ],
    observables: &[
        Observable::measured("eps", "generalisation error ε_g at t_max").predicted_by("eps_theory"),
        Observable::theory("eps_theory", "generalisation error ε_g at t_max"),
        Observable::measured("alignment", "alignment cos(v, b) at t_max"),
    ],
};

/// The page's parameters, typed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    pub fa: bool,
    pub n: usize,
    pub k: usize,
    pub m: usize,
    pub lr: f64,
    pub positive: bool,
    pub v0: f64,
    pub noise: f64,
    pub act: Activation,
    pub w0: f64,
    pub t_max: f64,
}

impl Settings {
    pub fn from_params(p: &Params) -> Self {
        Settings {
            fa: p.choice("rule") == "fa",
            n: p.int("N") as usize,
            k: p.int("K") as usize,
            m: p.int("M") as usize,
            lr: p.float("lr"),
            positive: p.choice("feedback") == "positive",
            v0: p.float("v0"),
            noise: p.float("noise"),
            act: Activation::from_name(p.choice("activation")),
            w0: p.float("w0"),
            t_max: p.float("t_max"),
        }
    }
}

const SIM_PER_DECADE: usize = 12;
const ODE_PER_DECADE: usize = 40;
const T_MIN: f64 = 0.05;

/// The feedback vector and the initial second layer, from their own streams ("feedback" and
/// "readout"), so that FA and BP runs of one seed share them.
fn feedback_and_readout(s: &Settings, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let z = rng::normal();
    let mut b_rng = rng::stream(seed, "feedback", 0);
    let b: Vec<f64> = (0..s.k).map(|_| z.sample(&mut b_rng)).map(|x| if s.positive { x.abs() } else { x }).collect();
    let mut v_rng = rng::stream(seed, "readout", 0);
    let v = (0..s.k).map(|_| s.v0 * z.sample(&mut v_rng)).collect();
    (b, v)
}

/// The run of a link and its feedback vector (public for the tests: the page's own set-up).
pub fn trajectory(s: &Settings, seed: u64) -> (Trajectory, Vec<f64>) {
    let teacher = setup::teacher(s.n, s.m, TeacherKind::Orthonormal, &mut rng::stream(seed, "teacher", 0));
    let (b, v) = feedback_and_readout(s, seed);
    let network = setup::network(s.n, s.k, s.act, teacher, s.w0, vec![v], seed);
    let rule = Dynamics {
        train_v: true,
        noise: s.noise,
        feedback: if s.fa { Feedback::Fixed(b.clone()) } else { Feedback::Backprop },
        ..Dynamics::committee(s.act, s.k, s.m, network.t.clone(), s.lr)
    };
    let phases = vec![Phase { until: s.t_max, rule }];
    let sim_times = log_times(s.n, T_MIN, s.t_max, SIM_PER_DECADE);
    let ode_times = log_times(s.n, T_MIN, s.t_max, ODE_PER_DECADE);
    (Trajectory::new(network, phases, sim_times, ode_times, ode::Output::Stepped), b)
}

impl Model for FeedbackAlignment {
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
        let (trajectory, b) = trajectory(&s, seed);
        let b_view = b.clone();
        Box::new(SgdRun {
            trajectory,
            view: move |tr: &Trajectory| frame(&s, tr, &b_view),
            observe: move |tr: &Trajectory| {
                let rule = &tr.phases[0].rule;
                let eps = |o: &Overlaps| rule.error(o, 0, &rule.readout, 1.0);
                vec![
                    tr.final_simulated().map(eps),
                    tr.final_theory().map(eps),
                    tr.final_simulated().map(|o| cosine(&o.v[0], &b)),
                ]
            },
        })
    }
}

fn frame(s: &Settings, tr: &Trajectory, b: &[f64]) -> Frame {
    let rule = &tr.phases[0].rule;
    let eps = |o: &Overlaps| rule.error(o, 0, &rule.readout, 1.0);
    let align = |o: &Overlaps| cosine(&o.v[0], b);
    let range = (T_MIN, s.t_max);
    let name = if s.fa { "feedback alignment" } else { "backpropagation" };
    let diverged = tr.divergence_note();
    let subtitle =
        format!("{name}, simulation at N = {}, K = {}, M = {}, η = {}; lines: ODE{diverged}", s.n, s.k, s.m, s.lr);

    let (t_ode, e_ode) = page::positive_times(tr.theory_times(), tr.theory.iter().map(eps));
    let (t_sim, e_sim) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(eps));
    let error = Figure {
        id: "error".into(),
        title: "Generalisation error".into(),
        subtitle: subtitle.clone(),
        x: page::time_axis(range.0, range.1),
        y: page::error_axis("ε_g, generalisation error", e_ode.iter().chain(&e_sim).copied()),
        series: vec![
            page::theory(format!("{name}: ODE"), 0, t_ode, e_ode),
            page::simulation(format!("{name}: simulation"), 0, t_sim, e_sim),
        ],
        heatmap: None,
        network: None,
    };
    let (t_ode, c_ode) = page::positive_times(tr.theory_times(), tr.theory.iter().map(align));
    let (t_sim, c_sim) = page::positive_times(tr.simulated_times(), tr.simulated.iter().map(align));
    let alignment = Figure {
        id: "alignment".into(),
        title: "Alignment of the second layer with the feedback vector".into(),
        subtitle: if s.fa {
            "cos(v, b) rises before the error falls: align, then memorise".into()
        } else {
            "with backpropagation b plays no part: v need not align with it".into()
        },
        x: page::time_axis(range.0, range.1),
        y: Axis { label: "cos(v, b)".into(), unit: String::new(), scale: Scale::Linear, range: Some([-1.0, 1.0]) },
        series: vec![
            page::theory("cos(v, b): ODE", 1, t_ode, c_ode),
            page::simulation("cos(v, b): simulation", 1, t_sim, c_sim),
        ],
        heatmap: None,
        network: None,
    };
    Frame { figures: vec![error, alignment] }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With b = v(0) and v frozen, feedback alignment is backpropagation: the ODEs agree.
    #[test]
    fn fa_with_b_equal_to_a_frozen_v_is_backprop() {
        use crate::num::ode::OdeSystem;
        let (k, m) = (3, 2);
        let v = vec![0.7, -0.4, 1.1];
        let mut bp = Dynamics {
            readout: vec![1.0, 0.5],
            noise: 0.1,
            ..Dynamics::committee(Activation::Erf, k, m, vec![1.0, 0.2, 0.2, 1.0], 0.3)
        };
        let fa = Dynamics { feedback: Feedback::Fixed(v.clone()), ..bp.clone() };
        let o = Overlaps {
            q: vec![1.0, 0.1, 0.05, 0.1, 0.8, -0.1, 0.05, -0.1, 1.2],
            r: vec![0.3, 0.1, -0.2, 0.4, 0.1, 0.1],
            v: vec![v],
        };
        let y = bp.pack(&o);
        let (mut a, mut b) = (vec![0.0; y.len()], vec![0.0; y.len()]);
        bp.rhs(0.0, &y, &mut a);
        fa.rhs(0.0, &y, &mut b);
        for (x, z) in a.iter().zip(&b) {
            assert!((x - z).abs() < 1e-12, "{x} vs {z}");
        }
        bp.train_v = true;
        bp.rhs(0.0, &y, &mut a);
        assert!(a.iter().zip(&b).any(|(x, z)| (x - z).abs() > 1e-6), "a trained v must change the flow");
    }
}
