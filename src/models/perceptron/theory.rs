//! Closed-form theory of the teacher–student perceptron in the thermodynamic limit.
//!
//! A teacher T and a student J in R^N classify Gaussian inputs ξ by sign(T·ξ) and sign(J·ξ); α = P/N is the
//! number of examples per weight. Everything depends on the overlap R = J·T/(|J||T|), through the
//! generalisation error ε = arccos(R)/π, the probability that student and teacher disagree on a new input.
//! The curves below are those of A. Engel and C. Van den Broeck, *Statistical Mechanics of Learning*
//! (Cambridge University Press, 2001):
//!
//! - Hebb rule (J the sum of the examples weighted by the teacher's labels): R = √(2α/(π + 2α)).
//! - Gibbs learning (J drawn uniformly from the version space, zero temperature): R solves
//!   R/√(1 − R) = (α/π) ∫Dt exp(−R t²/2) / H(−√R t), with Dt the standard Gaussian measure and
//!   H(x) = ∫_x^∞ Dt. For large α, ε ≈ 0.6247/α.
//! - Bayes-optimal prediction (the centre of mass of the version space): its overlap with the teacher is
//!   √R of the Gibbs overlap R, so ε = arccos(√R)/π; for large α, ε ≈ 0.4417/α. The average of k Gibbs
//!   students, whose pairwise overlaps are also R, has overlap R/√(R + (1 − R)/k), between the two.
//! - Online perceptron rule J ← J + (η/√N) σ_T ξ Θ(−σ_T J·ξ), σ_T the teacher's label, from J = 0: with
//!   R̃ = J·T/N, Q = |J|²/N and ρ = R̃/√Q, the order parameters obey dR̃/dα = η(1 − ρ)/√(2π) and
//!   dQ/dα = −2η√Q(1 − ρ)/√(2π) + η² arccos(ρ)/π, and ε = arccos(ρ)/π. For large α, ρ relaxes fast to
//!   a slow manifold on which ε ≈ (2/3)^{1/3}/π · α^{−1/3} ≈ 0.2781 α^{−1/3}.
//!
//! The Gaussian integral is evaluated in log space (via ln H) with composite Gauss–Legendre quadrature,
//! the implicit equation is solved by Brent's method, and the online equations are integrated with RK4, all
//! from [`crate::num`], so that every curve is bit-identical natively and in WebAssembly.

use core::f64::consts::PI;

use crate::num::ode::{OdeSystem, Rk4};
use crate::num::quad::GaussLegendre;
use crate::num::roots::brent;
use crate::num::special::{LN_SQRT_2PI, SQRT_2PI, log_h};

/// Generalisation error of a student at overlap r with the teacher: ε = arccos(r)/π, with r clamped to
/// [−1, 1].
pub fn error_from_overlap(r: f64) -> f64 {
    libm::acos(r.clamp(-1.0, 1.0)) / PI
}

/// Overlap of the Hebb rule after α examples per weight: R = √(2α/(π + 2α)); 0 for α ≤ 0.
pub fn hebb_overlap(alpha: f64) -> f64 {
    if alpha.is_nan() {
        return f64::NAN;
    }
    if alpha <= 0.0 {
        return 0.0;
    }
    // Written as 1/√(1 + π/(2α)) so that α = ∞ gives 1.
    1.0 / (1.0 + PI / (2.0 * alpha)).sqrt()
}

/// Generalisation error of the Hebb rule: arccos(R)/π with R = [`hebb_overlap`]; ≈ 1/√(2πα) for large α.
pub fn hebb_error(alpha: f64) -> f64 {
    error_from_overlap(hebb_overlap(alpha))
}

// ---------------------------------------------------------------------------------------------------------
// Gibbs learning.

/// Quadrature of the Gibbs integral: 32 panels of 20 Gauss–Legendre points on [−40, 40] (panel width 2.5).
/// The integrand is a Gaussian times a slowly varying factor, so this is exact to rounding (the tests
/// compare with a rule of four times as many points: 5e-15).
const GIBBS_ORDER: usize = 20;
const GIBBS_PANELS: usize = 32;
const GIBBS_T_MAX: f64 = 40.0;

/// Bounds of I(R) = ∫Dt exp(−R t²/2)/H(−√R t) on [0, 1]: I(0) = 2 and I increases to I(1) ≈ 2.2640.
/// They bracket the solution of the Gibbs equation without evaluating the integral.
const GIBBS_I_MIN: f64 = 1.999;
const GIBBS_I_MAX: f64 = 2.265;

/// Tolerance on z = ln(R/(1 − R)) for Brent's method: a relative accuracy of 1e-14 in both R and 1 − R.
const GIBBS_Z_TOL: f64 = 1e-14;

/// Points of the Chebyshev interpolant of ln I(R) on [0, 1] used for fast curves: 16 points already
/// reproduce ln I to 4e-14, 24 to rounding (4e-15).
const CHEBYSHEV_POINTS: usize = 24;

/// Points of the rule whose weight times the largest possible integrand is below this are left out.
const GIBBS_NEGLIGIBLE: f64 = 1e-24;

