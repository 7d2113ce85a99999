//! Replica: runnable models from the statistical physics of learning and theoretical neuroscience.
//!
//! One crate, compiled natively (tests, the `replica` command-line tool) and to WebAssembly (the
//! pages). A model is a pure function of (parameters, seed) that streams frames of figures; the
//! same code runs under `cargo test`, in the CLI and in the page's worker.
//!
//! # Example
//! ```
//! use replica::link::Link;
//!
//! let link = Link::parse("perceptron?seed=7&N=200&alpha_max=5&seeds=2").unwrap();
//! let result = link.run_to_end(1_000).unwrap();
//! assert_eq!(result.fingerprint, link.run_to_end(7).unwrap().fingerprint);
//! println!("{link}"); // the canonical link, every parameter printed
//! ```

pub mod bench;
pub mod catalog;
pub mod export;
pub mod fingerprint;
pub mod link;
pub mod model;
pub mod models;
pub mod num;
pub mod plot;
pub mod rng;
pub mod sweep;

#[cfg(target_arch = "wasm32")]
pub mod web;

use model::Model;
use std::sync::OnceLock;

/// Models that belong together, built into one wasm module: a page downloads only its family's.
/// Each family is a cargo feature of the same name; a native build has them all.
pub struct Family {
    /// The cargo feature and the name of its wasm module, `pkg/replica-<id>.js`.
    pub id: &'static str,
    /// The heading of its section in the gallery.
    pub title: &'static str,
    pub models: &'static [&'static dyn Model],
}

/// The families in this build, in gallery order. Adding a model is one module in `models/` and one
/// line here.
pub const FAMILIES: &[Family] = &[
    #[cfg(feature = "learning")]
    Family {
        id: "learning",
        title: "Statistical physics of learning",
        models: &[&models::perceptron::Perceptron, &models::thermodynamics_of_learning::ThermodynamicsOfLearning],
    },
    #[cfg(feature = "high-dim")]
    Family {
        id: "high-dim",
        title: "Generalisation in high dimensions",
        models: &[
            &models::ridge_double_descent::RidgeDoubleDescent,
            &models::gaussian_mixture::GaussianMixture,
            &models::multiclass_perceptron::MulticlassPerceptron,
        ],
    },
    #[cfg(feature = "landscapes")]
    Family {
        id: "landscapes",
        title: "Rough landscapes: descent, noise and glassiness",
        models: &[&models::p_spin_descent::PSpinDescent, &models::phase_retrieval::PhaseRetrieval],
    },
    #[cfg(feature = "two-layer")]
    Family {
        id: "two-layer",
        title: "Online learning in two-layer networks",
        models: &[
            &models::two_layer_sgd::TwoLayerSgd,
            &models::feedback_alignment::FeedbackAlignment,
            &models::dropout::Dropout,
            &models::hidden_manifold::HiddenManifold,
        ],
    },
    // Apart from the three above so that each page stays within its download budget.
    #[cfg(feature = "online-tasks")]
    Family {
        id: "online-tasks",
        title: "Online learning: task switches and learning-rate schedules",
        models: &[&models::continual_learning::ContinualLearning, &models::lr_schedule::LearningRateSchedule],
    },
    #[cfg(feature = "chaos")]
    Family {
        id: "chaos",
        title: "Random recurrent networks: the edge of chaos",
        models: &[&models::random_rnn::RandomRnn],
    },
    #[cfg(feature = "recurrent")]
    Family {
        id: "recurrent",
        title: "Structured recurrent networks: low rank and loops",
        models: &[&models::low_rank_rnn::LowRankRnn, &models::thalamocortical_loops::ThalamocorticalLoops],
    },
    #[cfg(feature = "populations")]
    Family {
        id: "populations",
        title: "Spiking networks and neural masses",
        models: &[&models::qif_mean_field::QifMeanField, &models::wilson_cowan::WilsonCowan],
    },
    #[cfg(feature = "networks")]
    Family { id: "networks", title: "Dynamics on networks", models: &[&models::turing_network::TuringNetwork] },
    #[cfg(feature = "metapopulation")]
    Family {
        id: "metapopulation",
        title: "Neural masses on networks",
        models: &[&models::wilson_cowan_network::WilsonCowanNetwork],
    },
    #[cfg(feature = "complexes")]
    Family {
        id: "complexes",
        title: "Signals on simplicial and cell complexes",
        models: &[&models::dirac_turing::DiracTuring, &models::topological_kuramoto::TopologicalKuramotoModel],
    },
    #[cfg(feature = "synchronisation")]
    Family {
        id: "synchronisation",
        title: "Global synchronisation on complexes",
        models: &[&models::global_sync::GlobalSync, &models::dirac_sync::DiracSynchronization],
    },
];

/// Every model of this build, in gallery order.
pub fn registry() -> &'static [&'static dyn Model] {
    static ALL: OnceLock<Vec<&'static dyn Model>> = OnceLock::new();
    ALL.get_or_init(|| FAMILIES.iter().flat_map(|f| f.models.iter().copied()).collect())
}

/// The model with this id.
pub fn find_model(id: &str) -> Option<&'static dyn Model> {
    registry().iter().copied().find(|m| m.spec().id == id)
}

/// The family a model belongs to.
pub fn family_of(id: &str) -> Option<&'static Family> {
    FAMILIES.iter().find(|f| f.models.iter().any(|m| m.spec().id == id))
}
