//! A run of the topological Kuramoto page: build the complex (seeded when random), the spectrum
//! of L1 and its kernel (the harmonic edge signals), the frequencies; then two stages, each by RK4
//! from the same seeded phases: a run at the page's σ, recording the harmonic component of θ and
//! the order parameters against time; and an adiabatic sweep of σ up from 0 to σ_max and back
//! down, each value run for a while from the state the previous one left, the order parameters
//! averaged over the second half. Work is counted in RK4 steps.

use super::system::TopologicalKuramoto;
use super::theory::Locking;
use super::{Complex, RK4_REACH, Settings};
use crate::model::{Frame, Run, RunError};
use crate::models::dirac_turing::complex::{Drawing, torus_drawing};
use crate::num::cell_complex::CellComplex;
use crate::num::eigen::symmetric_eigen;
use crate::num::graph::Graph;
use crate::num::ode::Rk4;
use crate::rng::{normal, stream, uniform};

/// Points of the first stage kept for the figures.
const RECORDED: u64 = 1000;
/// Eigenvalues of L1 below this (relative to the largest) are its kernel.
const ZERO: f64 = 1e-9;
/// In the second half of each value of σ of the sweep, the order parameters are sampled every
/// this many steps.
const SAMPLE: u64 = 10;

/// The complex of a run and a drawing of it: a torus cut open, or the clique complex of an
/// Erdős–Rényi graph (each pair linked with probability k/(N − 1), from the "graph" stream) laid
/// out by force (the "layout" stream).
pub fn build(s: &Settings, seed: u64) -> (CellComplex, Drawing) {
    match s.complex {
        Complex::Square | Complex::Triangulated => {
            let c = if s.complex == Complex::Square {
                CellComplex::square_torus(s.l)
            } else {
                CellComplex::triangulated_torus(s.l)
            };
            let d = torus_drawing(s.l, &c.edges);
            (c, d)
        }
        Complex::Clique => {
            let g = Graph::erdos_renyi(s.n, s.k / (s.n - 1) as f64, &mut stream(seed, "graph", 0));
            let p = g.positions(&mut stream(seed, "layout", 0));
            let c = CellComplex::clique_complex(&g);
            let d = Drawing {
                x: p.iter().map(|q| q[0]).collect(),
                y: p.iter().map(|q| q[1]).collect(),
                shows: (0..s.n).collect(),
                edges: c.edges.iter().map(|e| [e[0] as u32, e[1] as u32]).collect(),
            };
            (c, d)
        }
    }
}

/// The σ of every point of the sweep: 0 to σ_max in `points` values, then back down.
pub fn schedule(sigma_max: f64, points: usize) -> Vec<f64> {
    let up: Vec<f64> = (0..points).map(|j| sigma_max * j as f64 / (points - 1) as f64).collect();
    up.iter().chain(up.iter().rev()).copied().collect()
}

/// One point of the sweep: σ, the mean R⁻ and R⁺ over its second half, and whether σ was rising.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    pub sigma: f64,
    pub r_minus: f64,
    pub r_plus: f64,
    pub rising: bool,
}

pub struct KuramotoRun {
    pub s: Settings,
    pub complex: CellComplex,
    pub drawing: Drawing,
    /// The eigenvalues of L1, increasing, and an orthonormal basis of its kernel (`None` if the
    /// solver failed).
    pub l1_spectrum: Option<Vec<f64>>,
    pub harmonic: Vec<Vec<f64>>,
    /// The locked state's offsets (`None` if a solver failed).
    pub locking: Option<Locking>,
    system: TopologicalKuramoto,
    rk: Rk4,
    pub theta0: Vec<f64>,
    /// The state of the first stage (at the page's σ) and of the sweep.
    pub theta: Vec<f64>,
    sweep_theta: Vec<f64>,
    /// P_h ω, the drift of the harmonic component.
    pub drift_rate: Vec<f64>,
    step: u64,
    stage_steps: u64,
    point_steps: u64,
    h: f64,
    stride: u64,
    pub t: Vec<f64>,
    /// ‖P_h(θ(t) − θ(0))‖ and ‖P_h(θ(t) − θ(0)) − t P_h ω‖.
    pub drift: Vec<f64>,
    pub residual: Vec<f64>,
    pub r_minus: Vec<f64>,
    pub r_plus: Vec<f64>,
    pub sigmas: Vec<f64>,
    pub sweep: Vec<SweepPoint>,
    /// Sums of R⁻, R⁺ over the second half of the current point, and their count.
    sums: (f64, f64, u64),
    /// Why the run cannot go on, if it cannot.
    refused: Option<String>,
}