/// The Gibbs integral I(R) = ∫Dt exp(−R t²/2) / H(−√R t) on a fixed quadrature grid.
struct GibbsIntegral {
    /// (t, w) of the composite rule on [−40, 40], without the points that cannot contribute.
    points: Vec<(f64, f64)>,
}

impl GibbsIntegral {
    fn new() -> Self {
        Self::with_rule(GIBBS_ORDER, GIBBS_PANELS)
    }

    /// The composite rule of `order` points on `panels` panels of [−40, 40]. For every R in [0, 1] the
    /// integrand is at most (1 + |t|) exp(−t²/2): for t ≥ 0 it is below 2φ(t), and for t < 0 the Mills-ratio
    /// bound φ(y)/H(y) ≤ y + 1 (y = √R |t|) bounds it by √(2π)(1 + |t|)φ(t). Points where w times this bound
    /// is below 1e-24 are dropped: together they change I ≥ 2 by less than 1e-21, far below one ulp, and
    /// they are three quarters of the grid (|t| above about 10).
    fn with_rule(order: usize, panels: usize) -> Self {
        let mut points = GaussLegendre::new(order).composite_points(-GIBBS_T_MAX, GIBBS_T_MAX, panels);
        points.retain(|&(t, w)| w * (1.0 + t.abs()) * libm::exp(-0.5 * t * t) >= GIBBS_NEGLIGIBLE);
        Self { points }
    }

    /// I(R) for R in [0, 1], summing w·exp(−t²/2 − R t²/2 − ln H(−√R t) − ln √(2π)) in grid order: the
    /// exponent stays finite where H(−√R t) underflows (t ≪ 0), where the integrand is ≈ √R |t| φ(t).
    fn value(&self, r: f64) -> f64 {
        let s = r.sqrt();
        let mut sum = 0.0;
        for &(t, w) in &self.points {
            sum += w * libm::exp(-0.5 * (1.0 + r) * t * t - log_h(-s * t) - LN_SQRT_2PI);
        }
        sum
    }
}

/// The Gibbs integral I(R) = ∫Dt exp(−R t²/2) / H(−√R t) for R in [0, 1] (clamped); I(0) = 2,
/// I(1) ≈ 2.263980.
pub fn gibbs_integral(r: f64) -> f64 {
    if r.is_nan() {
        return f64::NAN;
    }
    GibbsIntegral::new().value(r.clamp(0.0, 1.0))
}

/// The number of examples per weight at which Gibbs learning reaches overlap r: the explicit inverse of
/// the Gibbs equation, α = π R / (√(1 − R) I(R)). 0 for r ≤ 0, ∞ for r ≥ 1.
pub fn gibbs_alpha(r: f64) -> f64 {
    if r.is_nan() {
        return f64::NAN;
    }
    if r <= 0.0 {
        return 0.0;
    }
    if r >= 1.0 {
        return f64::INFINITY;
    }
    PI * r / ((1.0 - r).sqrt() * gibbs_integral(r))
}

/// Overlap R of Gibbs learning after α examples per weight: the root of R/√(1 − R) = (α/π) I(R).
/// R ≈ 2α/π for small α and 1 − R ≈ (π/(α I(1)))² for large α; 0 for α ≤ 0, 1 for α = ∞.
///
/// Solved by Brent's method in z = ln(R/(1 − R)), on which ln R − ½ ln(1 − R) − ln I(R) − ln(α/π) is
/// increasing with slope between ½ and 1 and both R and 1 − R keep their relative precision; the bracket
/// comes from the bounds 2 ≤ I(R) ≤ I(1).
pub fn gibbs_overlap(alpha: f64) -> f64 {
    logistic(gibbs_logit(alpha))
}

/// Generalisation error of Gibbs learning, arccos(R)/π at the Gibbs overlap; ≈ 0.6247/α for large α.
/// For R > ½ computed as 2 arcsin(√((1 − R)/2))/π from the solution in z, so that it stays accurate
/// (and non-zero) where R rounds to 1.
pub fn gibbs_error(alpha: f64) -> f64 {
    let z = gibbs_logit(alpha);
    if z < 0.0 {
        error_from_overlap(logistic(z))
    } else {
        2.0 * libm::asin(sqrt_gap(z) * core::f64::consts::FRAC_1_SQRT_2) / PI
    }
}

/// Generalisation error of the Bayes-optimal student, arccos(√R)/π with R the Gibbs overlap;
/// ≈ 0.4417/α for large α. For R > ½ computed as arcsin(√(1 − R))/π, accurate where R rounds to 1.
pub fn bayes_error(alpha: f64) -> f64 {
    let z = gibbs_logit(alpha);
    if z < 0.0 { error_from_overlap(logistic(z).sqrt()) } else { libm::asin(sqrt_gap(z)) / PI }
}

