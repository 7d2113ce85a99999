//! The network: the connectivity vectors m, n and the input I from Gaussian vectors y1, y2, y3,
//! the random part gχ stored row by row, and one Euler step of dx/dt = −x + gχφ(x) + m κ + I with
//! κ = nᵀφ(x)/N, computed in groups of rows so that a step can be split between calls. A rank-two
//! structure adds m₂κ₂ to the field, κ₂ = n₂ᵀφ(x)/N, its vectors from the new y4, y5.

use super::theory::{INITIAL_NOISE, Stats};
use crate::num::vector::{dot, dot4};
use crate::rng;

/// Rows of gχ handled together: the mat-vec reads φ(x) once per group (see [`dot4`]).
pub const GROUP: usize = 4;

/// m, n and I of one network: (m, n) is the first pair (m₁, n₁), `higher` the pairs (m_r, n_r) of
/// r = 2, …, R.
#[derive(Debug, Clone)]
pub struct Vectors {
    pub m: Vec<f64>,
    pub n: Vec<f64>,
    pub input: Vec<f64>,
    pub higher: Vec<(Vec<f64>, Vec<f64>)>,
}

impl Vectors {
    /// The rank R of the structure.
    pub fn rank(&self) -> usize {
        1 + self.higher.len()
    }

    /// (m_r, n_r) for r = 1, …, R.
    pub fn pairs(&self) -> impl Iterator<Item = (&[f64], &[f64])> {
        std::iter::once((self.m.as_slice(), self.n.as_slice()))
            .chain(self.higher.iter().map(|(m, n)| (m.as_slice(), n.as_slice())))
    }

    /// The R×R matrix of realised overlaps n_rᵀm_s/N, row by row.
    pub fn overlaps(&self) -> Vec<f64> {
        let size = self.m.len() as f64;
        let pairs: Vec<_> = self.pairs().collect();
        let mut out = Vec::with_capacity(pairs.len() * pairs.len());
        for (_, n) in &pairs {
            for (m, _) in &pairs {
                out.push(dot(n, m) / size);
            }
        }
        out
    }
}

/// m_i = M_m + Σ_m y1_i, n_i = M_n + Σ_n(ρ y1_i + √(1−ρ²) y2_i), I_i = M_I + Σ_I y3_i, with y's
/// from the stream "vectors". With `exact`, the y's are centred, orthogonalised (Gram–Schmidt)
/// and scaled to unit empirical variance, so that the realised means, variances and overlap are
/// exactly those of the theory.
pub fn vectors(st: &Stats, n: usize, exact: bool, seed: u64) -> Vectors {
    let ys = gaussian_vectors(n, 3, exact, seed);
    let (y1, y2, y3) = (&ys[0], &ys[1], &ys[2]);
    let rho_perp = (1.0 - st.rho * st.rho).max(0.0).sqrt();
    Vectors {
        m: y1.iter().map(|&a| st.m_m + st.s_m * a).collect(),
        n: y1.iter().zip(y2).map(|(&a, &b)| st.m_n + st.s_n * (st.rho * a + rho_perp * b)).collect(),
        input: y3.iter().map(|&c| st.m_i + st.s_i * c).collect(),
        higher: Vec::new(),
    }
}

/// The vectors of a rank-two structure: m₁ = y1, m₂ = y4, n_r = σ_r1 m₁ + σ_r2 m₂ + ξ_r with
/// ξ₁ = y2 and ξ₂ = y5, and I = M_I + Σ_I y3; y1, y2, y3 are those of rank one, y4 and y5 come
/// from the indices 3 and 4 of the stream "vectors". With `exact` all five are centred and
/// orthonormalised, so that n_rᵀm_s/N = σ_rs to rounding.
pub fn rank_two_vectors(overlaps: &[[f64; 2]; 2], m_i: f64, s_i: f64, n: usize, exact: bool, seed: u64) -> Vectors {
    let ys = gaussian_vectors(n, 5, exact, seed);
    let (m1, m2) = (&ys[0], &ys[3]);
    let n_of = |r: usize, noise: &[f64]| -> Vec<f64> {
        let [a, b] = overlaps[r];
        (0..n).map(|i| a * m1[i] + b * m2[i] + noise[i]).collect()
    };
    Vectors {
        n: n_of(0, &ys[1]),
        higher: vec![(m2.clone(), n_of(1, &ys[4]))],
        m: m1.clone(),
        input: ys[2].iter().map(|&c| m_i + s_i * c).collect(),
    }
}

