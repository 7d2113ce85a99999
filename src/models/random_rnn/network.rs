//! The network dx/dt = −x + J φ(x) and its tangent dv/dt = −v + J (φ'(x) ⊙ v), integrated together
//! by Heun's method.
//!
//! At N = 2000 the couplings take 16 MB in single precision, more than any cache: a step costs what
//! it takes to stream J from memory. So J is stored as f32 (an exactly rounded Gaussian matrix is
//! as random as the f64 one; the spectrum is taken of the same rounded entries) and is read once
//! per stage for both vectors, φ(x) and φ'(x) ⊙ v. The products and row sums are in f32 too (the
//! state x stays f64): a row sum of N = 2000 terms is off by about 1e-6 of the field, far below
//! the chaotic system's own forgetting of its last digits, and f32 halves the arithmetic, which
//! otherwise bounds a step when J fits in cache. Each row is summed in sixteen fixed lanes and the
//! lanes in a fixed tree, without fused multiply–adds, so the result is the same natively and in
//! WebAssembly, and the loop vectorises on both without changing it.

use crate::rng::NormalVectors;

/// Lanes of the row sums: four SIMD registers of four f32 per vector, enough independent sums to
/// hide the latency of an addition.
pub const LANES: usize = 16;

/// The coupling matrix, row by row, each row padded with zeros to a multiple of [`LANES`].
pub struct Coupling {
    pub n: usize,
    pub stride: usize,
    entries: Vec<f32>,
}

impl Coupling {
    /// J_ij ~ 𝒩(0, g²/N), i.i.d., diagonal included, drawn row by row from `source`.
    pub fn gaussian(n: usize, g: f64, source: &mut NormalVectors) -> Self {
        let stride = n.div_ceil(LANES) * LANES;
        let scale = g / (n as f64).sqrt();
        let mut entries = vec![0.0f32; n * stride];
        let mut row = vec![0.0; n];
        for i in 0..n {
            source.fill(&mut row);
            for (e, z) in entries[i * stride..i * stride + n].iter_mut().zip(&row) {
                *e = (scale * z) as f32;
            }
        }
        Coupling { n, stride, entries }
    }

    pub fn entry(&self, i: usize, j: usize) -> f64 {
        f64::from(self.entries[i * self.stride + j])
    }

    /// out_a = J a and out_b = J b, reading J once. `a` and `b` have `stride` entries, zero past n.
    pub fn apply_pair(&self, a: &[f32], b: &[f32], out_a: &mut [f64], out_b: &mut [f64]) {
        let (a, b) = (&a[..self.stride], &b[..self.stride]);
        // Two rows at a time share each load of a and b; every row keeps its own order of summation.
        let pairs = self.entries.chunks_exact(2 * self.stride);
        let last = pairs.remainder();
        for (i, rows) in pairs.enumerate() {
            let (upper, lower) = rows.split_at(self.stride);
            let (s0, s1) = two_rows_dot_pair(upper, lower, a, b);
            (out_a[2 * i], out_b[2 * i]) = (f64::from(s0.0), f64::from(s0.1));
            (out_a[2 * i + 1], out_b[2 * i + 1]) = (f64::from(s1.0), f64::from(s1.1));
        }
        if !last.is_empty() {
            let (sa, sb) = row_dot_pair(last, a, b);
            (out_a[self.n - 1], out_b[self.n - 1]) = (f64::from(sa), f64::from(sb));
        }
    }
}

/// The lanes added in a fixed tree.
#[inline]
fn lanes_sum(s: [f32; LANES]) -> f32 {
    let mut half = [0.0f32; LANES / 2];
    for k in 0..LANES / 2 {
        half[k] = s[k] + s[k + LANES / 2];
    }
    ((half[0] + half[4]) + (half[2] + half[6])) + ((half[1] + half[5]) + (half[3] + half[7]))
}

/// (row · a, row · b) in sixteen lanes each.
#[inline]
fn row_dot_pair(row: &[f32], a: &[f32], b: &[f32]) -> (f32, f32) {
    let (mut sa, mut sb) = ([0.0f32; LANES], [0.0f32; LANES]);
    for ((r, x), y) in row.chunks_exact(LANES).zip(a.chunks_exact(LANES)).zip(b.chunks_exact(LANES)) {
        for k in 0..LANES {
            sa[k] += r[k] * x[k];
            sb[k] += r[k] * y[k];
        }
    }
    (lanes_sum(sa), lanes_sum(sb))
}

