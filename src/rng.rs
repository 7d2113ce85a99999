//! The one random source of every model: PCG32 streams named by (seed, purpose, index), and the
//! samplers built on them.
//!
//! Links are forever, so the numbers a seed produces must never change: PCG32 is value-stable by
//! its specification, the derivation of a stream from its name is frozen below, and the Gaussian
//! sampler is ours (a ziggurat whose tables come from `libm`), not a dependency's whose stream may
//! change between releases. PCG32 needs only 64-bit integer arithmetic, which wasm32 has natively.

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use std::sync::OnceLock;

pub use rand_pcg::Pcg32;

/// The generator for one purpose of a run: e.g. `stream(seed, "data", r)` gives the examples of
/// the r-th independent repetition. Streams with different names or indices are independent for
/// every practical purpose; the same arguments always give the same numbers, on every target.
///
/// Frozen: changing this function changes the output of every link ever made.
pub fn stream(seed: u64, name: &str, index: u64) -> Pcg32 {
    let name_hash =
        name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let state = splitmix64(seed ^ splitmix64(name_hash ^ splitmix64(index)));
    // Distinct states as well as distinct increments: PCG streams that differ only in their
    // increment can be correlated.
    let increment = splitmix64(state ^ 0x9e37_79b9_7f4a_7c15);
    Pcg32::new(state, increment)
}

