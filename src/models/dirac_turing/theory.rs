//! The linear theory of the node and edge signals at u = v = 0: the 2×2 block M(s) of a singular
//! pair of B1, its growth rate, the threshold cγ* and the unstable band of s² (in closed form
//! without cross-diffusion, found on a grid with it).

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

    /// The eigenvalues of M(s) as (re, im) pairs, the one with the larger real part first.
    pub fn eigenvalues(&self, s: f64) -> [(f64, f64); 2] {
        let [[p, q], [r, w]] = self.block(s);
        let mean = 0.5 * (p + w);
        let disc = 0.25 * (p - w) * (p - w) + q * r;
        if disc >= 0.0 {
            let root = disc.sqrt();
            [(mean + root, 0.0), (mean - root, 0.0)]
        } else {
            let root = (-disc).sqrt();
            [(mean, root), (mean, -root)]
        }
    }

    /// The growth rate of the singular pair with singular value s: max Re eig M(s).
    pub fn growth(&self, s: f64) -> f64 {
        self.eigenvalues(s)[0].0
    }

    /// The largest modulus of an eigenvalue of M(s): what limits the step of an explicit scheme.
    pub fn fastest(&self, s: f64) -> f64 {
        let [(a, b), (c, d)] = self.eigenvalues(s);
        libm::hypot(a, b).max(libm::hypot(c, d))
    }

    /// The growing eigenvector of M(s), (node part, edge part), with unit norm; `None` when the
    /// eigenvalues are complex.
    pub fn mode(&self, s: f64) -> Option<(f64, f64)> {
        let [(lambda, im), _] = self.eigenvalues(s);
        if im != 0.0 {
            return None;
        }
        let [[p, q], [r, w]] = self.block(s);
        // (M − λ) x = 0: x = (q, λ − p) or (λ − w, r), whichever is longer.
        let (x, y) = if q * q + (lambda - p) * (lambda - p) >= (lambda - w) * (lambda - w) + r * r {
            (q, lambda - p)
        } else {
            (lambda - w, r)
        };
        let n = libm::hypot(x, y);
        (n > 0.0).then(|| (x / n, y / n))
    }

    /// Is there cross-diffusion (D01 or D10 not zero)? The closed forms below assume there is not.
    pub fn cross_diffusion(&self) -> bool {
        self.d01 != 0.0 || self.d10 != 0.0
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

    /// The intervals of s² in [0, top] where M(s) has a growing eigenvalue, found on a grid of
    /// `points` and refined by bisection: with cross-diffusion there may be several, or one that
    /// runs to the end.
    pub fn unstable_intervals(&self, top: f64, points: usize) -> Vec<(f64, f64)> {
        let g = |x: f64| self.growth(x.max(0.0).sqrt());
        let edge = |mut lo: f64, mut hi: f64| {
            // g changes sign between lo and hi.
            let up = g(lo) <= 0.0;
            for _ in 0..60 {
                let mid = 0.5 * (lo + hi);
                if (g(mid) <= 0.0) == up {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            0.5 * (lo + hi)
        };
        let mut out = Vec::new();
        let mut start = (g(0.0) > 0.0).then_some(0.0);
        let mut prev = 0.0;
        for k in 1..=points {
            let x = top * k as f64 / points as f64;
            match (start, g(x) > 0.0) {
                (None, true) => start = Some(edge(prev, x)),
                (Some(lo), false) => {
                    out.push((lo, edge(prev, x)));
                    start = None;
                }
                _ => {}
            }
            prev = x;
        }
        if let Some(lo) = start {
            out.push((lo, top));
        }
        out
    }
}
