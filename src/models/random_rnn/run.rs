//! A run: the spectrum of J (one piece of work), then the network integrated step by step,
//! measuring the autocorrelation of the currents, the growth of a tangent vector (Benettin's
//! estimate of λ_max) and a heat map of the rates of a sample of units.

use super::Settings;
use super::figures;
use super::network::{Coupling, Network};
use super::theory::{self, Population, Solution};
use super::theory_tau::{self, Group, TauSolution};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::{Complex, eigenvalues};
use crate::rng::{self, NormalVectors};

/// The largest matrix whose spectrum a run computes (O(n³): 0.3 s natively at 500).
pub const SPECTRUM_MAX: usize = 500;

/// Units shown in the heat map, and its most columns over the whole run.
pub const HEATMAP_UNITS: usize = 50;
const HEATMAP_COLUMNS: u64 = 300;
/// Lag spacing and longest lag of the measured autocorrelation (in units of the time constant).
const LAG_SPACING: f64 = 0.25;
pub const LAG_MAX: f64 = 20.0;
/// Most points of the running Lyapunov estimate.
const LYAPUNOV_POINTS: u64 = 200;

/// Theory at the run's g and over the page's g grid.
pub struct Theory {
    pub here: Solution,
    pub grid: Vec<Solution>,
    pub onset: f64,
    /// With two time constants: Δ_a(τ) of each group at the run's g (`here` and `grid` then hold
    /// the average over the groups, and λ_max only where the network is silent).
    pub groups: Option<TauSolution>,
}

/// Points of the g grid with two time constants (each a fixed-point iteration).
const TAU_GRID_POINTS: usize = 5;
/// Their tolerance: a change of 1e-5 in any Δ_a(s) is far below what the figure shows.
const GRID_TOLERANCE: f64 = 1e-5;

/// The average over groups of a solution with time constants, as a [`Solution`]: λ_max is the
/// rightmost point of the spectrum at rest where the network is silent, unknown (NaN) where chaotic.
fn averaged(t: &TauSolution) -> Solution {
    let len = t.delta[0].len();
    let delta = (0..len).map(|k| t.groups.iter().zip(&t.delta).map(|(p, d)| p.share * d[k]).sum()).collect();
    let delta0 = t.delta0();
    let lyapunov = if delta0 == 0.0 { theory_tau::rightmost(t.g, &t.groups) } else { f64::NAN };
    Solution { g: t.g, delta0, step: t.step, delta, lyapunov }
}

impl Theory {
    pub fn new(s: &Settings) -> Self {
        let rule = theory::GaussianRule::new();
        if let Some((groups, _)) = s.groups() {
            let onset = theory_tau::onset(&groups);
            let here = theory_tau::solve_with(s.g, &groups, &rule);
            let grid = (0..=TAU_GRID_POINTS)
                .map(|k| onset + (figures::G_MAX - onset) * k as f64 / TAU_GRID_POINTS as f64)
                .map(|g| averaged(&theory_tau::solve_to(g, &groups, &rule, GRID_TOLERANCE)))
                .collect();
            return Theory { here: averaged(&here), grid, onset, groups: Some(here) };
        }
        let onset = theory::onset(&s.populations);
        let here = theory::solve_with(s.g, &s.populations, &rule);
        let grid = figures::g_grid(onset).into_iter().map(|g| theory::solve_with(g, &s.populations, &rule)).collect();
        Theory { here, grid, onset, groups: None }
    }
}

/// What the simulation has measured so far.
pub struct Measured {
    /// Time between two snapshots of x, in steps, and the lags measured (0..lags).
    pub lag_steps: u64,
    pub lags: usize,
    /// Σ_t Σ_{i ∈ a} x_i(t) x_i(t − ℓ) per population a and lag ℓ, and the number of (t, ℓ) pairs.
    pub products: Vec<Vec<f64>>,
    pub pairs: Vec<u64>,
    pub population_sizes: Vec<usize>,
    /// Σ ln |v| after the burn-in, and (t, running estimate) points.
    pub log_growth: f64,
    pub lyapunov: Vec<(f64, f64)>,
    /// Heat map: times and, per column, φ of the sampled units.
    pub columns: Vec<f64>,
    pub rates: Vec<Vec<f64>>,
    pub spectrum: Option<Vec<Complex>>,
    /// Side of the matrix whose spectrum was taken.
    pub spectrum_size: usize,
}

impl Measured {
    /// Δ0 = ⟨x²⟩ over time and units after the burn-in.
    pub fn delta0(&self) -> Option<f64> {
        let n: usize = self.population_sizes.iter().sum();
        (self.pairs[0] > 0).then(|| self.products.iter().map(|p| p[0]).sum::<f64>() / (self.pairs[0] as f64 * n as f64))
    }

    /// Δ(ℓ·spacing) of population a, where measured.
    pub fn autocorrelation(&self, a: usize) -> Vec<Option<f64>> {
        let size = self.population_sizes[a] as f64;
        (0..self.lags)
            .map(|l| (self.pairs[l] > 0).then(|| self.products[a][l] / (self.pairs[l] as f64 * size)))
            .collect()
    }

