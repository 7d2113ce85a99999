//! The theory of the multi-class teacher–student perceptron: the test error of any student from its
//! overlaps with the teacher, and the learning curve of ridge regression on one-hot labels.
//!
//! The test fields z = W*x/√d (teacher) and h = Wx/√d + b (student) are jointly Gaussian for
//! x ~ N(0, I_d): Cov(z) = T = W*W*ᵀ/d, Cov(h, z) = M = WW*ᵀ/d, Cov(h) = Q = WWᵀ/d, E h = b. The test
//! error is ε = P(argmax z ≠ argmax h), a 2K-dimensional Gaussian probability ([`error_from_overlaps`],
//! by a fixed stream of draws).
//!
//! Ridge (square loss on the one-hot labels Y, penalty (λ/2)|W|², bias fitted) treats each class as
//! a linear regression of Y − 1/K on x. Its targets are a linear part B z plus a residual uncorrelated
//! with x, which acts as independent noise of covariance Σ_ε; with the eigenvalues s of XᵀX/d
//! (Marchenko–Pastur at n/d = α),
//!
//!   M = τ₁ B,  Q = τ₂ BBᵀ + τ₃ Σ_ε,  τ₁ = E s/(s+λ), τ₂ = E s²/(s+λ)², τ₃ = E s/(s+λ)².
//!
//! For T = I, B = β P and Σ_ε = (1/K − β²) P with P = I − 11ᵀ/K and β = E[max of K standard
//! normals]/(K − 1), so M and Q are multiples m P and q P of one matrix, and the error depends on
//! the cosine ρ = m/√q alone: ε = P(argmax z ≠ argmax(ρ z + √(1 − ρ²) g)), g independent
//! ([`symmetric_error`], by quadrature). For K = 2 this is arccos(ρ)/π, the binary perceptron's.

use crate::num::cholesky;
use crate::num::quad::GaussLegendre;
use crate::num::special::{norm_cdf, phi};
use crate::rng::NormalVectors;
use core::f64::consts::PI;
use std::sync::OnceLock;

/// The Gauss–Legendre rule of the quadratures here (20 points per panel).
fn rule() -> &'static GaussLegendre {
    static RULE: OnceLock<GaussLegendre> = OnceLock::new();
    RULE.get_or_init(|| GaussLegendre::new(20))
}

/// E[max of K independent standard normals] = K ∫ x φ(x) Φ(x)^(K−1) dx (0 for K = 1).
pub fn expected_max(k: usize) -> f64 {
    let f = |x: f64| x * phi(x) * libm::pow(norm_cdf(x), (k - 1) as f64);
    k as f64 * rule().integrate(f, -12.0, 12.0, 24)
}

/// β of B = β P: the covariance of a one-hot label with its own class's field, E[(Y_c − 1/K) z_c]
/// = E[max z]/K, is (1 − 1/K) β.
pub fn beta(k: usize) -> f64 {
    expected_max(k) / (k - 1) as f64
}

/// The Marchenko–Pastur averages τ₁, τ₂, τ₃ over the eigenvalues s of XᵀX/d, X an n×d standard
/// Gaussian matrix, n/d = α, at λ > 0. With W = XᵀX/n (ratio γ = d/n) and λ' = λ/α, the Stieltjes
/// transform m = E 1/(w + λ') solves γλ'm² + (1 − γ + λ')m − 1 = 0 and m' = E 1/(w + λ')².
pub fn tau(alpha: f64, lambda: f64) -> [f64; 3] {
    let gamma = 1.0 / alpha;
    let l = lambda / alpha;
    let b = 1.0 - gamma + l;
    // The positive root, written without cancellation: m = 2 / (b + √(b² + 4γλ')).
    let m = 2.0 / (b + libm::sqrt(b * b + 4.0 * gamma * l));
    let dm = (gamma * m * m + m) / (b + 2.0 * gamma * l * m);
    let t1 = 1.0 - l * m;
    let t2 = 1.0 - 2.0 * l * m + l * l * dm;
    let t3 = (m - l * dm) / alpha;
    [t1, t2, t3]
}

/// The overlaps m, q of M = m P and Q = q P for ridge at (α, λ) with K classes, T = I.
pub fn ridge_overlaps(k: usize, alpha: f64, lambda: f64) -> (f64, f64) {
    let [t1, t2, t3] = tau(alpha, lambda);
    let b = beta(k);
    (t1 * b, t2 * b * b + t3 * (1.0 / k as f64 - b * b))
}

/// B and Σ_ε as K×K matrices (row-major), for T = I.
pub fn b_and_sigma(k: usize) -> (Vec<f64>, Vec<f64>) {
    let b = beta(k);
    let p = |i: usize, j: usize| if i == j { 1.0 - 1.0 / k as f64 } else { -1.0 / k as f64 };
    let bm = (0..k * k).map(|x| b * p(x / k, x % k)).collect();
    let s = (0..k * k).map(|x| (1.0 / k as f64 - b * b) * p(x / k, x % k)).collect();
    (bm, s)
}

