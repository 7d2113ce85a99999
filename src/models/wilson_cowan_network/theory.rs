//! Linear theory of Wilson–Cowan nodes coupled through E. Around a homogeneous fixed point
//! (E*, I*), a perturbation along an eigenvector of the coupling matrix A with eigenvalue m
//! evolves with the 2×2 matrix J(m) = J₀ + γ m diag(g, 0), where J₀ is one node's Jacobian at the
//! fixed point and g = (k_E − r_E E*) S_E′(u_E*)/τ_E its E-response to input; the growth rate of
//! the mode is max Re eig J(m) (the master stability function). For the planted patterns, the
//! Jacobian of the whole network at a pattern, and its eigenvalues.

use super::coupling::Sparse;
use crate::models::wilson_cowan::node::{Eigenvalues, FixedPoint, Matrix2, Node};
use crate::num::eigen::{Complex, eigenvalues};

/// One node's E-response to input, ∂(dE/dt)/∂u_E = (k_E − r_E E) S_E′(u_E)/τ_E, at state (e, i)
/// and total input u_E to E.
pub fn response(node: &Node, e: f64, u: f64) -> f64 {
    let pe = &node.excitatory;
    (pe.sigmoid.sup() - pe.refractory * e) * pe.sigmoid.slope(u) / pe.tau
}

/// The master stability function about a homogeneous state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Msf {
    /// The homogeneous fixed point, with the node's Jacobian at it.
    pub state: FixedPoint,
    /// The node's E-response g at the fixed point.
    pub g: f64,
    pub gamma: f64,
}

impl Msf {
    /// The homogeneous state of nodes coupled by γ A E when every row of A sums to `row_sum`: a
    /// fixed point of one node whose E → E coupling is c₁ + γ·row_sum. Of several, the one of
    /// highest E (the active state); `None` if Newton found none.
    pub fn new(node: &Node, gamma: f64, row_sum: f64) -> Option<Msf> {
        let shifted = Node { c1: node.c1 + gamma * row_sum, ..*node };
        let fp = *shifted.fixed_points().last()?;
        // The node's own Jacobian, with the coupling's input γ·row_sum·E* added to P.
        let own = Node { p: node.p + gamma * row_sum * fp.e, ..*node };
        let state = FixedPoint::new(&own, fp.e, fp.i);
        let (u, _) = own.inputs(fp.e, fp.i);
        Some(Msf { state, g: response(node, fp.e, u), gamma })
    }

    /// J(m) = J₀ + γ m diag(g, 0).
    pub fn matrix(&self, m: f64) -> Matrix2 {
        let mut j = self.state.jacobian;
        j[0][0] += self.gamma * m * self.g;
        j
    }

    pub fn eigenvalues(&self, m: f64) -> Eigenvalues {
        Eigenvalues::of(&self.matrix(m))
    }

    /// The growth rate of the mode of coupling eigenvalue m: max Re eig J(m).
    pub fn growth(&self, m: f64) -> f64 {
        self.eigenvalues(m).max_re()
    }

    /// The left eigenvector w (complex, w = (w_E, w_I)) of J(m) for its eigenvalue of largest real
    /// part: w·x(t) of a mode's (E, I) amplitudes x evolves exactly as e^{λt} in the linear regime.
    pub fn left_vector(&self, m: f64) -> [Complex; 2] {
        let j = self.matrix(m);
        let ev = Eigenvalues::of(&j);
        let lambda = Complex { re: ev.re[0], im: ev.im };
        // wᵀ(J − λ) = 0: w = (J₁₀, λ − J₀₀) or (λ − J₁₁, J₀₁), whichever is longer.
        let a = [Complex { re: j[1][0], im: 0.0 }, Complex { re: lambda.re - j[0][0], im: lambda.im }];
        let b = [Complex { re: lambda.re - j[1][1], im: lambda.im }, Complex { re: j[0][1], im: 0.0 }];
        let norm = |w: &[Complex; 2]| w[0].abs() + w[1].abs();
        if norm(&a) >= norm(&b) { a } else { b }
    }
}

