//! The node and edge signals as an ODE over (u_0 … u_{N0−1}, v_0 … v_{N1−1}), with B1 and B2
//! applied through the complex's lists of edges and faces.

use super::theory::Theory;
use crate::num::cell_complex::CellComplex;
use crate::num::ode::OdeSystem;
use std::cell::RefCell;

/// du/dt = −a u − b u³ + c B1 v − D0 L0 u − D01 L0 B1 v,
/// dv/dt = −α v − β v³ + γ B1ᵀ u − D1 L1 v − D10 L1 B1ᵀ u,
/// with L0 = B1B1ᵀ and L1 = B1ᵀB1 + B2B2ᵀ (the second term only when the complex has faces).
/// Edge e = [i, j] has −1 at i and +1 at j in B1. The cross-diffusion terms use L0 B1 = B1 B1ᵀB1
/// and L1 B1ᵀ = B1ᵀ L0, so that the faces (B1B2 = 0) do not enter them even through rounding.
pub struct DiracSignals {
    pub theory: Theory,
    pub n0: usize,
    pub edges: Vec<[usize; 2]>,
    faces: Faces,
    scratch: RefCell<Scratch>,
}

/// The faces' boundaries of a complex, flattened for B2 and B2ᵀ: face f is
/// `boundary[offsets[f]..offsets[f + 1]]`, as (edge, ±1).
#[derive(Debug, Clone, PartialEq)]
pub struct Faces {
    offsets: Vec<usize>,
    boundary: Vec<(usize, f64)>,
}

impl Faces {
    pub fn new(complex: &CellComplex) -> Self {
        let mut offsets = vec![0];
        let mut boundary = Vec::new();
        for face in &complex.faces {
            boundary.extend(face.iter().map(|&(e, sign)| (e, f64::from(sign))));
            offsets.push(boundary.len());
        }
        Faces { offsets, boundary }
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The edges of face f with their signs.
    pub fn boundary(&self, f: usize) -> &[(usize, f64)] {
        &self.boundary[self.offsets[f]..self.offsets[f + 1]]
    }

    /// (B2ᵀx)_f, summed around the face in order.
    pub fn project(&self, x: &[f64], f: usize) -> f64 {
        self.boundary(f).iter().fold(0.0, |s, &(e, sign)| s + sign * x[e])
    }
}

/// Buffers for one evaluation of the right-hand side, made once.
struct Scratch {
    b1v: Vec<f64>,
    b1tu: Vec<f64>,
    l0u: Vec<f64>,
    down_v: Vec<f64>,
    up_v: Vec<f64>,
    b2tv: Vec<f64>,
    l0b1v: Vec<f64>,
    l1b1tu: Vec<f64>,
}

impl DiracSignals {
    pub fn new(complex: &CellComplex, theory: Theory) -> Self {
        let (n0, n1, n2) = (complex.n0, complex.n1(), complex.n2());
        let scratch = Scratch {
            b1v: vec![0.0; n0],
            b1tu: vec![0.0; n1],
            l0u: vec![0.0; n0],
            down_v: vec![0.0; n1],
            up_v: vec![0.0; n1],
            b2tv: vec![0.0; n2],
            l0b1v: vec![0.0; n0],
            l1b1tu: vec![0.0; n1],
        };
        DiracSignals {
            theory,
            n0,
            edges: complex.edges.clone(),
            faces: Faces::new(complex),
            scratch: RefCell::new(scratch),
        }
    }

    pub fn n1(&self) -> usize {
        self.edges.len()
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

    /// out = B2 B2ᵀ v (edges), with `faces` a buffer of one value per face; zero without faces.
    fn up(&self, v: &[f64], faces: &mut [f64], out: &mut [f64]) {
        for (f, x) in faces.iter_mut().enumerate() {
            *x = self.faces.project(v, f);
        }
        out.iter_mut().for_each(|x| *x = 0.0);
        for (f, &x) in faces.iter().enumerate() {
            for &(e, sign) in self.faces.boundary(f) {
                out[e] += sign * x;
            }
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
        let mut guard = self.scratch.borrow_mut();
        let s = &mut *guard;
        self.b1(v, &mut s.b1v);
        self.b1t(u, &mut s.b1tu);
        // L0 u = B1(B1ᵀu); the down part of L1 v = B1ᵀ(B1 v); its up part B2(B2ᵀv).
        self.b1(&s.b1tu, &mut s.l0u);
        self.b1t(&s.b1v, &mut s.down_v);
        self.up(v, &mut s.b2tv, &mut s.up_v);
        let cross = th.cross_diffusion();
        if cross {
            // L0 B1 v = B1 (B1ᵀB1 v) and L1 B1ᵀ u = B1ᵀ (L0 u).
            self.b1(&s.down_v, &mut s.l0b1v);
            self.b1t(&s.l0u, &mut s.l1b1tu);
        }
        for i in 0..n0 {
            let mut x = -th.a * u[i] - th.b * u[i] * u[i] * u[i] + th.c * s.b1v[i] - th.d0 * s.l0u[i];
            if cross {
                x -= th.d01 * s.l0b1v[i];
            }
            du[i] = x;
        }
        for e in 0..n1 {
            let mut x = -th.alpha * v[e] - th.beta * v[e] * v[e] * v[e] + th.gamma * s.b1tu[e]
                - th.d1 * (s.down_v[e] + s.up_v[e]);
            if cross {
                x -= th.d10 * s.l1b1tu[e];
            }
            dv[e] = x;
        }
    }
}