/// The ridge test error at (α, λ) with K classes.
pub fn ridge_error(k: usize, alpha: f64, lambda: f64) -> f64 {
    let (m, q) = ridge_overlaps(k, alpha, lambda);
    symmetric_error(k, m / libm::sqrt(q))
}

/// P(X ≤ a, Y ≤ b) for standard normals of correlation r (Genz's algorithm after Drezner &
/// Wesolowsky, accurate to about 1e−15).
pub fn bivariate_cdf(a: f64, b: f64, r: f64) -> f64 {
    upper(-a, -b, r)
}

/// P(X > h, Y > k) at correlation r.
fn upper(h: f64, k: f64, r: f64) -> f64 {
    const W6: [f64; 3] = [0.171_324_492_379_170_5, 0.360_761_573_048_138_4, 0.467_913_934_572_690_4];
    const X6: [f64; 3] = [0.932_469_514_203_152_2, 0.661_209_386_466_264_7, 0.238_619_186_083_197];
    const W12: [f64; 6] = [
        0.047_175_336_386_511_77,
        0.106_939_325_995_318_3,
        0.160_078_328_543_346_4,
        0.203_167_426_723_065_9,
        0.233_492_536_538_354_7,
        0.249_147_045_813_402_9,
    ];
    const X12: [f64; 6] = [
        0.981_560_634_246_719_1,
        0.904_117_256_370_475,
        0.769_902_674_194_305,
        0.587_317_954_286_617_1,
        0.367_831_498_998_180_2,
        0.125_233_408_511_469_2,
    ];
    const W20: [f64; 10] = [
        0.017_614_007_139_152_12,
        0.040_601_429_800_386_94,
        0.062_672_048_334_109_06,
        0.083_276_741_576_704_75,
        0.101_930_119_817_240_4,
        0.118_194_531_961_518_4,
        0.131_688_638_449_176_6,
        0.142_096_109_318_382_1,
        0.149_172_986_472_603_7,
        0.152_753_387_130_725_9,
    ];
    const X20: [f64; 10] = [
        0.993_128_599_185_094_9,
        0.963_971_927_277_913_8,
        0.912_234_428_251_326,
        0.839_116_971_822_218_8,
        0.746_331_906_460_150_8,
        0.636_053_680_726_515,
        0.510_867_001_950_827_1,
        0.373_706_088_715_419_6,
        0.227_785_851_141_645_1,
        0.076_526_521_133_497_33,
    ];
    if r == 0.0 {
        return norm_cdf(-h) * norm_cdf(-k);
    }
    let (w, x): (&[f64], &[f64]) = if r.abs() < 0.3 {
        (&W6, &X6)
    } else if r.abs() < 0.75 {
        (&W12, &X12)
    } else {
        (&W20, &X20)
    };
    let tp = 2.0 * PI;
    let mut k = k;
    let mut hk = h * k;
    let mut bvn = 0.0;
    if r.abs() < 0.925 {
        let hs = (h * h + k * k) / 2.0;
        let asr = libm::asin(r) / 2.0;
        for (&wi, &xi) in w.iter().zip(x) {
            for node in [1.0 - xi, 1.0 + xi] {
                let sn = libm::sin(asr * node);
                bvn += wi * libm::exp((sn * hk - hs) / (1.0 - sn * sn));
            }
        }
        return (bvn * asr / tp + norm_cdf(-h) * norm_cdf(-k)).clamp(0.0, 1.0);
    }
    if r < 0.0 {
        k = -k;
        hk = -hk;
    }
    if r.abs() < 1.0 {
        let a_s = (1.0 - r) * (1.0 + r);
        let mut a = libm::sqrt(a_s);
        let bs = (h - k) * (h - k);
        let c = (4.0 - hk) / 8.0;
        let d = (12.0 - hk) / 80.0;
        let asr = -(bs / a_s + hk) / 2.0;
        if asr > -100.0 {
            bvn = a * libm::exp(asr) * (1.0 - c * (bs - a_s) * (1.0 - d * bs) / 3.0 + c * d * a_s * a_s);
        }
        if hk > -100.0 {
            let b = libm::sqrt(bs);
            let sp = libm::sqrt(tp) * norm_cdf(-b / a);
            bvn -= libm::exp(-hk / 2.0) * sp * b * (1.0 - c * bs * (1.0 - d * bs) / 3.0);
        }
        a /= 2.0;
        let mut sum = 0.0;
        for (&wi, &xi) in w.iter().zip(x) {
            for node in [1.0 - xi, 1.0 + xi] {
                let xs = (a * node) * (a * node);
                let asr = -(bs / xs + hk) / 2.0;
                if asr > -100.0 {
                    let sp = 1.0 + c * xs * (1.0 + 5.0 * d * xs);
                    let rs = libm::sqrt(1.0 - xs);
                    let ep = libm::exp(-(hk / 2.0) * xs / ((1.0 + rs) * (1.0 + rs))) / rs;
                    sum += wi * libm::exp(asr) * (sp - ep);
                }
            }
        }
        bvn = (a * sum - bvn) / tp;
    }
    if r > 0.0 {
        bvn += norm_cdf(-h.max(k));
    } else if h >= k {
        bvn = -bvn;
    } else {
        let l = if h < 0.0 { norm_cdf(k) - norm_cdf(h) } else { norm_cdf(-h) - norm_cdf(-k) };
        bvn = l - bvn;
    }
    bvn.clamp(0.0, 1.0)
}