/// |w_E x_E + w_I x_I| for real amplitudes x.
pub fn project(w: &[Complex; 2], x: [f64; 2]) -> Complex {
    Complex { re: w[0].re * x[0] + w[1].re * x[1], im: w[0].im * x[0] + w[1].im * x[1] }
}

/// The network's right-hand side: dE_i/dt with the coupling input γ (A E)_i added to P, and dI_i/dt.
/// The state is (E_0 … E_{N−1}, I_0 … I_{N−1}).
pub fn rate(node: &Node, a: &Sparse, gamma: f64, y: &[f64], dy: &mut [f64]) {
    let n = a.n;
    let (e, i) = y.split_at(n);
    let (de, di) = dy.split_at_mut(n);
    let (pe, pi) = (&node.excitatory, &node.inhibitory);
    for k in 0..n {
        let (ue, ui) = node.inputs(e[k], i[k]);
        de[k] = pe.drive(e[k], ue + gamma * a.row_dot(k, e)) / pe.tau;
        di[k] = pi.drive(i[k], ui) / pi.tau;
    }
}

/// The Jacobian of the network at state y, 2N × 2N row by row: each node's own 2×2 block at its
/// total input, plus γ g_i A_ij in the E–E block.
pub fn jacobian(node: &Node, a: &Sparse, gamma: f64, y: &[f64]) -> Vec<f64> {
    let n = a.n;
    let (e, i) = y.split_at(n);
    let size = 2 * n;
    let mut j = vec![0.0; size * size];
    for k in 0..n {
        let input = gamma * a.row_dot(k, e);
        let own = Node { p: node.p + input, ..*node };
        let block = own.jacobian(e[k], i[k]);
        j[k * size + k] += block[0][0];
        j[k * size + n + k] += block[0][1];
        j[(n + k) * size + k] += block[1][0];
        j[(n + k) * size + n + k] += block[1][1];
        let (u, _) = own.inputs(e[k], i[k]);
        let g = response(node, e[k], u);
        for (col, value) in a.row(k) {
            j[k * size + col] += gamma * g * value;
        }
    }
    j
}

/// The eigenvalues of the network's Jacobian at y, largest real part first.
pub fn spectrum(node: &Node, a: &Sparse, gamma: f64, y: &[f64]) -> Option<Vec<Complex>> {
    eigenvalues(2 * a.n, &jacobian(node, a, gamma, y))
}

/// Modified Gram–Schmidt, twice over: an orthonormal basis of the span of `vectors`, those that
/// add less than 1e-10 of their length dropped.
fn orthonormal(vectors: Vec<Vec<f64>>) -> Vec<Vec<f64>> {
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y);
    let mut basis: Vec<Vec<f64>> = Vec::new();
    for mut v in vectors {
        let length = dot(&v, &v).sqrt();
        for _ in 0..2 {
            for b in &basis {
                let c = dot(&v, b);
                v.iter_mut().zip(b).for_each(|(x, y)| *x -= c * y);
            }
        }
        let rest = dot(&v, &v).sqrt();
        if rest > 1e-10 * length {
            basis.push(v.into_iter().map(|x| x / rest).collect());
        }
    }
    basis
}

