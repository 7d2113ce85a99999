//! The spectrum of J = gχ + m nᵀ/N at finite N.
//!
//! Dense eigenvalues cost O(N³) (about 0.3 s at N = 500), so the whole spectrum is computed only
//! up to [`FULL_SPECTRUM_MAX`]. Above, the bulk is drawn from the leading block of gχ of that size,
//! rescaled by √(N/n) so that its entries have the variance g²/n of a full matrix of its size (the
//! same circle of radius g), and the outlier comes from the exact finite-N condition of a rank-one
//! perturbation: λ outside the spectrum of gχ is an eigenvalue of J iff nᵀ(λ − gχ)⁻¹m = N. For
//! |λ| above the spectral radius of gχ, (λ − gχ)⁻¹ = Σ_k (gχ)^k/λ^{k+1}, so with the moments
//! c_k = nᵀ(gχ)^k m/N (one mat-vec each) the condition is the scalar equation Σ_k c_k/λ^{k+1} = 1.

use super::network::{RandomPart, Vectors};
use crate::num::eigen::{Complex, eigenvalues};
use crate::num::vector::dot;

/// Largest N whose whole spectrum is computed; also the size of the block drawn above it.
pub const FULL_SPECTRUM_MAX: usize = 500;
/// Most moments c_k taken: enough for |λ| > 1.45 g at 1e-12 ((1/1.45)^75 < 1e-12).
pub const MAX_MOMENTS: usize = 75;

/// The dense matrix whose eigenvalues are drawn: J itself up to [`FULL_SPECTRUM_MAX`], else the
/// rescaled leading block of gχ.
pub fn drawn_matrix(chi: &RandomPart, v: &Vectors) -> (usize, Vec<f64>) {
    let n = chi.n;
    if n <= FULL_SPECTRUM_MAX {
        let mut a = chi.entries.clone();
        for i in 0..n {
            for j in 0..n {
                a[i * n + j] += v.m[i] * v.n[j] / n as f64;
            }
        }
        for (m, nv) in &v.higher {
            for i in 0..n {
                for j in 0..n {
                    a[i * n + j] += m[i] * nv[j] / n as f64;
                }
            }
        }
        (n, a)
    } else {
        let b = FULL_SPECTRUM_MAX;
        let scale = (n as f64 / b as f64).sqrt();
        let mut a = Vec::with_capacity(b * b);
        for i in 0..b {
            a.extend(chi.row(i)[..b].iter().map(|x| x * scale));
        }
        (b, a)
    }
}

/// Eigenvalues of the drawn matrix (`None` if the QR iteration failed).
pub fn drawn_eigenvalues(chi: &RandomPart, v: &Vectors) -> Option<Vec<Complex>> {
    let (b, a) = drawn_matrix(chi, v);
    eigenvalues(b, &a)
}

/// The moments c_k = nᵀ(gχ)^k m / N, k = 0, 1, …, computed one mat-vec at a time.
pub struct Moments {
    pub c: Vec<f64>,
    power: Vec<f64>,
    scratch: Vec<f64>,
}

impl Moments {
    pub fn new(v: &Vectors) -> Self {
        let n = v.m.len();
        Moments { c: vec![dot(&v.n, &v.m) / n as f64], power: v.m.clone(), scratch: vec![0.0; n] }
    }

    /// One more moment.
    pub fn next(&mut self, chi: &RandomPart, v: &Vectors) {
        chi.times(&self.power, &mut self.scratch);
        std::mem::swap(&mut self.power, &mut self.scratch);
        self.c.push(dot(&v.n, &self.power) / v.m.len() as f64);
    }

    /// Whether the last two terms c_k/λ^{k+1} at |λ| = |c_0| are below 1e-13 of the first: more
    /// moments would not change the outlier (which lies near c_0).
    pub fn converged(&self) -> bool {
        let c0 = self.c[0].abs();
        let small = |k: usize| (self.c[k] / libm::pow(c0, k as f64)).abs() < 1e-13 * c0;
        let k = self.c.len() - 1;
        k > 1 && small(k) && small(k - 1)
    }

