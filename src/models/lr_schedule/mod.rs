//! Optimal learning-rate schedules for online linear regression, by optimal control of the
//! order-parameter equation.
//!
//! A student ŷ = w·x/√N learns a noisy linear teacher y = w*·x/√N + σζ by SGD,
//! w ← w − (η(t)/√N)(ŷ − y)x, one fresh Gaussian example per step, t = steps/N. As N → ∞ the error
//! m = |w − w*|²/N (twice the generalisation error ε_g = E[(ŷ − w*·x/√N)²]/2 = m/2) obeys
//! dm/dt = −2ηm + η²(m + σ²). The schedule η(t) minimising m(T) is found by Pontryagin's
//! principle in closed form, η* = m/(m + σ²), and numerically, by a quasi-Newton method on 50
//! pieces with gradients from the co-state. The page compares it with the best constant η and a 1/t
//! schedule, in theory and in simulations at finite N.
//!
//! ## Reference
//! F. Mignacco, F. Mori, *A statistical physics framework for optimal learning*, arXiv:2507.07907
//! (2025).

pub mod control;
pub mod theory;