/// The eigenvalues of the network's Jacobian at a planted pattern (`high[i]`: node i in its high
/// state), all 2N with multiplicity, in no particular order.
///
/// The vectors supported on the low nodes and orthogonal to every pattern form a subspace W_lo on
/// which A = −1, so J acts on W_lo ⊕ W_lo (its E and I parts) as the 2×2 matrix of a low node
/// with −γ g added to its E–E entry; the same for the high nodes. Those two matrices give their
/// eigenvalues with multiplicity dim W_lo and dim W_hi; the rest are the eigenvalues of J on the
/// quotient by that invariant subspace, the ≤ 4K × 4K matrix ⟨c_a, J c_b⟩ over an orthonormal basis
/// c of its complement (the patterns restricted to the low nodes and to the high nodes). Exact,
/// and free of the general eigensolver's trouble with many equal eigenvalues.
pub fn pattern_spectrum(
    node: &Node,
    a: &Sparse,
    gamma: f64,
    patterns: &[Vec<f64>],
    high: &[bool],
) -> Option<Vec<Complex>> {
    let n = a.n;
    let fixed = node.fixed_points();
    let stable: Vec<&FixedPoint> = fixed.iter().filter(|f| f.stability.is_stable()).collect();
    let (lo, hi) = (**stable.first()?, **stable.last()?);
    let state = |h: bool| if h { hi } else { lo };
    let gain = |f: &FixedPoint| response(node, f.e, node.inputs(f.e, f.i).0);
    let mut out: Vec<Complex> = Vec::with_capacity(2 * n);
    let mut basis = Vec::new();
    for side in [false, true] {
        let members = high.iter().filter(|&&h| h == side).count();
        let restricted: Vec<Vec<f64>> = patterns
            .iter()
            .map(|p| p.iter().zip(high).map(|(&x, &h)| if h == side { x } else { 0.0 }).collect())
            .collect();
        let part = orthonormal(restricted);
        let f = state(side);
        let mut m = f.jacobian;
        m[0][0] -= gamma * gain(&f);
        let ev = Eigenvalues::of(&m);
        for _ in part.len()..members {
            out.push(Complex { re: ev.re[0], im: ev.im });
            out.push(Complex { re: ev.re[1], im: -ev.im });
        }
        basis.extend(part);
    }
    let r = basis.len();
    if r > 0 {
        // J (c_b, 0) and J (0, c_b), projected on every c_a.
        let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y);
        let blocks: Vec<(Matrix2, f64)> = high.iter().map(|&h| (state(h).jacobian, gain(&state(h)))).collect();
        let mut m = vec![0.0; 4 * r * r];
        for (b, c) in basis.iter().enumerate() {
            let ac: Vec<f64> = (0..n).map(|i| a.row_dot(i, c)).collect();
            let ee: Vec<f64> = (0..n).map(|i| blocks[i].0[0][0] * c[i] + gamma * blocks[i].1 * ac[i]).collect();
            let ie: Vec<f64> = (0..n).map(|i| blocks[i].0[1][0] * c[i]).collect();
            let ei: Vec<f64> = (0..n).map(|i| blocks[i].0[0][1] * c[i]).collect();
            let ii: Vec<f64> = (0..n).map(|i| blocks[i].0[1][1] * c[i]).collect();
            for (a_, ca) in basis.iter().enumerate() {
                m[a_ * 2 * r + b] = dot(ca, &ee);
                m[(r + a_) * 2 * r + b] = dot(ca, &ie);
                m[a_ * 2 * r + r + b] = dot(ca, &ei);
                m[(r + a_) * 2 * r + r + b] = dot(ca, &ii);
            }
        }
        if gamma == 0.0 {
            // Uncoupled nodes: the quotient is block-diagonal too, one node's 2×2 per basis vector.
            for side in [false, true] {
                let count = basis.iter().filter(|c| c.iter().zip(high).any(|(&x, &h)| h == side && x != 0.0)).count();
                let ev = Eigenvalues::of(&state(side).jacobian);
                for _ in 0..count {
                    out.push(Complex { re: ev.re[0], im: ev.im });
                    out.push(Complex { re: ev.re[1], im: -ev.im });
                }
            }
        } else {
            out.extend(eigenvalues(2 * r, &m)?);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_left_vector_is_a_left_eigenvector() {
        let node = Node { p: 2.5, ..Node::wc1972() };
        for gamma in [-3.0, 0.5] {
            let msf = Msf::new(&node, gamma, 0.0).unwrap();
            for m in [0.0, -1.5, -4.0] {
                let j = msf.matrix(m);
                let ev = msf.eigenvalues(m);
                let w = msf.left_vector(m);
                for c in 0..2 {
                    // (wᵀJ)_c − λ w_c.
                    let re = w[0].re * j[0][c] + w[1].re * j[1][c] - (ev.re[0] * w[c].re - ev.im * w[c].im);
                    let im = w[0].im * j[0][c] + w[1].im * j[1][c] - (ev.re[0] * w[c].im + ev.im * w[c].re);
                    assert!(re.abs() < 1e-12 && im.abs() < 1e-12, "γ = {gamma}, m = {m}: {re} {im}");
                }
            }
        }
    }
}
