//! The teacher–student perceptron: learning curves ε(α) of Hebb's rule, the online perceptron rule,
//! Gibbs learning and the Bayes-optimal student.
//!
//! A teacher vector T ∈ ℝᴺ labels Gaussian inputs ξ by σ = sign(T·ξ); a student J learns from
//! P = αN labelled examples. Its generalisation error is ε = arccos(R)/π, R the cosine between J
//! and T, exactly, for isotropic inputs. The simulation measures R at finite N over several seeds;
//! the theory gives ε(α) as N → ∞: Hebb in closed form, the online rule by an ODE, Gibbs learning
//! and Bayes by the replica fixed-point equation.
//!
//! ## Reference
//! A. Engel and C. Van den Broeck, *Statistical Mechanics of Learning*, Cambridge University Press
//! (2001), chapters 2–3 and 9; H. S. Seung, H. Sompolinsky and N. Tishby, Phys. Rev. A 45, 6056 (1992).

mod equations;
mod figures;
pub mod learners;
mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use learners::Rule;

pub use run::{GibbsSchedule, checkpoints};

pub struct Perceptron;

/// Most elementary operations (an input component drawn, a multiply-add) a run may take: about
/// ten seconds in a browser.
pub const WORK_LIMIT: f64 = 4e9;
/// Most examples Gibbs learning keeps: it stores their Gram matrix (32 MB at 2000).
pub const GIBBS_MAX_EXAMPLES: usize = 2000;

static SPEC: ModelSpec = ModelSpec {
    id: "perceptron",
    title: "Teacher–student perceptron: learning curves",
    summary: "A student perceptron learns a teacher perceptron's labels from P = αN random examples. \
              Its generalisation error ε(α) depends on how it learns: Hebb's rule averages the examples, \
              the online perceptron rule corrects its mistakes one example at a time, Gibbs learning \
              draws any student that classifies every example right, and the Bayes-optimal student is \
              their centre of mass. Statistical mechanics predicts each curve exactly as N → ∞; the \
              points are simulations at finite N.",
    papers: &[
        Paper {
            authors: "A. Engel, C. Van den Broeck",
            title: "Statistical Mechanics of Learning",
            venue: "Cambridge University Press",
            year: 2001,
            doi: Some("10.1017/CBO9781139164542"),
            arxiv: None,
        },
        Paper {
            authors: "H. S. Seung, H. Sompolinsky, N. Tishby",
            title: "Statistical mechanics of learning from examples",
            venue: "Physical Review A 45, 6056",
            year: 1992,
            doi: Some("10.1103/PhysRevA.45.6056"),
            arxiv: None,
        },
    ],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "rule",
            symbol: "",
            label: "learning rule",
            unit: "",
            help: "How the student learns. Hebb: the sum of the labelled examples. Online: the perceptron rule, \
                   one pass, updating on mistakes only. Gibbs: a random student among all that classify \
                   every example right (Monte Carlo), with the Bayes-optimal centre of mass of such students.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "hebb", label: "Hebb" },
                    Choice { value: "online", label: "online perceptron rule" },
                    Choice { value: "gibbs", label: "Gibbs learning and Bayes" },
                ],
                default: "hebb",
            },
        },
        ParamSpec {
            name: "N",
            symbol: "N",
            label: "input dimension",
            unit: "",
            help: "Number of inputs of the perceptron. The theory holds as N → ∞; at finite N the points \
                   scatter by about 1/√N. Gibbs learning is a Monte Carlo walk and needs N of a few hundred at most.",
            kind: ParamKind::Int { min: 10, max: 5000, default: 500, scale: Scale::Log },
        },
        ParamSpec {
            name: "alpha_max",
            symbol: "α_max",
            label: "training-set size",
            unit: "",
            help: "The student learns from P = αN examples, α per input; the run shows α from α_max/100 to α_max.",
            kind: ParamKind::Float { range: Interval::closed(0.1, 200.0), default: 20.0, scale: Scale::Log },
        },
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own teacher and examples; points show the mean and its standard error.",
            kind: ParamKind::Int { min: 1, max: 50, default: 5, scale: Scale::Linear },
        },
    ],
    presets: &[
        Preset {
            name: "Hebb's rule, N = 1000",
            description: "ε(α) → 1/√(2πα): the slowest of the curves, but the cheapest rule.",
            values: &[("rule", "hebb"), ("N", "1000"), ("alpha_max", "20"), ("seeds", "5")],
        },
        Preset {
            name: "Online perceptron rule, N = 1000",
            description: "Learning only from mistakes: ε(α) ∝ α^(−1/3).",
            values: &[("rule", "online"), ("N", "1000"), ("alpha_max", "100"), ("seeds", "5")],
        },
        Preset {
            name: "Gibbs learning and Bayes, N = 100",
            description: "Version-space sampling: ε → 0.625/α (Gibbs) and 0.442/α (Bayes), the fastest decay.",
            values: &[("rule", "gibbs"), ("N", "100"), ("alpha_max", "5"), ("seeds", "5")],
        },
    ],
    observables: &[
        Observable::measured("eps", "generalisation error ε at α_max").predicted_by("eps_theory"),
        Observable::theory("eps_theory", "generalisation error ε at α_max"),
        Observable::measured("overlap", "teacher–student overlap R at α_max").predicted_by("overlap_theory"),
        Observable::theory("overlap_theory", "teacher–student overlap R at α_max"),
    ],
};