    pub fn lyapunov_estimate(&self) -> Option<f64> {
        self.lyapunov.last().map(|p| p.1)
    }

    pub fn spectral_radius(&self) -> Option<f64> {
        self.spectrum.as_ref().map(|ev| ev.iter().map(|z| z.abs()).fold(0.0, f64::max))
    }
}

pub struct RnnRun {
    pub s: Settings,
    /// With two time constants: the groups of one gain and one time constant; `population_of` then
    /// names each unit's group.
    pub groups: Option<Vec<Group>>,
    pub theory: Theory,
    pub measured: Measured,
    network: Network,
    population_of: Vec<usize>,
    sampled: Vec<usize>,
    steps_total: u64,
    steps_burn: u64,
    step: u64,
    spectrum_done: bool,
    /// Snapshots of x every `lag_steps`, a ring of `lags` entries, and how many after the burn-in.
    history: Vec<Vec<f64>>,
    snapshots: u64,
    column_steps: u64,
    lyapunov_steps: u64,
}

impl RnnRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let theory = Theory::new(&s);
        let n = s.n;
        let coupling = Coupling::gaussian(n, s.g, &mut NormalVectors::new(seed, "coupling", 0));
        let (groups, population_of) = match s.groups() {
            Some((groups, group_of)) => (Some(groups), group_of),
            None => (None, s.population_of_units()),
        };
        let gains: Vec<f64> = match &groups {
            Some(groups) => population_of.iter().map(|&a| groups[a].gain).collect(),
            None => population_of.iter().map(|&a| s.populations[a].gain).collect(),
        };
        let z = rng::normal();
        let mut x_rng = rng::stream(seed, "initial", 0);
        let x: Vec<f64> = (0..n).map(|_| z.sample(&mut x_rng)).collect();
        let v: Vec<f64> = if s.lyapunov {
            let mut v_rng = rng::stream(seed, "tangent", 0);
            (0..n).map(|_| z.sample(&mut v_rng)).collect()
        } else {
            Vec::new()
        };
        let mut network = Network::new(coupling, gains, x, v);
        if let Some(groups) = &groups {
            let taus: Vec<f64> = population_of.iter().map(|&a| groups[a].tau).collect();
            network = network.with_time_constants(&taus);
        }
        network.renormalise_tangent();

        let steps_total = s.steps();
        let steps_burn = (s.burn_in / s.dt).round() as u64;
        let (spacing, horizon) = match s.time_constants {
            // Slow units stay correlated for tens of their time constants: lags up to 10 τ_max.
            Some(t) => {
                let horizon = LAG_MAX.max(10.0 * t.tau_1.max(t.tau_2));
                (horizon / 200.0, horizon)
            }
            None => (LAG_SPACING, LAG_MAX),
        };
        let lag_steps = ((spacing / s.dt).round() as u64).max(1);
        let lags = ((horizon / (lag_steps as f64 * s.dt)).floor() as usize + 1).min(201);
        let pops = groups.as_ref().map_or(s.populations.len(), Vec::len);
        let mut population_sizes = vec![0; pops];
        for &a in &population_of {
            population_sizes[a] += 1;
        }
        let sampled = if n <= HEATMAP_UNITS {
            (0..n).collect()
        } else {
            (0..HEATMAP_UNITS).map(|k| k * n / HEATMAP_UNITS).collect()
        };
        let measured = Measured {
            lag_steps,
            lags,
            products: vec![vec![0.0; lags]; pops],
            pairs: vec![0; lags],
            population_sizes,
            log_growth: 0.0,
            lyapunov: Vec::new(),
            columns: Vec::new(),
            rates: Vec::new(),
            spectrum: None,
            spectrum_size: n.min(SPECTRUM_MAX),
        };
        let mut run = RnnRun {
            s,
            groups,
            theory,
            measured,
            network,
            population_of,
            sampled,
            steps_total,
            steps_burn,
            step: 0,
            spectrum_done: false,
            history: vec![vec![0.0; n]; lags],
            snapshots: 0,
            column_steps: steps_total.div_ceil(HEATMAP_COLUMNS).max(1),
            lyapunov_steps: (steps_total - steps_burn.min(steps_total)).div_ceil(LYAPUNOV_POINTS).max(1),
        };
        run.record_column();
        run
    }

    /// The spectrum of JΓ, or of its principal block on m units spread evenly over the network
    /// (so both populations are in it in proportion), scaled to the same variance per entry: an
    /// m×m matrix of i.i.d. entries of variance g²/m, with the same circular law.
    fn compute_spectrum(&mut self) {
        let m = self.measured.spectrum_size;
        let n = self.s.n;
        let units: Vec<usize> = (0..m).map(|k| k * n / m).collect();
        let scale = (n as f64 / m as f64).sqrt();
        let c = &self.network.coupling;
        let mut a = vec![0.0; m * m];
        if let Some(groups) = &self.groups {
            // T⁻¹(−I + JΓ): the linearisation at x = 0.
            for (r, &i) in units.iter().enumerate() {
                let tau = groups[self.population_of[i]].tau;
                for (col, &j) in units.iter().enumerate() {
                    let entry = scale * c.entry(i, j) * groups[self.population_of[j]].gain;
                    a[r * m + col] = (entry - if r == col { 1.0 } else { 0.0 }) / tau;
                }
            }
            self.measured.spectrum = eigenvalues(m, &a);
            return;
        }
        for (r, &i) in units.iter().enumerate() {
            for (col, &j) in units.iter().enumerate() {
                a[r * m + col] = scale * c.entry(i, j) * self.s.populations[self.population_of[j]].gain;
            }
        }
        self.measured.spectrum = eigenvalues(m, &a);
    }

    /// The currents x_i now.
    pub fn currents(&self) -> &[f64] {
        &self.network.x
    }

    fn record_column(&mut self) {
        self.measured.columns.push(self.step as f64 * self.s.dt);
        let rates = self.sampled.iter().map(|&i| self.network.rate_of(i)).collect();
        self.measured.rates.push(rates);
    }

    fn record_lags(&mut self) {
        let lags = self.measured.lags;
        let slot = (self.snapshots % lags as u64) as usize;
        self.history[slot].copy_from_slice(&self.network.x);
        let available = (self.snapshots as usize + 1).min(lags);
        let x = &self.network.x;
        for l in 0..available {
            let past = &self.history[(slot + lags - l) % lags];
            for (a, sums) in self.measured.products.iter_mut().enumerate() {
                let mut sum = 0.0;
                for ((&xi, &pi), &pop) in x.iter().zip(past).zip(&self.population_of) {
                    if pop == a {
                        sum += xi * pi;
                    }
                }
                sums[l] += sum;
            }
            self.measured.pairs[l] += 1;
        }
        self.snapshots += 1;
    }

    fn one_step(&mut self) -> Result<(), RunError> {
        self.network.step(self.s.dt);
        self.step += 1;
        let growth = if self.s.lyapunov { self.network.renormalise_tangent() } else { 1.0 };
        let t = self.step as f64 * self.s.dt;
        if !growth.is_finite() || growth == 0.0 || !self.network.x.iter().all(|x| x.is_finite()) {
            return Err(RunError::Diverged {
                at: format!("t = {t}"),
                what: "the currents x or the tangent vector are no longer finite numbers".into(),
            });
        }
        if self.s.lyapunov && self.step > self.steps_burn {
            self.measured.log_growth += libm::log(growth);
            let since = self.step - self.steps_burn;
            if since % self.lyapunov_steps == 0 || self.step == self.steps_total {
                let estimate = self.measured.log_growth / (since as f64 * self.s.dt);
                self.measured.lyapunov.push((t, estimate));
            }
        }
        if self.step >= self.steps_burn && (self.step - self.steps_burn) % self.measured.lag_steps == 0 {
            self.record_lags();
        }
        if self.step % self.column_steps == 0 || self.step == self.steps_total {
            self.record_column();
        }
        Ok(())
    }
}

