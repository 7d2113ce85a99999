//! The Gaussian averages of the order-parameter equations, in closed form.
//!
//! For jointly Gaussian local fields with covariance C, the equations of online learning need
//! I2 = ⟨g(a)g(b)⟩, J2 = ⟨g'(a)g'(b)⟩, I3 = ⟨g'(a) b g(c)⟩ and I4 = ⟨g'(a)g'(b)g(c)g(d)⟩, where a, b,
//! c, d index units and C is the covariance of all of them. For g(u) = erf(u/√2) they are
//! elementary functions of C (Saad & Solla 1995; Goldt et al. 2019); for g(u) = u they are entries
//! of C.

use std::f64::consts::PI;

/// The activation function g of the hidden units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// g(u) = erf(u/√2), a sigmoid with g'(u) = √(2/π) exp(−u²/2).
    Erf,
    /// g(u) = u.
    Linear,
}

impl Activation {
    pub fn from_name(name: &str) -> Self {
        match name {
            "linear" => Activation::Linear,
            _ => Activation::Erf,
        }
    }

    #[inline]
    pub fn g(self, u: f64) -> f64 {
        match self {
            Activation::Erf => libm::erf(u * std::f64::consts::FRAC_1_SQRT_2),
            Activation::Linear => u,
        }
    }

    #[inline]
    pub fn dg(self, u: f64) -> f64 {
        match self {
            Activation::Erf => SQRT_2_OVER_PI * libm::exp(-0.5 * u * u),
            Activation::Linear => 1.0,
        }
    }
}

const SQRT_2_OVER_PI: f64 = 0.797_884_560_802_865_4;

/// A symmetric covariance matrix of units, stored in full, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Covariance {
    pub n: usize,
    pub c: Vec<f64>,
}

impl Covariance {
    pub fn zeros(n: usize) -> Self {
        Covariance { n, c: vec![0.0; n * n] }
    }
    #[inline(always)]
    pub fn at(&self, a: usize, b: usize) -> f64 {
        self.c[a * self.n + b]
    }
    pub fn set(&mut self, a: usize, b: usize, value: f64) {
        self.c[a * self.n + b] = value;
        self.c[b * self.n + a] = value;
    }
}

/// asin of a ratio that rounding may push a hair beyond ±1.
#[inline(always)]
fn asin_clamped(x: f64) -> f64 {
    crate::num::asin::asin(x.clamp(-1.0, 1.0))
}

/// ⟨g(a) g(b)⟩.
pub fn i2(act: Activation, c: &Covariance, a: usize, b: usize) -> f64 {
    match act {
        Activation::Erf => 2.0 / PI * asin_clamped(c.at(a, b) / ((1.0 + c.at(a, a)) * (1.0 + c.at(b, b))).sqrt()),
        Activation::Linear => c.at(a, b),
    }
}

/// ⟨g'(a) g'(b)⟩.
pub fn j2(act: Activation, c: &Covariance, a: usize, b: usize) -> f64 {
    match act {
        Activation::Erf => {
            let (caa, cbb, cab) = (c.at(a, a), c.at(b, b), c.at(a, b));
            2.0 / PI / (1.0 + caa + cbb + caa * cbb - cab * cab).sqrt()
        }
        Activation::Linear => 1.0,
    }
}

/// ⟨g'(a) b g(c)⟩ (b enters linearly: it is a local field, not a hidden unit's output).
pub fn i3(act: Activation, cov: &Covariance, a: usize, b: usize, c: usize) -> f64 {
    match act {
        Activation::Erf => {
            let one_aa = 1.0 + cov.at(a, a);
            let lambda3 = one_aa * (1.0 + cov.at(c, c)) - cov.at(a, c) * cov.at(a, c);
            2.0 / PI * (cov.at(b, c) * one_aa - cov.at(a, b) * cov.at(a, c)) / (one_aa * lambda3.sqrt())
        }
        Activation::Linear => cov.at(b, c),
    }
}

/// ⟨g'(a) g'(b) g(c) g(d)⟩, one at a time (the slow, obviously right form; the equations use
/// [`I4Row`], which shares the work that depends on (a, b) only).
pub fn i4(act: Activation, cov: &Covariance, a: usize, b: usize, c: usize, d: usize) -> f64 {
    I4Row::new(act, cov, a, b).at(cov, c, d)
}

