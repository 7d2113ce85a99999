//! One module per paper's model.

pub mod perceptron;
