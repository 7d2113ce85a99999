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

/// Every model, in gallery order. Adding a model is one module in `models/` and one line here.
pub fn registry() -> &'static [&'static dyn Model] {
    &[
        &models::perceptron::Perceptron,
        &models::two_layer_sgd::TwoLayerSgd,
        &models::feedback_alignment::FeedbackAlignment,
        &models::dropout::Dropout,
        &models::continual_learning::ContinualLearning,
        &models::lr_schedule::LearningRateSchedule,
        &models::random_rnn::RandomRnn,
    ]
}

/// The model with this id.
pub fn find_model(id: &str) -> Option<&'static dyn Model> {
    registry().iter().copied().find(|m| m.spec().id == id)
}
