//! The cortex and its loops: J random with entries 𝒩(0, g_J²/N), U with 𝒩(0, 1) entries, and
//! Vᵀ = γ M (UᵀU)⁻¹Uᵀ so that VᵀU = γM exactly; a loop configuration G = diag(g_k) gives
//! J_eff = J + U G Vᵀ. The dynamics τ dx/dt = −x + J_eff r + b (τ = 1), r = x or [x]₊, by RK4.

use crate::models::low_rank_rnn::network::mat_vec_rows;
use crate::num::ode::OdeSystem;
use crate::rng;

/// The number of loops (thalamic units).
pub const K: usize = 3;
/// The loop matrix M = VᵀU of the catalogue (A4 §4): eig M = 1.4769 ± 0.3742i and 0.646.
pub const M: [[f64; K]; K] = [[1.5, 0.3, 0.0], [0.0, 1.2, -0.8], [0.5, 0.0, 0.9]];

/// The rate function of the units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Units {
    Linear,
    Rectified,
}

impl Units {
    pub fn rate(self, x: f64) -> f64 {
        match self {
            Units::Linear => x,
            Units::Rectified => x.max(0.0),
        }
    }
}

/// Everything drawn once per run.
pub struct Cortex {
    pub n: usize,
    /// J, row-major.
    pub j: Vec<f64>,
    /// U, N×K row-major.
    pub u: Vec<f64>,
    /// Vᵀ, K×N row-major.
    pub vt: Vec<f64>,
    /// The two readout rows W_out, 2×N.
    pub w_out: Vec<f64>,
    pub b: Vec<f64>,
    pub units: Units,
}

/// The inverse of a 3×3 matrix by cofactors (`None` if singular).
pub fn inverse3(a: &[[f64; 3]; 3]) -> Option<[[f64; 3]; 3]> {
    let c = |i: usize, j: usize| {
        let (r0, r1) = ((i + 1) % 3, (i + 2) % 3);
        let (c0, c1) = ((j + 1) % 3, (j + 2) % 3);
        a[r0][c0] * a[r1][c1] - a[r0][c1] * a[r1][c0]
    };
    let det = a[0][0] * c(0, 0) + a[0][1] * c(0, 1) + a[0][2] * c(0, 2);
    if det == 0.0 || !det.is_finite() {
        return None;
    }
    let mut inv = [[0.0; 3]; 3];
    for (i, row) in inv.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            // The cyclic cofactors already carry their signs; the inverse is their transpose.
            *v = c(j, i) / det;
        }
    }
    Some(inv)
}

impl Cortex {
    /// Draw J (stream "cortex"), U ("loops"), W_out ("readout") and b = b̄ + σ_b ξ ("bias").
    pub fn new(n: usize, g_j: f64, gain: f64, b_mean: f64, b_spread: f64, units: Units, seed: u64) -> Self {
        let z = rng::normal();
        let mut j = vec![0.0; n * n];
        rng::NormalVectors::new(seed, "cortex", 0).fill(&mut j);
        let scale = g_j / (n as f64).sqrt();
        j.iter_mut().for_each(|v| *v *= scale);
        let mut r = rng::stream(seed, "loops", 0);
        let u: Vec<f64> = (0..n * K).map(|_| z.sample(&mut r)).collect();
        // UᵀU, summed over units in order.
        let mut utu = [[0.0; K]; K];
        for row in u.chunks_exact(K) {
            for a in 0..K {
                for c in 0..K {
                    utu[a][c] += row[a] * row[c];
                }
            }
        }
        // UᵀU of N ≥ K Gaussian rows is invertible with probability one.
        let inv = inverse3(&utu).unwrap_or([[0.0; K]; K]);
        // Vᵀ = γ M (UᵀU)⁻¹ Uᵀ: first P = γ M (UᵀU)⁻¹ (K×K), then each unit's column P u_i.
        let mut p = [[0.0; K]; K];
        for a in 0..K {
            for c in 0..K {
                p[a][c] = gain * (0..K).map(|k| M[a][k] * inv[k][c]).sum::<f64>();
            }
        }
        let mut vt = vec![0.0; K * n];
        for (i, row) in u.chunks_exact(K).enumerate() {
            for a in 0..K {
                vt[a * n + i] = (0..K).map(|c| p[a][c] * row[c]).sum();
            }
        }
        let mut r = rng::stream(seed, "readout", 0);
        let w_scale = 1.0 / (n as f64).sqrt();
        let w_out = (0..2 * n).map(|_| w_scale * z.sample(&mut r)).collect();
        let mut r = rng::stream(seed, "bias", 0);
        let b = (0..n).map(|_| b_mean + b_spread * z.sample(&mut r)).collect();
        Cortex { n, j, u, vt, w_out, b, units }
    }