/// Panels of the outer quadrature of [`symmetric_error`] on [−8, 8] in each variable: 40 points
/// each way; eight times as many change ε by less than 1e−7 (K = 3 and 10, ρ from 0.1 to 0.9999).
const PANELS: usize = 2;

/// ε = P(argmax z ≠ argmax h) for z ~ N(0, I_K) and h = ρz + √(1 − ρ²) g, g ~ N(0, I_K)
/// independent: one minus K times the chance that class 1 is the largest of both,
/// K ∫∫ φ(x) φ(y) Φ₂(x, ρx + √(1 − ρ²) y; ρ)^(K−1) dx dy (x = z₁, y = g₁; each other class j
/// has z_j ≤ x and h_j ≤ h₁, a bivariate normal probability). ρ is clamped to [−1, 1].
pub fn symmetric_error(k: usize, rho: f64) -> f64 {
    let rho = rho.clamp(-1.0, 1.0);
    if k == 2 {
        return libm::acos(rho) / PI;
    }
    if rho >= 1.0 {
        return 0.0;
    }
    let s = libm::sqrt((1.0 - rho) * (1.0 + rho));
    let points = rule().composite_points(-8.0, 8.0, PANELS);
    let mut total = 0.0;
    for &(x, wx) in &points {
        let mut inner = 0.0;
        for &(y, wy) in &points {
            let f = bivariate_cdf(x, rho * x + s * y, rho);
            inner += wy * phi(y) * libm::pow(f, (k - 1) as f64);
        }
        total += wx * phi(x) * inner;
    }
    (1.0 - k as f64 * total).clamp(0.0, 1.0)
}

/// Draws of the 2K-dimensional Gaussian in [`error_from_overlaps`].
pub const OVERLAP_DRAWS: usize = 100_000;

/// ε = P(argmax z ≠ argmax h) for jointly Gaussian (z, h) with Cov(z) = T, Cov(h, z) = M
/// (M_cj = E h_c z_j), Cov(h) = Q and E h = b, all K×K row-major: the share of disagreeing draws
/// among [`OVERLAP_DRAWS`] of a fixed stream ("overlap-error", independent of every run's seed),
/// so the same overlaps give the same bits everywhere. Its standard error is √(ε(1 − ε)/10⁵) ≤
/// 0.0016. `None` if the joint covariance is not positive semi-definite.
pub fn error_from_overlaps(k: usize, t: &[f64], m: &[f64], q: &[f64], b: &[f64]) -> Option<f64> {
    let n = 2 * k;
    let mut c = vec![0.0; n * n];
    for i in 0..k {
        for j in 0..k {
            c[i * n + j] = t[i * k + j];
            c[(k + i) * n + j] = m[i * k + j];
            c[i * n + k + j] = m[j * k + i];
            c[(k + i) * n + k + j] = q[i * k + j];
        }
    }
    let trace: f64 = (0..n).map(|i| c[i * n + i]).sum();
    // A semi-definite covariance (e.g. a student in the teacher's span) gets a vanishing jitter.
    let mut jitter = 0.0;
    let mut l = c.clone();
    while cholesky::factor(n, &mut l).is_err() {
        jitter = if jitter == 0.0 { 1e-12 * trace } else { jitter * 100.0 };
        if jitter > 1e-4 * trace {
            return None;
        }
        l.copy_from_slice(&c);
        for i in 0..n {
            l[i * n + i] += jitter;
        }
    }
    let mut source = NormalVectors::new(0, "overlap-error", k as u64);
    let (mut g, mut v) = (vec![0.0; n], vec![0.0; n]);
    let mut wrong = 0usize;
    for _ in 0..OVERLAP_DRAWS {
        source.fill(&mut g);
        for i in 0..n {
            v[i] = crate::num::vector::dot(&l[i * n..i * n + i + 1], &g[..i + 1]);
        }
        for (h, b) in v[k..].iter_mut().zip(b) {
            *h += b;
        }
        if argmax(&v[..k]) != argmax(&v[k..]) {
            wrong += 1;
        }
    }
    Some(wrong as f64 / OVERLAP_DRAWS as f64)
}

