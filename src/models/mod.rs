//! One module per paper's model.

pub mod continual_learning;
pub mod perceptron;
pub mod two_layer;
pub mod two_layer_sgd;
