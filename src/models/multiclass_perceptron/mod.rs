//! The multi-class teacher–student perceptron: a teacher W* (K×d) labels Gaussian inputs by the
//! largest of its K fields, and a student learns from n = αd examples, by ridge regression on the
//! one-hot labels or by regularised cross-entropy.
//!
//! The test error of any student follows from its overlaps with the teacher (a 2K-dimensional
//! Gaussian probability); for ridge the overlaps themselves are a closed form over the
//! Marchenko–Pastur spectrum (see [`theory`]). For K = 2 the problem is the binary perceptron with
//! teacher w*₁ − w*₂, whose Bayes-optimal error the page draws. The cross-entropy's and the
//! Bayes-optimal theory for K > 2 (and the Rademacher teacher's first-order transition) are those of
//! the paper, not ported here: the page simulates the cross-entropy and draws no theory for it.
//!
//! ## Reference
//! E. Cornacchia, F. Mignacco, R. Veiga, C. Gerbelot, B. Loureiro, L. Zdeborová, *Learning curves for
//! the multi-class teacher–student perceptron*, Mach. Learn.: Sci. Technol. 4, 015019 (2023)
//! (arXiv:2203.12094).

mod equations;
mod figures;
pub mod learners;
mod run;
pub mod theory;

use crate::model::{
    Choice, Interval, Model, ModelSpec, Observable, Paper, ParamError, ParamKind, ParamSpec, Params, Preset, Run, Scale,
};
use learners::Teacher;

pub use run::{SWEEP_LAMBDAS, checkpoints};

pub struct MulticlassPerceptron;

/// Most elementary operations (a multiply-add) a run may take: about ten seconds in a browser.
pub const WORK_LIMIT: f64 = 4e9;
/// L-BFGS iterations per cross-entropy fit assumed by the budget (warm-started fits take fewer).
pub const CE_ITERATIONS: f64 = 150.0;

