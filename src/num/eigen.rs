//! Eigenvalues of dense real matrices, identical on every target (see the nalgebra entry in
//! Cargo.toml for why). The cost is O(n³): about 0.3 s at n = 500 and 3 s at n = 1000 natively, so
//! pages compute spectra once per run, as part of its work, and cap n.

use nalgebra::DMatrix;

/// An eigenvalue, re + i·im.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub fn abs(self) -> f64 {
        (self.re * self.re + self.im * self.im).sqrt()
    }
}

/// The eigenvalues of the n×n matrix stored row by row in `a`, with the largest real part first
/// (ties: larger imaginary part first). `None` if the QR iteration did not converge, or an entry is
/// not finite.
pub fn eigenvalues(n: usize, a: &[f64]) -> Option<Vec<Complex>> {
    assert_eq!(a.len(), n * n, "eigenvalues: a {n}×{n} matrix has {} entries, got {}", n * n, a.len());
    if a.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let m = DMatrix::from_row_slice(n, n, a);
    // The QR iteration has no exceptional shifts, and can cycle for ever on some matrices with
    // repeated complex pairs (20 equal 2×2 blocks, for one). 30 sweeps per eigenvalue is LAPACK's
    // limit; past it, the same matrix turned by a fixed reflection H (H A H has A's eigenvalues)
    // breaks the cycle. Matrices that converge at once get the bits they always had.
    let limit = 30 * n.max(1);
    let schur = match m.clone().try_schur(f64::EPSILON, limit) {
        Some(schur) => schur,
        None => reflected(&m).try_schur(f64::EPSILON, limit)?,
    };
    let mut out: Vec<Complex> = schur.complex_eigenvalues().iter().map(|z| Complex { re: z.re, im: z.im }).collect();
    out.sort_by(|x, y| y.re.total_cmp(&x.re).then(y.im.total_cmp(&x.im)));
    Some(out)
}

/// H A H for the Householder reflection H = I − 2vvᵀ/|v|², v = (1, 2, …, n): a similar matrix
/// whose Hessenberg form differs from A's.
fn reflected(a: &DMatrix<f64>) -> DMatrix<f64> {
    let n = a.nrows();
    let v = nalgebra::DVector::from_fn(n, |i, _| (i + 1) as f64);
    let h = DMatrix::identity(n, n) - (&v * v.transpose()) * (2.0 / v.norm_squared());
    &h * a * &h
}

/// The eigenvalues of a symmetric n×n matrix (row by row), in increasing order.
pub fn symmetric_eigenvalues(n: usize, a: &[f64]) -> Option<Vec<f64>> {
    assert_eq!(a.len(), n * n, "symmetric_eigenvalues: a {n}×{n} matrix has {} entries, got {}", n * n, a.len());
    if a.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let m = DMatrix::from_row_slice(n, n, a);
    let eig = nalgebra::linalg::SymmetricEigen::try_new(m, f64::EPSILON, 0)?;
    let mut out: Vec<f64> = eig.eigenvalues.iter().copied().collect();
    out.sort_by(f64::total_cmp);
    Some(out)
}