    /// The real outlier: the root of Σ_k c_k/λ^{k+1} = 1 by Newton's method from λ = c_0, if it
    /// lies beyond `radius` (the bulk's edge) where the series converges.
    pub fn outlier(&self, radius: f64) -> Option<f64> {
        let c0 = self.c[0];
        if c0.abs() <= radius || c0.is_nan() {
            return None;
        }
        let mut lambda = c0;
        for _ in 0..50 {
            // f(λ) = Σ c_k u^{k+1} − 1 with u = 1/λ, by Horner's scheme; f'(λ) = −u² df/du.
            let u = 1.0 / lambda;
            let (mut f, mut df) = (0.0, 0.0);
            for &c in self.c.iter().rev() {
                df = df * u + f;
                f = f * u + c;
            }
            // Now f = Σ c_k u^k and df = Σ k c_k u^{k−1}.
            let value = u * f - 1.0;
            let dvalue_du = f + u * df;
            let step = value / (-u * u * dvalue_du);
            lambda -= step;
            if !lambda.is_finite() || lambda.abs() <= radius {
                return None;
            }
            if step.abs() <= 1e-14 * lambda.abs() {
                return Some(lambda);
            }
        }
        Some(lambda)
    }
}

/// The moments C_k = Nᵀ(gχ)^k M / N of a structure of rank R (M, N the N×R matrices of the m_r and
/// n_r): R×R matrices, row by row, R mat-vecs each. Outside the spectrum of gχ, λ is an eigenvalue
/// of J iff det(I − Nᵀ(λ − gχ)⁻¹M/N) = 0, that is det(I − Σ_k C_k/λ^{k+1}) = 0 (the rank-one
/// condition of [`Moments`] for R = 1).
pub struct MatrixMoments {
    pub rank: usize,
    pub c: Vec<Vec<f64>>,
    powers: Vec<Vec<f64>>,
    scratch: Vec<f64>,
}

impl MatrixMoments {
    pub fn new(v: &Vectors) -> Self {
        let powers: Vec<Vec<f64>> = v.pairs().map(|(m, _)| m.to_vec()).collect();
        MatrixMoments { rank: v.rank(), c: vec![v.overlaps()], powers, scratch: vec![0.0; v.m.len()] }
    }

    /// One more moment.
    pub fn next(&mut self, chi: &RandomPart, v: &Vectors) {
        for p in self.powers.iter_mut() {
            chi.times(p, &mut self.scratch);
            std::mem::swap(p, &mut self.scratch);
        }
        let size = v.m.len() as f64;
        let mut c = Vec::with_capacity(self.rank * self.rank);
        for (_, n) in v.pairs() {
            for p in &self.powers {
                c.push(dot(n, p) / size);
            }
        }
        self.c.push(c);
    }

    /// The eigenvalues of C_0, the overlaps n_rᵀm_s/N: the outliers to leading order.
    pub fn leading(&self) -> Vec<Complex> {
        eigenvalues(self.rank, &self.c[0]).unwrap_or_default()
    }

    /// Whether the last two terms ‖C_k‖/ρ^{k+1} are below 1e-13 of ‖C_0‖/ρ, with ρ the smallest
    /// modulus of the eigenvalues of C_0 above `radius`.
    pub fn converged(&self, radius: f64) -> bool {
        let Some(rho) = self.leading().iter().map(|z| z.abs()).filter(|&a| a > radius).reduce(f64::min) else {
            return true;
        };
        let norm = |c: &[f64]| c.iter().fold(0.0f64, |a, x| a.max(x.abs()));
        let c0 = norm(&self.c[0]);
        let small = |k: usize| norm(&self.c[k]) / libm::pow(rho, k as f64) < 1e-13 * c0;
        let k = self.c.len() - 1;
        k > 1 && small(k) && small(k - 1)
    }

