//! One Wilson–Cowan node: an excitatory and an inhibitory population with sigmoid responses, the
//! right-hand side of their equations, its Jacobian, and every fixed point.
//!
//! τ_E dE/dt = −E + (k_E − r_E E) S_E(c₁E − c₂I + P),
//! τ_I dI/dt = −I + (k_I − r_I I) S_I(c₃E − c₄I + Q),
//! S(x) = 1/(1 + e^{−a(x−θ)}) − 1/(1 + e^{aθ}) (so S(0) = 0), k = sup S = 1 − 1/(1 + e^{aθ}).
//!
//! The network model of Marino et al. couples such nodes through E; these functions are written
//! for one node so that a network can call them node by node.
//!
//! ## Reference
//! H. R. Wilson and J. D. Cowan, Biophys. J. 12, 1 (1972).

use crate::num::ode::OdeSystem;

/// The response function of a population, shifted so that S(0) = 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sigmoid {
    /// Slope a of the logistic.
    pub gain: f64,
    /// Threshold θ: the logistic is ½ at x = θ.
    pub threshold: f64,
}

impl Sigmoid {
    fn logistic(&self, x: f64) -> f64 {
        1.0 / (1.0 + libm::exp(-self.gain * (x - self.threshold)))
    }

    /// The shift 1/(1 + e^{aθ}) that makes S(0) = 0.
    pub fn offset(&self) -> f64 {
        1.0 / (1.0 + libm::exp(self.gain * self.threshold))
    }

    /// S(x).
    pub fn value(&self, x: f64) -> f64 {
        self.logistic(x) - self.offset()
    }

    /// S′(x) = a σ(1 − σ), σ the logistic.
    pub fn slope(&self, x: f64) -> f64 {
        let s = self.logistic(x);
        self.gain * s * (1.0 - s)
    }

    /// k = sup S = 1 − offset.
    pub fn sup(&self) -> f64 {
        1.0 - self.offset()
    }

    /// The x with S(x) = y, for y in (−offset, k); `None` outside, where S never reaches.
    pub fn inverse(&self, y: f64) -> Option<f64> {
        let s = y + self.offset();
        (s > 0.0 && s < 1.0).then(|| self.threshold + libm::log(s / (1.0 - s)) / self.gain)
    }
}

/// One population: its response, its refractory factor r and its time constant τ.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Population {
    pub sigmoid: Sigmoid,
    pub refractory: f64,
    pub tau: f64,
}

impl Population {
    /// −x + (k − r x) S(u): τ times the rate of change of activity x under input u.
    pub fn drive(&self, x: f64, u: f64) -> f64 {
        -x + (self.sigmoid.sup() - self.refractory * x) * self.sigmoid.value(u)
    }

    /// The activity x with drive(x, u) = 0 when S(u) = y: x = k y/(1 + r y).
    fn stationary(&self, y: f64) -> f64 {
        self.sigmoid.sup() * y / (1.0 + self.refractory * y)
    }

    /// The interval every stationary activity lies in (the image of S's range under
    /// [`Population::stationary`]); trajectories from outside it enter it.
    pub fn range(&self) -> (f64, f64) {
        (self.stationary(-self.sigmoid.offset()), self.stationary(self.sigmoid.sup()))
    }

    /// The input u at which activity x is stationary: S(u) = x/(k − r x); `None` where no input is.
    pub fn input_for(&self, x: f64) -> Option<f64> {
        let room = self.sigmoid.sup() - self.refractory * x;
        if room <= 0.0 {
            return None;
        }
        self.sigmoid.inverse(x / room)
    }
}

/// The parameters of one node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Node {
    /// E → E, I → E, E → I, I → I coupling strengths.
    pub c1: f64,
    pub c2: f64,
    pub c3: f64,
    pub c4: f64,
    pub excitatory: Population,
    pub inhibitory: Population,
    /// External inputs to E and to I.
    pub p: f64,
    pub q: f64,
}

/// A 2×2 matrix, row by row.
pub type Matrix2 = [[f64; 2]; 2];

impl Node {
    /// The limit-cycle set of Wilson & Cowan (1972), at P = 1.25.
    pub fn wc1972() -> Self {
        let population =
            |gain, threshold| Population { sigmoid: Sigmoid { gain, threshold }, refractory: 1.0, tau: 1.0 };
        Node {
            c1: 16.0,
            c2: 12.0,
            c3: 15.0,
            c4: 3.0,
            excitatory: population(1.3, 4.0),
            inhibitory: population(2.0, 3.7),
            p: 1.25,
            q: 0.0,
        }
    }

    /// The inputs (u_E, u_I) to the two populations.
    pub fn inputs(&self, e: f64, i: f64) -> (f64, f64) {
        (self.c1 * e - self.c2 * i + self.p, self.c3 * e - self.c4 * i + self.q)
    }

    /// (dE/dt, dI/dt).
    pub fn rate(&self, e: f64, i: f64) -> [f64; 2] {
        let (ue, ui) = self.inputs(e, i);
        [self.excitatory.drive(e, ue) / self.excitatory.tau, self.inhibitory.drive(i, ui) / self.inhibitory.tau]
    }