/// Overlap with the teacher of the normalised average of k independent Gibbs students, each at overlap
/// r_gibbs with the teacher and (in the thermodynamic limit) with each other:
/// R_k = R/√(R + (1 − R)/k), from |Σ J_i|² = k + k(k − 1)R. R_1 = R, and R_k → √R (the Bayes overlap) as
/// k → ∞; 0 for k = 0. r_gibbs is clamped to [0, 1].
pub fn committee_overlap(r_gibbs: f64, k: usize) -> f64 {
    if r_gibbs.is_nan() {
        return f64::NAN;
    }
    if k == 0 {
        return 0.0;
    }
    let r = r_gibbs.clamp(0.0, 1.0);
    // Positive: at least 1/k.
    let norm = (r + (1.0 - r) / k as f64).sqrt();
    r / norm
}

/// The Gibbs overlap at each α, much faster than calling [`gibbs_overlap`] for each: ln I(R) is replaced by
/// its Chebyshev interpolant on [0, 1] (built once per call from 24 quadratures), and the equation
/// is solved by safeguarded Newton steps in z = ln(R/(1 − R)). Agrees with [`gibbs_overlap`] to a relative
/// 1e-14. Each value depends only on its own α, not on the rest of the grid.
pub fn gibbs_curve(alphas: &[f64]) -> Vec<f64> {
    let table = LogIChebyshev::new(&GibbsIntegral::new(), CHEBYSHEV_POINTS);
    alphas.iter().map(|&alpha| gibbs_newton(alpha, &table)).collect()
}

/// ln(1/(1 + e^{−z})), the log of the logistic function, without overflow for any z.
fn log_logistic(z: f64) -> f64 {
    if z >= 0.0 { -libm::log1p(libm::exp(-z)) } else { z - libm::log1p(libm::exp(z)) }
}

/// 1/(1 + e^{−z}), to full relative precision for every z (so R and 1 − R = logistic(−z) both are).
fn logistic(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + libm::exp(-z))
    } else {
        let e = libm::exp(z);
        e / (1.0 + e)
    }
}

/// √(1 − R) for R = logistic(z), without forming 1 − R (which underflows before its square root does).
fn sqrt_gap(z: f64) -> f64 {
    if z >= 0.0 { libm::exp(-0.5 * z) / (1.0 + libm::exp(-z)).sqrt() } else { 1.0 / (1.0 + libm::exp(z)).sqrt() }
}

/// z = ln(R/(1 − R)) of the root of R/√(1 − R) = y, explicitly R = 2y/(√(y² + 4) + y), so that
/// R/(1 − R) = y(√(y² + 4) + y)/2.
fn logit_for_ratio(y: f64) -> f64 {
    if y <= 1.0 {
        libm::log(y) + libm::log(0.5 * ((y * y + 4.0).sqrt() + y))
    } else {
        // y² may overflow: factor it out.
        2.0 * libm::log(y) + libm::log(0.5 * (1.0 + (1.0 + 4.0 / (y * y)).sqrt()))
    }
}

/// The Gibbs equation in z: ln R − ½ ln(1 − R) − ln I(R) − ln(α/π), increasing in z.
fn gibbs_residual(z: f64, log_i: f64, log_alpha_over_pi: f64) -> f64 {
    log_logistic(z) - 0.5 * log_logistic(-z) - log_i - log_alpha_over_pi
}

/// z = ln(R/(1 − R)) for the values of α that need no solving: −∞ for α ≤ 0, ∞ for α = ∞, NaN for NaN.
fn gibbs_trivial(alpha: f64) -> Option<f64> {
    if alpha.is_nan() {
        Some(f64::NAN)
    } else if alpha <= 0.0 {
        Some(f64::NEG_INFINITY)
    } else if alpha == f64::INFINITY {
        Some(f64::INFINITY)
    } else {
        None
    }
}

/// The bracket in z from 2 ≤ I(R) ≤ I(1).
fn gibbs_bracket(alpha: f64) -> (f64, f64) {
    (logit_for_ratio(alpha * GIBBS_I_MIN / PI), logit_for_ratio(alpha * GIBBS_I_MAX / PI))
}

/// z = ln(R/(1 − R)) of Gibbs learning at α, by Brent's method on the direct quadrature.
fn gibbs_logit(alpha: f64) -> f64 {
    if let Some(z) = gibbs_trivial(alpha) {
        return z;
    }
    let integral = GibbsIntegral::new();
    let log_alpha_over_pi = libm::log(alpha / PI);
    let (lo, hi) = gibbs_bracket(alpha);
    let residual = |z: f64| gibbs_residual(z, libm::log(integral.value(logistic(z))), log_alpha_over_pi);
    // The bracket holds by the bounds on I; a failure would mean a non-finite residual, which the
    // logistic parametrisation excludes for every finite positive α.
    brent(residual, lo, hi, GIBBS_Z_TOL).unwrap_or(f64::NAN)
}