    /// det(I − Σ_k C_k u^{k+1}) at u = 1/λ (Horner's scheme in u, entry by entry).
    fn condition(&self, lambda: Complex) -> Complex {
        let u = cdiv(Complex { re: 1.0, im: 0.0 }, lambda);
        let r = self.rank;
        let mut a = vec![Complex { re: 0.0, im: 0.0 }; r * r];
        for c in self.c.iter().rev() {
            for (e, &ck) in a.iter_mut().zip(c) {
                *e = cmul(*e, u);
                e.re += ck;
            }
        }
        for (idx, e) in a.iter_mut().enumerate() {
            let t = cmul(*e, u);
            let diagonal = if idx % (r + 1) == 0 { 1.0 } else { 0.0 };
            *e = Complex { re: diagonal - t.re, im: -t.im };
        }
        match r {
            1 => a[0],
            2 => {
                let (p, q) = (cmul(a[0], a[3]), cmul(a[1], a[2]));
                Complex { re: p.re - q.re, im: p.im - q.im }
            }
            _ => unimplemented!("outliers of rank above 2"),
        }
    }

    /// The outliers: the roots of the condition by the secant method from each eigenvalue of C_0
    /// of modulus above `radius` (the bulk's edge, inside which the series does not converge),
    /// each root found divided out before the next search (so that a double eigenvalue of C_0,
    /// split by gχ, gives both roots).
    pub fn outliers(&self, radius: f64) -> Vec<Complex> {
        let mut out: Vec<Complex> = Vec::new();
        for start in self.leading().into_iter().filter(|z| z.abs() > radius) {
            if out.contains(&start) {
                // A double root of an exact condition (g = 0): the search would divide by zero.
                out.push(start);
                continue;
            }
            let deflated = |z: Complex| {
                out.iter()
                    .fold(self.condition(z), |f, &root| cdiv(f, Complex { re: z.re - root.re, im: z.im - root.im }))
            };
            // A real start searches the real axis first; a double eigenvalue of C_0 may split into
            // a complex pair, found from a second point off the axis.
            let along = Complex { re: start.re * (1.0 + 1e-4), im: start.im * (1.0 + 1e-4) };
            let off = Complex { re: along.re, im: along.im + 1e-3 * start.abs() };
            let found = secant(&deflated, start, along, radius).or_else(|| secant(&deflated, start, off, radius));
            if let Some(z) = found {
                out.push(z);
            }
        }
        out
    }
}

/// A root of `f` by the secant method from the points `a`, `b`; `None` if an iterate falls inside
/// `radius` or is not finite, or 100 steps do not converge to 1e-14.
fn secant(f: &impl Fn(Complex) -> Complex, mut a: Complex, mut b: Complex, radius: f64) -> Option<Complex> {
    let (mut fa, mut fb) = (f(a), f(b));
    for _ in 0..100 {
        let df = Complex { re: fb.re - fa.re, im: fb.im - fa.im };
        if df.re == 0.0 && df.im == 0.0 {
            return (fb.re == 0.0 && fb.im == 0.0).then_some(b);
        }
        let step = cmul(fb, cdiv(Complex { re: b.re - a.re, im: b.im - a.im }, df));
        let next = Complex { re: b.re - step.re, im: b.im - step.im };
        if !(next.re.is_finite() && next.im.is_finite()) || next.abs() <= radius {
            return None;
        }
        (a, fa) = (b, fb);
        b = next;
        fb = f(b);
        if step.abs() <= 1e-14 * b.abs() {
            return Some(b);
        }
    }
    None
}

fn cmul(a: Complex, b: Complex) -> Complex {
    Complex { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re }
}

fn cdiv(a: Complex, b: Complex) -> Complex {
    let d = b.re * b.re + b.im * b.im;
    Complex { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d }
}