    /// The Jacobian ∂(dE/dt, dI/dt)/∂(E, I).
    pub fn jacobian(&self, e: f64, i: f64) -> Matrix2 {
        let (ue, ui) = self.inputs(e, i);
        let (pe, pi) = (&self.excitatory, &self.inhibitory);
        // d/dx of −x + (k − r x) S(u(x)): −1 − r S(u) + (k − r x) S′(u) ∂u/∂x.
        let gain_e = (pe.sigmoid.sup() - pe.refractory * e) * pe.sigmoid.slope(ue);
        let gain_i = (pi.sigmoid.sup() - pi.refractory * i) * pi.sigmoid.slope(ui);
        [
            [(-1.0 - pe.refractory * pe.sigmoid.value(ue) + gain_e * self.c1) / pe.tau, -gain_e * self.c2 / pe.tau],
            [gain_i * self.c3 / pi.tau, (-1.0 - pi.refractory * pi.sigmoid.value(ui) - gain_i * self.c4) / pi.tau],
        ]
    }

    /// The box [E_lo, E_hi] × [I_lo, I_hi] that holds every fixed point and attracts every trajectory.
    pub fn stationary_box(&self) -> [(f64, f64); 2] {
        [self.excitatory.range(), self.inhibitory.range()]
    }

    /// The E-nullcline (dE/dt = 0) solved for I: I = (c₁E + P − S_E⁻¹(E/(k_E − r_E E)))/c₂.
    pub fn e_nullcline(&self, e: f64) -> Option<f64> {
        let u = self.excitatory.input_for(e)?;
        (self.c2 != 0.0).then(|| (self.c1 * e + self.p - u) / self.c2)
    }

    /// The I-nullcline (dI/dt = 0) solved for E: E = (c₄I − Q + S_I⁻¹(I/(k_I − r_I I)))/c₃.
    pub fn i_nullcline(&self, i: f64) -> Option<f64> {
        let u = self.inhibitory.input_for(i)?;
        (self.c3 != 0.0).then(|| (self.c4 * i - self.q + u) / self.c3)
    }

    /// Every fixed point, by Newton's method from a 26 × 26 grid of starts over the stationary box,
    /// duplicates removed, in increasing E.
    pub fn fixed_points(&self) -> Vec<FixedPoint> {
        const GRID: usize = 26;
        let [(e_lo, e_hi), (i_lo, i_hi)] = self.stationary_box();
        let mut found: Vec<(f64, f64)> = Vec::new();
        for a in 0..GRID {
            for b in 0..GRID {
                let e = e_lo + (a as f64 + 0.5) / GRID as f64 * (e_hi - e_lo);
                let i = i_lo + (b as f64 + 0.5) / GRID as f64 * (i_hi - i_lo);
                if let Some(root) = self.newton(e, i) {
                    // Roots closer than this are one root reached twice (Newton converges to 1e-12).
                    let same = |r: &(f64, f64)| (r.0 - root.0).abs() < 1e-8 && (r.1 - root.1).abs() < 1e-8;
                    if !found.iter().any(same) {
                        found.push(root);
                    }
                }
            }
        }
        found.sort_by(|a, b| a.0.total_cmp(&b.0));
        found.into_iter().map(|(e, i)| FixedPoint::new(self, e, i)).collect()
    }

    /// Newton's method on (dE/dt, dI/dt) = 0 from (e, i); the root if it converges inside the
    /// stationary box (slightly widened for rounding).
    pub fn newton(&self, mut e: f64, mut i: f64) -> Option<(f64, f64)> {
        const ITERATIONS: usize = 60;
        let [(e_lo, e_hi), (i_lo, i_hi)] = self.stationary_box();
        let (pad_e, pad_i) = (1e-9 * (e_hi - e_lo), 1e-9 * (i_hi - i_lo));
        for _ in 0..ITERATIONS {
            let f = self.rate(e, i);
            let j = self.jacobian(e, i);
            let det = j[0][0] * j[1][1] - j[0][1] * j[1][0];
            if det == 0.0 || !det.is_finite() {
                return None;
            }
            let de = (j[1][1] * f[0] - j[0][1] * f[1]) / det;
            let di = (j[0][0] * f[1] - j[1][0] * f[0]) / det;
            // Newton may overshoot the box where the sigmoids saturate; pull it back inside.
            e = (e - de).clamp(e_lo - pad_e, e_hi + pad_e);
            i = (i - di).clamp(i_lo - pad_i, i_hi + pad_i);
            if de.abs() < 1e-14 && di.abs() < 1e-14 {
                let r = self.rate(e, i);
                return (r[0].abs() < 1e-12 && r[1].abs() < 1e-12).then_some((e, i));
            }
        }
        None
    }
}

impl OdeSystem for Node {
    fn dim(&self) -> usize {
        2
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let r = self.rate(y[0], y[1]);
        dy[0] = r[0];
        dy[1] = r[1];
    }
}