/// I4(a, b, ·, ·) for fixed a, b: Λ4 and Λ1(c) are computed once, so that each (c, d) costs one
/// asin and one square root.
pub struct I4Row {
    act: Activation,
    a: usize,
    b: usize,
    one_aa: f64,
    one_bb: f64,
    cab: f64,
    lambda4: f64,
    /// (4/π²)/√Λ4.
    prefactor: f64,
    /// 1/√Λ1(c) for every unit c.
    inv_sqrt_lambda1: Vec<f64>,
}

impl I4Row {
    pub fn new(act: Activation, cov: &Covariance, a: usize, b: usize) -> Self {
        let mut row = I4Row {
            act,
            a,
            b,
            one_aa: 0.0,
            one_bb: 0.0,
            cab: 0.0,
            lambda4: 0.0,
            prefactor: 0.0,
            inv_sqrt_lambda1: vec![0.0; cov.n],
        };
        row.reset(cov, a, b);
        row
    }

    /// Can [`I4Row::reset`] re-target this row for activation `act` and `units` units?
    pub fn fits(&self, act: Activation, units: usize) -> bool {
        self.act == act && self.inv_sqrt_lambda1.len() == units
    }

    /// Re-target the row to (a, b), reusing its buffer.
    pub fn reset(&mut self, cov: &Covariance, a: usize, b: usize) {
        self.a = a;
        self.b = b;
        if self.act == Activation::Linear {
            return;
        }
        self.one_aa = 1.0 + cov.at(a, a);
        self.one_bb = 1.0 + cov.at(b, b);
        self.cab = cov.at(a, b);
        self.lambda4 = self.one_aa * self.one_bb - self.cab * self.cab;
        self.prefactor = 4.0 / (PI * PI) / self.lambda4.sqrt();
        for c in 0..cov.n {
            let (cac, cbc) = (cov.at(a, c), cov.at(b, c));
            let lambda1 = self.lambda4 * (1.0 + cov.at(c, c)) - cbc * cbc * self.one_aa - cac * cac * self.one_bb
                + 2.0 * self.cab * cac * cbc;
            self.inv_sqrt_lambda1[c] = 1.0 / lambda1.sqrt();
        }
    }

    /// Σ_{c ≤ d} w(c, d) I4(a, b, c, d) over the units c, d with nonzero `u`, where w(c, d) =
    /// u_c u_d·pair(c, d) for c < d and ½ u_c²·pair(c, c) on the diagonal, times 2: i.e. the sum over
    /// all ordered pairs Σ_{c,d} u_c u_d pair(c, d) I4(a, b, c, d), computed once per unordered pair.
    ///
    /// Λ0(c, d) = Λ4 C_cd + α_c C_bd + β_c C_ad is linear in row d of C for fixed c, which is
    /// what makes the inner loop cheap.
    pub fn weighted_sum(&self, cov: &Covariance, u: &[f64], pair: impl Fn(usize, usize) -> f64) -> f64 {
        let n = cov.n;
        if self.act == Activation::Linear {
            let mut sum = 0.0;
            for c in 0..n {
                for d in 0..n {
                    if u[c] != 0.0 && u[d] != 0.0 {
                        sum += u[c] * u[d] * pair(c, d) * cov.at(c, d);
                    }
                }
            }
            return sum;
        }
        let (a, b) = (self.a, self.b);
        let row_a = &cov.c[a * n..(a + 1) * n];
        let row_b = &cov.c[b * n..(b + 1) * n];
        let isq = &self.inv_sqrt_lambda1[..n];
        let mut sum = 0.0;
        for c in 0..n {
            if u[c] == 0.0 {
                continue;
            }
            let row_c = &cov.c[c * n..(c + 1) * n];
            let alpha = -row_b[c] * self.one_aa + self.cab * row_a[c];
            let beta = -row_a[c] * self.one_bb + self.cab * row_b[c];
            let lambda0 = |d: usize| self.lambda4 * row_c[d] + alpha * row_b[d] + beta * row_a[d];
            let mut pairs = 0.5 * u[c] * pair(c, c) * asin_clamped(lambda0(c) * isq[c] * isq[c]);
            for d in c + 1..n {
                if u[d] != 0.0 {
                    pairs += u[d] * pair(c, d) * asin_clamped(lambda0(d) * isq[c] * isq[d]);
                }
            }
            sum += 2.0 * u[c] * pairs;
        }
        self.prefactor * sum
    }