/// The perceptron's parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerceptronParams {
    pub rule: Rule,
    pub n: usize,
    pub alpha_max: f64,
    pub seeds: usize,
}

impl PerceptronParams {
    pub fn from_params(p: &Params) -> Self {
        PerceptronParams {
            rule: Rule::from_name(p.choice("rule")),
            n: p.int("N") as usize,
            alpha_max: p.float("alpha_max"),
            seeds: p.int("seeds") as usize,
        }
    }

    /// Largest number of examples, P = α_max N rounded.
    pub fn max_examples(&self) -> usize {
        *checkpoints(self.n, self.alpha_max).last().expect("at least one checkpoint")
    }

    /// Elementary operations of the whole run, estimated: input components drawn and, for Gibbs
    /// learning, the Gram matrix (P²N/2) and the Monte Carlo steps. A step takes two products of
    /// the P examples with a vector (2NP) and about Nα/2 reflections of O(2P) each (measured:
    /// 25, 49, 151 and 278 reflections per step at N = 100 and α = 0.5, 1, 3, 5), so NP(2 + α).
    pub fn work(&self) -> f64 {
        let checkpoints = checkpoints(self.n, self.alpha_max);
        let p_max = *checkpoints.last().expect("at least one checkpoint") as f64;
        let (n, seeds) = (self.n as f64, self.seeds as f64);
        let draws = seeds * p_max * n;
        match self.rule {
            Rule::Hebb | Rule::Online => draws,
            Rule::Gibbs => {
                let steps = f64::from(GibbsSchedule::STANDARD.steps());
                let chain: f64 = checkpoints.iter().map(|&p| steps * n * p as f64 * (2.0 + p as f64 / n)).sum();
                draws + seeds * (p_max * p_max * n / 2.0 + chain)
            }
        }
    }
}

impl Model for Perceptron {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let p = PerceptronParams::from_params(params);
        let work = p.work();
        let rule = params.choice("rule");
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "rule={rule} with N={}, alpha_max={} and seeds={} needs {:.1e} operations, more than the limit of {:.0e} \
                 (about ten seconds): lower N, alpha_max or seeds",
                p.n, p.alpha_max, p.seeds, work, WORK_LIMIT
            )));
        }
        if p.rule == Rule::Gibbs && p.max_examples() > GIBBS_MAX_EXAMPLES {
            return Err(ParamError::Constraint(format!(
                "rule=gibbs keeps all P = αN examples and their Gram matrix: N={} and alpha_max={} give P = {}, \
                 more than the limit of {GIBBS_MAX_EXAMPLES}: lower N or alpha_max",
                p.n,
                p.alpha_max,
                p.max_examples()
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        PerceptronParams::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::PerceptronRun::new(PerceptronParams::from_params(params), seed))
    }
}
