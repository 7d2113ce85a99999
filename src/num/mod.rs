//! Shared numerics: special functions, quadrature, root finding, ODE integration, statistics,
//! eigenvalues (dense, and symmetric tridiagonal by bisection), the FFT, graphs and cell complexes.
//! Everything here is deterministic across targets: `libm` for transcendental functions and a
//! fixed order of summation.

pub mod asin;
pub mod cell_complex;
pub mod cholesky;
pub mod dopri;
pub mod eigen;
pub mod fft;
pub mod graph;
pub mod ode;
pub mod quad;
pub mod roots;
pub mod special;
pub mod stats;
pub mod tridiagonal;
pub mod vector;