    /// J_eff = J + U G Vᵀ for the loops switched on in `mask` (bit k: loop k), row-major.
    pub fn effective(&self, mask: u8) -> Vec<f64> {
        let n = self.n;
        let mut a = self.j.clone();
        for i in 0..n {
            for k in (0..K).filter(|k| mask & (1 << k) != 0) {
                let uik = self.u[i * K + k];
                let row = &mut a[i * n..(i + 1) * n];
                for (v, w) in row.iter_mut().zip(&self.vt[k * n..(k + 1) * n]) {
                    *v += uik * w;
                }
            }
        }
        a
    }

    /// The fixed point of linear units under J_eff: (I − J_eff) x = b (`None` if singular).
    pub fn linear_fixed_point(&self, j_eff: &[f64]) -> Option<Vec<f64>> {
        let n = self.n;
        let mut a: Vec<f64> = j_eff.iter().map(|v| -v).collect();
        for i in 0..n {
            a[i * n + i] += 1.0;
        }
        solve(n, a, self.b.clone())
    }

    /// The readout z = W_out r.
    pub fn readout(&self, x: &[f64]) -> [f64; 2] {
        let r: Vec<f64> = x.iter().map(|&v| self.units.rate(v)).collect();
        let n = self.n;
        [0, 1].map(|k| crate::num::vector::dot(&self.w_out[k * n..(k + 1) * n], &r))
    }
}

/// The flow of the currents under one loop configuration.
pub struct Flow<'a> {
    pub cortex: &'a Cortex,
    /// J_eff of the configuration, row-major.
    pub j_eff: &'a [f64],
    rates: std::cell::RefCell<Vec<f64>>,
}

impl<'a> Flow<'a> {
    pub fn new(cortex: &'a Cortex, j_eff: &'a [f64]) -> Self {
        Flow { cortex, j_eff, rates: std::cell::RefCell::new(vec![0.0; cortex.n]) }
    }
}

impl OdeSystem for Flow<'_> {
    fn dim(&self) -> usize {
        self.cortex.n
    }

    /// dx/dt = −x + J_eff r(x) + b.
    fn rhs(&self, _t: f64, x: &[f64], dx: &mut [f64]) {
        let mut rates = self.rates.borrow_mut();
        for (r, &v) in rates.iter_mut().zip(x) {
            *r = self.cortex.units.rate(v);
        }
        mat_vec_rows(self.j_eff, &rates, 0..self.cortex.n, dx);
        for ((d, &v), &b) in dx.iter_mut().zip(x).zip(&self.cortex.b) {
            *d += b - v;
        }
    }
}

/// The solution of a x = y (a row-major, n×n) by Gaussian elimination with partial pivoting, in a
/// fixed order; `None` if a pivot vanishes.
pub fn solve(n: usize, mut a: Vec<f64>, mut y: Vec<f64>) -> Option<Vec<f64>> {
    for c in 0..n {
        let p = (c..n).fold(c, |best, i| if a[i * n + c].abs() > a[best * n + c].abs() { i } else { best });
        if a[p * n + c] == 0.0 || !a[p * n + c].is_finite() {
            return None;
        }
        if p != c {
            for k in 0..n {
                a.swap(c * n + k, p * n + k);
            }
            y.swap(c, p);
        }
        for r in c + 1..n {
            let f = a[r * n + c] / a[c * n + c];
            if f != 0.0 {
                for k in c..n {
                    a[r * n + k] -= f * a[c * n + k];
                }
                y[r] -= f * y[c];
            }
        }
    }
    let mut x = vec![0.0; n];
    for r in (0..n).rev() {
        let mut s = y[r];
        for k in r + 1..n {
            s -= a[r * n + k] * x[k];
        }
        x[r] = s / a[r * n + r];
    }
    Some(x)
}