/// The eigenvalues of a symmetric n×n matrix (row by row), in increasing order, each with its unit
/// eigenvector (`vectors[k]` belongs to `values[k]`; its sign is the solver's).
pub fn symmetric_eigen(n: usize, a: &[f64]) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    assert_eq!(a.len(), n * n, "symmetric_eigen: a {n}×{n} matrix has {} entries, got {}", n * n, a.len());
    if a.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let m = DMatrix::from_row_slice(n, n, a);
    let eig = nalgebra::linalg::SymmetricEigen::try_new(m, f64::EPSILON, 0)?;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| eig.eigenvalues[i].total_cmp(&eig.eigenvalues[j]));
    let values = order.iter().map(|&k| eig.eigenvalues[k]).collect();
    let vectors = order.iter().map(|&k| eig.eigenvectors.column(k).iter().copied().collect()).collect();
    Some((values, vectors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_complex_blocks_converge() {
        // Twenty copies of one 2×2 block [[−1, 0.5], [0.3, −2]], ordered as a network's Jacobian is
        // (every first component, then every second one): [[−I, 0.5I], [0.3I, −2I]]. The plain QR
        // iteration cycles on this matrix without end.
        let n = 40;
        let half = n / 2;
        let mut a = vec![0.0; n * n];
        for k in 0..half {
            let (i, j) = (k, half + k);
            a[i * n + i] = -1.0;
            a[i * n + j] = 0.5;
            a[j * n + i] = 0.3;
            a[j * n + j] = -2.0;
        }
        assert!(
            DMatrix::from_row_slice(n, n, &a).try_schur(f64::EPSILON, 30 * n).is_none(),
            "the plain iteration cycles"
        );
        let ev = eigenvalues(n, &a).expect("converges");
        // The block's eigenvalues: (−3 ± √(1 + 0.6))/2, each twenty times.
        let (top, bottom) = ((-3.0 + 1.6f64.sqrt()) / 2.0, (-3.0 - 1.6f64.sqrt()) / 2.0);
        for (k, z) in ev.iter().enumerate() {
            let want = if k < half { top } else { bottom };
            assert!((z.re - want).abs() < 1e-6 && z.im.abs() < 1e-6, "{k}: {z:?}");
        }
    }

    #[test]
    fn a_rotation_has_a_complex_pair_and_a_triangle_its_diagonal() {
        // [[a, -b], [b, a]] has eigenvalues a ± ib.
        let ev = eigenvalues(2, &[0.5, -2.0, 2.0, 0.5]).unwrap();
        assert!((ev[0].re - 0.5).abs() < 1e-14 && (ev[0].im - 2.0).abs() < 1e-14, "{ev:?}");
        assert!((ev[1].re - 0.5).abs() < 1e-14 && (ev[1].im + 2.0).abs() < 1e-14, "{ev:?}");
        let ev = eigenvalues(3, &[3.0, 1.0, 7.0, 0.0, -1.0, 2.0, 0.0, 0.0, 2.0]).unwrap();
        let re: Vec<f64> = ev.iter().map(|z| z.re).collect();
        for (got, want) in re.iter().zip([3.0, 2.0, -1.0]) {
            assert!((got - want).abs() < 1e-13, "{re:?}");
        }
        assert!(ev.iter().all(|z| z.im == 0.0));
    }

    #[test]
    fn a_companion_matrix_has_its_polynomials_roots() {
        // x³ − 6x² + 11x − 6 = (x − 1)(x − 2)(x − 3).
        let ev = eigenvalues(3, &[6.0, -11.0, 6.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0]).unwrap();
        for (z, want) in ev.iter().zip([3.0, 2.0, 1.0]) {
            assert!((z.re - want).abs() < 1e-12 && z.im.abs() < 1e-12, "{ev:?}");
        }
    }

    #[test]
    fn the_path_graphs_laplacian_has_its_cosine_spectrum() {
        // The path on n nodes: eigenvalues 2 − 2cos(πk/n), k = 0..n−1.
        let n = 7;
        let mut l = vec![0.0; n * n];
        for i in 0..n - 1 {
            l[i * n + i] += 1.0;
            l[(i + 1) * n + i + 1] += 1.0;
            l[i * n + i + 1] = -1.0;
            l[(i + 1) * n + i] = -1.0;
        }
        let ev = symmetric_eigenvalues(n, &l).unwrap();
        for (k, got) in ev.iter().enumerate() {
            let want = 2.0 - 2.0 * libm::cos(std::f64::consts::PI * k as f64 / n as f64);
            assert!((got - want).abs() < 1e-13, "{ev:?}");
        }
    }

    #[test]
    fn symmetric_eigenvectors_satisfy_their_equation() {
        let a = [2.0, -1.0, 0.5, -1.0, 3.0, 0.25, 0.5, 0.25, -1.0];
        let (values, vectors) = symmetric_eigen(3, &a).unwrap();
        assert_eq!(values, symmetric_eigenvalues(3, &a).unwrap());
        for (l, v) in values.iter().zip(&vectors) {
            let norm: f64 = v.iter().map(|x| x * x).sum();
            assert!((norm - 1.0).abs() < 1e-13);
            for r in 0..3 {
                let av: f64 = (0..3).map(|c| a[r * 3 + c] * v[c]).sum();
                assert!((av - l * v[r]).abs() < 1e-13, "{values:?}");
            }
        }
    }

    #[test]
    fn a_matrix_with_a_nan_has_no_spectrum() {
        assert!(eigenvalues(2, &[1.0, f64::NAN, 0.0, 1.0]).is_none());
        assert!(symmetric_eigenvalues(1, &[f64::INFINITY]).is_none());
    }
}
