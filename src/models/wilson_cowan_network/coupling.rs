//! The coupling matrix A of the network, stored by rows (only the non-zero entries, in column
//! order): the graph Laplacian L = Adj − D, the adjacency matrix over the mean degree, or the
//! planted operator A = −(I − Q) whose kernel holds the patterns.

use crate::num::graph::Graph;

/// A square matrix by rows: row i is `cols[offsets[i]..offsets[i + 1]]` with `vals` alongside.
#[derive(Debug, Clone, PartialEq)]
pub struct Sparse {
    pub n: usize,
    offsets: Vec<usize>,
    cols: Vec<usize>,
    vals: Vec<f64>,
}

impl Sparse {
    /// From a dense n×n matrix stored row by row, keeping the entries that are not 0.
    pub fn from_dense(n: usize, a: &[f64]) -> Self {
        assert_eq!(a.len(), n * n, "a {n}×{n} matrix has {} entries, got {}", n * n, a.len());
        let (mut offsets, mut cols, mut vals) = (vec![0], Vec::new(), Vec::new());
        for r in 0..n {
            for c in 0..n {
                let v = a[r * n + c];
                if v != 0.0 {
                    cols.push(c);
                    vals.push(v);
                }
            }
            offsets.push(cols.len());
        }
        Sparse { n, offsets, cols, vals }
    }

    /// The graph Laplacian L = Adj − D: (L E)_i = Σ_j Adj_ij (E_j − E_i).
    pub fn laplacian(g: &Graph) -> Self {
        Sparse::from_dense(g.n, &g.laplacian())
    }

    /// The adjacency matrix divided by the mean degree.
    pub fn adjacency(g: &Graph) -> Self {
        let k = g.mean_degree();
        let n = g.n;
        let mut a = vec![0.0; n * n];
        for &[i, j] in &g.edges {
            a[i * n + j] = 1.0 / k;
            if !g.directed {
                a[j * n + i] = 1.0 / k;
            }
        }
        Sparse::from_dense(n, &a)
    }

    /// (A x)_i, summed in column order.
    #[inline]
    pub fn row_dot(&self, i: usize, x: &[f64]) -> f64 {
        let (lo, hi) = (self.offsets[i], self.offsets[i + 1]);
        self.cols[lo..hi].iter().zip(&self.vals[lo..hi]).fold(0.0, |s, (&c, &v)| s + v * x[c])
    }

    /// The non-zero entries (column, value) of row i.
    pub fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (lo, hi) = (self.offsets[i], self.offsets[i + 1]);
        self.cols[lo..hi].iter().copied().zip(self.vals[lo..hi].iter().copied())
    }

    /// Number of stored entries: the work of one product A x.
    pub fn entries(&self) -> usize {
        self.vals.len()
    }

    /// The matrix row by row.
    pub fn dense(&self) -> Vec<f64> {
        let mut a = vec![0.0; self.n * self.n];
        for r in 0..self.n {
            for (c, v) in self.row(r) {
                a[r * self.n + c] = v;
            }
        }
        a
    }
}

/// The planted operator A = −(I − Q), Q the orthogonal projector onto the span of the patterns:
/// A ξ = 0 for every pattern ξ, and A v = −v for every v orthogonal to them. In the spectral form
/// A = Φ Λ Φ⁻¹ of Marino et al., the patterns are the eigenvectors of eigenvalue 0 and the other
/// eigenvectors an orthonormal basis of their complement, all of eigenvalue −1. `None` when the
/// patterns are linearly dependent.
pub fn planted(patterns: &[Vec<f64>]) -> Option<Sparse> {
    let k = patterns.len();
    let n = patterns.first()?.len();
    // The Gram matrix G = ΞᵀΞ, and G⁻¹ by Gauss–Jordan with partial pivoting (k ≤ a few).
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y);
    let mut m = vec![0.0; k * 2 * k];
    for r in 0..k {
        for c in 0..k {
            m[r * 2 * k + c] = dot(&patterns[r], &patterns[c]);
        }
        m[r * 2 * k + k + r] = 1.0;
    }
    let scale = (0..k).map(|r| m[r * 2 * k + r]).fold(0.0, f64::max);
    for col in 0..k {
        let pivot = (col..k).max_by(|&a, &b| m[a * 2 * k + col].abs().total_cmp(&m[b * 2 * k + col].abs()))?;
        if m[pivot * 2 * k + col].abs() <= 1e-12 * scale {
            return None;
        }
        for c in 0..2 * k {
            m.swap(col * 2 * k + c, pivot * 2 * k + c);
        }
        let p = m[col * 2 * k + col];
        for c in 0..2 * k {
            m[col * 2 * k + c] /= p;
        }
        for r in (0..k).filter(|&r| r != col) {
            let f = m[r * 2 * k + col];
            for c in 0..2 * k {
                m[r * 2 * k + c] -= f * m[col * 2 * k + c];
            }
        }
    }
    let inverse = |r: usize, c: usize| m[r * 2 * k + k + c];
    // Q = Ξ G⁻¹ Ξᵀ; A = Q − I.
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        // (Ξ G⁻¹)_i·.
        let row: Vec<f64> = (0..k).map(|c| (0..k).fold(0.0, |s, r| s + patterns[r][i] * inverse(r, c))).collect();
        for j in 0..n {
            let q = (0..k).fold(0.0, |s, c| s + row[c] * patterns[c][j]);
            a[i * n + j] = if i == j { q - 1.0 } else { q };
        }
    }
    Some(Sparse::from_dense(n, &a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planted_operator_has_the_patterns_in_its_kernel() {
        let patterns = vec![
            vec![0.03, 0.17, 0.17, 0.03, 0.17],
            vec![0.17, 0.17, 0.03, 0.03, 0.03],
            vec![0.03, 0.03, 0.17, 0.17, 0.03],
        ];
        let a = planted(&patterns).unwrap();
        for p in &patterns {
            for i in 0..5 {
                assert!(a.row_dot(i, p).abs() < 1e-15, "{}", a.row_dot(i, p));
            }
        }
        // A vector orthogonal to every pattern is an eigenvector of eigenvalue −1; A is symmetric.
        let v = [1.0, -1.0, 1.0, 1.0, -2.0];
        let d = a.dense();
        for i in 0..5 {
            for j in 0..5 {
                assert!((d[i * 5 + j] - d[j * 5 + i]).abs() < 1e-14);
            }
        }
        let orth: Vec<f64> = {
            // Remove the patterns' component from v by the projector itself: w = −A v.
            (0..5).map(|i| -a.row_dot(i, &v)).collect()
        };
        for i in 0..5 {
            assert!((a.row_dot(i, &orth) + orth[i]).abs() < 1e-14);
        }
        assert!(planted(&[vec![1.0, 2.0], vec![2.0, 4.0]]).is_none());
    }
}
