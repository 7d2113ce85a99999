//! The network dx/dt = −x + J φ(x) and its tangent dv/dt = −v + J (φ'(x) ⊙ v), integrated together
//! by Heun's method.
//!
//! At N = 2000 the couplings take 16 MB in single precision, more than any cache: a step costs what
//! it takes to stream J from memory. So J is stored as f32 (an exactly rounded Gaussian matrix is
//! as random as the f64 one; the spectrum is taken of the same rounded entries) and is read once
//! per stage for both vectors, φ(x) and φ'(x) ⊙ v. The products and row sums are in f32 too (the
//! state x stays f64): a row sum of N = 2000 terms is off by about 1e-6 of the field, far below
//! the chaotic system's own forgetting of its last digits, and f32 halves the arithmetic, which
//! otherwise bounds a step when J fits in cache. The sums are those of [`kernel`]: sixteen fixed
//! lanes per row, the same natively and in WebAssembly.
//!
//! Without the tangent (no Lyapunov exponent asked for) a stage is J times φ(x) alone, summed in
//! the same lanes: the currents are the same to the bit, at half the arithmetic per byte of J.

use super::kernel::{self, LANES, stream_sum};
use crate::rng::NormalVectors;

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

    /// out = J a, summed exactly as the `out_a` of [`Coupling::apply_pair`].
    pub fn apply(&self, a: &[f32], out: &mut [f64]) {
        kernel::apply(&self.entries, self.stride, a, out);
    }

    /// out_a = J a and out_b = J b, reading J once. `a` and `b` have `stride` entries, zero past n.
    pub fn apply_pair(&self, a: &[f32], b: &[f32], out_a: &mut [f64], out_b: &mut [f64]) {
        kernel::apply_pair(&self.entries, self.stride, a, b, out_a, out_b);
    }
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

    /// φ(x) (and φ'(x) ⊙ v, with the tangent) into the padded buffers, then J times them.
    fn fields(&mut self, x: &[f64], v: &[f64]) {
        if v.is_empty() {
            for ((rate, &gain), &xi) in self.rate.iter_mut().zip(&self.gains).zip(x) {
                *rate = libm::tanh(gain * xi) as f32;
            }
            self.coupling.apply(&self.rate, &mut self.field);
            return;
        }
        for i in 0..x.len() {
            let gain = self.gains[i];
            let t = libm::tanh(gain * x[i]);
            self.rate[i] = t as f32;
            self.push[i] = (gain * (1.0 - t * t) * v[i]) as f32;
        }
        self.coupling.apply_pair(&self.rate, &self.push, &mut self.field, &mut self.tangent_field);
    }

    /// One Heun step of length h for x and, with the tangent, v (which follows the linearisation of
    /// the same map). The tangent's arithmetic is kept apart, so x is the same with or without it.
    pub fn step(&mut self, h: f64) {
        let x = std::mem::take(&mut self.x);
        let v = std::mem::take(&mut self.v);
        self.fields(&x, &v);
        let rate = self.inverse_tau.as_deref();
        for (i, ((k, x1), &xi)) in self.kx.iter_mut().zip(&mut self.x1).zip(&x).enumerate() {
            *k = -xi + self.field[i];
            if let Some(r) = rate {
                *k *= r[i];
            }
            *x1 = xi + h * *k;
        }
        for (i, ((k, v1), &vi)) in self.kv.iter_mut().zip(&mut self.v1).zip(&v).enumerate() {
            *k = -vi + self.tangent_field[i];
            if let Some(r) = rate {
                *k *= r[i];
            }
            *v1 = vi + h * *k;
        }
        let x1 = std::mem::take(&mut self.x1);
        let v1 = if v.is_empty() { Vec::new() } else { std::mem::take(&mut self.v1) };
        self.fields(&x1, &v1);
        let (mut x, mut v) = (x, v);
        let rate = self.inverse_tau.as_deref();
        for i in 0..x.len() {
            let mut lx = -x1[i] + self.field[i];
            if let Some(r) = rate {
                lx *= r[i];
            }
            x[i] += 0.5 * h * (self.kx[i] + lx);
        }
        for i in 0..v.len() {
            let mut lv = -v1[i] + self.tangent_field[i];
            if let Some(r) = rate {
                lv *= r[i];
            }
            v[i] += 0.5 * h * (self.kv[i] + lv);
        }
        self.x = x;
        self.v = v;
        self.x1 = x1;
        if !v1.is_empty() {
            self.v1 = v1;
        }
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

/// The benchmark kernels (src/bench.rs) at N = 2000, on networks built once: `matvec` and
/// `matvec1` (J times two vectors or one, work in MB of J read), `stream` (a sum over the same
/// array: the memory roof, work in MB), `step` and `step1` (ten Heun steps with and without the
/// tangent vector, work in steps).
pub fn bench_kernel(name: &str) -> u64 {
    use std::sync::{Mutex, OnceLock};
    const N: usize = 2000;
    fn build(tangent: bool) -> Mutex<Network> {
        let coupling = Coupling::gaussian(N, 2.0, &mut NormalVectors::new(1, "coupling", 0));
        let mut source = NormalVectors::new(1, "initial", 0);
        let (mut x, mut v) = (vec![0.0; N], vec![0.0; N]);
        source.fill(&mut x);
        source.fill(&mut v);
        Mutex::new(Network::new(coupling, vec![1.0; N], x, if tangent { v } else { Vec::new() }))
    }
    static WITH_TANGENT: OnceLock<Mutex<Network>> = OnceLock::new();
    static WITHOUT_TANGENT: OnceLock<Mutex<Network>> = OnceLock::new();
    let cell = if name == "step1" { &WITHOUT_TANGENT } else { &WITH_TANGENT };
    let mut network = cell.get_or_init(|| build(name != "step1")).lock().unwrap_or_else(|e| e.into_inner());
    let megabytes = (network.coupling.entries.len() * 4 / 1_000_000) as u64;
    // Several passes per call, so that one call lasts milliseconds: the browser's clock ticks in 0.1 ms.
    const PASSES: u64 = 8;
    let net = &mut *network;
    match name {
        "matvec" => {
            for _ in 0..PASSES {
                net.coupling.apply_pair(&net.rate, &net.push, &mut net.field, &mut net.tangent_field);
                std::hint::black_box(&net.field);
            }
            PASSES * megabytes
        }
        "matvec1" => {
            for _ in 0..PASSES {
                net.coupling.apply(&net.rate, &mut net.field);
                std::hint::black_box(&net.field);
            }
            PASSES * megabytes
        }
        "stream" => {
            for _ in 0..PASSES {
                std::hint::black_box(stream_sum(std::hint::black_box(&net.coupling.entries)));
            }
            PASSES * megabytes
        }
        "step" | "step1" => {
            for _ in 0..10 {
                net.step(0.05);
                net.renormalise_tangent();
            }
            10
        }
        other => panic!("no benchmark kernel named 'random-rnn {other}'"),
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
        // One vector alone is summed exactly as the first of a pair.
        let mut y = vec![0.0; n];
        c.apply(&a, &mut y);
        assert!(y.iter().zip(&ya).all(|(p, q)| p.to_bits() == q.to_bits()));
    }

    #[test]
    fn the_currents_do_not_depend_on_the_tangent() {
        let n = 45;
        let network = |tangent: bool| {
            let c = Coupling::gaussian(n, 2.0, &mut NormalVectors::new(3, "test", 0));
            let mut source = NormalVectors::new(3, "x", 0);
            let (mut x, mut v) = (vec![0.0; n], vec![0.0; n]);
            source.fill(&mut x);
            source.fill(&mut v);
            Network::new(c, vec![1.3; n], x, if tangent { v } else { Vec::new() })
        };
        let (mut with, mut without) = (network(true), network(false));
        for _ in 0..200 {
            with.step(0.05);
            with.renormalise_tangent();
            without.step(0.05);
        }
        assert!(with.x.iter().zip(&without.x).all(|(p, q)| p.to_bits() == q.to_bits()));
        assert!(with.x.iter().any(|x| x.abs() > 0.1), "the network is active");
    }
}
