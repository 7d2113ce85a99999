//! One module per paper's model.

pub mod continual_learning;
pub mod dropout;
pub mod feedback_alignment;
pub mod lr_schedule;
pub mod perceptron;
pub mod random_rnn;
pub mod two_layer;
pub mod two_layer_sgd;
