//! One training run seen twice: the finite-N simulation, recorded at checkpoints, and the ODE
//! integrated from the simulation's own initial overlaps, so that the two are compared on one run.

use super::ode::{self, Overlaps, Phase};
use super::sgd::Network;
use crate::model::RunError;

/// Times from `t_min` to `t_max`, `per_decade` to a decade, evenly in log t, each rounded to a
/// whole number of SGD steps (t = steps/N), distinct; with 0 in front.
pub fn log_times(n: usize, t_min: f64, t_max: f64, per_decade: usize) -> Vec<f64> {
    let decades = libm::log10(t_max / t_min);
    let count = (decades * per_decade as f64).ceil().max(1.0) as usize;
    let mut steps: Vec<u64> = vec![0];
    for j in 0..=count {
        let t = t_min * libm::pow(t_max / t_min, j as f64 / count as f64);
        let s = (t * n as f64).round().max(1.0) as u64;
        if s > *steps.last().expect("starts with 0") {
            steps.push(s);
        }
    }
    steps.into_iter().map(|s| s as f64 / n as f64).collect()
}

/// The simulation and the theory of one run.
pub struct Trajectory {
    pub network: Network,
    pub phases: Vec<Phase>,
    /// Where the simulation records (times on the SGD step grid, from 0).
    pub sim_times: Vec<f64>,
    pub simulated: Vec<Overlaps>,
    /// The ODE's times and overlaps; shorter than `ode_times` when the ODE diverged.
    pub ode_times: Vec<f64>,
    pub theory: Vec<Overlaps>,
    /// Where the ODE's solution blew up, if it did.
    pub theory_diverged: Option<f64>,
    total_steps: u64,
}

impl Trajectory {
    /// Records the network as it starts and integrates the ODE from its overlaps. The last phase
    /// ends at the last simulation time.
    pub fn new(
        network: Network,
        phases: Vec<Phase>,
        sim_times: Vec<f64>,
        ode_times: Vec<f64>,
        output: ode::Output,
    ) -> Self {
        let start = network.overlaps();
        let mut theory = Vec::with_capacity(ode_times.len());
        let record = |_, o: &Overlaps| theory.push(o.clone());
        let theory_diverged = match ode::integrate_with(output, &phases, &start, &ode_times, record) {
            Ok(()) => None,
            Err(crate::num::dopri::AdaptiveError::Diverged { t }) => Some(t),
            Err(e) => panic!("the equations' state has the wrong size: {e}"),
        };
        let total_steps = steps_at(network.n, *sim_times.last().expect("at least one time"));
        Trajectory {
            simulated: vec![start],
            network,
            phases,
            sim_times,
            ode_times,
            theory,
            theory_diverged,
            total_steps,
        }
    }

    pub fn total_steps(&self) -> u64 {
        self.total_steps
    }

    pub fn steps_done(&self) -> u64 {
        self.network.steps
    }

    /// Takes at most `budget` SGD steps, recording at every checkpoint passed; returns the steps
    /// taken.
    pub fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let n = self.network.n;
        let begin = self.network.steps;
        let end = (begin + budget).min(self.total_steps);
        while self.network.steps < end {
            let now = self.network.steps;
            let next_record = steps_at(n, self.sim_times[self.simulated.len()]);
            let phase = self.phases.iter().position(|p| steps_at(n, p.until) > now).unwrap_or(self.phases.len() - 1);
            let phase_end = steps_at(n, self.phases[phase].until);
            let stop = end.min(next_record).min(phase_end.max(now + 1));
            if !self.network.steps(&self.phases[phase].rule, stop - now) {
                return Err(RunError::Diverged {
                    at: format!("t = {:.4} (step {})", self.network.time(), self.network.steps),
                    what: "the weights overflowed: the learning rate is too large for SGD to be stable".into(),
                });
            }
            if self.network.steps == next_record {
                self.simulated.push(self.network.overlaps());
            }
        }
        Ok(self.network.steps - begin)
    }

    /// The simulation's times so far, matching `simulated`.
    pub fn simulated_times(&self) -> &[f64] {
        &self.sim_times[..self.simulated.len()]
    }

    /// The ODE's times, matching `theory`.
    pub fn theory_times(&self) -> &[f64] {
        &self.ode_times[..self.theory.len()]
    }

    /// The simulation's last record, once the run has reached its end.
    pub fn final_simulated(&self) -> Option<&Overlaps> {
        if self.simulated.len() == self.sim_times.len() { self.simulated.last() } else { None }
    }

    /// The ODE's state at the last time, unless it blew up before.
    pub fn final_theory(&self) -> Option<&Overlaps> {
        if self.theory.len() == self.ode_times.len() { self.theory.last() } else { None }
    }

    /// "; the ODE blows up at t ≈ …" for a figure's subtitle, or nothing.
    pub fn divergence_note(&self) -> String {
        self.theory_diverged.map(|t| format!("; the ODE blows up at t ≈ {t:.3}")).unwrap_or_default()
    }
}

/// The SGD step at time t.
pub fn steps_at(n: usize, t: f64) -> u64 {
    (t * n as f64).round() as u64
}