/// R at α by Newton's method on the Chebyshev interpolant, kept inside the bracket (bisection if a step
/// would leave it).
fn gibbs_newton(alpha: f64, table: &LogIChebyshev) -> f64 {
    if let Some(z) = gibbs_trivial(alpha) {
        return logistic(z);
    }
    let log_alpha_over_pi = libm::log(alpha / PI);
    let (mut lo, mut hi) = gibbs_bracket(alpha);
    // Start from the middle of the range of I.
    let mut z = logit_for_ratio(alpha * 0.5 * (GIBBS_I_MIN + GIBBS_I_MAX) / PI);
    for _ in 0..50 {
        let r = logistic(z);
        let (log_i, dlog_i) = table.eval(r);
        let f = gibbs_residual(z, log_i, log_alpha_over_pi);
        if f > 0.0 {
            hi = hi.min(z);
        } else if f < 0.0 {
            lo = lo.max(z);
        } else {
            break;
        }
        // d/dz of the residual, with dR/dz = R(1 − R).
        let gap = logistic(-z);
        let slope = gap + 0.5 * r - r * gap * dlog_i;
        let step = f / slope;
        if step.abs() <= 1e-10 * (1.0 + z.abs()) {
            // Quadratic convergence: after a step this small the error is at the rounding level.
            z -= step;
            break;
        }
        let next = z - step;
        z = if next > lo && next < hi { next } else { 0.5 * (lo + hi) };
    }
    logistic(z)
}

/// ln I(R) on [0, 1] as a Chebyshev series Σ a_k T_k(x) in x = 2R − 1, interpolating at the Chebyshev
/// points of the first kind; with the series of its derivative for Newton's method.
struct LogIChebyshev {
    coeffs: Vec<f64>,
    deriv: Vec<f64>,
}

impl LogIChebyshev {
    fn new(integral: &GibbsIntegral, n: usize) -> Self {
        let nf = n as f64;
        let values: Vec<f64> = (0..n)
            .map(|j| {
                let x = libm::cos(PI * (j as f64 + 0.5) / nf);
                libm::log(integral.value(0.5 * (1.0 + x)))
            })
            .collect();
        // a_k = (2/n) Σ_j f_j cos(π k (j + ½)/n), with a_0 halved.
        let mut coeffs: Vec<f64> = (0..n)
            .map(|k| {
                let mut sum = 0.0;
                for (j, f) in values.iter().enumerate() {
                    sum += f * libm::cos(PI * k as f64 * (j as f64 + 0.5) / nf);
                }
                2.0 * sum / nf
            })
            .collect();
        if let Some(a0) = coeffs.first_mut() {
            *a0 *= 0.5;
        }
        // Derivative in x: b_{k−1} = b_{k+1} + 2k a_k downwards, b_0 halved.
        let mut deriv = vec![0.0; n + 1];
        for k in (1..n).rev() {
            deriv[k - 1] = deriv[k + 1] + 2.0 * k as f64 * coeffs[k];
        }
        deriv[0] *= 0.5;
        deriv.truncate(n);
        Self { coeffs, deriv }
    }

    /// (ln I(R), d ln I/dR).
    fn eval(&self, r: f64) -> (f64, f64) {
        let x = 2.0 * r - 1.0;
        (clenshaw(&self.coeffs, x), 2.0 * clenshaw(&self.deriv, x))
    }
}

/// Σ a_k T_k(x) by Clenshaw's recurrence.
fn clenshaw(a: &[f64], x: f64) -> f64 {
    let (mut b1, mut b2) = (0.0, 0.0);
    for &ak in a.iter().skip(1).rev() {
        (b1, b2) = (2.0 * x * b1 - b2 + ak, b1);
    }
    a.first().copied().unwrap_or(0.0) + x * b1 - b2
}

// ---------------------------------------------------------------------------------------------------------
// Online perceptron rule.

/// Start of the integration in α: below it the leading terms of the small-α expansion are used.
const ONLINE_ALPHA0: f64 = 1e-10;

/// Steps in u = ln α: at most 0.005 (smooth part), and at most 0.2 √Q/α where the relaxation of ρ, at rate
/// ≈ (2/√(2π)) α/√Q in u (with √Q ~ α^{1/3}, so growing as α^{2/3}), would make larger RK4 steps inaccurate
/// and then unstable. Together they keep ε within about 1e-10 of the converged value (see the tests).
const ONLINE_MAX_STEP: f64 = 0.005;
const ONLINE_STIFF_STEP: f64 = 0.2;

/// Length in u of the pieces within which the step is fixed; their ends lie on a fixed lattice so that
/// the trajectory does not depend on the grid of recorded α.
const ONLINE_PIECE: f64 = 0.25;

/// The order-parameter flow of the online perceptron rule (η = 1) in u = ln α, state (R̃, Q):
/// dR̃/du = α (1 − ρ)/√(2π), dQ/du = α (−2√Q (1 − ρ)/√(2π) + arccos(ρ)/π), ρ = R̃/√Q.
struct OnlinePerceptronFlow;

impl OdeSystem for OnlinePerceptronFlow {
    fn dim(&self) -> usize {
        2
    }

    fn rhs(&self, u: f64, y: &[f64], dy: &mut [f64]) {
        let alpha = libm::exp(u);
        let sqrt_q = y[1].sqrt();
        let rho = (y[0] / sqrt_q).clamp(-1.0, 1.0);
        let drive = (1.0 - rho) / SQRT_2PI;
        dy[0] = alpha * drive;
        dy[1] = alpha * (-2.0 * sqrt_q * drive + libm::acos(rho) / PI);
    }
}

