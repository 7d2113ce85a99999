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

/// y ← y + a x.
#[inline]
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    assert_eq!(x.len(), y.len());
    for (yi, xi) in y.iter_mut().zip(x) {
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
        let mut y = vec![1.0, 2.0];
        axpy(2.0, &[3.0, -1.0], &mut y);
        assert_eq!(y, vec![7.0, 0.0]);
        assert_eq!(cosine(&[1.0, 0.0], &[0.0, 0.0]), 0.0);
        assert!((cosine(&[1.0, 1.0], &[2.0, 2.0]) - 1.0).abs() < 1e-15);
    }
}
