//! The Gaussian equivalence theorem (GET) for the hidden manifold model.
//!
//! The inputs x = f(F c/√D) are not Gaussian, but the student's local fields λ_k = w_k·x/√N and the
//! teacher's ν_m = w̃*_m·c/√D are, as N, D → ∞, jointly Gaussian with second moments
//!
//! Q = (κ² − κ₁²) W + κ₁² Σ,  R = κ₁ S w̃*ᵀ/D,  T = w̃* w̃*ᵀ/D,
//!
//! where W = w wᵀ/N, S = w F/√N (K × D), Σ = S Sᵀ/D, κ² = ⟨f(u)²⟩ and κ₁ = ⟨u f(u)⟩ for u ~ N(0, 1)
//! (f odd, so ⟨f(u)⟩ = 0). The generalisation error is then the two-layer network's closed form in
//! (Q, R, T): the engine's [`Dynamics::error`].

use crate::models::two_layer::integrals::Activation;
use crate::models::two_layer::ode::{Dynamics, Overlaps};
use crate::num::vector::{axpy, dot};

/// The function f that maps the latent projections to the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// f(u) = sign(u): κ² = 1, κ₁ = √(2/π).
    Sign,
    /// f(u) = erf(u/√2): κ² = 1/3, κ₁ = 1/√π.
    Erf,
}

impl Feature {
    pub fn from_name(name: &str) -> Self {
        if name == "erf" { Feature::Erf } else { Feature::Sign }
    }

    #[inline]
    pub fn f(self, u: f64) -> f64 {
        match self {
            // sign(0) = 0: the event has probability zero, and keeps f odd.
            Feature::Sign => {
                if u > 0.0 {
                    1.0
                } else if u < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Feature::Erf => libm::erf(u * std::f64::consts::FRAC_1_SQRT_2),
        }
    }

    /// κ² = ⟨f(u)²⟩, u ~ N(0, 1): 1 for sign, (2/π) asin(1/2) = 1/3 for erf(u/√2).
    pub fn kappa_sq(self) -> f64 {
        match self {
            Feature::Sign => 1.0,
            Feature::Erf => 1.0 / 3.0,
        }
    }

    /// κ₁ = ⟨u f(u)⟩ = ⟨f'(u)⟩: √(2/π) for sign, √(2/π)/√2 = 1/√π for erf(u/√2).
    pub fn kappa1(self) -> f64 {
        match self {
            Feature::Sign => (2.0 / std::f64::consts::PI).sqrt(),
            Feature::Erf => 1.0 / std::f64::consts::PI.sqrt(),
        }
    }
}

/// The problem the GET speaks about: features F (N × D, row i is F_i), the teacher's rows w̃*
/// (M × D) and the map f.
pub struct Manifold<'a> {
    pub n: usize,
    pub d: usize,
    pub feature: Feature,
    pub features: &'a [f64],
    pub teacher: &'a [f64],
}

impl Manifold<'_> {
    /// S = w F/√N, K × D, for student rows w (K × N): summed over the rows of F in order.
    pub fn projections(&self, w: &[f64]) -> Vec<f64> {
        let (n, d) = (self.n, self.d);
        let k = w.len() / n;
        let scale = 1.0 / (n as f64).sqrt();
        let mut s = vec![0.0; k * d];
        for i in 0..n {
            let row = &self.features[i * d..(i + 1) * d];
            for a in 0..k {
                let wi = w[a * n + i];
                if wi != 0.0 {
                    axpy(wi * scale, row, &mut s[a * d..(a + 1) * d]);
                }
            }
        }
        s
    }

    /// T = w̃* w̃*ᵀ/D.
    pub fn teacher_overlaps(&self) -> Vec<f64> {
        let d = self.d;
        let m = self.teacher.len() / d;
        let mut t = vec![0.0; m * m];
        for a in 0..m {
            for b in a..m {
                let value = dot(&self.teacher[a * d..(a + 1) * d], &self.teacher[b * d..(b + 1) * d]) / d as f64;
                t[a * m + b] = value;
                t[b * m + a] = value;
            }
        }
        t
    }

    /// The GET's Q and R of student rows `w` with second layer `v`.
    pub fn overlaps(&self, w: &[f64], v: &[f64]) -> Overlaps {
        let (n, d) = (self.n, self.d);
        let k = w.len() / n;
        let m = self.teacher.len() / d;
        let (kappa_sq, kappa1) = (self.feature.kappa_sq(), self.feature.kappa1());
        let s = self.projections(w);
        let mut q = vec![0.0; k * k];
        for a in 0..k {
            for b in a..k {
                let big_w = dot(&w[a * n..(a + 1) * n], &w[b * n..(b + 1) * n]) / n as f64;
                let sigma = dot(&s[a * d..(a + 1) * d], &s[b * d..(b + 1) * d]) / d as f64;
                let value = (kappa_sq - kappa1 * kappa1) * big_w + kappa1 * kappa1 * sigma;
                q[a * k + b] = value;
                q[b * k + a] = value;
            }
        }
        let mut r = vec![0.0; k * m];
        for a in 0..k {
            for p in 0..m {
                r[a * m + p] = kappa1 * dot(&s[a * d..(a + 1) * d], &self.teacher[p * d..(p + 1) * d]) / d as f64;
            }
        }
        Overlaps { q, r, v: vec![v.to_vec()] }
    }
}

/// ε_g of the erf committee (second layer `v`, teacher read out with 1) from the GET's overlaps.
pub fn error(overlaps: &Overlaps, t: &[f64]) -> f64 {
    let (k, m) = (overlaps.v[0].len(), (t.len() as f64).sqrt().round() as usize);
    let rule = Dynamics::committee(Activation::Erf, k, m, t.to_vec(), 1.0);
    rule.error(overlaps, 0, &rule.readout, 1.0)
}