/// `count` standard Gaussian vectors of length n, the k-th from the stream ("vectors", k);
/// orthonormalised with `exact`.
fn gaussian_vectors(n: usize, count: u64, exact: bool, seed: u64) -> Vec<Vec<f64>> {
    let z = rng::normal();
    let mut ys: Vec<Vec<f64>> = (0..count)
        .map(|k| {
            let mut r = rng::stream(seed, "vectors", k);
            (0..n).map(|_| z.sample(&mut r)).collect()
        })
        .collect();
    if exact {
        orthonormalise(&mut ys);
    }
    ys
}

/// Centre each vector, make it orthogonal to those before it and scale it to norm √N.
fn orthonormalise(ys: &mut [Vec<f64>]) {
    let n = ys[0].len() as f64;
    for k in 0..ys.len() {
        let (done, rest) = ys.split_at_mut(k);
        let y = &mut rest[0];
        let mean = y.iter().sum::<f64>() / n;
        y.iter_mut().for_each(|v| *v -= mean);
        for prev in done.iter() {
            let c = dot(y, prev) / dot(prev, prev);
            y.iter_mut().zip(prev).for_each(|(v, p)| *v -= c * p);
        }
        let scale = (n / dot(y, y)).sqrt();
        y.iter_mut().for_each(|v| *v *= scale);
    }
}

/// The random part gχ, χ_ij ~ 𝒩(0, 1/N), drawn row after row from the stream "chi".
pub struct RandomPart {
    pub n: usize,
    /// Row-major, rows `0..rows_drawn` filled.
    pub entries: Vec<f64>,
    pub rows_drawn: usize,
    source: rng::NormalVectors,
    scale: f64,
}

impl RandomPart {
    pub fn new(n: usize, g: f64, seed: u64) -> Self {
        RandomPart {
            n,
            entries: vec![0.0; n * n],
            rows_drawn: 0,
            source: rng::NormalVectors::new(seed, "chi", 0),
            scale: g / (n as f64).sqrt(),
        }
    }

    /// Draw the next group of rows; returns false once all are drawn.
    pub fn draw_group(&mut self) -> bool {
        if self.rows_drawn == self.n {
            return false;
        }
        let rows = GROUP.min(self.n - self.rows_drawn);
        for r in self.rows_drawn..self.rows_drawn + rows {
            let row = &mut self.entries[r * self.n..(r + 1) * self.n];
            self.source.fill(row);
            row.iter_mut().for_each(|v| *v *= self.scale);
        }
        self.rows_drawn += rows;
        true
    }

    pub fn row(&self, i: usize) -> &[f64] {
        &self.entries[i * self.n..(i + 1) * self.n]
    }

    /// out[i] = Σ_j (gχ)_ij v_j for the rows `rows` (see [`mat_vec_rows`]).
    pub fn times_rows(&self, v: &[f64], rows: std::ops::Range<usize>, out: &mut [f64]) {
        mat_vec_rows(&self.entries, v, rows, out);
    }

    /// The whole product (gχ)v.
    pub fn times(&self, v: &[f64], out: &mut [f64]) {
        self.times_rows(v, 0..self.n, out);
    }
}

