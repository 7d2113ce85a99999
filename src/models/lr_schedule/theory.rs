//! Theory of online linear regression under a learning-rate schedule, as N → ∞.
//!
//! The error m = |w − w*|²/N of a student trained by SGD with learning rate η(t) obeys
//!
//!   dm/dt = f(m, η) = −2ηm + η²(m + σ²),
//!
//! with t the number of steps over N. The cost is the final error m(T).
//!
//! - **Optimal schedule.** With the co-state p (Hamiltonian H = p f, dp/dt = −∂H/∂m = p η(2 − η),
//!   p(T) = 1) positive, Pontryagin's principle minimises f over η at every instant:
//!   η*(t) = m/(m + σ²), and then dm/dt = −m²/(m + σ²), which integrates to
//!   t = ln(m₀/m) + σ²(1/m − 1/m₀), solved for m by Newton's method. Greedy is optimal here
//!   because the state is one number and the flow preserves order: a smaller m now can never give
//!   a larger m later. The Hamiltonian is constant along the optimum, so p(t) = g(m(T))/g(m(t))
//!   with g(m) = m²/(m + σ²).
//! - **Constant η.** m(t) = m∞ + (m₀ − m∞) e^{−η(2−η)t} with m∞ = ησ²/(2 − η); the best constant for
//!   a horizon T minimises m(T).
//! - **1/t schedule.** η(t) = 1/(t + t₀) with t₀ = 1 + σ²/m₀ = 1/η*(0): it starts at the optimum's
//!   first value and has the optimum's tail η ≈ 1/t. The optimum itself is
//!   η*(t) = 1/(t + t₀ − ln(m₀/m*(t))), so the 1/t schedule is the optimum without its logarithm;
//!   like the optimum, and unlike the best constant, it does not need to know T. With the
//!   integrating factor (t + t₀)² e^{1/(t + t₀)},
//!   m(t) = [m₀ t₀² e^{1/t₀} + σ² ∫₀ᵗ e^{1/(s + t₀)} ds] / [(t + t₀)² e^{1/(t + t₀)}].
//!
//! Every function here is closed form, up to a root (Newton's or Brent's method) or a
//! one-dimensional integral (Gauss–Legendre), in `libm` arithmetic, so the curves are the same
//! bits on every target.

use super::control::{Pieces, Solution};
use crate::num::quad::GaussLegendre;
use crate::num::roots::brent;

/// Newton's method for ln m* stops when its step is below this, relative to 1 + |ln m|: the
/// rounding of F (terms up to |ln m| and σ²/m ≈ t) divided by |F′| ≥ 1 is about 10⁻¹⁴ at worst.
const NEWTON_TOL: f64 = 1e-14;
/// Most Newton steps; far above the 7 it takes from the lower bound.
const NEWTON_STEPS: usize = 60;
/// Gauss–Legendre rule for the integral of the 1/t schedule: 20 points on each of 4 panels of
/// u = ln(s + t₀), over at most ln(1 + 200) ≈ 5.3; the integrand e^u expm1(e^{−u}) is entire and
/// the rule is exact to rounding (the tests compare with an RK4 integration of the ODE).
const QUAD_ORDER: usize = 20;
const QUAD_PANELS: usize = 4;

/// The control problem: noise variance σ², initial error m₀ and horizon T.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Problem {
    pub sigma2: f64,
    pub m0: f64,
    pub horizon: f64,
}

impl Problem {
    /// The error of the optimal schedule: the root of t = ln(m₀/m) + σ²(1/m − 1/m₀), found for
    /// x = ln m by Newton's method from a lower bound of m. Without noise, m₀ e^{−t}.
    pub fn optimal_m(&self, t: f64) -> f64 {
        libm::exp(self.optimal_ln_m(t, self.optimal_lower_bound(t)))
    }