/// [`row_dot_pair`] of two rows at once, each summed exactly as alone.
#[inline]
fn two_rows_dot_pair(upper: &[f32], lower: &[f32], a: &[f32], b: &[f32]) -> ((f32, f32), (f32, f32)) {
    let (mut ua, mut ub) = ([0.0f32; LANES], [0.0f32; LANES]);
    let (mut la, mut lb) = ([0.0f32; LANES], [0.0f32; LANES]);
    let chunks = upper.chunks_exact(LANES).zip(lower.chunks_exact(LANES));
    for ((u, l), (x, y)) in chunks.zip(a.chunks_exact(LANES).zip(b.chunks_exact(LANES))) {
        for k in 0..LANES {
            ua[k] += u[k] * x[k];
            ub[k] += u[k] * y[k];
            la[k] += l[k] * x[k];
            lb[k] += l[k] * y[k];
        }
    }
    ((lanes_sum(ua), lanes_sum(ub)), (lanes_sum(la), lanes_sum(lb)))
}

/// The sum of a large array in the same lanes: the memory-bandwidth roof of [`Coupling::apply_pair`].
pub fn stream_sum(data: &[f32]) -> f32 {
    let mut s = [0.0f32; LANES];
    for r in data.chunks_exact(LANES) {
        for k in 0..LANES {
            s[k] += r[k];
        }
    }
    lanes_sum(s)
}

/// The state of the network and of one tangent vector, with the buffers of a Heun step.
pub struct Network {
    pub coupling: Coupling,
    /// Gain of each unit: φ_i(x) = tanh(γ_i x).
    gains: Vec<f64>,
    /// 1/τ_i of each unit when the time constants differ; `None`: τ = 1 for every unit, and no
    /// multiplication at all, so that such runs keep every bit.
    inverse_tau: Option<Vec<f64>>,
    pub x: Vec<f64>,
    pub v: Vec<f64>,
    x1: Vec<f64>,
    v1: Vec<f64>,
    kx: Vec<f64>,
    kv: Vec<f64>,
    rate: Vec<f32>,
    push: Vec<f32>,
    field: Vec<f64>,
    tangent_field: Vec<f64>,
}

impl Network {
    pub fn new(coupling: Coupling, gains: Vec<f64>, x: Vec<f64>, v: Vec<f64>) -> Self {
        let s = coupling.stride;
        let n = coupling.n;
        Network {
            coupling,
            gains,
            inverse_tau: None,
            x,
            v,
            x1: vec![0.0; n],
            v1: vec![0.0; n],
            kx: vec![0.0; n],
            kv: vec![0.0; n],
            rate: vec![0.0; s],
            push: vec![0.0; s],
            field: vec![0.0; n],
            tangent_field: vec![0.0; n],
        }
    }

    /// Time constants τ_i per unit: τ_i dx_i/dt = −x_i + (J φ(x))_i, and the tangent alike.
    pub fn with_time_constants(mut self, tau: &[f64]) -> Self {
        self.inverse_tau = Some(tau.iter().map(|t| 1.0 / t).collect());
        self
    }

    /// φ(x) and φ'(x) ⊙ v into the padded buffers, then J times both.
    fn fields(&mut self, x: &[f64], v: &[f64]) {
        for i in 0..x.len() {
            let gain = self.gains[i];
            let t = libm::tanh(gain * x[i]);
            self.rate[i] = t as f32;
            self.push[i] = (gain * (1.0 - t * t) * v[i]) as f32;
        }
        self.coupling.apply_pair(&self.rate, &self.push, &mut self.field, &mut self.tangent_field);
    }