/// (R̃, Q) at small α from J = 0, to second order in √α:
/// R̃ = α/√(2π) − (√2/(3π)) α^{3/2}, Q = α/2 − (2/(3√π))(1 + 1/π) α^{3/2}, so ρ ≈ √(α/π).
/// (Inserting R̃ = a α + …, Q = b α + … in the flow gives a = 1/√(2π) from dR̃/dα → 1/√(2π) and b = ½
/// from arccos(0)/π = ½; the α^{3/2} terms follow from the O(√α) corrections ρ and −2√Q/√(2π).)
fn online_start(alpha: f64) -> [f64; 2] {
    let s = alpha.sqrt();
    let sqrt_pi = PI.sqrt();
    let r = alpha / SQRT_2PI - core::f64::consts::SQRT_2 / (3.0 * PI) * alpha * s;
    let q = 0.5 * alpha - 2.0 / (3.0 * sqrt_pi) * (1.0 + 1.0 / PI) * alpha * s;
    [r, q]
}

fn online_error_of(y: &[f64; 2]) -> f64 {
    error_from_overlap(y[0] / y[1].sqrt())
}

/// Generalisation error of the online perceptron rule from J = 0 at each α (any order; one integration
/// pass over the sorted values). It does not depend on the learning rate η (R̃ scales as η, Q as η²),
/// so η = 1. ε = ½ at α ≤ 0, and ε α^{1/3} → (2/3)^{1/3}/π ≈ 0.2781 for large α (0.2786 at α = 1000).
///
/// The flow is integrated with RK4 in u = ln α from α0 = 1e-10, where J = 0 is a singular point
/// (ρ ≈ √(α/π)); the start comes from the small-α expansion. The trajectory stops on a fixed lattice in u
/// and each recorded value branches off it, so every value depends only on its own α.
pub fn online_errors(alphas: &[f64]) -> Vec<f64> {
    online_errors_with(alphas, ONLINE_ALPHA0, ONLINE_MAX_STEP, ONLINE_STIFF_STEP)
}

