//! The arcsine, as `libm::asin` computes it, bit for bit, with the square root of the hardware.
//!
//! libm's asin takes a square root for |x| ≥ 0.5; in WebAssembly on stable Rust libm's own
//! square root is a software one, many times slower than the `f64.sqrt` instruction. Both are
//! correctly rounded (IEEE 754), so they give the same bits, and so does this function. The
//! two-layer ODEs take hundreds of arcsines per evaluation, many of them at correlations ≥ 0.5.
//! The algorithm is fdlibm's (FreeBSD e_asin.c), as in libm, with its constants given by their bits.

const PIO2_HI: f64 = f64::from_bits(0x3ff9_21fb_5444_2d18);
const PIO2_LO: f64 = f64::from_bits(0x3c91_a626_3314_5c07);
const P_S0: f64 = f64::from_bits(0x3fc5_5555_5555_5555);
const P_S1: f64 = f64::from_bits(0xbfd4_d612_03eb_6f7d);
const P_S2: f64 = f64::from_bits(0x3fc9_c155_0e88_4455);
const P_S3: f64 = f64::from_bits(0xbfa4_8228_b568_8f3b);
const P_S4: f64 = f64::from_bits(0x3f49_efe0_7501_b288);
const P_S5: f64 = f64::from_bits(0x3f02_3de1_0dfd_f709);
const Q_S1: f64 = f64::from_bits(0xc003_3a27_1c8a_2d4b);
const Q_S2: f64 = f64::from_bits(0x4000_2ae5_9c59_8ac8);
const Q_S3: f64 = f64::from_bits(0xbfe6_066c_1b8d_0159);
const Q_S4: f64 = f64::from_bits(0x3fb3_b8c5_b12e_9282);

/// (asin(x) − x)/x³ as a rational function of z = x².
fn rational(z: f64) -> f64 {
    let p = z * (P_S0 + z * (P_S1 + z * (P_S2 + z * (P_S3 + z * (P_S4 + z * P_S5)))));
    let q = 1.0 + z * (Q_S1 + z * (Q_S2 + z * (Q_S3 + z * Q_S4)));
    p / q
}

/// asin(x) for x in [−1, 1], NaN elsewhere; the bits of `libm::asin(x)`.
pub fn asin(x: f64) -> f64 {
    let high = (x.to_bits() >> 32) as u32;
    let ix = high & 0x7fff_ffff;
    if ix >= 0x3ff0_0000 {
        // |x| ≥ 1, or NaN.
        if ((ix - 0x3ff0_0000) | x.to_bits() as u32) == 0 {
            return x * PIO2_HI + f64::from_bits(0x3870_0000_0000_0000);
        }
        return f64::NAN;
    }
    if ix < 0x3fe0_0000 {
        // |x| < 0.5
        if (0x0010_0000..0x3e50_0000).contains(&ix) {
            return x;
        }
        return x + x * rational(x * x);
    }
    // 0.5 ≤ |x| < 1: asin(x) = π/2 − 2 asin(√((1 − |x|)/2)).
    let z = (1.0 - x.abs()) * 0.5;
    let s = z.sqrt();
    let r = rational(z);
    let y = if ix >= 0x3fef_3333 {
        PIO2_HI - (2.0 * (s + s * r) - PIO2_LO)
    } else {
        // √z split in a high part f (its low word cleared) and a correction c.
        let f = f64::from_bits(s.to_bits() & 0xffff_ffff_0000_0000);
        let c = (z - f * f) / (s + f);
        0.5 * PIO2_HI - (2.0 * s * r - (PIO2_LO - 2.0 * c) - (0.5 * PIO2_HI - 2.0 * f))
    };
    if high >> 31 != 0 { -y } else { y }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(x: f64) {
        let (got, want) = (asin(x), libm::asin(x));
        assert!(
            got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
            "asin({x:e}) = {got:e}, libm: {want:e}"
        );
    }

    #[test]
    fn gives_the_bits_of_libm() {
        for x in [
            0.0,
            1e-300,
            5e-324,
            2e-308,
            1e-9,
            1.490_116_119_384_765_6e-8,
            0.1,
            0.499_999_999_999_999_9,
            0.5,
            0.7,
            0.975,
            f64::from_bits(0x3fef_3333_0000_0000),
            f64::from_bits(0x3fef_3332_ffff_ffff),
            0.999_999_999_999_999_9,
            1.0,
            1.000_000_000_000_000_2,
            3.0,
            f64::INFINITY,
            f64::NAN,
        ] {
            same(x);
            same(-x);
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..300_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let u = (state >> 11) as f64 / (1u64 << 53) as f64;
            same(if i % 4 == 0 { f64::from_bits(state & 0xbfef_ffff_ffff_ffff) } else { 2.2 * u - 1.1 });
        }
    }
}