impl Run for RnnRun {
    fn total_work(&self) -> u64 {
        self.steps_total + 1
    }

    fn work_done(&self) -> u64 {
        self.step + u64::from(self.spectrum_done)
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        if !self.spectrum_done && done < budget {
            self.compute_spectrum();
            self.spectrum_done = true;
            done += 1;
        }
        while done < budget && self.step < self.steps_total {
            self.one_step()?;
            done += 1;
        }
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let m = &self.measured;
        let done = self.is_done();
        let radius = super::theory::mean_square_gain(&self.s.populations).sqrt() * self.s.g;
        // With two time constants the spectrum is of T⁻¹(−I + JΓ), not of JΓ, and λ_max has a theory
        // only where the network is silent.
        let timed = self.groups.is_some();
        let lyapunov = self.theory.here.lyapunov;
        vec![
            m.delta0().filter(|_| done),
            Some(self.theory.here.delta0),
            m.lyapunov_estimate().filter(|_| done),
            (!lyapunov.is_nan()).then_some(lyapunov),
            m.spectral_radius().filter(|_| !timed),
            (!timed).then_some(radius),
        ]
    }
}

/// The populations of a network, for the figures: one, or the two gains.
pub fn population_label(pops: &[Population], a: usize) -> String {
    if pops.len() == 1 { "all units".into() } else { format!("units of gain γ = {}", pops[a].gain) }
}

/// A group of units of one gain and one time constant, for the figures.
pub fn group_label(s: &Settings, groups: &[Group], a: usize) -> String {
    let t = s.time_constants.map_or((1.0, 1.0), |t| (t.tau_1, t.tau_2));
    let speed = if t.0 == t.1 {
        ""
    } else if groups[a].tau == t.0.min(t.1) {
        "fast "
    } else {
        "slow "
    };
    if s.populations.len() == 1 {
        format!("{speed}units, τ = {}", groups[a].tau)
    } else {
        format!("{speed}units, τ = {}, γ = {}", groups[a].tau, groups[a].gain)
    }
}
