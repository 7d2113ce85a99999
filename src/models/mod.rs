//! One module per paper's model.

pub mod lr_schedule;
pub mod perceptron;