/// The eigenvalues of a real 2×2 matrix in closed form: a complex pair re ± i·im (im > 0), or two
/// real values re[0] ≥ re[1] (im = 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eigenvalues {
    pub re: [f64; 2],
    pub im: f64,
}

impl Eigenvalues {
    /// λ = tr/2 ± √(tr²/4 − det).
    pub fn of(m: &Matrix2) -> Self {
        let (tr, det) = (trace(m), determinant(m));
        let half = tr / 2.0;
        let disc = half * half - det;
        if disc >= 0.0 {
            let root = disc.sqrt();
            Eigenvalues { re: [half + root, half - root], im: 0.0 }
        } else {
            Eigenvalues { re: [half, half], im: (-disc).sqrt() }
        }
    }

    /// The largest real part: the growth rate of small perturbations.
    pub fn max_re(&self) -> f64 {
        self.re[0].max(self.re[1])
    }
}

pub fn trace(m: &Matrix2) -> f64 {
    m[0][0] + m[1][1]
}

pub fn determinant(m: &Matrix2) -> f64 {
    m[0][0] * m[1][1] - m[0][1] * m[1][0]
}

/// What small perturbations of a fixed point do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stability {
    StableNode,
    StableFocus,
    Saddle,
    UnstableNode,
    UnstableFocus,
}

impl Stability {
    /// From the trace and determinant of the Jacobian (the borderline cases go to the unstable side).
    pub fn of(m: &Matrix2) -> Self {
        let (tr, det) = (trace(m), determinant(m));
        let focus = tr * tr < 4.0 * det;
        match (det > 0.0, tr < 0.0, focus) {
            (false, _, _) => Stability::Saddle,
            (true, true, false) => Stability::StableNode,
            (true, true, true) => Stability::StableFocus,
            (true, false, false) => Stability::UnstableNode,
            (true, false, true) => Stability::UnstableFocus,
        }
    }

    pub fn is_stable(self) -> bool {
        matches!(self, Stability::StableNode | Stability::StableFocus)
    }

    pub fn name(self) -> &'static str {
        match self {
            Stability::StableNode => "stable node",
            Stability::StableFocus => "stable focus",
            Stability::Saddle => "saddle",
            Stability::UnstableNode => "unstable node",
            Stability::UnstableFocus => "unstable focus",
        }
    }
}

/// A fixed point with its linearisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedPoint {
    pub e: f64,
    pub i: f64,
    pub jacobian: Matrix2,
    pub eigenvalues: Eigenvalues,
    pub stability: Stability,
}

impl FixedPoint {
    pub fn new(node: &Node, e: f64, i: f64) -> Self {
        let jacobian = node.jacobian(e, i);
        FixedPoint { e, i, jacobian, eigenvalues: Eigenvalues::of(&jacobian), stability: Stability::of(&jacobian) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_is_zero_at_zero_and_inverts() {
        let s = Sigmoid { gain: 1.3, threshold: 4.0 };
        assert!(s.value(0.0).abs() < 1e-16);
        for x in [-3.0, 0.0, 2.5, 4.0, 9.0] {
            let back = s.inverse(s.value(x)).unwrap();
            assert!((back - x).abs() < 1e-9, "{x} → {back}");
        }
        assert_eq!(s.inverse(s.sup()), None);
        assert_eq!(s.inverse(-s.offset()), None);
    }

    #[test]
    fn jacobian_matches_finite_differences() {
        let node = Node::wc1972();
        let (e, i, h) = (0.21, 0.13, 1e-6);
        let j = node.jacobian(e, i);
        let d = |de: f64, di: f64| {
            let (a, b) = (node.rate(e + de, i + di), node.rate(e - de, i - di));
            [(a[0] - b[0]) / (2.0 * h), (a[1] - b[1]) / (2.0 * h)]
        };
        let (col_e, col_i) = (d(h, 0.0), d(0.0, h));
        for r in 0..2 {
            assert!((j[r][0] - col_e[r]).abs() < 1e-7, "{r}: {} vs {}", j[r][0], col_e[r]);
            assert!((j[r][1] - col_i[r]).abs() < 1e-7, "{r}: {} vs {}", j[r][1], col_i[r]);
        }
    }

    #[test]
    fn eigenvalues_solve_the_characteristic_equation() {
        for m in [[[1.0, 2.0], [3.0, -4.0]], [[-0.5, -3.0], [2.0, 0.1]], [[2.0, 0.0], [0.0, 2.0]]] {
            let ev = Eigenvalues::of(&m);
            for k in 0..2 {
                // det(M − λ) = λ² − tr λ + det, at λ = re + i im (real and imaginary parts).
                let (re, im) = (ev.re[k], if k == 0 { ev.im } else { -ev.im });
                let real = re * re - im * im - trace(&m) * re + determinant(&m);
                let imag = 2.0 * re * im - trace(&m) * im;
                assert!(real.abs() < 1e-12 && imag.abs() < 1e-12, "{m:?}: {ev:?}");
            }
        }
    }
}
