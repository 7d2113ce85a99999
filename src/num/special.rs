//! Gaussian special functions: the density φ, the distribution Φ, the tail H and its logarithm.
//!
//! The theory of the perceptron is written in terms of the Gaussian measure Dt = φ(t) dt and the tail
//! H(x) = ∫_x^∞ Dt. Integrands such as exp(−t²/2)/H(−t) overflow or lose all precision when built from H
//! itself far in the tail, so they are evaluated in log space with `log_h`, which stays accurate where H
//! underflows. Every transcendental call goes through `libm`, so results are bit-identical on every target.

/// √(2π).
pub const SQRT_2PI: f64 = 2.506_628_274_631_000_5;

/// ln √(2π) = ½ ln(2π).
pub const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Beyond this argument ln H(x) is computed from the Mills-ratio continued fraction instead of `erfc`,
/// whose result underflows near x ≈ 38 and is denormal (imprecise) before that.
const MILLS_THRESHOLD: f64 = 8.0;

/// Terms of the continued fraction: at x = 8 twenty terms leave a relative error below 1e-20, and the
/// fraction converges faster for larger x.
const MILLS_TERMS: u32 = 20;

/// Standard normal density: φ(x) = exp(−x²/2) / √(2π).
pub fn phi(x: f64) -> f64 {
    libm::exp(-0.5 * x * x) / SQRT_2PI
}

/// Standard normal distribution function: Φ(x) = ∫_{−∞}^x Dt = H(−x).
pub fn norm_cdf(x: f64) -> f64 {
    big_h(-x)
}

/// Gaussian tail: H(x) = ∫_x^∞ Dt = ½ erfc(x/√2).
///
/// Accurate to a few ulps in relative terms wherever the result is a normal number (x below about 37.5).
pub fn big_h(x: f64) -> f64 {
    0.5 * libm::erfc(x * core::f64::consts::FRAC_1_SQRT_2)
}

/// Logarithm of the Gaussian tail: ln H(x), accurate in relative terms for every finite x.
///
/// Three regimes:
/// - x < 0: ln H(x) = ln(1 − H(−x)) = log1p(−H(−x)), which keeps the tiny value near 0 as x → −∞;
/// - 0 ≤ x ≤ 8: ln(½ erfc(x/√2)) directly;
/// - x > 8: ln H(x) = −x²/2 − ln √(2π) − ln F(x), where F(x) = φ(x)/H(x) = x + 1/(x + 2/(x + 3/(x + …)))
///   is the inverse Mills ratio given by Laplace's continued fraction, evaluated from the tail inwards.
///
/// Returns −∞ only when −x²/2 itself overflows (|x| above about 1.3e154), and NaN for NaN.
pub fn log_h(x: f64) -> f64 {
    if x < 0.0 {
        libm::log1p(-big_h(-x))
    } else if x <= MILLS_THRESHOLD {
        libm::log(big_h(x))
    } else {
        -0.5 * x * x - LN_SQRT_2PI - libm::log(inverse_mills_cf(x))
    }
}

/// φ(x)/H(x) for x > 0 from Laplace's continued fraction x + 1/(x + 2/(x + …)), truncated after
/// `MILLS_TERMS` levels and evaluated backwards (stable, no division by small numbers for x > 0).
fn inverse_mills_cf(x: f64) -> f64 {
    let mut f = x;
    let mut k = MILLS_TERMS;
    while k > 0 {
        f = x + f64::from(k) / f;
        k -= 1;
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(a: f64, b: f64) -> f64 {
        if b == 0.0 { a.abs() } else { ((a - b) / b).abs() }
    }

    #[test]
    fn constants_match_their_definition() {
        assert!(rel(SQRT_2PI, (2.0 * core::f64::consts::PI).sqrt()) < 4e-16);
        assert!(rel(LN_SQRT_2PI, 0.5 * libm::log(2.0 * core::f64::consts::PI)) < 4e-16);
    }

    #[test]
    fn density_and_distribution() {
        assert!(rel(phi(0.0), 0.398_942_280_401_432_7) < 1e-15);
        assert!(rel(phi(1.0), 0.241_970_724_519_143_37) < 1e-15);
        assert_eq!(phi(1e200), 0.0);
        assert_eq!(norm_cdf(0.0), 0.5);
        assert!(rel(norm_cdf(1.0), 0.841_344_746_068_542_9) < 1e-15);
        assert!(rel(norm_cdf(-3.0), 0.001_349_898_031_630_094_6) < 1e-14);
        assert!(rel(big_h(2.0), 0.022_750_131_948_179_21) < 1e-14);
        // H(x) + H(−x) = 1.
        for i in 0..=60 {
            let x = -6.0 + 0.2 * f64::from(i);
            assert!((big_h(x) + big_h(-x) - 1.0).abs() < 2e-16, "x = {x}");
        }
    }

    #[test]
    fn log_h_matches_high_precision_values() {
        // (x, ln H(x)) computed with 30-digit arithmetic.
        let table = [
            (0.0, -core::f64::consts::LN_2),
            (5.0, -15.064_998_393_988_725),
            (-5.0, -2.866_516_129_637_636e-7),
            (8.0, -35.013_437_159_914_55),
            (8.5, -39.197_396_428_217_67),
            (20.0, -203.917_155_371_097_27),
            (40.0, -804.608_442_013_753_8),
            (100.0, -5_005.524_208_694_205),
            (1e4, -50_000_010.129_278_91),
        ];
        let mut worst = 0.0_f64;
        for (x, want) in table {
            let got = log_h(x);
            worst = worst.max(rel(got, want));
            assert!(rel(got, want) < 1e-13, "ln H({x}) = {got}, want {want}");
        }
        println!("log_h: largest relative deviation {worst:.2e}");
    }

    #[test]
    fn log_h_is_continuous_at_the_switch_and_tends_to_zero_on_the_left() {
        let below = log_h(MILLS_THRESHOLD);
        let above = log_h(MILLS_THRESHOLD + 1e-12);
        assert!(rel(below, above) < 1e-12);
        // For x → −∞, ln H(x) ≈ −H(−x) = −Φ(x), tiny but not rounded to 0 while representable.
        assert!(rel(log_h(-10.0), -big_h(10.0)) < 1e-15);
        assert_eq!(log_h(-40.0), 0.0);
        assert_eq!(log_h(f64::NEG_INFINITY), 0.0);
        assert!(log_h(f64::NAN).is_nan());
    }

    #[test]
    fn log_h_is_monotone_decreasing() {
        let mut prev = log_h(-50.0);
        for i in 1..=2000 {
            let x = -50.0 + 0.05 * f64::from(i);
            let v = log_h(x);
            assert!(v <= prev, "not decreasing at {x}");
            prev = v;
        }
    }
}