    #[inline(always)]
    pub fn at(&self, cov: &Covariance, c: usize, d: usize) -> f64 {
        if self.act == Activation::Linear {
            return cov.at(c, d);
        }
        let (a, b) = (self.a, self.b);
        let (cac, cad, cbc, cbd) = (cov.at(a, c), cov.at(a, d), cov.at(b, c), cov.at(b, d));
        let lambda0 = self.lambda4 * cov.at(c, d) - cbc * cbd * self.one_aa - cac * cad * self.one_bb
            + self.cab * (cac * cbd + cad * cbc);
        self.prefactor * asin_clamped(lambda0 * self.inv_sqrt_lambda1[c] * self.inv_sqrt_lambda1[d])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The covariance of the catalogue's test (E1, T1).
    fn reference() -> Covariance {
        let rows = [[1.0, 0.3, 0.5, 0.2], [0.3, 0.8, 0.1, 0.4], [0.5, 0.1, 1.2, 0.3], [0.2, 0.4, 0.3, 0.9]];
        Covariance { n: 4, c: rows.iter().flatten().copied().collect() }
    }

    #[test]
    fn erf_integrals_match_reference_values() {
        // Independent reference values to 8 digits; the closed forms are exact, so 1e-7 is the
        // precision of the printed reference.
        let c = reference();
        let act = Activation::Erf;
        assert!((i2(act, &c, 0, 1) - 0.10108262).abs() < 1e-7);
        assert!((j2(act, &c, 0, 1) - 0.33980250).abs() < 1e-7);
        assert!((i3(act, &c, 0, 1, 2) - 0.00781261).abs() < 1e-7);
        assert!((i4(act, &c, 0, 1, 2, 3) - 0.02745432).abs() < 1e-7);
    }

    #[test]
    fn linear_integrals_are_covariances() {
        let c = reference();
        let act = Activation::Linear;
        assert_eq!(i2(act, &c, 0, 1), 0.3);
        assert_eq!(j2(act, &c, 0, 1), 1.0);
        assert_eq!(i3(act, &c, 0, 1, 2), 0.1);
        assert_eq!(i4(act, &c, 0, 1, 2, 3), 0.3);
    }

    #[test]
    fn erf_integrals_agree_with_monte_carlo() {
        // 4·10⁶ samples of the four fields by Cholesky factorisation of C; each average within four
        // standard errors (the standard errors are those of the sampled products).
        let c = reference();
        let n = 4;
        let mut l = [[0.0f64; 4]; 4];
        for i in 0..n {
            for j in 0..=i {
                let s: f64 = (0..j).map(|k| l[i][k] * l[j][k]).sum();
                l[i][j] = if i == j { (c.at(i, i) - s).sqrt() } else { (c.at(i, j) - s) / l[j][j] };
            }
        }
        let act = Activation::Erf;
        let mut rng = crate::rng::stream(1, "integrals", 0);
        let z = crate::rng::normal();
        let mut stats = [crate::num::stats::Welford::default(); 4];
        for _ in 0..4_000_000 {
            let e: [f64; 4] = std::array::from_fn(|_| z.sample(&mut rng));
            let u: [f64; 4] = std::array::from_fn(|i| (0..=i).map(|k| l[i][k] * e[k]).sum());
            stats[0].push(act.g(u[0]) * act.g(u[1]));
            stats[1].push(act.dg(u[0]) * act.dg(u[1]));
            stats[2].push(act.dg(u[0]) * u[1] * act.g(u[2]));
            stats[3].push(act.dg(u[0]) * act.dg(u[1]) * act.g(u[2]) * act.g(u[3]));
        }
        let exact = [i2(act, &c, 0, 1), j2(act, &c, 0, 1), i3(act, &c, 0, 1, 2), i4(act, &c, 0, 1, 2, 3)];
        for (s, e) in stats.iter().zip(exact) {
            assert!((s.mean() - e).abs() < 4.0 * s.std_error(), "MC {} ± {} vs {e}", s.mean(), s.std_error());
        }
    }
}
