//! A run: the network and the rate equations on one time grid, recorded in bins of time, and the
//! raster of the watched neurons.

use super::Settings;
use super::figures;
use super::network::Network;
use super::rate_equations::{RateIntegrator, kuramoto};
use crate::model::{Frame, Run, RunError};

/// Neurons in the raster, evenly spread over the η order.
pub const WATCHED: usize = 200;
/// The raster stops recording after this many spikes (a frame stays small).
pub const RASTER_CAP: usize = 10_000;

/// Samples of the rate equations' trajectory per bin.
const SAMPLES_PER_BIN: usize = 4;

/// The rate equations' trajectory, computed whole when a run starts.
pub struct Theory {
    /// Mean r over each bin (trapezoids of the steps).
    pub rate: Vec<f64>,
    /// (t, r, v) at t = 0 and then four times per bin (once when a bin's steps do not divide by 4):
    /// the fast swings after a pulse's edges need the finer line.
    pub samples: Vec<(f64, f64, f64)>,
    /// The time at which the equations left the finite numbers, if they did.
    pub diverged_at: Option<f64>,
}

impl Theory {
    pub fn integrate(s: &Settings) -> Self {
        let mut eq = RateIntegrator::new(s.population(), super::V0);
        let (bins, per_bin) = (s.bins(), s.steps_per_bin());
        let mut rate = Vec::with_capacity(bins);
        let per_sample = if per_bin % SAMPLES_PER_BIN == 0 { per_bin / SAMPLES_PER_BIN } else { per_bin };
        let mut samples = Vec::with_capacity(bins * SAMPLES_PER_BIN + 1);
        samples.push((0.0, eq.state[0], eq.state[1]));
        let mut diverged_at = None;
        'bins: for b in 0..bins {
            let mut sum = 0.0;
            for k in b * per_bin..(b + 1) * per_bin {
                let before = eq.state[0];
                eq.step(s.current_at(k), s.dt);
                if !eq.state.iter().all(|x| x.is_finite() && x.abs() < 1e100) {
                    diverged_at = Some((k + 1) as f64 * s.dt);
                    break 'bins;
                }
                sum += 0.5 * (before + eq.state[0]);
                if (k + 1) % per_sample == 0 {
                    samples.push(((k + 1) as f64 * s.dt, eq.state[0], eq.state[1]));
                }
            }
            rate.push(sum / per_bin as f64);
        }
        Theory { rate, samples, diverged_at }
    }

    /// Mean rate over the bins inside [t0, t1].
    pub fn mean_rate(&self, s: &Settings, t0: f64, t1: f64) -> Option<f64> {
        window_mean(&self.rate, s.bin_width(), t0, t1)
    }
}

/// The mean of the bins that lie inside [t0, t1] (bins of width w from 0).
pub fn window_mean(values: &[f64], w: f64, t0: f64, t1: f64) -> Option<f64> {
    let first = libm::ceil(t0 / w - 1e-9).max(0.0) as usize;
    let last = (libm::floor(t1 / w + 1e-9).max(0.0) as usize).min(values.len());
    (last > first).then(|| values[first..last].iter().sum::<f64>() / (last - first) as f64)
}

/// The network's record.
pub struct Measured {
    /// Spike count over each bin, as a rate.
    pub rate: Vec<f64>,
    /// (t, v, Re Z, Im Z) at the end of each bin.
    pub samples: Vec<(f64, f64, f64, f64)>,
    /// (t, index of the watched neuron) of each recorded spike.
    pub raster: Vec<(f64, u32)>,
}

/// The network and the rate equations over the same time grid.
pub struct Simulation {
    pub settings: Settings,
    pub network: Network,
    pub theory: Theory,
    pub measured: Measured,
    step: usize,
    bin_spikes: u64,
}

impl Simulation {
    pub fn new(settings: Settings, seed: u64) -> Self {
        let network = Network::new(settings.n, settings.dt, settings.population(), super::V0, WATCHED, seed);
        let (v, z) = network.observe();
        Simulation {
            theory: Theory::integrate(&settings),
            measured: Measured { rate: Vec::new(), samples: vec![(0.0, v, z.0, z.1)], raster: Vec::new() },
            settings,
            network,
            step: 0,
            bin_spikes: 0,
        }
    }

    pub fn steps(&self) -> usize {
        self.settings.steps()
    }

    pub fn steps_done(&self) -> usize {
        self.step
    }

    /// Up to `budget` steps; returns how many were taken.
    pub fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let s = &self.settings;
        let per_bin = s.steps_per_bin();
        let count = (self.steps() - self.step).min(budget.min(usize::MAX as u64) as usize);
        for _ in 0..count {
            let outcome = self.network.step(s.current_at(self.step));
            self.step += 1;
            let t = self.step as f64 * s.dt;
            for k in outcome.watched_spikes {
                if self.measured.raster.len() < RASTER_CAP {
                    self.measured.raster.push((t, k as u32));
                }
            }
            self.bin_spikes += outcome.spikes;
            if self.step % per_bin == 0 {
                if !self.network.s.is_finite() || !self.network.a.is_finite() {
                    return Err(RunError::Diverged {
                        at: format!("t = {t}"),
                        what: format!("synaptic variable s = {}, adaptation a = {}", self.network.s, self.network.a),
                    });
                }
                self.measured.rate.push(self.bin_spikes as f64 / (s.n as f64 * per_bin as f64 * s.dt));
                self.bin_spikes = 0;
                let (v, z) = self.network.observe();
                self.measured.samples.push((t, v, z.0, z.1));
            }
        }
        Ok(count as u64)
    }

    /// The network's mean rate over the bins inside [t0, t1].
    pub fn mean_rate(&self, t0: f64, t1: f64) -> Option<f64> {
        window_mean(&self.measured.rate, self.settings.bin_width(), t0, t1)
    }

    /// The network's Kuramoto order parameter averaged over the samples in [t0, t1].
    pub fn mean_order_parameter(&self, t0: f64, t1: f64) -> Option<(f64, f64)> {
        let inside: Vec<_> = self.measured.samples.iter().filter(|p| p.0 >= t0 && p.0 <= t1).collect();
        let n = inside.len() as f64;
        (!inside.is_empty())
            .then(|| (inside.iter().map(|p| p.2).sum::<f64>() / n, inside.iter().map(|p| p.3).sum::<f64>() / n))
    }

    /// The map Z(r, v) of the rate equations' state at the end of the run.
    pub fn theory_order_parameter(&self) -> Option<(f64, f64)> {
        self.theory.samples.last().map(|&(_, r, v)| kuramoto(r, v))
    }

    /// The window of the run's observables: its last quarter.
    pub fn final_window(&self) -> (f64, f64) {
        let t = self.settings.t_max;
        (0.75 * t, t)
    }
}

pub struct QifRun {
    pub sim: Simulation,
    pub view: figures::Static,
}

impl Run for QifRun {
    fn total_work(&self) -> u64 {
        self.sim.steps() as u64
    }

    fn work_done(&self) -> u64 {
        self.sim.steps_done() as u64
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        self.sim.advance(budget)
    }

    fn frame(&self) -> Frame {
        figures::frame(&self.sim, &self.view)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let (t0, t1) = self.sim.final_window();
        vec![self.sim.mean_rate(t0, t1), self.sim.theory.mean_rate(&self.sim.settings, t0, t1)]
    }
}