/// One step of SplitMix64 (Steele, Lea & Flood 2014) as a bijective mixer of 64-bit words.
fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) with 53 random bits.
#[inline]
pub fn uniform(rng: &mut impl Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform number in (0, 1], safe to take the logarithm of.
#[inline]
fn uniform_open0(rng: &mut impl Rng) -> f64 {
    1.0 - uniform(rng)
}

const LAYERS: usize = 256;
/// Right edge of the base layer of the 256-layer ziggurat (Marsaglia & Tsang 2000).
const R: f64 = 3.654_152_885_361_009;

/// Tables of the ziggurat for the standard normal density f(x) = exp(−x²/2).
/// Layer 0 is the base strip (rectangle [0, R] × [0, f(R)] plus the tail beyond R, given as a
/// rectangle of equal area); layer i ≥ 1 is [0, x[i]] × [f(x[i]), f(x[i+1])]; x decreases to x[256] = 0.
pub struct Ziggurat {
    x: [f64; LAYERS + 1],
    f: [f64; LAYERS + 1],
    /// For 32-bit draws, indexed by the low 9 bits (layer and sign): ±x[i]/2²³, so that a
    /// position m of 23 bits maps to the signed point m·scale in one multiplication.
    scale32: [f64; 2 * LAYERS],
    /// For 32-bit draws: the positions m < inner32[i] lie wholly under the density
    /// (m·x[i]/2²³ < x[i+1]), an integer comparison.
    inner32: [u32; LAYERS],
}

fn density(x: f64) -> f64 {
    libm::exp(-0.5 * x * x)
}

impl Ziggurat {
    fn build() -> Self {
        // Area of each layer: the base rectangle plus the tail, ∫_R^∞ f = √(π/2) erfc(R/√2).
        let v = R * density(R) + (std::f64::consts::PI / 2.0).sqrt() * libm::erfc(R / std::f64::consts::SQRT_2);
        let mut x = [0.0; LAYERS + 1];
        x[0] = v / density(R);
        x[1] = R;
        for i in 1..LAYERS - 1 {
            x[i + 1] = (-2.0 * libm::log(v / x[i] + density(x[i]))).sqrt();
        }
        x[LAYERS] = 0.0;
        let mut f = [0.0; LAYERS + 1];
        for i in 0..=LAYERS {
            f[i] = density(x[i]);
        }
        let mut scale32 = [0.0; 2 * LAYERS];
        let mut inner32 = [0u32; LAYERS];
        let unit = (1u32 << 23) as f64;
        for i in 0..LAYERS {
            scale32[i] = x[i] / unit;
            scale32[LAYERS + i] = -x[i] / unit;
            // Points at or beyond this are sent to the exact wedge test, which accepts those under
            // the density: rounding of the threshold costs a little speed, never correctness.
            inner32[i] = (unit * (x[i + 1] / x[i])).floor().min(unit) as u32;
        }
        Ziggurat { x, f, scale32, inner32 }
    }

    /// A standard normal number.
    #[inline]
    pub fn sample(&self, rng: &mut impl Rng) -> f64 {
        let bits = rng.next_u64();
        match self.inside(bits) {
            Some(x) => x,
            None => self.sample_edge(rng, bits),
        }
    }

    /// The common case (99%): the point (layer, x) of the 64 random bits lies in the part of its
    /// layer wholly under the density, and x is accepted at once.
    #[inline(always)]
    fn inside(&self, bits: u64) -> Option<f64> {
        let i = (bits & 0xff) as usize;
        // (bits >> 11) < 2^53 converts exactly through i64, a single instruction on x86-64.
        let x = ((bits >> 11) as i64) as f64 * (1.0 / (1u64 << 53) as f64) * self.x[i];
        // The sign comes from bit 8, applied without a branch: a branch on a fair coin is
        // mispredicted half the time and would double the cost of a draw.
        (x < self.x[i + 1]).then(|| f64::from_bits(x.to_bits() ^ ((bits & 0x100) << 55)))
    }

    /// The common case of a 32-bit draw: bits 0–7 pick the layer, bit 8 the sign, bits 9–31 the
    /// position m in the layer (23 bits). Returns the signed point and whether it lies wholly under
    /// the density; two table lookups, a multiplication and an integer comparison, no branch.
    #[inline(always)]
    fn inside32(&self, bits: u32) -> (f64, bool) {
        let m = bits >> 9;
        (f64::from(m) * self.scale32[(bits & 0x1ff) as usize], m < self.inner32[(bits & 0xff) as usize])
    }

    /// A 32-bit draw that `inside32` did not accept: the point is accepted if it lies under the
    /// density in its wedge (or, in the base layer, the tail is sampled); otherwise a fresh 64-bit
    /// sample replaces it. Either way the result is exactly standard normal.
    #[cold]
    fn resolve32(&self, rng: &mut impl Rng, bits: u32) -> f64 {
        let i = (bits & 0xff) as usize;
        let sign = u64::from(bits & 0x100) << 55;
        let x = f64::from(bits >> 9) * (1.0 / (1u32 << 23) as f64) * self.x[i];
        if i == 0 {
            // The base layer: its rectangle up to R, else the tail.
            let x = if x < R { x } else { self.tail(rng) };
            return f64::from_bits(x.to_bits() ^ sign);
        }
        let y = self.f[i] + uniform(rng) * (self.f[i + 1] - self.f[i]);
        if y < density(x) { f64::from_bits(x.to_bits() ^ sign) } else { self.sample(rng) }
    }

    /// A draw from the tail beyond R, by Marsaglia's (1964) method.
    fn tail(&self, rng: &mut impl Rng) -> f64 {
        loop {
            let a = -libm::log(uniform_open0(rng)) / R;
            let b = -libm::log(uniform_open0(rng));
            if 2.0 * b > a * a {
                return R + a;
            }
        }
    }

    /// The rare case: the base layer's tail, or a wedge between the layer's rectangle and the
    /// density; rejected points start over with fresh bits.
    #[cold]
    #[inline(never)]
    fn sample_edge(&self, rng: &mut impl Rng, mut bits: u64) -> f64 {
        loop {
            if let Some(x) = self.inside(bits) {
                return x;
            }
            let i = (bits & 0xff) as usize;
            let sign = (bits & 0x100) << 55;
            let x = ((bits >> 11) as i64) as f64 * (1.0 / (1u64 << 53) as f64) * self.x[i];
            if i == 0 {
                return f64::from_bits(self.tail(rng).to_bits() ^ sign);
            }
            let y = self.f[i] + uniform(rng) * (self.f[i + 1] - self.f[i]);
            if y < density(x) {
                return f64::from_bits(x.to_bits() ^ sign);
            }
            bits = rng.next_u64();
        }
    }

    /// Fill `out` with independent standard normal numbers.
    pub fn fill(&self, rng: &mut impl Rng, out: &mut [f64]) {
        for v in out {
            *v = self.sample(rng);
        }
    }
}

/// Standard normal vectors in bulk, for inputs drawn by the million: two draws from each 64-bit
/// word of xoshiro256++ (the fastest generator that is portable and value-stable), 23 bits of
/// position each, i.e. the resolution of single-precision numbers, which is far below any
/// statistic a simulation measures. The common case is computed for a whole vector without
/// branches; the 1% of draws that fall on a layer's edge are resolved afterwards, in order.
pub struct NormalVectors {
    rng: Xoshiro256PlusPlus,
    /// The draws of the current vector that need resolving: their index and their 32 bits.
    edges: Vec<(u32, u32)>,
}

impl NormalVectors {
    /// The source named like [`stream`]; seeded from that stream's first four words.
    ///
    /// Frozen: changing this changes the numbers of every link that uses it.
    pub fn new(seed: u64, name: &str, index: u64) -> Self {
        let mut source = stream(seed, name, index);
        let mut state = [0u8; 32];
        for chunk in state.chunks_mut(8) {
            chunk.copy_from_slice(&source.next_u64().to_le_bytes());
        }
        NormalVectors { rng: Xoshiro256PlusPlus::from_seed(state), edges: Vec::new() }
    }

    /// Fill `out` with independent standard normal numbers: one word of the generator per two
    /// draws, each draw's common case at once, and the draws on an edge afterwards, in order
    /// (their extra words come after all of the vector's).
    pub fn fill(&mut self, out: &mut [f64]) {
        let z = normal();
        self.edges.resize(out.len() + 1, (0, 0));
        let mut pending = 0;
        let mut pairs = out.chunks_exact_mut(2);
        let mut at = 0u32;
        for pair in &mut pairs {
            let word = self.rng.next_u64();
            let (low, high) = (word as u32, (word >> 32) as u32);
            let (x0, inside0) = z.inside32(low);
            let (x1, inside1) = z.inside32(high);
            pair[0] = x0;
            pair[1] = x1;
            // Written always, kept only when the draw is not inside: no branch.
            self.edges[pending] = (at, low);
            pending += usize::from(!inside0);
            self.edges[pending] = (at + 1, high);
            pending += usize::from(!inside1);
            at += 2;
        }
        if let [last] = pairs.into_remainder() {
            let low = self.rng.next_u64() as u32;
            let (x, inside) = z.inside32(low);
            *last = x;
            self.edges[pending] = (at, low);
            pending += usize::from(!inside);
        }
        for k in 0..pending {
            let (at, bits) = self.edges[k];
            out[at as usize] = z.resolve32(&mut self.rng, bits);
        }
    }

    /// One standard normal number (full 53-bit resolution).
    pub fn sample(&mut self) -> f64 {
        normal().sample(&mut self.rng)
    }

    /// A uniform number in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        uniform(&mut self.rng)
    }
}

