//! The network of N quadratic integrate-and-fire neurons, advanced by the exact step for input
//! held constant over a step: τ V_i' = V_i² + η_i + J_i s + I − a_i, s the population rate filtered
//! with time constant τ_s, and adaptation that is global or per neuron.
//!
//! The η_i are the Lorentzian's quantiles η̄ + Δ tan(π/2 · (2i − N − 1)/(N + 1)), sorted in i; the
//! couplings, when heterogeneous, are the quantiles of (J̄, Δ_J) in a random order (stream
//! "couplings"). Arrays are kept apart (structure of arrays) and the common case runs branch-free,
//! so that the compiler vectorises it.

use super::rate_equations::{Adaptation, Population};
use super::stepper::{exact_step, fast_step};
use crate::rng::{self, Pcg32};
use std::f64::consts::PI;

/// The quantiles of a Lorentzian of centre `centre` and half-width `width` at (2i − N − 1)/(N + 1).
pub fn lorentzian_quantiles(n: usize, centre: f64, width: f64) -> Vec<f64> {
    (1..=n)
        .map(|i| {
            let u = (2.0 * i as f64 - n as f64 - 1.0) / (n as f64 + 1.0);
            centre + width * libm::tan(0.5 * PI * u)
        })
        .collect()
}

/// A uniformly random order of 0..n (Fisher–Yates with 32-bit draws, unbiased by rejection).
fn permutation(n: usize, rng: &mut Pcg32) -> Vec<usize> {
    use rand_core::Rng;
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let bound = (i + 1) as u32;
        let zone = u32::MAX - (u32::MAX - bound + 1) % bound;
        let j = loop {
            let x = rng.next_u32();
            if x <= zone {
                break (x % bound) as usize;
            }
        };
        order.swap(i, j);
    }
    order
}

pub struct Network {
    pub n: usize,
    pub h: f64,
    pub pop: Population,
    pub eta: Vec<f64>,
    /// J_i when the couplings are heterogeneous (Δ_J > 0).
    pub coupling: Option<Vec<f64>>,
    pub v: Vec<f64>,
    /// a_i under individual adaptation.
    pub adaptation_i: Option<Vec<f64>>,
    /// The synaptic variable s and the global adaptation a.
    pub s: f64,
    pub a: f64,
    /// e^{−h/τ_s}, e^{−h/τ_a}.
    s_decay: f64,
    a_decay: f64,
    /// Neurons whose spikes are recorded, and their (V_i, a_i) before the current step.
    pub watched: Vec<usize>,
    watched_before: Vec<(f64, f64)>,
}

/// What one step produced.
pub struct StepOutcome {
    pub spikes: u64,
    /// Indices into `watched` of the watched neurons that spiked.
    pub watched_spikes: Vec<usize>,
}

impl Network {
    pub fn new(n: usize, h: f64, pop: Population, v0: f64, watched: usize, seed: u64) -> Self {
        let eta = lorentzian_quantiles(n, pop.eta_bar, pop.delta);
        let coupling = (pop.delta_j > 0.0).then(|| {
            let quantiles = lorentzian_quantiles(n, pop.j_bar, pop.delta_j);
            let order = permutation(n, &mut rng::stream(seed, "couplings", 0));
            order.iter().map(|&k| quantiles[k]).collect()
        });
        let tau_a = match pop.adaptation {
            Adaptation::None => f64::INFINITY,
            Adaptation::Global { tau_a, .. } | Adaptation::Individual { tau_a, .. } => tau_a,
        };
        let shown = watched.min(n);
        Network {
            n,
            h,
            pop,
            eta,
            coupling,
            v: vec![v0; n],
            adaptation_i: matches!(pop.adaptation, Adaptation::Individual { .. }).then(|| vec![0.0; n]),
            s: 0.0,
            a: 0.0,
            s_decay: libm::exp(-h / pop.tau_s),
            a_decay: libm::exp(-h / tau_a),
            // Evenly spread over the η order: neuron ⌊(k + ½)N/K⌋ for k < K.
            watched: (0..shown).map(|k| ((2 * k + 1) * n) / (2 * shown)).collect(),
            watched_before: vec![(0.0, 0.0); shown],
        }
    }

    /// The input of neuron i in the current step, c = η_i + ((J_i s + I − a) − a_i), summed in this
    /// order in every pass so that a neuron gets the same bits in each.
    #[inline(always)]
    fn input(&self, i: usize, common: f64, own: f64) -> f64 {
        let j = self.coupling.as_ref().map_or(self.pop.j_bar, |j| j[i]);
        self.eta[i] + ((j * self.s + common) - own)
    }

