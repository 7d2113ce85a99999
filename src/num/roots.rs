//! Root finding in one variable by Brent's method.
//!
//! Brent's method keeps a bracket [b, c] with a sign change and takes inverse-quadratic or secant steps
//! when they make progress, bisection otherwise: it converges superlinearly on smooth functions and never
//! slower than about bisection squared on bad ones. It is used to invert the implicit equations of the
//! theory (e.g. the Gibbs learning curve), where a bracket is known from the physics.
//! The implementation follows Brent's `zero` (Algorithms for Minimization without Derivatives, 1973).

/// Iteration limit of [`brent`]: far above the ~60 evaluations a smooth function needs in double precision,
/// and above the ~1100 halvings that take a unit bracket down to the smallest subnormal spacing.
pub const MAX_ITERATIONS: usize = 1200;

/// Why a root could not be found.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum RootError {
    /// f(a) and f(b) are both non-zero and of the same sign.
    #[error("root not bracketed: f({a}) = {fa} and f({b}) = {fb} have the same sign")]
    NotBracketed { a: f64, b: f64, fa: f64, fb: f64 },
    /// The function returned NaN or an infinity.
    #[error("function value f({x}) = {fx} is not finite")]
    NonFinite { x: f64, fx: f64 },
    /// The bracket did not shrink below the tolerance within the iteration limit; [a, b] is the last one.
    #[error("no convergence after {iterations} iterations; last bracket [{a}, {b}]")]
    NoConvergence { iterations: usize, a: f64, b: f64 },
    /// An end of the interval is not finite, or the tolerance is negative or NaN.
    #[error("invalid input: interval [{a}, {b}] with tolerance {xtol}")]
    InvalidInput { a: f64, b: f64, xtol: f64 },
}

/// A zero of `f` in the bracket [a, b] (either order) by Brent's method, to within
/// 2·ε_machine·|x| + xtol/2 in x; with at most [`MAX_ITERATIONS`] function evaluations after the two ends.
///
/// Returns an end of the interval at once if f vanishes there.
pub fn brent(f: impl Fn(f64) -> f64, a: f64, b: f64, xtol: f64) -> Result<f64, RootError> {
    brent_with_limit(f, a, b, xtol, MAX_ITERATIONS)
}