    /// One Heun step of length h for x and v (v follows the linearisation of the same map).
    pub fn step(&mut self, h: f64) {
        let x = std::mem::take(&mut self.x);
        let v = std::mem::take(&mut self.v);
        self.fields(&x, &v);
        let rate = self.inverse_tau.as_deref();
        for i in 0..x.len() {
            self.kx[i] = -x[i] + self.field[i];
            self.kv[i] = -v[i] + self.tangent_field[i];
            if let Some(r) = rate {
                self.kx[i] *= r[i];
                self.kv[i] *= r[i];
            }
            self.x1[i] = x[i] + h * self.kx[i];
            self.v1[i] = v[i] + h * self.kv[i];
        }
        let (x1, v1) = (std::mem::take(&mut self.x1), std::mem::take(&mut self.v1));
        self.fields(&x1, &v1);
        let (mut x, mut v) = (x, v);
        let rate = self.inverse_tau.as_deref();
        for i in 0..x.len() {
            let (mut lx, mut lv) = (-x1[i] + self.field[i], -v1[i] + self.tangent_field[i]);
            if let Some(r) = rate {
                lx *= r[i];
                lv *= r[i];
            }
            x[i] += 0.5 * h * (self.kx[i] + lx);
            v[i] += 0.5 * h * (self.kv[i] + lv);
        }
        self.x = x;
        self.v = v;
        self.x1 = x1;
        self.v1 = v1;
    }

    /// Scale v to unit length; returns the length it had.
    pub fn renormalise_tangent(&mut self) -> f64 {
        let norm = self.v.iter().map(|a| a * a).sum::<f64>().sqrt();
        if norm > 0.0 && norm.is_finite() {
            for a in &mut self.v {
                *a /= norm;
            }
        }
        norm
    }

    pub fn rate_of(&self, i: usize) -> f64 {
        libm::tanh(self.gains[i] * self.x[i])
    }
}

/// The benchmark kernels (src/bench.rs) at N = 2000, on a network built once: `matvec` (J times two
/// vectors, work in MB of J read), `stream` (a sum over the same array: the memory roof, work in
/// MB) and `step` (ten Heun steps with the tangent vector, work in steps).
pub fn bench_kernel(name: &str) -> u64 {
    use std::sync::OnceLock;
    const N: usize = 2000;
    static NETWORK: OnceLock<std::sync::Mutex<Network>> = OnceLock::new();
    let network = NETWORK.get_or_init(|| {
        let coupling = Coupling::gaussian(N, 2.0, &mut NormalVectors::new(1, "coupling", 0));
        let mut source = NormalVectors::new(1, "initial", 0);
        let (mut x, mut v) = (vec![0.0; N], vec![0.0; N]);
        source.fill(&mut x);
        source.fill(&mut v);
        std::sync::Mutex::new(Network::new(coupling, vec![1.0; N], x, v))
    });
    let mut network = network.lock().unwrap_or_else(|e| e.into_inner());
    let megabytes = (network.coupling.entries.len() * 4 / 1_000_000) as u64;
    // Several passes per call, so that one call lasts milliseconds: the browser's clock ticks in 0.1 ms.
    const PASSES: u64 = 8;
    match name {
        "matvec" => {
            let net = &mut *network;
            for _ in 0..PASSES {
                net.coupling.apply_pair(&net.rate, &net.push, &mut net.field, &mut net.tangent_field);
                std::hint::black_box(&net.field);
            }
            PASSES * megabytes
        }
        "stream" => {
            for _ in 0..PASSES {
                std::hint::black_box(stream_sum(std::hint::black_box(&network.coupling.entries)));
            }
            PASSES * megabytes
        }
        _ => {
            for _ in 0..10 {
                network.step(0.05);
                network.renormalise_tangent();
            }
            10
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kernel_is_the_plain_product() {
        let n = 37;
        let c = Coupling::gaussian(n, 1.3, &mut NormalVectors::new(1, "test", 0));
        let mut a = vec![0.0f32; c.stride];
        let mut b = vec![0.0f32; c.stride];
        for j in 0..n {
            a[j] = libm::sin(j as f64) as f32;
            b[j] = libm::cos(0.3 * j as f64) as f32;
        }
        let (mut ya, mut yb) = (vec![0.0; n], vec![0.0; n]);
        c.apply_pair(&a, &b, &mut ya, &mut yb);
        // Single-precision sums of 37 terms of size 0.2: within 1e-6 of the exact products.
        for i in 0..n {
            let da: f64 = (0..n).map(|j| c.entry(i, j) * f64::from(a[j])).sum();
            let db: f64 = (0..n).map(|j| c.entry(i, j) * f64::from(b[j])).sum();
            assert!((ya[i] - da).abs() < 1e-6 && (yb[i] - db).abs() < 1e-6, "{} vs {da}", ya[i]);
        }
    }
}
