//! Diffusion-driven instability of topological signals coupled by the Dirac operator: a signal u
//! on the nodes and a signal v on the edges of a graph react, each cubically, are coupled through
//! the incidence matrix B1 (the Dirac operator's off-diagonal block) and diffuse by their Hodge
//! Laplacians L0 = B1B1ᵀ and L1 = B1ᵀB1:
//!
//! du/dt = −a u − b u³ + c B1 v − D0 L0 u − D01 L0 B1 v,
//! dv/dt = −α v − β v³ + γ B1ᵀ u − D1 L1 v − D10 L1 B1ᵀ u.
//!
//! Linearised at u = v = 0, each singular pair (φ_k, ψ_k) of B1 (B1 ψ_k = s_k φ_k) evolves with
//! the 2×2 block M(s_k) of [`Theory::block`]; without cross-diffusion a pattern can grow iff
//! cγ > (√(a D1) + √(α D0))², first at s*² = √(aα/(D0 D1)), and it lives on nodes and edges
//! together. This module holds the theory and the system; the page is still to come.
//!
//! ## Reference
//! L. Giambagli, L. Calmon, R. Muolo, T. Carletti and G. Bianconi, "Diffusion-driven instability
//! of topological signals coupled by the Dirac operator", Phys. Rev. E 106, 064314 (2022),
//! arXiv:2207.07787.

use crate::num::cell_complex::CellComplex;
use crate::num::ode::OdeSystem;

/// The constants of the linear theory and of the cubic reactions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theory {
    pub a: f64,
    pub alpha: f64,
    pub b: f64,
    pub beta: f64,
    pub c: f64,
    pub gamma: f64,
    pub d0: f64,
    pub d1: f64,
    pub d01: f64,
    pub d10: f64,
}

impl Theory {
    /// M(s) = [[−a − D0 s², c s − D01 s³], [γ s − D10 s³, −α − D1 s²]].
    pub fn block(&self, s: f64) -> [[f64; 2]; 2] {
        let s2 = s * s;
        [
            [-self.a - self.d0 * s2, self.c * s - self.d01 * s2 * s],
            [self.gamma * s - self.d10 * s2 * s, -self.alpha - self.d1 * s2],
        ]
    }

    /// The growth rate of the singular pair with singular value s: max Re eig M(s).
    pub fn growth(&self, s: f64) -> f64 {
        let [[p, q], [r, w]] = self.block(s);
        let mean = 0.5 * (p + w);
        let disc = 0.25 * (p - w) * (p - w) + q * r;
        if disc >= 0.0 { mean + disc.sqrt() } else { mean }
    }

    /// Without cross-diffusion: the smallest cγ at which some s is unstable, (√(a D1) + √(α D0))².
    pub fn threshold(&self) -> f64 {
        let root = (self.a * self.d1).sqrt() + (self.alpha * self.d0).sqrt();
        root * root
    }

    /// Where the instability appears first: s*² = √(aα/(D0 D1)).
    pub fn critical_s2(&self) -> f64 {
        (self.a * self.alpha / (self.d0 * self.d1)).sqrt()
    }

    /// The unstable band of s² without cross-diffusion: D0D1 x² + (aD1 + αD0 − cγ) x + aα < 0.
    pub fn band(&self) -> Option<(f64, f64)> {
        let (qa, qb, qc) =
            (self.d0 * self.d1, self.a * self.d1 + self.alpha * self.d0 - self.c * self.gamma, self.a * self.alpha);
        let disc = qb * qb - 4.0 * qa * qc;
        (disc > 0.0 && qb < 0.0).then(|| {
            let root = disc.sqrt();
            ((-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa))
        })
    }
}

/// The node and edge signals on a graph (a complex whose faces are ignored: L1 = B1ᵀB1), as an
/// ODE over (u_0 … u_{N0−1}, v_0 … v_{N1−1}). B1 is applied through the edge list: edge e = [i, j]
/// has −1 at i and +1 at j.
pub struct DiracSignals {
    pub theory: Theory,
    pub n0: usize,
    pub edges: Vec<[usize; 2]>,
}

impl DiracSignals {
    pub fn new(complex: &CellComplex, theory: Theory) -> Self {
        DiracSignals { theory, n0: complex.n0, edges: complex.edges.clone() }
    }

    /// out = B1 v (nodes), summed edge by edge in order.
    pub fn b1(&self, v: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for (e, &[i, j]) in self.edges.iter().enumerate() {
            out[i] -= v[e];
            out[j] += v[e];
        }
    }

    /// out = B1ᵀ u (edges).
    pub fn b1t(&self, u: &[f64], out: &mut [f64]) {
        for (o, &[i, j]) in out.iter_mut().zip(&self.edges) {
            *o = u[j] - u[i];
        }
    }
}

impl OdeSystem for DiracSignals {
    fn dim(&self) -> usize {
        self.n0 + self.edges.len()
    }

    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let (n0, n1) = (self.n0, self.edges.len());
        let (u, v) = y.split_at(n0);
        let (du, dv) = dy.split_at_mut(n0);
        let th = &self.theory;
        // B1 v, B1ᵀu, then L0 u = B1(B1ᵀu), L1 v = B1ᵀ(B1 v). (Buffers are made per call: this
        // system serves the tests of the theory; a page's run would keep them.)
        let mut b1v = vec![0.0; n0];
        let mut b1tu = vec![0.0; n1];
        self.b1(v, &mut b1v);
        self.b1t(u, &mut b1tu);
        let mut l0u = vec![0.0; n0];
        let mut l1v = vec![0.0; n1];
        self.b1(&b1tu, &mut l0u);
        self.b1t(&b1v, &mut l1v);
        // L0 B1 v = B1 (L1 v) and L1 B1ᵀ u = B1ᵀ (L0 u).
        let mut l0b1v = vec![0.0; n0];
        let mut l1b1tu = vec![0.0; n1];
        self.b1(&l1v, &mut l0b1v);
        self.b1t(&l0u, &mut l1b1tu);
        for i in 0..n0 {
            du[i] = -th.a * u[i] - th.b * u[i] * u[i] * u[i] + th.c * b1v[i] - th.d0 * l0u[i] - th.d01 * l0b1v[i];
        }
        for e in 0..n1 {
            dv[e] = -th.alpha * v[e] - th.beta * v[e] * v[e] * v[e] + th.gamma * b1tu[e]
                - th.d1 * l1v[e]
                - th.d10 * l1b1tu[e];
        }
    }
}
