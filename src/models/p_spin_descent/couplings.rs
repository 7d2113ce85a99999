//! The couplings of the spherical p-spin model, H(σ) = −Σ_{i₁≤…≤i_p} J_{i₁…i_p} σ_{i₁}⋯σ_{i_p},
//! J independent Gaussians of variance m/(2N^{p−1}), m the number of distinct orderings of the
//! indices (p! when they are all different): the sum over every ordered tuple of independent
//! couplings of variance 1/(2N^{p−1}), so that Cov(H(σ), H(σ')) = (N/2)(σ·σ'/N)^p exactly, at every
//! N. (Leaving out repeated indices would lower the variance of H by a factor 1 − 3⟨σ⁴⟩/N ≈ 1 − 9/N
//! at p = 3: 6% at N = 150, a bias of the energy larger than its scatter.) Only non-decreasing
//! tuples are stored, in lexicographic order; the force −∇H, the energy and the Hessian loop over
//! them in that order (p = 2, 3, 4).

use crate::rng::NormalVectors;

/// The most couplings a run may store (18 MB in single precision): N = 300 at p = 3, N = 103 at p = 4.
pub const MAX_COUPLINGS: u64 = 4_600_000;

/// The number of non-decreasing p-tuples of N indices, C(N + p − 1, p).
pub fn count(n: usize, p: usize) -> u64 {
    let mut c: u64 = 1;
    for k in 0..p as u64 {
        c = c * (n as u64 + k) / (k + 1);
    }
    c
}

/// The next non-decreasing tuple of indices below n in lexicographic order; false after the last.
fn next_tuple(t: &mut [usize], n: usize) -> bool {
    for k in (0..t.len()).rev() {
        if t[k] + 1 < n {
            t[k] += 1;
            let v = t[k];
            for x in &mut t[k + 1..] {
                *x = v;
            }
            return true;
        }
    }
    false
}

/// The number of distinct orderings of a sorted tuple, p!/Π(multiplicity!).
fn orderings(t: &[usize]) -> f64 {
    let mut m = 1.0;
    let mut run = 1.0;
    for k in 1..t.len() {
        if t[k] == t[k - 1] {
            run += 1.0;
            m *= run;
        } else {
            run = 1.0;
        }
    }
    let factorial: f64 = (1..=t.len()).map(|k| k as f64).product();
    factorial / m
}

pub struct Couplings {
    pub n: usize,
    pub p: usize,
    /// Standard normal draws rounded to single precision (they have 23 bits of resolution to begin
    /// with), which halves the memory traffic of a step; `scale` is applied in double precision.
    j: Vec<f32>,
    scale: f64,
}

/// t = Σ_k row_k s_k, and f_k += a·row_k: one pass over a row of couplings, in a fixed order
/// (four interleaved partial sums, as `num::vector::dot`).
#[inline]
fn dot_and_add(row: &[f32], s: &[f64], a: f64, f: &mut [f64]) -> f64 {
    let len = row.len();
    let (s, f) = (&s[..len], &mut f[..len]);
    let mut acc = [0.0f64; 4];
    let mut rows = row.chunks_exact(4);
    let mut ss = s.chunks_exact(4);
    let mut fs = f.chunks_exact_mut(4);
    for ((r, x), y) in (&mut rows).zip(&mut ss).zip(&mut fs) {
        for k in 0..4 {
            let c = f64::from(r[k]);
            acc[k] += c * x[k];
            y[k] += a * c;
        }
    }
    let mut tail = 0.0;
    for ((r, x), y) in rows.remainder().iter().zip(ss.remainder()).zip(fs.into_remainder()) {
        let c = f64::from(*r);
        tail += c * x;
        *y += a * c;
    }
    ((acc[0] + acc[1]) + (acc[2] + acc[3])) + tail
}

