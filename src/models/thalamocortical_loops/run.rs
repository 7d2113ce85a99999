//! A run: draw the cortex and its loops, compute the spectrum of J_eff for every loop configuration
//! the run uses, then integrate the currents by RK4, switching the configuration at each motif.
//! Work is counted in RK4 steps; each spectrum is one piece weighed by its cost.

use super::Settings;
use super::figures;
use super::network::{Cortex, Flow};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::{Complex, eigenvalues};
use crate::num::ode::Rk4;

/// Columns of the activity map and points of the readout trajectory kept.
pub const RECORDS: usize = 200;
/// Units shown in the activity map.
pub const MAP_UNITS: usize = 40;
/// A current beyond this is taken as a divergence (linear units with an outlier of Re λ > 1).
const BLOW_UP: f64 = 1e8;

/// Work of the eigenvalues (about 12 N³ flops) and the fixed point (N³/3) of one configuration,
/// in RK4 steps of 8 N² flops.
fn eigen_units(n: usize) -> u64 {
    (1.55 * n as f64).ceil() as u64
}

pub struct LoopsRun {
    pub s: Settings,
    pub cortex: Cortex,
    /// The distinct loop masks of the run, in the order they first occur.
    pub masks: Vec<u8>,
    /// J_eff of each mask, built when first needed.
    pub j_eff: Vec<Vec<f64>>,
    /// Eigenvalues of J_eff of each mask, as computed.
    pub spectra: Vec<Option<Vec<Complex>>>,
    /// The readout at the fixed point of linear units under each mask, as computed.
    pub fixed_readouts: Vec<Option<[f64; 2]>>,
    pub x: Vec<f64>,
    pub steps_done: usize,
    /// (t, z1, z2) and the rates of the first units at the record times.
    pub records: Vec<(f64, [f64; 2])>,
    pub map: Vec<Vec<f64>>,
    rk4: Rk4,
    stride: usize,
    total_work: u64,
    work_done: u64,
}

impl LoopsRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let cortex = Cortex::new(s.n, s.g_j, s.gain, s.b_mean, s.b_spread, s.units, seed);
        let mut masks: Vec<u8> = Vec::new();
        for k in 0..s.motifs() {
            let m = s.mask_of_motif(k);
            if !masks.contains(&m) {
                masks.push(m);
            }
        }
        let steps = s.steps();
        let total_work = masks.len() as u64 * eigen_units(s.n) + steps as u64;
        let mut run = LoopsRun {
            j_eff: Vec::new(),
            spectra: Vec::new(),
            fixed_readouts: Vec::new(),
            x: vec![0.0; s.n],
            steps_done: 0,
            records: Vec::new(),
            map: Vec::new(),
            rk4: Rk4::new(s.n),
            stride: steps.div_ceil(RECORDS).max(1),
            total_work,
            work_done: 0,
            cortex,
            masks,
            s,
        };
        run.record();
        run
    }

    pub fn time(&self) -> f64 {
        self.steps_done as f64 * self.s.dt
    }

    /// The loop mask in force during step `k` (from t = k dt).
    fn mask_at_step(&self, k: usize) -> u8 {
        self.s.mask_of_motif(self.s.motif_of_time(k as f64 * self.s.dt))
    }

    fn record(&mut self) {
        let z = self.cortex.readout(&self.x);
        self.records.push((self.time(), z));
        let units = self.s.n.min(MAP_UNITS);
        self.map.push(self.x[..units].iter().map(|&v| self.cortex.units.rate(v)).collect());
    }

    /// The index of a mask among the run's masks.
    pub fn index_of(&self, mask: u8) -> usize {
        self.masks.iter().position(|&m| m == mask).unwrap_or(0)
    }

    /// The mask in force now.
    pub fn current_mask(&self) -> u8 {
        self.mask_at_step(self.steps_done.min(self.s.steps().saturating_sub(1)))
    }

    fn step(&mut self) -> Result<(), RunError> {
        let i = self.index_of(self.mask_at_step(self.steps_done));
        let flow = Flow::new(&self.cortex, &self.j_eff[i]);
        let t = self.time();
        // The flow has the dimension of the state by construction: the step cannot fail.
        let _ = self.rk4.step(&flow, t, &mut self.x, self.s.dt);
        self.steps_done += 1;
        if let Some(v) = self.x.iter().find(|v| v.is_nan() || v.abs() >= BLOW_UP) {
            return Err(RunError::Diverged {
                at: format!("t = {}", self.time()),
                what: format!(
                    "a current reached {v:e}: with these loops J_eff has an eigenvalue of real part above 1 and the \
                     {} units do not stop its growth",
                    if self.s.units == super::network::Units::Linear { "linear" } else { "rectified" }
                ),
            });
        }
        if self.steps_done % self.stride == 0 || self.steps_done == self.s.steps() {
            self.record();
        }
        Ok(())
    }
}

impl Run for LoopsRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            if self.spectra.len() < self.masks.len() {
                let units = eigen_units(self.s.n);
                // A spectrum larger than the budget is computed anyway when it comes first.
                if units > budget - done && done > 0 {
                    break;
                }
                let mask = self.masks[self.spectra.len()];
                let a = self.cortex.effective(mask);
                self.spectra.push(eigenvalues(self.s.n, &a));
                let fixed = self.cortex.linear_fixed_point(&a);
                self.fixed_readouts.push(fixed.map(|x| self.cortex.readout(&x)));
                self.j_eff.push(a);
                done += units;
            } else if self.steps_done < self.s.steps() {
                self.step()?;
                done += 1;
            } else {
                break;
            }
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        // The outlier of J_eff of the last configuration with the largest real part, against
        // eig(G γM).
        let mask = self.current_mask();
        let predicted = super::outliers(&self.s, mask);
        let measured = self.spectra.get(self.index_of(mask)).and_then(|s| s.as_ref()).map(|ev| ev[0].re);
        let done = self.steps_done == self.s.steps();
        let top = predicted.iter().map(|z| z.re).fold(f64::NEG_INFINITY, f64::max);
        let outside = predicted.iter().any(|z| z.abs() > self.s.g_j);
        vec![
            measured.filter(|_| outside),
            outside.then_some(top),
            done.then(|| self.records.last().map_or(0.0, |r| r.1[0])),
        ]
    }
}
