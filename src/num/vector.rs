//! Dense vector kernels with a fixed order of summation.
//!
//! Four interleaved partial sums, combined in a fixed order: the compiler may map the lanes to
//! SIMD registers (SSE2 natively, simd128 in wasm) but may not reorder the additions, so the result
//! is the same bits on every target.

/// Σ a_i b_i.
#[inline]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    assert_eq!(a.len(), b.len());
    let mut acc = [0.0f64; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut tail = 0.0;
    for (x, y) in ra.iter().zip(rb) {
        tail += x * y;
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + tail
}

/// The dot products of four rows with one vector, reading the vector once: each result is the
/// same bits as [`dot`] of that row (the same lanes, summed in the same order).
#[inline]
pub fn dot4(rows: [&[f64]; 4], x: &[f64]) -> [f64; 4] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return simd128::dot4(rows, x);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    dot4_lanes(rows, x)
}

/// [`dot4`] in portable code: what every target but wasm runs, and the reference the wasm kernel
/// is tested against.
#[inline]
pub fn dot4_lanes(rows: [&[f64]; 4], x: &[f64]) -> [f64; 4] {
    for row in rows {
        assert_eq!(row.len(), x.len());
    }
    let mut acc = [[0.0f64; 4]; 4];
    let chunks = x.len() / 4;
    for j in 0..chunks {
        let xs = &x[4 * j..4 * j + 4];
        for (acc_r, row) in acc.iter_mut().zip(rows) {
            let w = &row[4 * j..4 * j + 4];
            for k in 0..4 {
                acc_r[k] += w[k] * xs[k];
            }
        }
    }
    std::array::from_fn(|r| {
        let mut tail = 0.0;
        for (w, xi) in rows[r][4 * chunks..].iter().zip(&x[4 * chunks..]) {
            tail += w * xi;
        }
        let a = acc[r];
        ((a[0] + a[1]) + (a[2] + a[3])) + tail
    })
}

/// The wasm kernels, written with simd128 operations: left to itself, LLVM vectorises [`dot4`]
/// across rows, with two shuffles per multiply-add, which V8 executes at half the speed of these
/// plain lane-wise operations. Each lane does the scalar operations of the portable code (IEEE
/// multiply, then add), so the results are the same bits.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd128 {
    use core::arch::wasm32::{f64x2, f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128};

    /// Lanes 2h and 2h + 1 of a chunk of four.
    #[inline(always)]
    fn half(chunk: &[f64], h: usize) -> v128 {
        f64x2(chunk[2 * h], chunk[2 * h + 1])
    }

    #[inline]
    pub fn dot4(rows: [&[f64]; 4], x: &[f64]) -> [f64; 4] {
        for row in rows {
            assert_eq!(row.len(), x.len());
        }
        let zero = f64x2_splat(0.0);
        // acc[r][h] holds the lanes 2h, 2h + 1 of the portable kernel's four for row r.
        let mut acc = [[zero; 2]; 4];
        let [a, b, c, d] = rows.map(|row| row.chunks_exact(4));
        for ((((wa, wb), wc), wd), xs) in a.zip(b).zip(c).zip(d).zip(x.chunks_exact(4)) {
            let xv = [half(xs, 0), half(xs, 1)];
            for (acc_r, w) in acc.iter_mut().zip([wa, wb, wc, wd]) {
                for (h, (lanes, xh)) in acc_r.iter_mut().zip(xv).enumerate() {
                    *lanes = f64x2_add(*lanes, f64x2_mul(half(w, h), xh));
                }
            }
        }
        let whole = x.len() / 4 * 4;
        std::array::from_fn(|r| {
            let mut tail = 0.0;
            for (w, xi) in rows[r][whole..].iter().zip(&x[whole..]) {
                tail += w * xi;
            }
            let [lo, hi] = acc[r];
            let (a0, a1) = (f64x2_extract_lane::<0>(lo), f64x2_extract_lane::<1>(lo));
            let (a2, a3) = (f64x2_extract_lane::<0>(hi), f64x2_extract_lane::<1>(hi));
            ((a0 + a1) + (a2 + a3)) + tail
        })
    }
}

/// y ← y + a x.
#[inline]
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    assert_eq!(x.len(), y.len());
    // Four at a time: each element is the same operation, in any grouping; the wider loop body
    // halves the loop's overhead in wasm, where V8 does not unroll.
    let mut ys = y.chunks_exact_mut(4);
    let mut xs = x.chunks_exact(4);
    for (yc, xc) in (&mut ys).zip(&mut xs) {
        for k in 0..4 {
            yc[k] += a * xc[k];
        }
    }
    for (yi, xi) in ys.into_remainder().iter_mut().zip(xs.remainder()) {
        *yi += a * xi;
    }
}

/// The cosine of the angle between a and b; 0 when either is the zero vector.
pub fn cosine(a: &[f64], b: &[f64]) -> f64 {
    let norms = dot(a, a) * dot(b, b);
    if norms > 0.0 { (dot(a, b) / norms.sqrt()).clamp(-1.0, 1.0) } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_matches_the_plain_sum_on_every_length() {
        for n in 0..13 {
            let a: Vec<f64> = (0..n).map(|i| 0.5 + i as f64).collect();
            let b: Vec<f64> = (0..n).map(|i| 1.0 - 0.25 * i as f64).collect();
            let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() < 1e-12, "n = {n}");
        }
        for n in [0, 3, 8, 13] {
            let x: Vec<f64> = (0..n).map(|i| 0.1 * i as f64 - 0.3).collect();
            let rows: Vec<Vec<f64>> = (0..4).map(|r| (0..n).map(|i| libm::sin((r * n + i) as f64)).collect()).collect();
            let got = dot4([&rows[0], &rows[1], &rows[2], &rows[3]], &x);
            for r in 0..4 {
                assert_eq!(got[r].to_bits(), dot(&rows[r], &x).to_bits(), "n = {n}, row {r}");
            }
        }
        // axpy four at a time is the element-wise update, bit for bit, on every length.
        for n in 0..13 {
            let x: Vec<f64> = (0..n).map(|i| libm::sin(i as f64 + 0.5)).collect();
            let mut y: Vec<f64> = (0..n).map(|i| libm::cos(i as f64)).collect();
            let mut plain = y.clone();
            axpy(0.3, &x, &mut y);
            for (p, xi) in plain.iter_mut().zip(&x) {
                *p += 0.3 * xi;
            }
            assert!(y.iter().zip(&plain).all(|(a, b)| a.to_bits() == b.to_bits()), "n = {n}");
        }
        let mut y = vec![1.0, 2.0];
        axpy(2.0, &[3.0, -1.0], &mut y);
        assert_eq!(y, vec![7.0, 0.0]);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 0.0]), 0.0);
        assert!((cosine(&[1.0, 1.0], &[2.0, 2.0]) - 1.0).abs() < 1e-15);
    }
}
