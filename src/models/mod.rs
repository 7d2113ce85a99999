//! One module per paper's model.

pub mod continual_learning;
pub mod dirac_sync;
pub mod dirac_turing;
pub mod dropout;
pub mod feedback_alignment;
pub mod gaussian_mixture;
pub mod global_sync;
pub mod hidden_manifold;
pub mod learning_curves;
pub mod low_rank_rnn;
pub mod lr_schedule;
pub mod multiclass_perceptron;
pub mod p_spin_descent;
pub mod perceptron;
pub mod phase_retrieval;
pub mod qif_mean_field;
pub mod random_rnn;
pub mod ridge_double_descent;
pub mod thalamocortical_loops;
pub mod thermodynamics_of_learning;
pub mod topological_kuramoto;
pub mod turing_network;
pub mod two_layer;
pub mod two_layer_sgd;
pub mod wilson_cowan;
pub mod wilson_cowan_network;
