//! The generalisation error at the end of training against the keep-probability p, for several
//! levels of label noise: one ODE per (σ, p), all from the same initial overlaps, computed one at
//! a time so that a run can spread them over its slices of work.

use super::Rescale;
use crate::models::two_layer::ode::{self, Dynamics, Overlaps, Phase};

/// The keep-probabilities of the sweep: 17 values from 0.2 to 1 in steps of 0.05.
pub fn keep_grid() -> Vec<f64> {
    (4..=20).map(|j| j as f64 / 20.0).collect()
}

/// The noise levels of the sweep: 0, 0.25 and 0.5, and `chosen` when it is none of them; increasing.
pub fn noise_levels(chosen: f64) -> Vec<f64> {
    let mut levels = vec![0.0, 0.25, 0.5];
    if levels.iter().all(|s| (s - chosen).abs() > 1e-9) {
        levels.push(chosen);
        levels.sort_by(f64::total_cmp);
    }
    levels
}

/// ε_g at time `until` of the ODE from `start` under `rule`, the test output scaled by `scale`;
/// NaN when the solution blows up before.
pub fn final_error(rule: &Dynamics, start: &Overlaps, until: f64, scale: f64) -> f64 {
    let mut error = f64::NAN;
    let phases = [Phase { until, rule: rule.clone() }];
    let outcome = ode::integrate(&phases, start, &[until], |_, o| error = rule.error(o, 0, &rule.readout, scale));
    if outcome.is_ok() { error } else { f64::NAN }
}

/// The grid of ODEs: noise levels × keep-probabilities, filled row by row.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// Label noise σ of each row, increasing.
    pub noises: Vec<f64>,
    /// Keep-probability p of each column, increasing.
    pub keeps: Vec<f64>,
    /// ε_g at `until`, row-major, as far as computed; NaN where the ODE blew up.
    pub values: Vec<f64>,
    rule: Dynamics,
    start: Overlaps,
    rescale: Rescale,
    until: f64,
}

impl Sweep {
    /// `rule` gives everything but the noise and the keep-probability, which the sweep sets.
    pub fn new(
        rule: Dynamics,
        start: Overlaps,
        noises: Vec<f64>,
        keeps: Vec<f64>,
        rescale: Rescale,
        until: f64,
    ) -> Self {
        let values = Vec::with_capacity(noises.len() * keeps.len());
        Sweep { noises, keeps, values, rule, start, rescale, until }
    }

    pub fn cells(&self) -> usize {
        self.noises.len() * self.keeps.len()
    }

    pub fn is_complete(&self) -> bool {
        self.values.len() == self.cells()
    }

    /// Integrates the next ODE of the grid.
    pub fn step(&mut self) {
        let Some(&noise) = self.noises.get(self.values.len() / self.keeps.len()) else { return };
        let keep = self.keeps[self.values.len() % self.keeps.len()];
        let rule = Dynamics { noise, keep, ..self.rule.clone() };
        self.values.push(final_error(&rule, &self.start, self.until, self.rescale.factor(keep)));
    }

    /// Computes every ODE not yet computed.
    pub fn complete(&mut self) {
        while !self.is_complete() {
            self.step();
        }
    }

    /// The finite values of row `row` computed so far, as (p, ε).
    pub fn curve(&self, row: usize) -> (Vec<f64>, Vec<f64>) {
        let start = row * self.keeps.len();
        let computed = self.values.get(start..self.values.len().min(start + self.keeps.len())).unwrap_or(&[]);
        self.keeps.iter().zip(computed).filter(|(_, e)| e.is_finite()).map(|(&p, &e)| (p, e)).unzip()
    }

    /// The keep-probability with the smallest error in row `row`, and that error, once the row is
    /// complete and has a finite value.
    pub fn optimum(&self, row: usize) -> Option<(f64, f64)> {
        if self.values.len() < (row + 1) * self.keeps.len() {
            return None;
        }
        let (p, e) = self.curve(row);
        // The first of equal minima: ties go to the smaller p.
        p.into_iter().zip(e).fold(None, |best, (p, e)| match best {
            Some((_, b)) if b <= e => best,
            _ => Some((p, e)),
        })
    }
}