impl Couplings {
    /// Couplings of variance m/(2N^{p−1}) drawn from `source`, tuple by tuple in lexicographic order.
    pub fn draw(n: usize, p: usize, source: &mut NormalVectors) -> Self {
        assert!((2..=4).contains(&p) && n > p, "p-spin couplings: p = {p}, N = {n}");
        let total = count(n, p) as usize;
        let mut j = Vec::with_capacity(total);
        let mut chunk = vec![0.0; 4096];
        let mut tuple = vec![0usize; p];
        while j.len() < total {
            let take = (total - j.len()).min(chunk.len());
            source.fill(&mut chunk[..take]);
            for &x in &chunk[..take] {
                j.push((x * orderings(&tuple).sqrt()) as f32);
                next_tuple(&mut tuple, n);
            }
        }
        let scale = (0.5 / libm::pow(n as f64, p as f64 - 1.0)).sqrt();
        Couplings { n, p, j, scale }
    }

    /// The force F = −∇H at σ (every component, the radial one included) into `f`; returns
    /// H(σ) = −σ·F/p (H is homogeneous of degree p).
    pub fn force(&self, s: &[f64], f: &mut [f64]) -> f64 {
        let n = self.n;
        f.fill(0.0);
        let mut at = 0;
        match self.p {
            2 => {
                for i in 0..n {
                    let len = n - i;
                    let row = &self.j[at..at + len];
                    at += len;
                    let t = dot_and_add(row, &s[i..], s[i], &mut f[i..]);
                    f[i] += t;
                }
            }
            3 => {
                for i in 0..n {
                    for j in i..n {
                        let len = n - j;
                        let row = &self.j[at..at + len];
                        at += len;
                        let t = dot_and_add(row, &s[j..], s[i] * s[j], &mut f[j..]);
                        f[i] += t * s[j];
                        f[j] += t * s[i];
                    }
                }
            }
            _ => {
                for i in 0..n {
                    for j in i..n {
                        for k in j..n {
                            let len = n - k;
                            let row = &self.j[at..at + len];
                            at += len;
                            let t = dot_and_add(row, &s[k..], s[i] * s[j] * s[k], &mut f[k..]);
                            f[i] += t * (s[j] * s[k]);
                            f[j] += t * (s[i] * s[k]);
                            f[k] += t * (s[i] * s[j]);
                        }
                    }
                }
            }
        }
        let mut sf = 0.0;
        for (a, b) in s.iter().zip(f.iter_mut()) {
            *b *= self.scale;
            sf += a * *b;
        }
        -sf / self.p as f64
    }

    /// The Hessian ∇²H at σ, N×N row by row (symmetric, zero diagonal: no index repeats).
    pub fn hessian(&self, s: &[f64]) -> Vec<f64> {
        let n = self.n;
        let mut k = vec![0.0; n * n];
        let mut add = |a: usize, b: usize, v: f64| {
            k[a * n + b] -= v;
            k[b * n + a] -= v;
        };
        let mut at = 0;
        match self.p {
            2 => {
                for i in 0..n {
                    for j in i..n {
                        add(i, j, self.scale * f64::from(self.j[at]));
                        at += 1;
                    }
                }
            }
            3 => {
                for i in 0..n {
                    for j in i..n {
                        for l in j..n {
                            let c = self.scale * f64::from(self.j[at]);
                            at += 1;
                            add(i, j, c * s[l]);
                            add(i, l, c * s[j]);
                            add(j, l, c * s[i]);
                        }
                    }
                }
            }
            _ => {
                for i in 0..n {
                    for j in i..n {
                        for l in j..n {
                            for m in l..n {
                                let c = self.scale * f64::from(self.j[at]);
                                at += 1;
                                add(i, j, c * (s[l] * s[m]));
                                add(i, l, c * (s[j] * s[m]));
                                add(i, m, c * (s[j] * s[l]));
                                add(j, l, c * (s[i] * s[m]));
                                add(j, m, c * (s[i] * s[l]));
                                add(l, m, c * (s[i] * s[j]));
                            }
                        }
                    }
                }
            }
        }
        k
    }
}