    /// A lower bound of ln m*(t): the larger of ln(m₀e^{−t}) (since dm/dt ≥ −m) and
    /// ln(σ²m₀/(σ² + m₀t)) (since dm/dt ≥ −m²/σ²).
    pub fn optimal_lower_bound(&self, t: f64) -> f64 {
        let (s2, m0) = (self.sigma2, self.m0);
        let lower = libm::log(m0) - t.max(0.0);
        if s2 > 0.0 { lower.max(libm::log(s2 * m0 / (s2 + m0 * t.max(0.0)))) } else { lower }
    }

    /// ln m*(t) by Newton's method on F(x) = ln m₀ − x + σ²(e^{−x} − 1/m₀) − t from any `start`.
    /// F decreases (F′ ≤ −1) and is convex, and its root lies between the lower bound of
    /// [`Problem::optimal_lower_bound`] and ln m₀, where every iterate is kept: a step from the
    /// right of the root lands on its left, and from the left the iterates rise to the root without
    /// passing it. Convergence from anywhere, quadratic near the root: at most 7 steps from the lower
    /// bound, 3 from the root at a nearby time (as when a run steps through time), the last one
    /// only confirming.
    pub fn optimal_ln_m(&self, t: f64, start: f64) -> f64 {
        let (s2, m0) = (self.sigma2, self.m0);
        let ln_m0 = libm::log(m0);
        if t <= 0.0 {
            return ln_m0;
        }
        if s2 == 0.0 {
            return ln_m0 - t;
        }
        let lower = self.optimal_lower_bound(t);
        let mut x = start.clamp(lower, ln_m0);
        for _ in 0..NEWTON_STEPS {
            let noise = s2 * libm::exp(-x);
            let step = (ln_m0 - x + noise - s2 / m0 - t) / (-1.0 - noise);
            x = (x - step).clamp(lower, ln_m0);
            if step.abs() <= NEWTON_TOL * (1.0 + x.abs()) {
                break;
            }
        }
        x
    }

    /// The optimal learning rate η*(t) = m/(m + σ²) (1 without noise).
    pub fn optimal_eta(&self, t: f64) -> f64 {
        let m = self.optimal_m(t);
        m / (m + self.sigma2)
    }

    /// The co-state of the optimum, p(t) = g(m(T))/g(m(t)) with g(m) = m²/(m + σ²).
    pub fn optimal_costate(&self, t: f64) -> f64 {
        let g = |m: f64| m * m / (m + self.sigma2);
        g(self.optimal_m(self.horizon)) / g(self.optimal_m(t))
    }

    /// The error under a constant η: m∞ + (m₀ − m∞) e^{−η(2−η)t}, m∞ = ησ²/(2 − η).
    pub fn constant_m(&self, eta: f64, t: f64) -> f64 {
        let floor = eta * self.sigma2 / (2.0 - eta);
        floor + (self.m0 - floor) * libm::exp(-eta * (2.0 - eta) * t)
    }

    /// The co-state under a constant η: p(t) = e^{−η(2−η)(T − t)}.
    pub fn constant_costate(&self, eta: f64, t: f64) -> f64 {
        libm::exp(-eta * (2.0 - eta) * (self.horizon - t))
    }

    /// The constant η in (0, 1] that minimises m(T): the zero of dm(T)/dη, which is −2m₀T < 0 at
    /// η = 0 and 2σ²(1 − e^{−T}) ≥ 0 at η = 1 (η > 1 never helps: f(m, 1 + δ) ≥ f(m, 1 − δ)).
    pub fn best_constant(&self) -> f64 {
        let (s2, m0, horizon) = (self.sigma2, self.m0, self.horizon);
        let slope = |eta: f64| {
            let decay = libm::exp(-eta * (2.0 - eta) * horizon);
            let floor = eta * s2 / (2.0 - eta);
            let floor_slope = 2.0 * s2 / ((2.0 - eta) * (2.0 - eta));
            floor_slope * (1.0 - decay) - (m0 - floor) * (2.0 - 2.0 * eta) * horizon * decay
        };
        brent(slope, 0.0, 1.0, 1e-15).expect("dm(T)/dη changes sign on [0, 1]")
    }