impl KuramotoRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let (complex, drawing) = build(&s, seed);
        let n1 = complex.n1();
        let l1 = complex.l1();
        let solved = if n1 == 0 { Some((Vec::new(), Vec::new())) } else { symmetric_eigen(n1, &l1.data) };
        let (l1_spectrum, harmonic) = match solved {
            Some((values, vectors)) => {
                let top = values.last().copied().unwrap_or(0.0).max(1.0);
                let kernel = values.iter().zip(vectors).filter(|(v, _)| v.abs() < ZERO * top).map(|(_, h)| h).collect();
                (Some(values), kernel)
            }
            None => (None, Vec::new()),
        };
        let mut rng = stream(seed, "frequencies", 0);
        let omega: Vec<f64> = (0..n1).map(|_| s.omega + normal().sample(&mut rng)).collect();
        let mut rng = stream(seed, "phases", 0);
        let theta0: Vec<f64> = (0..n1).map(|_| 2.0 * std::f64::consts::PI * uniform(&mut rng)).collect();
        let drift_rate = project(&harmonic, &omega);
        let locking = Locking::new(&complex, &omega);
        let stage_steps = (s.t_max / s.dt).ceil().max(1.0) as u64;
        let point_steps = (s.t_point / s.dt).ceil().max(2.0 * SAMPLE as f64) as u64;
        let top = l1_spectrum.as_ref().and_then(|v| v.last().copied()).unwrap_or(0.0);
        let rate = s.sigma.max(s.sigma_max) * top;
        let refused = if complex.n2() == 0 {
            Some(format!(
                "the clique complex of this graph has no triangles (N={}, k={}): raise k so that the faces' term and \
                 R⁺ exist",
                s.n, s.k
            ))
        } else if l1_spectrum.is_none() {
            Some("the eigenvalues of L1 did not converge".into())
        } else {
            (s.dt * rate > RK4_REACH).then(|| {
                format!(
                    "dt={} is too large for this complex: L1's largest eigenvalue is {top:.2}, so at σ = {} the phases \
                     relax at rates up to {rate:.1}, and RK4 needs dt times it below {RK4_REACH}: lower dt to {:.2e} \
                     or less",
                    s.dt,
                    s.sigma.max(s.sigma_max),
                    RK4_REACH / rate
                )
            })
        };
        let mut run = KuramotoRun {
            system: TopologicalKuramoto::new(&complex, omega, s.sigma, s.explosive),
            rk: Rk4::new(n1),
            theta: theta0.clone(),
            sweep_theta: theta0.clone(),
            theta0,
            s,
            complex,
            drawing,
            l1_spectrum,
            harmonic,
            locking,
            drift_rate,
            step: 0,
            stage_steps,
            point_steps,
            h: s.t_max / stage_steps as f64,
            stride: stage_steps.div_ceil(RECORDED).max(1),
            t: Vec::new(),
            drift: Vec::new(),
            residual: Vec::new(),
            r_minus: Vec::new(),
            r_plus: Vec::new(),
            sigmas: schedule(s.sigma_max, s.points),
            sweep: Vec::new(),
            sums: (0.0, 0.0, 0),
            refused,
        };
        run.record();
        run
    }

    /// The time of the first stage.
    pub fn time(&self) -> f64 {
        self.step.min(self.stage_steps) as f64 * self.h
    }

    /// dim ker L1: the first Betti number.
    pub fn beta1(&self) -> usize {
        self.harmonic.len()
    }

    pub fn omega(&self) -> &[f64] {
        &self.system.omega
    }

    /// (B1θ)_i of the first stage's state.
    pub fn node_phases(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.complex.n0];
        self.system.minus(&self.theta, &mut out);
        out
    }

    fn record(&mut self) {
        let t = self.time();
        let moved: Vec<f64> = self.theta.iter().zip(&self.theta0).map(|(a, b)| a - b).collect();
        let ph = project(&self.harmonic, &moved);
        self.drift.push(norm(&ph));
        let off: Vec<f64> = ph.iter().zip(&self.drift_rate).map(|(p, w)| p - t * w).collect();
        self.residual.push(norm(&off));
        let (rm, rp) = self.system.orders(&self.theta);
        self.r_minus.push(rm);
        self.r_plus.push(rp);
        self.t.push(t);
    }

    /// The largest ‖P_h(θ(t) − θ(0)) − t P_h ω‖ so far (0 in exact arithmetic).
    pub fn largest_residual(&self) -> f64 {
        self.residual.iter().fold(0.0, |m, &r| m.max(r))
    }

    /// The mean of R⁻ and of R⁺ over the second half of the first stage, once it is done.
    pub fn stage_orders(&self) -> Option<(f64, f64)> {
        if self.step < self.stage_steps {
            return None;
        }
        let half = self.t.len() / 2;
        let n = (self.t.len() - half) as f64;
        let mean = |x: &[f64]| x[half..].iter().sum::<f64>() / n;
        Some((mean(&self.r_minus), mean(&self.r_plus)))
    }

    /// The area between the rising and the falling branch of R⁻ (and of R⁺): the size of the
    /// hysteresis, once the sweep is done.
    pub fn hysteresis(&self) -> Option<(f64, f64)> {
        let p = self.s.points;
        if self.sweep.len() < 2 * p {
            return None;
        }
        let (up, down) = self.sweep.split_at(p);
        let ds = self.s.sigma_max / (p - 1) as f64;
        let area = |f: fn(&SweepPoint) -> f64| {
            up.iter().zip(down.iter().rev()).map(|(a, b)| (f(b) - f(a)).abs() * ds).sum::<f64>()
        };
        Some((area(|q| q.r_minus), area(|q| q.r_plus)))
    }

    fn sweep_step(&mut self) {
        let k = self.step - self.stage_steps;
        let (point, within) = ((k / self.point_steps) as usize, k % self.point_steps);
        self.system.sigma = self.sigmas[point];
        let t = within as f64 * self.s.dt;
        self.rk.step(&self.system, t, &mut self.sweep_theta, self.s.dt).expect("the state has the system's dimension");
        if within + 1 > self.point_steps / 2 && (within + 1) % SAMPLE == 0 {
            let (rm, rp) = self.system.orders(&self.sweep_theta);
            self.sums = (self.sums.0 + rm, self.sums.1 + rp, self.sums.2 + 1);
        }
        if within + 1 == self.point_steps {
            let n = self.sums.2 as f64;
            self.sweep.push(SweepPoint {
                sigma: self.sigmas[point],
                r_minus: self.sums.0 / n,
                r_plus: self.sums.1 / n,
                rising: point < self.s.points,
            });
            self.sums = (0.0, 0.0, 0);
        }
    }
}

