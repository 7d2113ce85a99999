//! The locked state of the projections at strong coupling. Since B1B2 = 0, θ⁻ = B1θ obeys
//! dθ⁻/dt = B1ω − σR⁺ L0 sin θ⁻ on its own: it stops where L0 sin θ⁻ = B1ω/(σR⁺), that is
//! sin θ⁻ = y⁻/(σR⁺) with y⁻ = L0⁺B1ω (the part along ker L0 stays zero: Σ_i θ⁻_i = 0 on every
//! component, for all t). Near θ⁻ = 0 its order parameter is then R⁻ = (1/N0) Σ_i √(1 − (y⁻_i/σR⁺)²),
//! which exists only for σR⁺ ≥ max_i |y⁻_i|. The same holds for θ⁺ = B2ᵀθ with L2 = B2ᵀB2,
//! y⁺ = L2⁺B2ᵀω and σR⁻. In the standard model R⁺ = R⁻ = 1 in the couplings; in the explosive one
//! the two order parameters are solved for together.

use crate::num::cell_complex::{CellComplex, Dense};
use crate::num::eigen::symmetric_eigen;

/// Eigenvalues below this (relative to the largest) are a kernel.
const ZERO: f64 = 1e-9;

/// L⁺b for a symmetric positive semidefinite L: Σ over its non-zero eigenpairs of v (v·b)/λ.
pub fn pseudo_solve(l: &Dense, b: &[f64]) -> Option<Vec<f64>> {
    if l.rows == 0 {
        return Some(Vec::new());
    }
    let (values, vectors) = symmetric_eigen(l.rows, &l.data)?;
    let top = values.last().copied().unwrap_or(0.0).max(1.0);
    let mut out = vec![0.0; b.len()];
    for (lambda, v) in values.iter().zip(&vectors).filter(|(l, _)| l.abs() >= ZERO * top) {
        let c = v.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y) / lambda;
        for (o, x) in out.iter_mut().zip(v) {
            *o += c * x;
        }
    }
    Some(out)
}

/// What the locked state depends on: y⁻ = L0⁺B1ω on the nodes and y⁺ = L2⁺B2ᵀω on the faces.
#[derive(Debug, Clone, PartialEq)]
pub struct Locking {
    pub nodes: Vec<f64>,
    pub faces: Vec<f64>,
}

impl Locking {
    pub fn new(complex: &CellComplex, omega: &[f64]) -> Option<Self> {
        let (b1, b2) = (complex.b1(), complex.b2());
        let mut b1w = vec![0.0; complex.n0];
        b1.apply(omega, &mut b1w);
        let mut b2tw = vec![0.0; complex.n2()];
        b2.transpose().apply(omega, &mut b2tw);
        Some(Locking { nodes: pseudo_solve(&complex.l0(), &b1w)?, faces: pseudo_solve(&complex.l2(), &b2tw)? })
    }

    /// The smallest effective couplings σR⁺ (nodes) and σR⁻ (faces) at which each projection can lock.
    pub fn thresholds(&self) -> (f64, f64) {
        let top = |y: &[f64]| y.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        (top(&self.nodes), top(&self.faces))
    }

    /// (1/n) Σ √(1 − (y/κ)²), or `None` if some |y| > κ.
    fn order(y: &[f64], kappa: f64) -> Option<f64> {
        if y.is_empty() {
            return Some(1.0);
        }
        let mut sum = 0.0;
        for x in y {
            let s = x / kappa;
            if s.abs() > 1.0 {
                return None;
            }
            sum += (1.0 - s * s).sqrt();
        }
        Some(sum / y.len() as f64)
    }

    /// R⁻ and R⁺ of the locked state at coupling σ, each `None` where it does not exist. In the
    /// standard model the two projections lock independently; in the explosive one they are
    /// solved for together, by fixed-point iteration from R⁻ = R⁺ = 1 (the upper branch), and
    /// exist together or not at all.
    pub fn orders(&self, sigma: f64, explosive: bool) -> (Option<f64>, Option<f64>) {
        if !explosive {
            return (Self::order(&self.nodes, sigma), Self::order(&self.faces, sigma));
        }
        let (mut rm, mut rp) = (1.0, 1.0);
        for _ in 0..200 {
            let (Some(m), Some(p)) = (Self::order(&self.nodes, sigma * rp), Self::order(&self.faces, sigma * rm))
            else {
                return (None, None);
            };
            let change = (m - rm).abs().max((p - rp).abs());
            (rm, rp) = (m, p);
            if change < 1e-14 {
                break;
            }
        }
        (Some(rm), Some(rp))
    }
}