static SPEC: ModelSpec = ModelSpec {
    id: "multiclass-perceptron",
    title: "Multi-class teacher–student perceptron",
    summary: "A teacher with K weight vectors labels Gaussian inputs in d dimensions by the largest of its K \
              fields; a student learns from n = αd examples, by ridge regression on the one-hot labels or by \
              regularised cross-entropy. The test error of any student follows from its overlaps with the \
              teacher, and for ridge the overlaps are a closed form over the Marchenko–Pastur spectrum: the \
              lines are that theory as d → ∞, the points simulations at finite d. For K = 2 it is the binary \
              perceptron, with its Bayes-optimal error; the last figure shows test points in the plane of two \
              teacher vectors, with the student's mistakes.",
    papers: &[Paper {
        authors: "E. Cornacchia, F. Mignacco, R. Veiga, C. Gerbelot, B. Loureiro, L. Zdeborová",
        title: "Learning curves for the multi-class teacher–student perceptron",
        venue: "Machine Learning: Science and Technology 4, 015019",
        year: 2023,
        doi: Some("10.1088/2632-2153/acb428"),
        arxiv: Some("2203.12094"),
    }],
    equations: equations::ALL,
    params: &[
        ParamSpec {
            name: "K",
            symbol: "K",
            label: "classes",
            unit: "",
            help: "Number of classes: the teacher has K weight vectors, and the label is the one with the largest \
                   field. K = 2 is the binary perceptron with teacher w*₁ − w*₂.",
            kind: ParamKind::Int { min: 2, max: 10, default: 3, scale: Scale::Linear },
        },
        ParamSpec {
            name: "loss",
            symbol: "ℓ",
            label: "loss",
            unit: "",
            help: "Square: ridge regression on the one-hot labels, in closed form, with its theory. Cross-entropy: \
                   softmax regression by L-BFGS, simulated next to ridge (its theory is the paper's, not drawn \
                   here).",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "square", label: "square (ridge)" },
                    Choice { value: "cross-entropy", label: "cross-entropy, and ridge" },
                ],
                default: "square",
            },
        },
        ParamSpec::float(
            "lambda",
            "λ",
            "ℓ2 penalty",
            "Strength of the penalty (λ/2)|W|²; the bias is not penalised. As λ → ∞ ridge becomes the Hebb rule; \
             as λ → 0 it interpolates the labels at α = 1, where its error peaks. At finite d, strong λ and \
             few examples sit above the theory: the fitted bias fluctuates by O(1/√n).",
            Interval::closed(1e-4, 10.0),
            1.0,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "teacher",
            symbol: "W*",
            label: "teacher's weights",
            unit: "",
            help: "Gaussian N(0, 1) or Rademacher ±1 entries. For ridge both give the same curve as d → ∞ (only \
                   W*W*ᵀ/d → I matters); the paper's first-order transition of the Bayes-optimal error with the \
                   Rademacher teacher is not part of this page's theory.",
            kind: ParamKind::Choice {
                options: &[
                    Choice { value: "gaussian", label: "Gaussian" },
                    Choice { value: "rademacher", label: "Rademacher ±1" },
                ],
                default: "gaussian",
            },
        },
        ParamSpec {
            name: "d",
            symbol: "d",
            label: "input dimension",
            unit: "",
            help: "The theory holds as d → ∞; at finite d the points scatter by about 1/√d.",
            kind: ParamKind::Int { min: 20, max: 1000, default: 200, scale: Scale::Log },
        },
        ParamSpec::float(
            "alpha_max",
            "α_max",
            "largest number of samples per dimension",
            "The run shows α = n/d from α_max/20 to α_max.",
            Interval::closed(1.0, 10.0),
            4.0,
        )
        .with_scale(Scale::Log),
        ParamSpec::float(
            "alpha",
            "α",
            "samples per dimension of the λ figure",
            "The α at which the error is drawn against λ and the test points are shown; at most α_max.",
            Interval::closed(0.1, 10.0),
            2.0,
        )
        .with_scale(Scale::Log),
        ParamSpec {
            name: "seeds",
            symbol: "",
            label: "independent runs averaged",
            unit: "",
            help: "Each run draws its own teacher, examples and test points; points show the mean and its \
                   standard error.",
            kind: ParamKind::Int { min: 1, max: 20, default: 3, scale: Scale::Linear },
        },
        ParamSpec {
            name: "test",
            symbol: "",
            label: "test points per student",
            unit: "",
            help: "Fresh inputs on which each student's error is measured (the same for every student of a run); \
                   their count adds √(ε(1 − ε)/test) to the scatter.",
            kind: ParamKind::Int { min: 500, max: 50000, default: 5000, scale: Scale::Log },
        },
    ],
    presets: &[
        Preset {
            name: "Three classes, ridge (the paper's setting)",
            description: "K = 3, λ = 1: the ridge learning curve against its closed form.",
            values: &[
                ("K", "3"),
                ("loss", "square"),
                ("teacher", "gaussian"),
                ("d", "200"),
                ("lambda", "1"),
                ("alpha_max", "4"),
                ("alpha", "2"),
            ],
        },
        Preset {
            name: "Cross-entropy beats ridge",
            description: "K = 3, λ = 0.01, d = 100: softmax regression's error is below that of ridge at every α.",
            values: &[
                ("K", "3"),
                ("loss", "cross-entropy"),
                ("teacher", "gaussian"),
                ("lambda", "0.01"),
                ("d", "100"),
                ("alpha_max", "4"),
                ("alpha", "2"),
            ],
        },
        Preset {
            name: "K = 2: the binary perceptron",
            description: "Two classes: ridge against the Bayes-optimal error of the binary perceptron; large λ is Hebb's rule.",
            values: &[
                ("K", "2"),
                ("loss", "square"),
                ("teacher", "gaussian"),
                ("d", "200"),
                ("lambda", "1"),
                ("alpha_max", "8"),
                ("alpha", "2"),
            ],
        },
        Preset {
            name: "The interpolation peak",
            description: "λ = 10⁻⁴: ridge fits every label at α = 1 and its error peaks there.",
            values: &[
                ("K", "3"),
                ("loss", "square"),
                ("teacher", "gaussian"),
                ("d", "200"),
                ("lambda", "1e-4"),
                ("alpha_max", "4"),
                ("alpha", "1"),
            ],
        },
        Preset {
            name: "Rademacher teacher",
            description: "±1 teacher weights, K = 3: ridge follows the same curve as for the Gaussian teacher.",
            values: &[
                ("K", "3"),
                ("loss", "square"),
                ("teacher", "rademacher"),
                ("d", "200"),
                ("lambda", "1"),
                ("alpha_max", "4"),
            ],
        },
        Preset {
            name: "Ten classes",
            description: "K = 10: chance is 0.9, and learning needs more examples per class.",
            values: &[
                ("K", "10"),
                ("loss", "square"),
                ("teacher", "gaussian"),
                ("d", "200"),
                ("lambda", "0.1"),
                ("alpha_max", "8"),
                ("alpha", "4"),
            ],
        },
    ],
    observables: &[
        Observable::measured("error", "ridge test error at α (the λ figure's)").predicted_by("error_theory"),
        Observable::theory("error_theory", "ridge test error at α (the λ figure's)"),
        Observable::measured("m", "ridge overlap m = tr(MP)/(K − 1) at α").predicted_by("m_theory"),
        Observable::theory("m_theory", "ridge overlap m = tr(MP)/(K − 1) at α"),
        Observable::measured("q", "ridge norm q = tr(QP)/(K − 1) at α").predicted_by("q_theory"),
        Observable::theory("q_theory", "ridge norm q = tr(QP)/(K − 1) at α"),
        Observable::measured("error_ce", "cross-entropy test error at α"),
    ],
};