/// The Hessian on the sphere |σ|² = N at σ: P(∇²H − (σ·∇H/N) I)P restricted to the tangent
/// plane (P projects out σ), as its N − 1 eigenvalues in increasing order. `None` if the
/// eigensolver fails.
pub fn sphere_hessian_eigenvalues(hessian: &mut [f64], s: &[f64], radial_gradient: f64) -> Option<Vec<f64>> {
    let n = s.len();
    let norm = s.iter().map(|x| x * x).sum::<f64>().sqrt();
    let u: Vec<f64> = s.iter().map(|x| x / norm).collect();
    for i in 0..n {
        hessian[i * n + i] -= radial_gradient;
    }
    // P A P = A − u(Au)ᵀ − (Au)uᵀ + (uᵀAu)uuᵀ; σ's own direction is then sent far above the
    // spectrum (+ BIG uuᵀ) and dropped.
    let au: Vec<f64> = (0..n).map(|i| (0..n).map(|j| hessian[i * n + j] * u[j]).sum()).collect();
    let uau: f64 = u.iter().zip(&au).map(|(a, b)| a * b).sum();
    const BIG: f64 = 1e3;
    for i in 0..n {
        for j in 0..n {
            hessian[i * n + j] += -u[i] * au[j] - au[i] * u[j] + (uau + BIG) * u[i] * u[j];
        }
    }
    let mut values = crate::num::eigen::symmetric_eigenvalues(n, hessian)?;
    values.pop();
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// H by brute force over every ordered tuple (all N^p of them), each non-decreasing tuple's
    /// coupling shared equally among its orderings.
    fn energy_slow(c: &Couplings, s: &[f64]) -> f64 {
        let (n, p) = (c.n, c.p);
        let mut sorted_index = std::collections::HashMap::new();
        let mut t = vec![0usize; p];
        let mut at = 0;
        loop {
            sorted_index.insert(t.clone(), at);
            at += 1;
            if !next_tuple(&mut t, n) {
                break;
            }
        }
        assert_eq!(at, c.j.len());
        let mut h = 0.0;
        for code in 0..n.pow(p as u32) {
            let idx: Vec<usize> = (0..p).map(|k| code / n.pow(k as u32) % n).collect();
            let mut key = idx.clone();
            key.sort_unstable();
            let coupling = c.scale * f64::from(c.j[sorted_index[&key]]) / orderings(&key);
            h -= coupling * idx.iter().map(|&i| s[i]).product::<f64>();
        }
        h
    }

    #[test]
    fn force_is_minus_the_gradient_and_the_hessian_its_derivative() {
        for p in 2..=4 {
            let n = 9;
            let c = Couplings::draw(n, p, &mut NormalVectors::new(1, "test", p as u64));
            let s: Vec<f64> = (0..n).map(|i| libm::sin(1.3 * i as f64 + 0.4)).collect();
            let mut f = vec![0.0; n];
            let h = c.force(&s, &mut f);
            assert!((h - energy_slow(&c, &s)).abs() < 1e-12, "p = {p}");
            let hess = c.hessian(&s);
            let eps = 1e-6;
            for i in 0..n {
                let mut sp = s.clone();
                sp[i] += eps;
                let mut sm = s.clone();
                sm[i] -= eps;
                let d = (energy_slow(&c, &sp) - energy_slow(&c, &sm)) / (2.0 * eps);
                assert!((d + f[i]).abs() < 1e-8, "p = {p}, i = {i}");
                let (mut fp, mut fm) = (vec![0.0; n], vec![0.0; n]);
                c.force(&sp, &mut fp);
                c.force(&sm, &mut fm);
                for j in 0..n {
                    let d2 = -(fp[j] - fm[j]) / (2.0 * eps);
                    assert!((d2 - hess[i * n + j]).abs() < 1e-7, "p = {p}, ({i}, {j})");
                }
            }
        }
        assert_eq!(count(300, 3), 4_545_100);
        assert_eq!(orderings(&[1, 1, 4]), 3.0);
        assert_eq!(orderings(&[2, 2, 2, 2]), 1.0);
        assert_eq!(orderings(&[0, 1, 1, 3]), 12.0);
    }
}