/// P x = Σ_k h_k (h_k · x), for an orthonormal basis h_k.
pub fn project(basis: &[Vec<f64>], x: &[f64]) -> Vec<f64> {
    let mut out = vec![0.0; x.len()];
    for h in basis {
        let c = h.iter().zip(x).fold(0.0, |s, (a, b)| s + a * b);
        for (o, a) in out.iter_mut().zip(h) {
            *o += c * a;
        }
    }
    out
}

pub fn norm(x: &[f64]) -> f64 {
    x.iter().fold(0.0, |s, v| s + v * v).sqrt()
}

impl Run for KuramotoRun {
    fn total_work(&self) -> u64 {
        self.stage_steps + self.sigmas.len() as u64 * self.point_steps
    }

    fn work_done(&self) -> u64 {
        self.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        if let Some(why) = &self.refused {
            return Err(RunError::Diverged { at: "t = 0".into(), what: why.clone() });
        }
        let todo = budget.min(self.total_work() - self.step);
        for _ in 0..todo {
            if self.step < self.stage_steps {
                self.system.sigma = self.s.sigma;
                let t = self.time();
                self.rk.step(&self.system, t, &mut self.theta, self.h).expect("the state has the system's dimension");
                self.step += 1;
                if self.step % self.stride == 0 || self.step == self.stage_steps {
                    self.record();
                }
                if let Some(e) = self.theta.iter().position(|x| !x.is_finite()) {
                    return Err(RunError::Diverged {
                        at: format!("t = {:.4}", self.time()),
                        what: format!("the phase of edge {e} is {}; lower dt", self.theta[e]),
                    });
                }
            } else {
                self.sweep_step();
                self.step += 1;
                if let Some(e) = self.sweep_theta.iter().position(|x| !x.is_finite()) {
                    return Err(RunError::Diverged {
                        at: format!("σ = {} of the sweep", self.system.sigma),
                        what: format!("the phase of edge {e} is {}; lower dt", self.sweep_theta[e]),
                    });
                }
            }
        }
        Ok(todo)
    }

    fn frame(&self) -> Frame {
        super::figures::frame(self)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let stage = self.stage_orders();
        let hysteresis = self.hysteresis();
        vec![
            stage.map(|o| o.0),
            stage.map(|o| o.1),
            (self.step >= self.stage_steps).then(|| self.largest_residual()),
            Some(0.0),
            self.l1_spectrum.as_ref().map(|_| self.beta1() as f64),
            hysteresis.map(|h| h.0),
            hysteresis.map(|h| h.1),
        ]
    }
}
