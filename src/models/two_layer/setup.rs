//! The networks a run starts from: teachers with prescribed overlaps and random students.

use crate::num::vector::{axpy, dot};
use crate::rng::{self, Pcg32};

/// How the teacher's first-layer rows are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeacherKind {
    /// Orthogonal rows of norm √N: T = I exactly, as the theory's clean statements assume.
    Orthonormal,
    /// Independent Gaussian entries: T = I + O(1/√N).
    Gaussian,
}

impl TeacherKind {
    pub fn from_name(name: &str) -> Self {
        if name == "gaussian" { TeacherKind::Gaussian } else { TeacherKind::Orthonormal }
    }
}

/// `count` rows of N independent standard normal numbers.
pub fn gaussian_rows(n: usize, count: usize, scale: f64, rng: &mut Pcg32) -> Vec<f64> {
    let mut rows = vec![0.0; n * count];
    rng::normal().fill(rng, &mut rows);
    for x in &mut rows {
        *x *= scale;
    }
    rows
}

/// `count` ≤ N mutually orthogonal rows of norm √N: Gaussian rows, Gram–Schmidt orthogonalised
/// (twice, so that rounding leaves overlaps of order 1e-16).
pub fn orthonormal_rows(n: usize, count: usize, rng: &mut Pcg32) -> Vec<f64> {
    assert!(count <= n, "{count} orthogonal rows do not fit in {n} dimensions");
    let mut rows = gaussian_rows(n, count, 1.0, rng);
    for i in 0..count {
        let (done, rest) = rows.split_at_mut(i * n);
        let row = &mut rest[..n];
        for _ in 0..2 {
            for j in 0..i {
                let previous = &done[j * n..(j + 1) * n];
                let projection = dot(previous, row) / n as f64;
                axpy(-projection, previous, row);
            }
        }
        let norm = (dot(row, row) / n as f64).sqrt();
        for x in row.iter_mut() {
            *x /= norm;
        }
    }
    rows
}

/// The teacher of `m` units.
pub fn teacher(n: usize, m: usize, kind: TeacherKind, rng: &mut Pcg32) -> Vec<f64> {
    match kind {
        TeacherKind::Orthonormal => orthonormal_rows(n, m, rng),
        TeacherKind::Gaussian => gaussian_rows(n, m, 1.0, rng),
    }
}

/// Two teachers of `m` units each whose features overlap by γ: w*₂ = γ w*₁ + √(1−γ²) w*_⊥, so that
/// T = [[I, γI], [γI, I]]. Rows 0..m are the first teacher, m..2m the second.
pub fn similar_teachers(n: usize, m: usize, gamma: f64, rng: &mut Pcg32) -> Vec<f64> {
    let mut rows = orthonormal_rows(n, 2 * m, rng);
    let rest = (1.0 - gamma * gamma).max(0.0).sqrt();
    for p in 0..m {
        for j in 0..n {
            rows[(m + p) * n + j] = gamma * rows[p * n + j] + rest * rows[(m + p) * n + j];
        }
    }
    rows
}

/// The streams of a run: the teacher from "teacher", the student from "student", inputs and
/// noise from "data", dropout masks from "dropout", all with index 0.
pub fn network(
    n: usize,
    k: usize,
    act: super::integrals::Activation,
    teacher_rows: Vec<f64>,
    w0: f64,
    heads: Vec<Vec<f64>>,
    seed: u64,
) -> super::sgd::Network {
    let w = gaussian_rows(n, k, w0, &mut rng::stream(seed, "student", 0));
    super::sgd::Network::new(n, act, w, heads, teacher_rows, seed, 0)
}
