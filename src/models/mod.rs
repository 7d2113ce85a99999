//! One module per paper's model.

pub mod continual_learning;
pub mod dirac_turing;
pub mod dropout;
pub mod feedback_alignment;
pub mod global_sync;
pub mod low_rank_rnn;
pub mod lr_schedule;
pub mod perceptron;
pub mod qif_mean_field;
pub mod random_rnn;
pub mod thalamocortical_loops;
pub mod topological_kuramoto;
pub mod turing_network;
pub mod two_layer;
pub mod two_layer_sgd;
pub mod wilson_cowan;