    /// One step of length h under the current I.
    pub fn step(&mut self, current: f64) -> StepOutcome {
        let (h, h2) = (self.h, self.h * self.h);
        let common = current - self.a;
        for (k, &i) in self.watched.iter().enumerate() {
            let own = self.adaptation_i.as_ref().map_or(0.0, |a| a[i]);
            self.watched_before[k] = (self.v[i], own);
        }
        let (spikes, outside) = self.fast_pass(common, h, h2);
        let spikes = spikes + if outside > 0 { self.slow_pass(common, h) } else { 0 };
        let watched_spikes = self.watched_spikes(common, h);
        // Exponential filters over the step, with their inputs held at the step's values.
        let rate = spikes as f64 / (self.n as f64 * h);
        if let Adaptation::Global { beta, .. } = self.pop.adaptation {
            self.a = self.a * self.a_decay + (1.0 - self.a_decay) * beta * self.s;
        }
        self.s = self.s * self.s_decay + (1.0 - self.s_decay) * rate;
        StepOutcome { spikes, watched_spikes }
    }

    /// Every neuron whose input is in the rational range; returns (spikes, neurons left out).
    fn fast_pass(&mut self, common: f64, h: f64, h2: f64) -> (u64, u64) {
        let (mut spikes, mut outside) = (0u64, 0u64);
        let kick = match self.pop.adaptation {
            Adaptation::Individual { beta, tau_a } => beta / tau_a,
            _ => 0.0,
        };
        let decay = self.a_decay;
        match (&self.coupling, &mut self.adaptation_i) {
            (None, None) => {
                let drive = self.pop.j_bar * self.s + common;
                for (v, &eta) in self.v.iter_mut().zip(&self.eta) {
                    let (next, spiked, ok) = fast_step(*v, eta + drive, h, h2);
                    *v = next;
                    spikes += u64::from(spiked);
                    outside += u64::from(!ok);
                }
            }
            (Some(j), None) => {
                let s = self.s;
                for ((v, &eta), &j) in self.v.iter_mut().zip(&self.eta).zip(j) {
                    let (next, spiked, ok) = fast_step(*v, eta + (j * s + common), h, h2);
                    *v = next;
                    spikes += u64::from(spiked);
                    outside += u64::from(!ok);
                }
            }
            (None, Some(a)) => {
                let drive = self.pop.j_bar * self.s + common;
                for ((v, a), &eta) in self.v.iter_mut().zip(a.iter_mut()).zip(&self.eta) {
                    let (next, spiked, ok) = fast_step(*v, eta + (drive - *a), h, h2);
                    *v = next;
                    spikes += u64::from(spiked);
                    outside += u64::from(!ok);
                    // Neurons left to the slow pass decay there.
                    *a = if ok { *a * decay + if spiked { kick } else { 0.0 } } else { *a };
                }
            }
            (Some(j), Some(a)) => {
                let s = self.s;
                for (((v, a), &eta), &j) in self.v.iter_mut().zip(a.iter_mut()).zip(&self.eta).zip(j) {
                    let (next, spiked, ok) = fast_step(*v, eta + ((j * s + common) - *a), h, h2);
                    *v = next;
                    spikes += u64::from(spiked);
                    outside += u64::from(!ok);
                    *a = if ok { *a * decay + if spiked { kick } else { 0.0 } } else { *a };
                }
            }
        }
        (spikes, outside)
    }

    /// The neurons the fast pass left (|c|h² beyond the rational range), by the general step.
    fn slow_pass(&mut self, common: f64, h: f64) -> u64 {
        let h2 = h * h;
        let mut spikes = 0;
        for i in 0..self.n {
            let own = self.adaptation_i.as_ref().map_or(0.0, |a| a[i]);
            let c = self.input(i, common, own);
            if (c * h2).abs() <= super::stepper::X_MAX {
                continue;
            }
            let (next, count) = exact_step(self.v[i], c, h);
            self.v[i] = next;
            spikes += u64::from(count);
            if let (Some(a), Adaptation::Individual { beta, tau_a }) = (&mut self.adaptation_i, self.pop.adaptation) {
                a[i] = a[i] * self.a_decay + f64::from(count) * beta / tau_a;
            }
        }
        spikes
    }

    /// Which watched neurons spiked: their step again, from the state saved before it.
    fn watched_spikes(&self, common: f64, h: f64) -> Vec<usize> {
        let mut out = Vec::new();
        for (k, &i) in self.watched.iter().enumerate() {
            let (v, own) = self.watched_before[k];
            let (_, count) = exact_step(v, self.input(i, common, own), h);
            if count > 0 {
                out.push(k);
            }
        }
        out
    }

    /// The mean potential of the neurons with |V| < 100 (the cut-off of the spiking threshold in
    /// the paper's simulations) and the Kuramoto order parameter ⟨e^{iθ}⟩, θ = 2 arctan V:
    /// e^{iθ} = ((1 − V²) + 2iV)/(1 + V²).
    pub fn observe(&self) -> (f64, (f64, f64)) {
        let (mut sum, mut count) = (0.0, 0usize);
        let (mut re, mut im) = (0.0, 0.0);
        for &v in &self.v {
            if v.abs() < 100.0 {
                sum += v;
                count += 1;
            }
            let d = 1.0 + v * v;
            re += (1.0 - v * v) / d;
            im += 2.0 * v / d;
        }
        let n = self.n as f64;
        (if count > 0 { sum / count as f64 } else { f64::NAN }, (re / n, im / n))
    }
}