    /// t₀ of the 1/t schedule η(t) = 1/(t + t₀): 1/η*(0) = 1 + σ²/m₀.
    pub fn inverse_time_offset(&self) -> f64 {
        1.0 + self.sigma2 / self.m0
    }

    /// The error under η(t) = 1/(t + t₀), t₀ = [`Problem::inverse_time_offset`]:
    /// [m₀ t₀² e^{1/t₀} + σ² J(t)] / [(t + t₀)² e^{1/(t + t₀)}] with J(t) = ∫₀ᵗ e^{1/(s + t₀)} ds.
    pub fn inverse_time_m(&self, t: f64) -> f64 {
        let t0 = self.inverse_time_offset();
        let start = self.m0 * t0 * t0 * libm::exp(1.0 / t0);
        (start + self.sigma2 * inverse_time_integral(t0, t)) / ((t + t0) * (t + t0) * libm::exp(1.0 / (t + t0)))
    }

    /// The co-state under η = 1/(t + t₀): exp(−∫ₜᵀ η(2 − η) ds) = ((t + t₀)/(T + t₀))² e^{1/(t + t₀) − 1/(T + t₀)}.
    pub fn inverse_time_costate(&self, t: f64) -> f64 {
        let t0 = self.inverse_time_offset();
        let ratio = (t + t0) / (self.horizon + t0);
        ratio * ratio * libm::exp(1.0 / (t + t0) - 1.0 / (self.horizon + t0))
    }
}

/// J(t) = ∫₀ᵗ e^{1/(s + t₀)} ds = t + ∫ e^u expm1(e^{−u}) du over u = ln(s + t₀) from ln t₀ to
/// ln(t + t₀): the substitution makes the integrand smooth and bounded over any span of t.
fn inverse_time_integral(t0: f64, t: f64) -> f64 {
    if t <= 0.0 {
        return 0.0;
    }
    let rule = GaussLegendre::new(QUAD_ORDER);
    let excess =
        rule.integrate(|u| libm::exp(u) * libm::expm1(libm::exp(-u)), libm::log(t0), libm::log(t + t0), QUAD_PANELS);
    t + excess
}

/// One learning-rate schedule of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Schedule {
    /// η*(t) = m/(m + σ²), the closed-form optimum.
    Optimal,
    /// The numerical optimal-control solution: η constant on each of equal pieces of [0, T].
    Pieces(Pieces),
    /// The best constant η for the horizon.
    Constant(f64),
    /// η(t) = 1/(t + t₀), t₀ = 1/η*(0).
    InverseTime,
}

impl Schedule {
    pub fn eta(&self, problem: &Problem, t: f64) -> f64 {
        match self {
            Schedule::Optimal => problem.optimal_eta(t),
            Schedule::Pieces(pieces) => pieces.eta_at(t),
            Schedule::Constant(eta) => *eta,
            Schedule::InverseTime => 1.0 / (t + problem.inverse_time_offset()),
        }
    }

    /// m(t) as N → ∞.
    pub fn m(&self, problem: &Problem, t: f64) -> f64 {
        match self {
            Schedule::Optimal => problem.optimal_m(t),
            Schedule::Pieces(pieces) => pieces.m_at(problem, t),
            Schedule::Constant(eta) => problem.constant_m(*eta, t),
            Schedule::InverseTime => problem.inverse_time_m(t),
        }
    }

    /// The co-state p(t) = ∂m(T)/∂m(t): how much an error at time t still counts at the horizon.
    pub fn costate(&self, problem: &Problem, t: f64) -> f64 {
        match self {
            Schedule::Optimal => problem.optimal_costate(t),
            Schedule::Pieces(pieces) => pieces.costate_at(t),
            Schedule::Constant(eta) => problem.constant_costate(*eta, t),
            Schedule::InverseTime => problem.inverse_time_costate(t),
        }
    }
}

/// The four schedules compared on the page, in the order of [`Kind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub problem: Problem,
    /// The solver's result (its pieces are also in `schedules`).
    pub solution: Solution,
    pub schedules: [Schedule; 4],
}

