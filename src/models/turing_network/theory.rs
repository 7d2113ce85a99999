//! Linear theory of Turing patterns on a graph: the Mimura–Murray kinetics, their Jacobian at the
//! homogeneous state, the dispersion relation λ(Λ) = max Re eig(J + Λ diag(ε, σε)) for real or
//! complex Laplacian eigenvalues Λ, the critical ratio σ_c and the unstable band of Λ.

/// The Mimura–Murray prey–predator kinetics of Nakao & Mikhailov (2010):
/// f = [(a + b u − u²)/c − v] u, g = [u − (1 + d v)] v.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MimuraMurray {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
}

impl MimuraMurray {
    /// The constants of the paper: a = 35, b = 16, c = 9, d = 2/5.
    pub const PAPER: MimuraMurray = MimuraMurray { a: 35.0, b: 16.0, c: 9.0, d: 0.4 };

    #[inline]
    pub fn f(&self, u: f64, v: f64) -> f64 {
        ((self.a + self.b * u - u * u) / self.c - v) * u
    }

    #[inline]
    pub fn g(&self, u: f64, v: f64) -> f64 {
        (u - (1.0 + self.d * v)) * v
    }

    /// The homogeneous state with both species present: u solves (a + bu − u²)/c = (u − 1)/d,
    /// v = (u − 1)/d; the root with u > 1. (5, 10) for the paper's constants.
    pub fn fixed_point(&self) -> (f64, f64) {
        // d(a + bu − u²) = c(u − 1) ⇔ d u² + (c − d b) u − (d a + c) = 0.
        let (qa, qb, qc) = (self.d, self.c - self.d * self.b, -(self.d * self.a + self.c));
        let u = (-qb + (qb * qb - 4.0 * qa * qc).sqrt()) / (2.0 * qa);
        (u, (u - 1.0) / self.d)
    }

    /// The Jacobian [[f_u, f_v], [g_u, g_v]] at the homogeneous state: [[10/3, −5], [10, −4]].
    pub fn jacobian(&self) -> [[f64; 2]; 2] {
        let (u, v) = self.fixed_point();
        let f_u = (self.b - 2.0 * u) / self.c * u + ((self.a + self.b * u - u * u) / self.c - v);
        let g_v = -self.d * v + (u - (1.0 + self.d * v));
        [[f_u, -u], [v, g_v]]
    }
}

/// A complex number, for the dispersion relation at complex Laplacian eigenvalues.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct C {
    pub re: f64,
    pub im: f64,
}

impl C {
    pub const fn real(re: f64) -> C {
        C { re, im: 0.0 }
    }
    fn add(self, o: C) -> C {
        C { re: self.re + o.re, im: self.im + o.im }
    }
    fn sub(self, o: C) -> C {
        C { re: self.re - o.re, im: self.im - o.im }
    }
    fn mul(self, o: C) -> C {
        C { re: self.re * o.re - self.im * o.im, im: self.re * o.im + self.im * o.re }
    }
    fn scale(self, s: f64) -> C {
        C { re: self.re * s, im: self.im * s }
    }
    /// The principal square root (real part ≥ 0).
    pub fn sqrt(self) -> C {
        let r = libm::hypot(self.re, self.im);
        let re = (0.5 * (r + self.re)).max(0.0).sqrt();
        let im = (0.5 * (r - self.re)).max(0.0).sqrt();
        C { re, im: if self.im < 0.0 { -im } else { im } }
    }
}

/// The linear theory for given kinetics and diffusion: ε (the activator's diffusion) and σ (the
/// inhibitor's over the activator's).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    pub j: [[f64; 2]; 2],
    pub eps: f64,
    pub sigma: f64,
}

impl Dispersion {
    pub fn new(kinetics: &MimuraMurray, eps: f64, sigma: f64) -> Self {
        Dispersion { j: kinetics.jacobian(), eps, sigma }
    }

    /// The two eigenvalues of J + Λ diag(ε, σε), the one with the larger real part first.
    pub fn eigenvalues(&self, lambda: C) -> [C; 2] {
        let a = C::real(self.j[0][0]).add(lambda.scale(self.eps));
        let d = C::real(self.j[1][1]).add(lambda.scale(self.sigma * self.eps));
        let mean = a.add(d).scale(0.5);
        let half = a.sub(d).scale(0.5);
        let root = half.mul(half).add(C::real(self.j[0][1] * self.j[1][0])).sqrt();
        [mean.add(root), mean.sub(root)]
    }

    /// The growth rate of the mode of Laplacian eigenvalue Λ: max Re eig(J + Λ diag(ε, σε)).
    pub fn growth(&self, lambda: C) -> f64 {
        self.eigenvalues(lambda)[0].re
    }