/// out[i] = Σ_j a_ij v_j for the rows `rows` of the row-major matrix `a` with `v.len()` columns,
/// in groups of [`GROUP`] rows from `rows.start`: the bits of each entry do not depend on how the
/// rows are grouped (see [`dot4`]), so a product may be split between calls at any group.
pub fn mat_vec_rows(a: &[f64], v: &[f64], rows: std::ops::Range<usize>, out: &mut [f64]) {
    let n = v.len();
    let row = |i: usize| &a[i * n..(i + 1) * n];
    let mut i = rows.start;
    while i + GROUP <= rows.end {
        let r = dot4([row(i), row(i + 1), row(i + 2), row(i + 3)], v);
        out[i..i + GROUP].copy_from_slice(&r);
        i += GROUP;
    }
    for (k, o) in out.iter_mut().enumerate().take(rows.end).skip(i) {
        *o = dot(row(k), v);
    }
}

/// The currents and the Euler step in progress.
pub struct Dynamics {
    pub x: Vec<f64>,
    /// φ(x) at the start of the step in progress.
    rates: Vec<f64>,
    /// κ = nᵀφ(x)/N at the start of the step in progress (κ₁ for rank two).
    pub kappa: f64,
    /// κ_r = n_rᵀφ(x)/N of r = 2, …, R at the start of the step in progress.
    pub higher: Vec<f64>,
    next: Vec<f64>,
    /// Rows of the step in progress done so far.
    row: usize,
    pub steps: usize,
    dt: f64,
}

impl Dynamics {
    /// x(0) = ±m + 0.1 ξ, ξ from the stream "initial".
    pub fn new(v: &Vectors, flip: bool, dt: f64, seed: u64) -> Self {
        let z = rng::normal();
        let mut r = rng::stream(seed, "initial", 0);
        let sign = if flip { -1.0 } else { 1.0 };
        let x: Vec<f64> = v.m.iter().map(|&m| sign * m + INITIAL_NOISE * z.sample(&mut r)).collect();
        let n = x.len();
        let higher = vec![0.0; v.higher.len()];
        let mut d = Dynamics { x, rates: vec![0.0; n], kappa: 0.0, higher, next: vec![0.0; n], row: 0, steps: 0, dt };
        d.begin_step(v);
        d
    }

    fn begin_step(&mut self, v: &Vectors) {
        for (r, &x) in self.rates.iter_mut().zip(&self.x) {
            *r = libm::tanh(x);
        }
        self.kappa = dot(&v.n, &self.rates) / self.x.len() as f64;
        for (k, (_, n)) in self.higher.iter_mut().zip(&v.higher) {
            *k = dot(n, &self.rates) / self.x.len() as f64;
        }
    }

    /// (κ₁, …, κ_R).
    pub fn kappas(&self) -> Vec<f64> {
        std::iter::once(self.kappa).chain(self.higher.iter().copied()).collect()
    }

    /// Do the next group of rows of the step; at the end of a step, move x and return true.
    pub fn advance_group(&mut self, chi: &RandomPart, v: &Vectors) -> bool {
        let n = self.x.len();
        let end = (self.row + GROUP).min(n);
        chi.times_rows(&self.rates, self.row..end, &mut self.next);
        for i in self.row..end {
            let mut field = self.next[i] + v.m[i] * self.kappa;
            for ((m, _), &k) in v.higher.iter().zip(&self.higher) {
                field += m[i] * k;
            }
            field += v.input[i];
            self.next[i] = self.x[i] + self.dt * (field - self.x[i]);
        }
        self.row = end;
        if end < n {
            return false;
        }
        std::mem::swap(&mut self.x, &mut self.next);
        self.row = 0;
        self.steps += 1;
        self.begin_step(v);
        true
    }

    /// Whether every current is finite.
    pub fn finite(&self) -> bool {
        self.x.iter().all(|x| x.is_finite())
    }
}

/// Mean and population variance of the currents.
pub fn mean_and_variance(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var)
}