/// The two losses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    Square,
    CrossEntropy,
}

/// The parameters, typed; made only from validated [`Params`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct McParams {
    pub k: usize,
    pub loss: Loss,
    pub lambda: f64,
    pub teacher: Teacher,
    pub d: usize,
    pub alpha_max: f64,
    pub alpha: f64,
    pub seeds: usize,
    pub test: usize,
}

impl McParams {
    pub fn from_params(p: &Params) -> Self {
        McParams {
            k: p.int("K") as usize,
            loss: if p.choice("loss") == "cross-entropy" { Loss::CrossEntropy } else { Loss::Square },
            lambda: p.float("lambda"),
            teacher: Teacher::from_name(p.choice("teacher")),
            d: p.int("d") as usize,
            alpha_max: p.float("alpha_max"),
            alpha: p.float("alpha"),
            seeds: p.int("seeds") as usize,
            test: p.int("test") as usize,
        }
    }

    /// Elementary operations of one ridge fit and its measurement: the factor, K solves, and the
    /// test points (their draws, the teacher's and the student's fields).
    pub fn ridge_ops(&self) -> f64 {
        let (d, k) = (self.d as f64, self.k as f64);
        d * d * d / 6.0 + k * d * d + self.test as f64 * d * (2.0 * k + 1.0)
    }

    /// Elementary operations of one cross-entropy fit on n examples, as budgeted.
    pub fn ce_ops(&self, n: usize) -> f64 {
        CE_ITERATIONS * 2.5 * n as f64 * (self.k * self.d) as f64
            + self.test as f64 * self.d as f64 * (2 * self.k + 1) as f64
    }

    /// Elementary operations of the whole run.
    pub fn work(&self) -> f64 {
        let ns = checkpoints(self.d, self.alpha_max, self.alpha);
        let n_sweep = (self.alpha * self.d as f64).round() as usize;
        let d = self.d as f64;
        let n_max = *ns.last().expect("at least one checkpoint");
        let fits = (ns.len() + SWEEP_LAMBDAS.len()) as f64;
        let mut per = n_max as f64 * (d * d / 2.0 + (self.k + 2) as f64 * d) + fits * self.ridge_ops();
        if self.loss == Loss::CrossEntropy {
            per += ns.iter().map(|&n| self.ce_ops(n)).sum::<f64>() + SWEEP_LAMBDAS.len() as f64 * self.ce_ops(n_sweep);
        }
        self.seeds as f64 * per
    }
}

impl Model for MulticlassPerceptron {
    fn spec(&self) -> &'static ModelSpec {
        &SPEC
    }

    fn check(&self, params: &Params) -> Result<(), ParamError> {
        let p = McParams::from_params(params);
        if p.alpha > p.alpha_max {
            return Err(ParamError::Constraint(format!(
                "alpha={} must be at most alpha_max={}: the λ figure is drawn at a checkpoint of the run",
                p.alpha, p.alpha_max
            )));
        }
        let work = p.work();
        if work > WORK_LIMIT {
            return Err(ParamError::Constraint(format!(
                "loss={} with K={}, d={}, alpha_max={}, seeds={} and test={} needs {work:.1e} operations, more than \
                 the limit of {WORK_LIMIT:.0e} (about ten seconds): lower d, alpha_max, seeds or test",
                params.choice("loss"),
                p.k,
                p.d,
                p.alpha_max,
                p.seeds,
                p.test
            )));
        }
        Ok(())
    }

    fn cost(&self, params: &Params) -> f64 {
        McParams::from_params(params).work() / WORK_LIMIT
    }

    fn start(&self, params: &Params, seed: u64) -> Box<dyn Run> {
        Box::new(run::McRun::new(McParams::from_params(params), seed))
    }
}