    /// The growth rate at a real Λ.
    pub fn growth_real(&self, lambda: f64) -> f64 {
        self.growth(C::real(lambda))
    }

    /// The unstable band of real Λ ≤ 0, where h(Λ) = σε²Λ² + ε(f_u σ + g_v)Λ + det J < 0;
    /// `None` when h has no negative values there (σ ≤ σ_c).
    pub fn band(&self) -> Option<(f64, f64)> {
        let [[f_u, f_v], [g_u, g_v]] = self.j;
        let det = f_u * g_v - f_v * g_u;
        let (qa, qb) = (self.sigma * self.eps * self.eps, self.eps * (f_u * self.sigma + g_v));
        let disc = qb * qb - 4.0 * qa * det;
        if disc <= 0.0 || qb <= 0.0 {
            return None;
        }
        let root = disc.sqrt();
        Some(((-qb - root) / (2.0 * qa), (-qb + root) / (2.0 * qa)))
    }

    /// The Λ in [lo, 0] where the growth rate on the real axis is largest, and that rate, by
    /// golden-section search.
    pub fn fastest_real(&self, lo: f64) -> (f64, f64) {
        let phi = 0.5 * (5.0f64.sqrt() - 1.0);
        let (mut a, mut b) = (lo, 0.0);
        let mut c = b - phi * (b - a);
        let mut d = a + phi * (b - a);
        for _ in 0..200 {
            if self.growth_real(c) > self.growth_real(d) {
                b = d;
            } else {
                a = c;
            }
            c = b - phi * (b - a);
            d = a + phi * (b - a);
        }
        let x = 0.5 * (a + b);
        (x, self.growth_real(x))
    }
}

/// The critical ratio σ_c above which diffusion destabilises the homogeneous state (for some Λ):
/// the larger root of (f_u σ + g_v)² = 4σ det J. 15.5071 for the paper's kinetics, whatever ε.
pub fn sigma_c(j: [[f64; 2]; 2]) -> f64 {
    let [[f_u, f_v], [g_u, g_v]] = j;
    let det = f_u * g_v - f_v * g_u;
    // f_u² σ² + (2 f_u g_v − 4 det) σ + g_v² = 0.
    let (qa, qb, qc) = (f_u * f_u, 2.0 * f_u * g_v - 4.0 * det, g_v * g_v);
    (-qb + (qb * qb - 4.0 * qa * qc).sqrt()) / (2.0 * qa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paper_kinetics_have_their_fixed_point_and_jacobian() {
        let k = MimuraMurray::PAPER;
        let (u, v) = k.fixed_point();
        assert!((u - 5.0).abs() < 1e-14 && (v - 10.0).abs() < 1e-13, "{u} {v}");
        assert!(k.f(u, v).abs() < 1e-12 && k.g(u, v).abs() < 1e-12);
        let j = k.jacobian();
        let want = [[10.0 / 3.0, -5.0], [10.0, -4.0]];
        for r in 0..2 {
            for c in 0..2 {
                assert!((j[r][c] - want[r][c]).abs() < 1e-13, "{j:?}");
                // Against a central difference of the kinetics.
                let h = 1e-6;
                let fd = |du: f64, dv: f64| if r == 0 { k.f(u + du, v + dv) } else { k.g(u + du, v + dv) };
                let num = if c == 0 {
                    (fd(h, 0.0) - fd(-h, 0.0)) / (2.0 * h)
                } else {
                    (fd(0.0, h) - fd(0.0, -h)) / (2.0 * h)
                };
                assert!((num - j[r][c]).abs() < 1e-7, "{r}{c}: {num}");
            }
        }
    }

    #[test]
    fn complex_eigenvalues_satisfy_the_characteristic_equation() {
        let d = Dispersion::new(&MimuraMurray::PAPER, 0.5, 10.0);
        for lambda in [C { re: -0.3, im: 0.8 }, C::real(-12.0), C { re: -2.0, im: -0.1 }] {
            let a = C::real(d.j[0][0]).add(lambda.scale(d.eps));
            let dd = C::real(d.j[1][1]).add(lambda.scale(d.sigma * d.eps));
            for z in d.eigenvalues(lambda) {
                // (a − z)(d − z) − bc = 0.
                let r = a.sub(z).mul(dd.sub(z)).sub(C::real(d.j[0][1] * d.j[1][0]));
                assert!(r.re.abs() < 1e-12 && r.im.abs() < 1e-12, "{lambda:?}: {r:?}");
            }
        }
    }
}
