//! Cholesky factorisation of dense symmetric positive-definite matrices, and solves with it.
//!
//! Row-major storage; every inner sum is a [`dot`] of contiguous rows, so the order of summation is
//! fixed and the result is the same bits on every target.

use super::vector::dot;

/// The lower-triangular factor L of A = L Lᵀ, in place: `a` (n×n, row by row) is read on and below
/// the diagonal (the upper triangle is ignored) and holds L there afterwards, zeros above.
/// `Err(k)` if the k-th pivot is not positive (A is not positive definite to working precision).
pub fn factor(n: usize, a: &mut [f64]) -> Result<(), usize> {
    assert_eq!(a.len(), n * n, "cholesky: a {n}×{n} matrix has {} entries, got {}", n * n, a.len());
    for j in 0..n {
        let (done, rest) = a.split_at_mut(j * n);
        let row_j = &mut rest[..n];
        // Row j left of the diagonal: L_jk = (A_jk − Σ_{l<k} L_jl L_kl) / L_kk.
        for k in 0..j {
            let row_k = &done[k * n..k * n + k + 1];
            let s = row_j[k] - dot(&row_j[..k], &row_k[..k]);
            row_j[k] = s / row_k[k];
        }
        let pivot = row_j[j] - dot(&row_j[..j], &row_j[..j]);
        if pivot.is_nan() || pivot <= 0.0 || pivot.is_infinite() {
            return Err(j);
        }
        row_j[j] = pivot.sqrt();
        row_j[j + 1..].fill(0.0);
    }
    Ok(())
}

/// Solve L Lᵀ x = b in place (`b` becomes x), L from [`factor`].
pub fn solve(n: usize, l: &[f64], b: &mut [f64]) {
    assert_eq!(b.len(), n);
    // Forward: L y = b.
    for i in 0..n {
        let s = b[i] - dot(&l[i * n..i * n + i], &b[..i]);
        b[i] = s / l[i * n + i];
    }
    // Backward: Lᵀ x = y, by columns of L (rows of Lᵀ), in decreasing order.
    for i in (0..n).rev() {
        b[i] /= l[i * n + i];
        let xi = b[i];
        for k in 0..i {
            b[k] -= l[i * n + k] * xi;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_factor_reproduces_its_matrix_and_solves() {
        let n = 5;
        // A = BᵀB + I, symmetric positive definite.
        let b: Vec<f64> = (0..n * n).map(|k| libm::sin(k as f64 * 0.7 + 0.3)).collect();
        let mut a = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] =
                    (0..n).map(|k| b[k * n + i] * b[k * n + j]).sum::<f64>() + if i == j { 1.0 } else { 0.0 };
            }
        }
        let mut l = a.clone();
        factor(n, &mut l).unwrap();
        for i in 0..n {
            for j in 0..n {
                let llt: f64 = (0..n).map(|k| l[i * n + k] * l[j * n + k]).sum();
                assert!((llt - a[i * n + j]).abs() < 1e-12, "({i}, {j})");
            }
        }
        let want = [1.0, -2.0, 0.5, 3.0, -0.25];
        let mut rhs: Vec<f64> = (0..n).map(|i| (0..n).map(|j| a[i * n + j] * want[j]).sum()).collect();
        solve(n, &l, &mut rhs);
        for (x, w) in rhs.iter().zip(want) {
            assert!((x - w).abs() < 1e-12, "{rhs:?}");
        }
        let mut singular = vec![1.0, 1.0, 1.0, 1.0];
        assert_eq!(factor(2, &mut singular), Err(1));
    }
}