/// The shared ziggurat tables (built once, from `libm`, identically on every target).
pub fn normal() -> &'static Ziggurat {
    static TABLES: OnceLock<Ziggurat> = OnceLock::new();
    TABLES.get_or_init(Ziggurat::build)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_fixed_forever() {
        // The first outputs of a named stream are part of every link's meaning.
        let mut r = stream(7, "data", 0);
        let first: Vec<u32> = (0..3).map(|_| r.next_u32()).collect();
        let mut again = stream(7, "data", 0);
        assert_eq!(first, (0..3).map(|_| again.next_u32()).collect::<Vec<_>>());
        assert_ne!(first[0], stream(7, "data", 1).next_u32());
        assert_ne!(first[0], stream(7, "teacher", 0).next_u32());
        assert_ne!(first[0], stream(8, "data", 0).next_u32());
    }

    #[test]
    fn ziggurat_tables_close() {
        // The recursion for the layer edges must land on 0 at the top: the last layer has the
        // same area as the others.
        let z = normal();
        let v = R * density(R) + (std::f64::consts::PI / 2.0).sqrt() * libm::erfc(R / std::f64::consts::SQRT_2);
        let top = z.x[LAYERS - 1] * (1.0 - z.f[LAYERS - 1]);
        assert!((top - v).abs() < 1e-9 * v.max(1.0), "top layer area {top} vs {v}");
    }

    /// Φ, the standard normal distribution function.
    fn cdf(x: f64) -> f64 {
        0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
    }

    #[test]
    fn normal_matches_its_distribution() {
        let mut rng = stream(1, "test", 0);
        check_standard_normal((0..200_000).map(|_| normal().sample(&mut rng)).collect());
    }

    #[test]
    fn normal_vectors_match_the_distribution() {
        // Vectors of odd length too, so that the unpaired last draw is exercised.
        let mut source = NormalVectors::new(1, "test", 0);
        let mut xs = Vec::new();
        let mut v = vec![0.0; 999];
        while xs.len() < 200_000 {
            source.fill(&mut v);
            xs.extend_from_slice(&v);
        }
        xs.truncate(200_000);
        check_standard_normal(xs);
    }

    /// Kolmogorov–Smirnov on 200k samples, the first four moments and the tail of the ziggurat.
    fn check_standard_normal(mut xs: Vec<f64>) {
        // The 0.1% critical value of the KS distance is 1.95/√n = 0.0044.
        let n = xs.len();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        let kurt = xs.iter().map(|x| (x - mean).powi(4)).sum::<f64>() / n as f64 / (var * var);
        // Standard errors: mean 1/√n = 0.0022, variance √(2/n) = 0.0032, kurtosis √(24/n) = 0.011.
        assert!(mean.abs() < 5.0 * 0.0022, "mean {mean}");
        assert!((var - 1.0).abs() < 5.0 * 0.0032, "variance {var}");
        assert!((kurt - 3.0).abs() < 5.0 * 0.011, "kurtosis {kurt}");
        xs.sort_by(f64::total_cmp);
        let d = xs.iter().enumerate().map(|(i, &x)| (cdf(x) - i as f64 / n as f64).abs()).fold(0.0, f64::max);
        assert!(d < 1.95 / (n as f64).sqrt(), "KS distance {d}");
        // The tail beyond R = 3.654 is sampled by its own branch: P(|x| > R) = 2.58e-4, i.e. 51.6
        // expected in 200k, sd 7.2.
        let tail = xs.iter().filter(|x| x.abs() > R).count() as f64;
        assert!((tail - 51.6).abs() < 5.0 * 7.2, "tail count {tail}");
    }
}