/// The index of the largest entry (the first of equals).
pub fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, &x) in v.iter().enumerate() {
        if x > v[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bivariate_cdf_has_its_known_values() {
        // Φ₂(0, 0; r) = 1/4 + arcsin(r)/(2π), and independence at r = 0.
        for r in [-0.99, -0.9, -0.5, -0.1, 0.2, 0.6, 0.8, 0.95, 0.999] {
            let want = 0.25 + libm::asin(r) / (2.0 * PI);
            assert!((bivariate_cdf(0.0, 0.0, r) - want).abs() < 1e-13, "r = {r}");
        }
        assert!((bivariate_cdf(0.3, -0.7, 0.0) - norm_cdf(0.3) * norm_cdf(-0.7)).abs() < 1e-15);
        // Against a fine quadrature of ∫_{−∞}^a φ(x) Φ((b − rx)/√(1 − r²)) dx.
        for (a, b, r) in [(0.5, 1.2, 0.8), (-1.0, 0.3, 0.95), (1.5, -0.4, -0.6), (0.2, 0.1, 0.3), (2.0, 1.9, 0.99)] {
            let s = libm::sqrt(1.0 - r * r);
            let want = rule().integrate(|x| phi(x) * norm_cdf((b - r * x) / s), -12.0, a, 200);
            assert!((bivariate_cdf(a, b, r) - want).abs() < 1e-12, "({a}, {b}, {r})");
        }
    }

    #[test]
    fn the_expected_maximum_has_its_known_values() {
        // E max of 2: 1/√π; of 3: 3/(2√π).
        assert!((expected_max(2) - 1.0 / libm::sqrt(PI)).abs() < 1e-13);
        assert!((expected_max(3) - 1.5 / libm::sqrt(PI)).abs() < 1e-13);
        assert!((expected_max(10) - 1.538_752_730_3).abs() < 1e-9);
    }

    #[test]
    fn tau_matches_the_eigenvalues_of_a_sample() {
        // XᵀX/d for n = αd, d = 300: its eigenvalues against the closed form (scatter O(1/d)).
        use crate::rng::{normal, stream};
        let d = 300;
        for (alpha, lambda) in [(0.5, 0.1), (2.0, 1.0), (4.0, 0.01)] {
            let n = (alpha * d as f64) as usize;
            let mut x = vec![0.0; n * d];
            normal().fill(&mut stream(1, "test", 0), &mut x);
            let mut g = vec![0.0; d * d];
            for r in 0..n {
                let row = &x[r * d..(r + 1) * d];
                for i in 0..d {
                    for j in 0..d {
                        g[i * d + j] += row[i] * row[j] / d as f64;
                    }
                }
            }
            let s = crate::num::eigen::symmetric_eigenvalues(d, &g).unwrap();
            let mut sample = [0.0; 3];
            for &s in &s {
                let s = s.max(0.0);
                sample[0] += s / (s + lambda) / d as f64;
                sample[1] += s * s / ((s + lambda) * (s + lambda)) / d as f64;
                sample[2] += s / ((s + lambda) * (s + lambda)) / d as f64;
            }
            let theory = tau(alpha, lambda);
            for i in 0..3 {
                assert!(
                    (sample[i] - theory[i]).abs() < 0.02 * theory[i],
                    "α = {alpha}, λ = {lambda}: τ{} {} vs {}",
                    i + 1,
                    sample[i],
                    theory[i]
                );
            }
        }
    }

    #[test]
    fn the_symmetric_error_matches_the_draws_and_k_two() {
        for k in [3, 5, 10] {
            for rho in [0.2, 0.6, 0.9, 0.99] {
                let quad = symmetric_error(k, rho);
                let (mut t, mut q) = (vec![0.0; k * k], vec![0.0; k * k]);
                for i in 0..k {
                    t[i * k + i] = 1.0;
                    q[i * k + i] = 1.0;
                }
                let m: Vec<f64> = t.iter().map(|v| rho * v).collect();
                let mc = error_from_overlaps(k, &t, &m, &q, &vec![0.0; k]).unwrap();
                let se = libm::sqrt(mc * (1.0 - mc) / OVERLAP_DRAWS as f64);
                assert!((quad - mc).abs() < 4.0 * se + 1e-6, "K = {k}, ρ = {rho}: {quad} vs {mc} ± {se}");
            }
        }
        assert!((symmetric_error(4, 0.0) - 0.75).abs() < 1e-10, "chance at ρ = 0");
    }
}
