//! The topological Kuramoto model as an ODE over the edge phases θ_0 … θ_{N1−1}, with B1 and B2
//! applied through the complex's lists of edges and faces.

use crate::models::dirac_turing::Faces;
use crate::num::cell_complex::CellComplex;
use crate::num::ode::OdeSystem;
use std::cell::RefCell;

/// dθ/dt = ω − σ R⁺ B1ᵀ sin(B1θ) − σ R⁻ B2 sin(B2ᵀθ): R⁺ = R⁻ = 1 in the standard model; in the
/// explosive one R⁻ = |Σ_i e^{i(B1θ)_i}|/N0 weighs the faces' term and R⁺ = |Σ_f e^{i(B2ᵀθ)_f}|/N2
/// the nodes' term. Edge e = [i, j] has −1 at i and +1 at j in B1.
pub struct TopologicalKuramoto {
    pub n0: usize,
    pub edges: Vec<[usize; 2]>,
    faces: Faces,
    pub omega: Vec<f64>,
    pub sigma: f64,
    pub explosive: bool,
    scratch: RefCell<Scratch>,
}

struct Scratch {
    /// sin(B1θ) on the nodes, sin(B2ᵀθ) on the faces.
    sin_minus: Vec<f64>,
    sin_plus: Vec<f64>,
}

/// The order parameter |Σ_k e^{iφ_k}|/n of phases φ (1 for no phases).
pub fn order(phases: impl Iterator<Item = f64>) -> f64 {
    let (mut re, mut im, mut n) = (0.0, 0.0, 0usize);
    for p in phases {
        let (s, c) = libm::sincos(p);
        re += c;
        im += s;
        n += 1;
    }
    if n == 0 { 1.0 } else { libm::hypot(re, im) / n as f64 }
}

impl TopologicalKuramoto {
    pub fn new(complex: &CellComplex, omega: Vec<f64>, sigma: f64, explosive: bool) -> Self {
        let scratch = Scratch { sin_minus: vec![0.0; complex.n0], sin_plus: vec![0.0; complex.n2()] };
        TopologicalKuramoto {
            n0: complex.n0,
            edges: complex.edges.clone(),
            faces: Faces::new(complex),
            omega,
            sigma,
            explosive,
            scratch: RefCell::new(scratch),
        }
    }

    pub fn n2(&self) -> usize {
        self.faces.len()
    }

    /// The projection on the nodes, (B1θ)_i, summed edge by edge in order.
    pub fn minus(&self, theta: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for (e, &[i, j]) in self.edges.iter().enumerate() {
            out[i] -= theta[e];
            out[j] += theta[e];
        }
    }

    /// The projection on face f, (B2ᵀθ)_f.
    pub fn plus(&self, theta: &[f64], f: usize) -> f64 {
        self.faces.project(theta, f)
    }

    /// The order parameters (R⁻, R⁺) of the projections on the nodes and on the faces.
    pub fn orders(&self, theta: &[f64]) -> (f64, f64) {
        let mut minus = vec![0.0; self.n0];
        self.minus(theta, &mut minus);
        (order(minus.into_iter()), order((0..self.n2()).map(|f| self.plus(theta, f))))
    }
}

impl OdeSystem for TopologicalKuramoto {
    fn dim(&self) -> usize {
        self.edges.len()
    }

    fn rhs(&self, _t: f64, theta: &[f64], dtheta: &mut [f64]) {
        let mut guard = self.scratch.borrow_mut();
        let s = &mut *guard;
        self.minus(theta, &mut s.sin_minus);
        let (mut re_m, mut im_m) = (0.0, 0.0);
        for x in s.sin_minus.iter_mut() {
            let (sin, cos) = libm::sincos(*x);
            re_m += cos;
            im_m += sin;
            *x = sin;
        }
        let (mut re_p, mut im_p) = (0.0, 0.0);
        for f in 0..s.sin_plus.len() {
            let (sin, cos) = libm::sincos(self.plus(theta, f));
            re_p += cos;
            im_p += sin;
            s.sin_plus[f] = sin;
        }
        let (r_minus, r_plus) = if self.explosive {
            let n2 = s.sin_plus.len();
            (libm::hypot(re_m, im_m) / self.n0 as f64, if n2 == 0 { 1.0 } else { libm::hypot(re_p, im_p) / n2 as f64 })
        } else {
            (1.0, 1.0)
        };
        let (node, face) = (self.sigma * r_plus, self.sigma * r_minus);
        for (e, &[i, j]) in self.edges.iter().enumerate() {
            dtheta[e] = self.omega[e] - node * (s.sin_minus[j] - s.sin_minus[i]);
        }
        for (f, &x) in s.sin_plus.iter().enumerate() {
            for &(e, sign) in self.faces.boundary(f) {
                dtheta[e] -= face * sign * x;
            }
        }
    }
}
