//! A run of the Turing-network page: build the network (seeded), its Laplacian spectrum and the
//! linear theory at once, then integrate the reaction–diffusion system by RK4 from the uniform
//! state plus a small seeded perturbation, recording the spread of u over the nodes. Work is
//! counted in RK4 steps.

use super::network::ReactionDiffusion;
use super::theory::{C, Dispersion, MimuraMurray, sigma_c};
use super::{RK4_REACH, Settings};
use crate::model::{Frame, Run, RunError};
use crate::num::eigen::{eigenvalues, symmetric_eigenvalues};
use crate::num::graph::Graph;
use crate::num::ode::FixedSteps;
use crate::rng::{normal, stream};

/// The measured growth rate is fitted over this window of time (the catalogue's protocol) …
pub const FIT_START: f64 = 5.0;
pub const FIT_END: f64 = 15.0;
/// … at the points where the spread of u is still below this (1% of ū = 5: the linear regime).
pub const LINEAR_LIMIT: f64 = 0.05;
/// Points of the spread of u kept for the figures and the fit.
const RECORDED: u64 = 1000;
/// A state this far from the uniform one means the integration blew up.
const BLOW_UP: f64 = 1e4;
/// Laplacian eigenvalues smaller than this in modulus are the uniform modes (Λ = 0).
const ZERO: f64 = 1e-9;

/// The slope of ln y against t, by least squares, over the points with t in [t0, t1] and
/// 0 < y < limit; `None` with fewer than three such points.
pub fn fit_growth(t: &[f64], y: &[f64], t0: f64, t1: f64, limit: f64) -> Option<f64> {
    let points: Vec<(f64, f64)> = t
        .iter()
        .zip(y)
        .filter(|&(&t, &y)| t >= t0 && t <= t1 && y > 0.0 && y < limit)
        .map(|(&t, &y)| (t, libm::log(y)))
        .collect();
    if points.len() < 3 {
        return None;
    }
    let n = points.len() as f64;
    let (mt, my) = points.iter().fold((0.0, 0.0), |(a, b), &(t, y)| (a + t / n, b + y / n));
    let (sty, stt) =
        points.iter().fold((0.0, 0.0), |(a, b), &(t, y)| (a + (t - mt) * (y - my), b + (t - mt) * (t - mt)));
    (stt > 0.0).then(|| sty / stt)
}

/// The standard deviation over the nodes (the spread of u).
pub fn spread(u: &[f64]) -> f64 {
    let n = u.len() as f64;
    let mean = u.iter().sum::<f64>() / n;
    (u.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n).sqrt()
}

pub struct TuringRun {
    pub s: Settings,
    pub graph: Graph,
    pub positions: Vec<[f64; 2]>,
    pub degrees: Vec<usize>,
    /// The Laplacian's eigenvalues (real parts ≤ 0), or `None` if the solver failed.
    pub spectrum: Option<Vec<C>>,
    pub dispersion: Dispersion,
    pub uniform: (f64, f64),
    stepper: FixedSteps<ReactionDiffusion>,
    /// (u_0 … u_{N−1}, v_0 … v_{N−1}).
    pub state: Vec<f64>,
    pub t: Vec<f64>,
    pub spread: Vec<f64>,
    /// Why the step is too large for this network's spectrum, if it is.
    too_fast: Option<String>,
}