/// [`online_errors`] with explicit numerical parameters: start α0 and step bounds in u.
fn online_errors_with(alphas: &[f64], alpha0: f64, max_step: f64, stiff_step: f64) -> Vec<f64> {
    let mut out = vec![f64::NAN; alphas.len()];
    let mut order: Vec<usize> = Vec::with_capacity(alphas.len());
    for (i, &alpha) in alphas.iter().enumerate() {
        if alpha.is_nan() {
            continue;
        } else if alpha <= 0.0 {
            out[i] = 0.5;
        } else if alpha == f64::INFINITY {
            out[i] = 0.0;
        } else if alpha <= alpha0 {
            out[i] = online_error_of(&online_start(alpha));
        } else {
            order.push(i);
        }
    }
    order.sort_by(|&i, &j| alphas[i].total_cmp(&alphas[j]));

    let flow = OnlinePerceptronFlow;
    let mut rk = Rk4::new(2);
    let mut y = online_start(alpha0);
    let mut u = libm::log(alpha0);
    // Fixed step bound within the lattice piece ending at `end`, from the state at its start: the
    // relaxation rate of ρ is about (2/√(2π)) α/√Q in u, largest at the end of the piece.
    let step_for = |end: f64, y: &[f64; 2]| {
        let stiff = stiff_step * y[1].sqrt() * libm::exp(-end);
        if stiff < max_step { stiff } else { max_step }
    };
    for i in order {
        let target = libm::log(alphas[i]);
        loop {
            let end = (libm::floor(u / ONLINE_PIECE) + 1.0) * ONLINE_PIECE;
            let h = step_for(end, &y);
            if end <= target {
                // Not reachable on error: the dimensions are fixed and the interval and step are finite.
                if rk.integrate(&flow, u, &mut y, end, h).is_err() {
                    return out;
                }
                u = end;
            } else {
                let mut branch = y;
                if rk.integrate(&flow, u, &mut branch, target, h).is_err() {
                    return out;
                }
                out[i] = online_error_of(&branch);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tolerance for the tabulated values, which are rounded to 6 decimals (5 for the online rule).
    const TABLE_TOL: f64 = 1e-5;

    /// (α, R_Gibbs, ε_Gibbs, ε_Bayes, ε_Hebb), checked independently with 30-digit arithmetic.
    const TABLE: [(f64, f64, f64, f64, f64); 6] = [
        (0.5, 0.280326, 0.409558, 0.322395, 0.336493),
        (1.0, 0.486264, 0.338359, 0.254373, 0.285634),
        (2.0, 0.728298, 0.240312, 0.174534, 0.230823),
        (5.0, 0.932064, 0.118006, 0.083935, 0.162614),
        (10.0, 0.981378, 0.061525, 0.043573, 0.120111),
        (100.0, 0.999808, 0.006246, 0.004416, 0.039687),
    ];

    /// (α, ε_online) for η = 1 from J = 0, rounded to 5 decimals (at α = 100, ε = 0.0605050 rounds up).
    const ONLINE_TABLE: [(f64, f64); 6] =
        [(1.0, 0.31922), (2.0, 0.25966), (5.0, 0.18222), (10.0, 0.13758), (20.0, 0.10600), (100.0, 0.06051)];

    fn log_grid(lo: f64, hi: f64, n: usize) -> Vec<f64> {
        let (a, b) = (libm::log(lo), libm::log(hi));
        (0..n).map(|i| libm::exp(a + (b - a) * i as f64 / (n - 1) as f64)).collect()
    }

    #[test]
    fn overlap_to_error() {
        assert_eq!(error_from_overlap(1.0), 0.0);
        assert_eq!(error_from_overlap(0.0), 0.5);
        assert_eq!(error_from_overlap(-1.0), 1.0);
        assert_eq!(error_from_overlap(1.5), 0.0);
        assert!((error_from_overlap(0.5) - 1.0 / 3.0).abs() < 1e-16);
        assert!(error_from_overlap(f64::NAN).is_nan());
    }

    #[test]
    fn catalogue_table() {
        let mut worst = [0.0_f64; 4];
        for (alpha, r, eg, eb, eh) in TABLE {
            let got = [gibbs_overlap(alpha), gibbs_error(alpha), bayes_error(alpha), hebb_error(alpha)];
            for (k, (g, want)) in got.iter().zip([r, eg, eb, eh]).enumerate() {
                let dev = (g - want).abs();
                worst[k] = worst[k].max(dev);
                assert!(dev < TABLE_TOL, "α = {alpha}, column {k}: {g} vs {want}");
            }
        }
        println!(
            "largest deviation: R_Gibbs {:.1e}, ε_Gibbs {:.1e}, ε_Bayes {:.1e}, ε_Hebb {:.1e}",
            worst[0], worst[1], worst[2], worst[3]
        );
    }

    #[test]
    fn high_precision_gibbs_values() {
        // From 30-digit arithmetic (mpmath quadrature and root finding).
        let table = [
            (0.5, 0.280_325_734_370_642),
            (1.0, 0.486_263_637_016_116),
            (2.0, 0.728_298_173_970_712),
            (5.0, 0.932_064_245_664_134),
            (10.0, 0.981_378_085_045_101),
            (100.0, 0.999_807_510_982_195),
        ];
        let mut worst = 0.0_f64;
        for (alpha, want) in table {
            let dev = (gibbs_overlap(alpha) - want).abs();
            worst = worst.max(dev);
            assert!(dev < 1e-14, "α = {alpha}: deviation {dev:e}");
        }
        println!("R_Gibbs against 30-digit values: largest deviation {worst:.1e}");
        assert!((gibbs_integral(0.0) - 2.0).abs() < 1e-15);
        assert!((gibbs_integral(1.0) - 2.263_979_853_576_286_4).abs() < 1e-14);
        assert!((gibbs_integral(0.5) - 2.134_973_895_068_479_4).abs() < 1e-14);
    }

    #[test]
    fn quadrature_is_converged() {
        // Four times the points, none dropped.
        let fine = GibbsIntegral {
            points: GaussLegendre::new(2 * GIBBS_ORDER).composite_points(-GIBBS_T_MAX, GIBBS_T_MAX, 2 * GIBBS_PANELS),
        };
        let used = GibbsIntegral::new();
        let mut worst = 0.0_f64;
        for i in 0..=100 {
            let r = i as f64 / 100.0;
            worst = worst.max((used.value(r) - fine.value(r)).abs());
        }
        println!("Gibbs integral ({} points) against a rule with 4x the points: {worst:.1e}", used.points.len());
        assert!(worst < 1e-14);
    }

    #[test]
    fn gibbs_integral_is_increasing_within_the_bracket_bounds() {
        let integral = GibbsIntegral::new();
        let mut prev = integral.value(0.0);
        for i in 1..=200 {
            let v = integral.value(i as f64 / 200.0);
            assert!(v > prev && v > GIBBS_I_MIN && v < GIBBS_I_MAX);
            prev = v;
        }
    }

    #[test]
    fn gibbs_alpha_inverts_gibbs_overlap() {
        for alpha in log_grid(1e-3, 1e4, 15) {
            let r = gibbs_overlap(alpha);
            let back = gibbs_alpha(r);
            assert!(((back - alpha) / alpha).abs() < 1e-9, "α = {alpha}: {back}");
        }
        let mut prev = 0.0;
        for i in 1..1000 {
            let a = gibbs_alpha(i as f64 / 1000.0);
            assert!(a > prev);
            prev = a;
        }
        assert_eq!(gibbs_alpha(0.0), 0.0);
        assert_eq!(gibbs_alpha(1.0), f64::INFINITY);
    }

    #[test]
    fn gibbs_limits() {
        assert_eq!(gibbs_overlap(0.0), 0.0);
        assert_eq!(gibbs_overlap(-1.0), 0.0);
        assert_eq!(gibbs_overlap(f64::INFINITY), 1.0);
        assert!(gibbs_overlap(f64::NAN).is_nan());
        assert_eq!(gibbs_error(0.0), 0.5);
        assert_eq!(bayes_error(0.0), 0.5);
        // Small α: R ≈ 2α/π (I(0) = 2).
        for alpha in [1e-300, 1e-12, 1e-6] {
            let r = gibbs_overlap(alpha);
            assert!((r / (2.0 * alpha / PI) - 1.0).abs() < 1e-5, "α = {alpha}: {r}");
        }
        // Large α: 1 − R tiny but resolved, errors ~ 1/α.
        for alpha in [1e4, 1e8, 1e300] {
            assert!(gibbs_overlap(alpha) <= 1.0);
            let eg = gibbs_error(alpha);
            let eb = bayes_error(alpha);
            assert!(eg > 0.0 && eb > 0.0 && eb < eg, "α = {alpha}");
        }
    }

    #[test]
    fn asymptotics() {
        let alpha = 1e4;
        let eg = gibbs_error(alpha) * alpha;
        let eb = bayes_error(alpha) * alpha;
        let eh = hebb_error(alpha) * alpha.sqrt();
        println!("α = 1e4: α ε_Gibbs = {eg:.6}, α ε_Bayes = {eb:.6}, √α ε_Hebb = {eh:.6}");
        // Limits √2/I(1) = 0.624661, 1/I(1) = 0.441700, 1/√(2π) = 0.398942.
        let i1 = gibbs_integral(1.0);
        assert!((eg - core::f64::consts::SQRT_2 / i1).abs() < 1e-3);
        assert!((eb - 1.0 / i1).abs() < 1e-3);
        assert!((eg - 0.6246).abs() < 1e-3 && (eb - 0.4417).abs() < 1e-3);
        assert!((eh - 1.0 / SQRT_2PI).abs() < 1e-3);
    }

    #[test]
    fn committee_interpolates_between_gibbs_and_bayes() {
        let r = gibbs_overlap(2.0);
        assert!((committee_overlap(r, 1) - r).abs() < 1e-15);
        assert_eq!(committee_overlap(r, 0), 0.0);
        let mut prev = r;
        for k in [2, 5, 10, 100, 10_000] {
            let rk = committee_overlap(r, k);
            assert!(rk > prev && rk < r.sqrt());
            prev = rk;
        }
        assert!((committee_overlap(r, 1 << 40) - r.sqrt()).abs() < 1e-12);
        assert!((error_from_overlap(committee_overlap(r, 1 << 40)) - bayes_error(2.0)).abs() < 1e-12);
        assert_eq!(committee_overlap(0.0, 3), 0.0);
    }

    #[test]
    fn hebb_limits() {
        assert_eq!(hebb_overlap(0.0), 0.0);
        assert_eq!(hebb_overlap(f64::INFINITY), 1.0);
        assert_eq!(hebb_error(0.0), 0.5);
        assert!(hebb_overlap(f64::NAN).is_nan());
    }

    #[test]
    fn gibbs_curve_matches_gibbs_overlap() {
        let alphas = log_grid(1e-3, 1e4, 60);
        let curve = gibbs_curve(&alphas);
        let mut worst = (0.0_f64, 0.0);
        for (&alpha, &r) in alphas.iter().zip(&curve) {
            let dev = ((r - gibbs_overlap(alpha)) / r).abs();
            if dev > worst.0 {
                worst = (dev, alpha);
            }
        }
        println!("gibbs_curve against gibbs_overlap: relative deviation {:.1e} (at α = {:.3e})", worst.0, worst.1);
        assert!(worst.0 < 1e-13);
        assert_eq!(gibbs_curve(&[0.0, f64::INFINITY, -2.0]), vec![0.0, 1.0, 0.0]);
        assert!(gibbs_curve(&[f64::NAN])[0].is_nan());
        assert!(gibbs_curve(&[]).is_empty());
    }

    #[test]
    fn chebyshev_interpolant_of_log_i() {
        let integral = GibbsIntegral::new();
        let table = LogIChebyshev::new(&integral, CHEBYSHEV_POINTS);
        let mut worst = 0.0_f64;
        let mut worst_d = 0.0_f64;
        for i in 0..=1000 {
            let r = i as f64 / 1000.0;
            let (v, d) = table.eval(r);
            worst = worst.max((v - libm::log(integral.value(r))).abs());
            // Central differences inside [0, 1] (error ~1e-10).
            if i > 0 && i < 1000 {
                let h = 1e-4;
                let fd = (libm::log(integral.value(r + h)) - libm::log(integral.value(r - h))) / (2.0 * h);
                worst_d = worst_d.max((d - fd).abs());
            }
        }
        println!("Chebyshev ln I: largest deviation {worst:.1e}, derivative {worst_d:.1e}");
        assert!(worst < 1e-14 && worst_d < 1e-8);
    }

    #[test]
    fn online_table() {
        let alphas: Vec<f64> = ONLINE_TABLE.iter().map(|p| p.0).collect();
        let errors = online_errors(&alphas);
        let mut worst = 0.0_f64;
        for ((alpha, want), got) in ONLINE_TABLE.iter().zip(&errors) {
            let dev = (got - want).abs();
            worst = worst.max(dev);
            assert!(dev < TABLE_TOL, "α = {alpha}: {got} vs {want}");
        }
        println!("online: largest deviation {worst:.1e}; values {errors:?}");
    }

    #[test]
    fn online_high_precision_values() {
        // An independent integration: Taylor-series ODE solver in 18-digit arithmetic (mpmath `odefun`,
        // tolerance 1e-14) from the same expansion at α0 = 1e-9.
        let table = [
            (1.0, 0.319_223_862_696_12),
            (2.0, 0.259_661_176_543_65),
            (5.0, 0.182_221_781_751_1),
            (10.0, 0.137_581_187_675_05),
            (20.0, 0.106_002_243_201_83),
            (100.0, 0.060_505_006_148_111),
        ];
        let alphas: Vec<f64> = table.iter().map(|p| p.0).collect();
        let errors = online_errors(&alphas);
        let worst = table.iter().zip(&errors).fold(0.0_f64, |w, (p, e)| w.max((e - p.1).abs()));
        println!("online against the Taylor-series integration: largest deviation {worst:.1e}");
        assert!(worst < 5e-10);
    }

    #[test]
    fn online_is_converged_and_grid_independent() {
        let alphas = [0.01, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4];
        let errors = online_errors(&alphas);
        // Recorded on a denser, reversed grid: the same values, bit for bit.
        let mut dense = log_grid(1e-3, 1e4, 57);
        dense.extend_from_slice(&alphas);
        dense.reverse();
        let dense_errors = online_errors(&dense);
        for (k, &alpha) in alphas.iter().enumerate() {
            let j = dense.iter().position(|&a| a == alpha).unwrap_or(0);
            assert_eq!(dense_errors[j], errors[k], "α = {alpha}");
        }
        // Convergence: a quarter of the step, or a start at 1e-14, changes nothing that matters.
        let fine = online_errors_with(&alphas, ONLINE_ALPHA0, ONLINE_MAX_STEP / 4.0, ONLINE_STIFF_STEP / 4.0);
        let earlier = online_errors_with(&alphas, 1e-14, ONLINE_MAX_STEP, ONLINE_STIFF_STEP);
        let mut worst_step = 0.0_f64;
        let mut worst_start = 0.0_f64;
        for k in 0..alphas.len() {
            worst_step = worst_step.max((fine[k] - errors[k]).abs());
            worst_start = worst_start.max((earlier[k] - errors[k]).abs());
        }
        println!("online: step refinement changes ε by {worst_step:.1e}, an earlier start by {worst_start:.1e}");
        assert!(worst_step < 1e-9 && worst_start < 1e-12);
    }

    #[test]
    fn online_limits() {
        let e = online_errors(&[0.0, -1.0, f64::NAN, f64::INFINITY, 1e-12, 1e-10]);
        assert_eq!(&e[..2], &[0.5, 0.5]);
        assert!(e[2].is_nan());
        assert_eq!(e[3], 0.0);
        // ε ≈ ½ − ρ/π with ρ ≈ √(α/π).
        assert!((e[4] - (0.5 - (1e-12 / PI).sqrt() / PI)).abs() < 1e-12);
        assert!(online_errors(&[]).is_empty());
    }

    #[test]
    fn online_start_is_the_small_alpha_expansion() {
        // Integrated from α0 = 1e-16, the flow meets the expansion with an error of order α^{3/2} (the
        // first neglected term), so a factor 100 in α divides the mismatch by about 1000.
        let alphas = [1e-8, 1e-6];
        let integrated = online_errors_with(&alphas, 1e-16, ONLINE_MAX_STEP / 4.0, ONLINE_STIFF_STEP);
        let mismatch: Vec<f64> =
            alphas.iter().zip(&integrated).map(|(&a, e)| (e - online_error_of(&online_start(a))).abs()).collect();
        println!("online start: mismatch {mismatch:?}");
        assert!(mismatch[0] < 1e-12);
        let ratio = mismatch[1] / mismatch[0];
        assert!(ratio > 300.0, "ratio {ratio}");
    }

    #[test]
    fn online_asymptote() {
        // ε α^{1/3} → (2/3)^{1/3}/π with a correction that shrinks with α.
        let limit = libm::cbrt(2.0 / 3.0) / PI;
        let alphas = [1e3, 1e4, 1e5, 1e6];
        let scaled: Vec<f64> = online_errors(&alphas).iter().zip(alphas).map(|(e, a)| e * libm::cbrt(a)).collect();
        println!("online: α^(1/3) ε at 1e3..1e6 = {scaled:?}, limit {limit}");
        assert!((scaled[0] - 0.2786).abs() < 5e-5);
        for w in scaled.windows(2) {
            assert!((w[1] - limit).abs() < (w[0] - limit).abs());
        }
        assert!((scaled[3] - limit).abs() < 1e-4);
    }
}