/// Which schedule, as an index into [`Comparison::schedules`] (and the colour group of its series).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Optimal = 0,
    Solver = 1,
    Constant = 2,
    InverseTime = 3,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Optimal, Kind::Solver, Kind::Constant, Kind::InverseTime];
}

/// Pieces of the numerical optimal control.
pub const PIECES: usize = 50;

impl Comparison {
    /// The closed-form schedules, and the solver's, started from the best constant.
    pub fn new(problem: Problem) -> Self {
        let best = problem.best_constant();
        let solution = super::control::optimise(&problem, &Pieces::constant(problem.horizon, PIECES, best));
        let schedules = [
            Schedule::Optimal,
            Schedule::Pieces(solution.pieces.clone()),
            Schedule::Constant(best),
            Schedule::InverseTime,
        ];
        Comparison { problem, solution, schedules }
    }

    pub fn schedule(&self, kind: Kind) -> &Schedule {
        &self.schedules[kind as usize]
    }

    pub fn best_constant(&self) -> f64 {
        match self.schedule(Kind::Constant) {
            Schedule::Constant(eta) => *eta,
            _ => unreachable!("the constant schedule is in its place"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROBLEM: Problem = Problem { sigma2: 0.25, m0: 1.0, horizon: 10.0 };

    #[test]
    fn optimal_error_solves_its_implicit_equation() {
        for p in [
            PROBLEM,
            Problem { sigma2: 2.0, m0: 0.01, horizon: 200.0 },
            Problem { sigma2: 0.01, m0: 10.0, horizon: 0.5 },
        ] {
            for t in [1e-4, 0.3, 2.0, 10.0, 50.0, 200.0] {
                let m = p.optimal_m(t);
                let back = libm::log(p.m0 / m) + p.sigma2 * (1.0 / m - 1.0 / p.m0);
                assert!((back - t).abs() < 1e-12 * t.max(1.0), "{p:?} t = {t}: {back}");
            }
        }
        let noiseless = Problem { sigma2: 0.0, ..PROBLEM };
        assert_eq!(noiseless.optimal_eta(3.0), 1.0);
        assert_eq!(PROBLEM.optimal_m(0.0), 1.0);
    }

    #[test]
    fn newton_converges_from_anywhere() {
        // From the lower bound, from the previous time of a run, and from far on either side.
        for t in [1e-4, 0.7, 9.0, 150.0] {
            let cold = PROBLEM.optimal_ln_m(t, PROBLEM.optimal_lower_bound(t));
            for start in [PROBLEM.optimal_ln_m(t - 1e-4, 0.0), 5.0, -40.0] {
                let x = PROBLEM.optimal_ln_m(t, start);
                assert!((x - cold).abs() < 1e-13 * (1.0 + cold.abs()), "t = {t} from {start}: {x} vs {cold}");
            }
        }
    }

    #[test]
    fn optimal_schedule_is_the_inverse_time_schedule_with_a_logarithm() {
        let t0 = PROBLEM.inverse_time_offset();
        for t in [0.0, 0.5, 3.0, 10.0, 80.0] {
            let m = PROBLEM.optimal_m(t);
            let identity = 1.0 / (t + t0 - libm::log(PROBLEM.m0 / m));
            assert!((PROBLEM.optimal_eta(t) - identity).abs() < 1e-13, "t = {t}");
        }
    }

    #[test]
    fn best_constant_beats_its_neighbours() {
        for p in [PROBLEM, Problem { sigma2: 2.0, m0: 0.01, horizon: 0.5 }, Problem { sigma2: 0.0, ..PROBLEM }] {
            let eta = p.best_constant();
            let best = p.constant_m(eta, p.horizon);
            for k in 0..=1000 {
                let other = k as f64 / 1000.0;
                assert!(p.constant_m(other, p.horizon) >= best * (1.0 - 1e-14), "{p:?}: η = {other} beats {eta}");
            }
        }
    }
}