/// [`brent`] with an explicit limit on the number of iterations (function evaluations after the ends).
pub fn brent_with_limit(
    f: impl Fn(f64) -> f64,
    a: f64,
    b: f64,
    xtol: f64,
    max_iterations: usize,
) -> Result<f64, RootError> {
    if !a.is_finite() || !b.is_finite() || xtol.is_nan() || xtol < 0.0 {
        return Err(RootError::InvalidInput { a, b, xtol });
    }
    let eval = |x: f64| {
        let fx = f(x);
        if fx.is_finite() { Ok(fx) } else { Err(RootError::NonFinite { x, fx }) }
    };
    let (mut a, mut b) = (a, b);
    let mut fa = eval(a)?;
    let mut fb = eval(b)?;
    if fa == 0.0 {
        return Ok(a);
    }
    if fb == 0.0 {
        return Ok(b);
    }
    if (fa > 0.0) == (fb > 0.0) {
        return Err(RootError::NotBracketed { a, b, fa, fb });
    }

    // b is the best estimate, a the previous one, c the far end of the bracket [b, c];
    // d is the last step and e the one before it.
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    let mut iterations = 0;
    loop {
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + 0.5 * xtol;
        let m = 0.5 * (c - b);
        if m.abs() <= tol || fb == 0.0 {
            return Ok(b);
        }
        if iterations == max_iterations {
            return Err(RootError::NoConvergence { iterations, a: b.min(c), b: b.max(c) });
        }
        iterations += 1;

        if e.abs() < tol || fa.abs() <= fb.abs() {
            // The last steps were too small, or made no progress: bisect.
            d = m;
            e = m;
        } else {
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                // Only two distinct points: secant step.
                (2.0 * m * s, 1.0 - s)
            } else {
                // Inverse quadratic interpolation through (a, fa), (b, fb), (c, fc).
                let q = fa / fc;
                let r = fb / fc;
                (s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0)), (q - 1.0) * (r - 1.0) * (s - 1.0))
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            // Accept the interpolated step only if it stays well inside the bracket and is less than half
            // the step before last (which guarantees convergence); otherwise bisect.
            if 2.0 * p < 3.0 * m * q - (tol * q).abs() && p < (0.5 * e * q).abs() {
                e = d;
                d = p / q;
            } else {
                d = m;
                e = m;
            }
        }
        a = b;
        fa = fb;
        // Never step by less than the tolerance, so that the bracket keeps shrinking.
        b += if d.abs() > tol { d } else { tol.copysign(m) };
        fb = eval(b)?;
        if (fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0) {
            // The sign change is now between a and b.
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn finds_known_roots() {
        let sqrt2 = brent(|x| x * x - 2.0, 0.0, 2.0, 1e-15).unwrap();
        assert!((sqrt2 - core::f64::consts::SQRT_2).abs() < 4e-16);

        // The Dottie number, cos x = x.
        let dottie = brent(|x| libm::cos(x) - x, 0.0, 1.0, 0.0).unwrap();
        assert!((dottie - 0.739_085_133_215_160_6).abs() < 2e-16);

        // π as the zero of sin in [3, 4], with the interval given in reverse order.
        let pi = brent(libm::sin, 4.0, 3.0, 1e-15).unwrap();
        assert!((pi - core::f64::consts::PI).abs() < 1e-15);

        // ln 10 as the zero of eˣ − 10.
        let ln10 = brent(|x| libm::exp(x) - 10.0, -5.0, 5.0, 1e-14).unwrap();
        assert!((ln10 - core::f64::consts::LN_10).abs() < 1e-14);
    }

    #[test]
    fn respects_the_tolerance_on_hard_functions() {
        // Triple root: f is flat, only the bracket decides.
        let x = brent(|x| x * x * x, -1.0, 2.0, 1e-10).unwrap();
        assert!(x.abs() < 1e-10);

        // Discontinuous sign change at 1/3: converges to the jump.
        let x = brent(|x| if x < 1.0 / 3.0 { -1.0 } else { 1.0 }, 0.0, 1.0, 1e-12).unwrap();
        assert!((x - 1.0 / 3.0).abs() < 1e-12);

        // A root far from the middle of a wide bracket, with few evaluations.
        let calls = Cell::new(0);
        let x = brent(
            |x| {
                calls.set(calls.get() + 1);
                libm::exp(x) - 1e-10
            },
            -100.0,
            10.0,
            1e-13,
        )
        .unwrap();
        assert!((x - libm::log(1e-10)).abs() < 1e-12);
        assert!(calls.get() < 60, "{} evaluations", calls.get());
    }

    #[test]
    fn returns_an_end_where_f_vanishes() {
        assert_eq!(brent(|x| x - 1.0, 1.0, 3.0, 1e-12), Ok(1.0));
        assert_eq!(brent(|x| x - 3.0, 1.0, 3.0, 1e-12), Ok(3.0));
    }

    #[test]
    fn reports_errors() {
        assert_eq!(
            brent(|x| x * x + 1.0, -1.0, 1.0, 1e-12),
            Err(RootError::NotBracketed { a: -1.0, b: 1.0, fa: 2.0, fb: 2.0 })
        );
        assert!(matches!(brent(|x| 1.0 / x - 1.0, 0.0, 2.0, 1e-12), Err(RootError::NonFinite { x, .. }) if x == 0.0));
        assert!(matches!(
            brent(|x| if x > 0.5 { f64::NAN } else { x - 0.75 }, 0.0, 1.0, 1e-12),
            Err(RootError::NonFinite { .. })
        ));
        assert!(matches!(brent(|x| x, f64::NEG_INFINITY, 1.0, 1e-12), Err(RootError::InvalidInput { .. })));
        assert!(matches!(brent(|x| x, -1.0, 1.0, f64::NAN), Err(RootError::InvalidInput { .. })));
        assert!(matches!(
            brent_with_limit(|x| libm::cos(x) - x, 0.0, 1.0, 0.0, 2),
            Err(RootError::NoConvergence { iterations: 2, .. })
        ));
        // A step with its jump at 0 and no tolerance must halve down to the subnormals: the default limit
        // is large enough for that.
        let x = brent(|x| if x <= 0.0 { -1.0 } else { 1.0 }, -1.0, 1.0, 0.0).unwrap();
        assert!(x.abs() < 1e-300);
        // Errors print.
        let text = RootError::NotBracketed { a: 0.0, b: 1.0, fa: 1.0, fb: 2.0 }.to_string();
        assert!(text.contains("not bracketed"));
    }
}