impl TuringRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let kinetics = MimuraMurray::PAPER;
        let graph = s.topology.build(s.n, s.k, seed);
        let positions = graph.positions(&mut stream(seed, "layout", 0));
        let degrees = graph.degrees();
        let n = graph.n;
        let laplacian = graph.laplacian();
        let spectrum = if graph.directed {
            eigenvalues(n, &laplacian).map(|ev| ev.into_iter().map(|z| C { re: z.re, im: z.im }).collect::<Vec<C>>())
        } else {
            symmetric_eigenvalues(n, &laplacian).map(|ev| ev.into_iter().rev().map(C::real).collect())
        };
        let dispersion = Dispersion::new(&kinetics, s.eps, s.sigma);
        let uniform = kinetics.fixed_point();
        let mut state = vec![uniform.0; n];
        state.extend(std::iter::repeat_n(uniform.1, n));
        let mut rng = stream(seed, "perturbation", 0);
        for x in &mut state {
            *x += s.perturbation * normal().sample(&mut rng);
        }
        let steps = s.steps();
        let largest =
            spectrum.as_ref().map_or(0.0, |ev| ev.iter().map(|z| libm::hypot(z.re, z.im)).fold(0.0, f64::max));
        let rate = 14.0 + s.sigma * s.eps * largest;
        let too_fast = (s.dt * rate > RK4_REACH).then(|| {
            format!(
                "dt={} is too large for this network: its largest Laplacian eigenvalue has |Λ| = {largest:.2}, so the \
                 inhibitor relaxes at a rate up to {rate:.1} (sigma={}, eps={}), and RK4 needs dt times it below \
                 {RK4_REACH}: lower dt to {:.2e} or less",
                s.dt,
                s.sigma,
                s.eps,
                RK4_REACH / rate
            )
        });
        let mut run = TuringRun {
            stepper: FixedSteps::new(
                ReactionDiffusion::new(&graph, kinetics, s.eps, s.sigma),
                s.t_max,
                steps,
                RECORDED,
                BLOW_UP,
            ),
            s,
            graph,
            positions,
            degrees,
            spectrum,
            dispersion,
            uniform,
            state,
            t: Vec::new(),
            spread: Vec::new(),
            too_fast,
        };
        run.record();
        run
    }

    pub fn time(&self) -> f64 {
        self.stepper.time()
    }

    pub fn u(&self) -> &[f64] {
        &self.state[..self.graph.n]
    }

    fn record(&mut self) {
        self.t.push(self.time());
        self.spread.push(spread(self.u()));
    }

    /// The growth rate of every non-uniform Laplacian mode, in the spectrum's order.
    pub fn mode_growth(&self) -> Vec<(C, f64)> {
        let ev = self.spectrum.as_deref().unwrap_or(&[]);
        ev.iter().filter(|z| libm::hypot(z.re, z.im) > ZERO).map(|&z| (z, self.dispersion.growth(z))).collect()
    }

    /// The growth rate of the fastest non-uniform mode.
    pub fn growth_theory(&self) -> Option<f64> {
        self.mode_growth().into_iter().map(|(_, g)| g).reduce(f64::max)
    }

    /// The number of modes that grow.
    pub fn unstable_modes(&self) -> usize {
        self.mode_growth().iter().filter(|(_, g)| *g > 0.0).count()
    }

    /// The window of the growth fit: [5, 15], or the last two thirds of a shorter run.
    pub fn fit_window(&self) -> (f64, f64) {
        if self.s.t_max >= FIT_END { (FIT_START, FIT_END) } else { (self.s.t_max / 3.0, self.s.t_max) }
    }

    /// The growth rate of the spread of u, fitted over the window while it is linear.
    pub fn growth_measured(&self) -> Option<f64> {
        let (t0, t1) = self.fit_window();
        if self.time() < t1.min(self.s.t_max) {
            return None;
        }
        fit_growth(&self.t, &self.spread, t0, t1, LINEAR_LIMIT)
    }

    pub fn sigma_c(&self) -> f64 {
        sigma_c(self.dispersion.j)
    }
}

impl Run for TuringRun {
    fn total_work(&self) -> u64 {
        self.stepper.steps
    }

    fn work_done(&self) -> u64 {
        self.stepper.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        if let Some(why) = &self.too_fast {
            return Err(RunError::Diverged { at: "t = 0".into(), what: why.clone() });
        }
        let todo = budget.min(self.stepper.steps - self.stepper.step);
        for _ in 0..todo {
            let record = self.stepper.step(&mut self.state).map_err(|(i, x)| {
                let n = self.graph.n;
                let (name, node) = if i < n { ("u", i) } else { ("v", i - n) };
                RunError::Diverged {
                    at: format!("t = {:.4}", self.time()),
                    what: format!("{name} at node {node} reached {x}; lower dt"),
                }
            })?;
            if record {
                self.record();
            }
        }
        Ok(todo)
    }

    fn frame(&self) -> Frame {
        super::figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let done = self.stepper.done();
        vec![
            self.growth_measured(),
            self.growth_theory(),
            Some(self.sigma_c()),
            self.spectrum.as_ref().map(|_| self.unstable_modes() as f64),
            done.then(|| spread(self.u())),
        ]
    }
}
