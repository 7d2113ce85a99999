//! A run of the Wilson–Cowan page: the trajectory from (E₀, I₀) by RK4, then the simulations of
//! the bifurcation diagram, two at each input of a grid of P (from just beside the lowest and the
//! highest fixed point, so that coexisting attractors are both found). Work is counted in RK4
//! steps, so the page can advance the run in slices.

use super::Settings;
use super::figures::{self, Theory};
use super::node::Node;
use crate::model::{Frame, Run, RunError};
use crate::num::ode::Rk4;

/// Length of one bifurcation simulation, in units of the slower time constant.
pub const BIFURCATION_SETTLE: f64 = 200.0;
/// The extremes of E are taken over this last part of it (same units): several periods of the cycle.
pub const BIFURCATION_WINDOW: f64 = 50.0;
/// Most points of the trajectory kept for the figures.
const RECORDED: u64 = 1500;
/// A state this far out of the stationary box (whose size is at most about 1) means the
/// integration is unstable.
const BLOW_UP: f64 = 1e3;
/// How far from a fixed point the bifurcation simulations start, in E.
const NUDGE: f64 = 1e-3;

/// Extremes of E over the last window of one bifurcation simulation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremes {
    pub p: f64,
    pub min: f64,
    pub max: f64,
}

/// A stretch of RK4 integration of one node with a fixed step, checked for blow-up.
struct Integration {
    node: Node,
    state: [f64; 2],
    step: u64,
    steps: u64,
    h: f64,
}

impl Integration {
    fn new(node: Node, start: [f64; 2], duration: f64, dt: f64) -> Self {
        let steps = ((duration / dt).ceil() as u64).max(1);
        Integration { node, state: start, step: 0, steps, h: duration / steps as f64 }
    }

    fn time(&self) -> f64 {
        self.step as f64 * self.h
    }

    /// One RK4 step.
    fn advance(&mut self, rk: &mut Rk4) -> Result<(), RunError> {
        rk.step(&self.node, self.time(), &mut self.state, self.h).expect("a two-dimensional state");
        self.step += 1;
        let [e, i] = self.state;
        if !(e.abs() < BLOW_UP && i.abs() < BLOW_UP) {
            return Err(RunError::Diverged {
                at: format!("t = {:.6} (P = {})", self.time(), self.node.p),
                what: format!("E = {e}, I = {i} left the range of stationary activity; lower dt"),
            });
        }
        Ok(())
    }

    fn is_done(&self) -> bool {
        self.step >= self.steps
    }
}

/// What is measured over the settled part of a simulation: the extremes of E, and the times at
/// which E rises through a level (the E of the fixed point a cycle winds around).
#[derive(Debug, Clone, PartialEq)]
pub struct Watch {
    level: Option<f64>,
    pub min: f64,
    pub max: f64,
    pub rises: Vec<f64>,
}

impl Watch {
    pub fn new(level: Option<f64>) -> Self {
        Watch { level, min: f64::INFINITY, max: f64::NEG_INFINITY, rises: Vec::new() }
    }

    /// Take in the step of `sim` that has just gone from E = `before` to its current state.
    fn see(&mut self, sim: &Integration, before: f64) {
        let e = sim.state[0];
        self.min = self.min.min(e);
        self.max = self.max.max(e);
        if let Some(level) = self.level {
            if before < level && e >= level {
                // The crossing, interpolated linearly within the step.
                self.rises.push(sim.time() - sim.h * (e - level) / (e - before));
            }
        }
    }

    /// Peak-to-peak E.
    pub fn amplitude(&self) -> Option<f64> {
        (self.max >= self.min).then_some(self.max - self.min)
    }

    /// The mean interval between rises, when there are three and E visibly oscillates.
    pub fn period(&self) -> Option<f64> {
        let n = self.rises.len();
        let visible = self.amplitude().is_some_and(|a| a > 1e-6);
        (visible && n >= 3).then(|| (self.rises[n - 1] - self.rises[0]) / (n - 1) as f64)
    }
}

/// The simulated trajectory as recorded for the figures, and what is measured over its second half.
pub struct Trajectory {
    pub t: Vec<f64>,
    pub e: Vec<f64>,
    pub i: Vec<f64>,
    pub tail: Watch,
}

/// One simulation of the bifurcation diagram, or the place of one that would repeat the other
/// start (one fixed point only): it costs its steps without being run.
enum Job {
    Simulate(Integration),
    Skip { left: u64 },
}

/// Where the run stands.
enum Stage {
    Trajectory,
    /// Simulation `index` of the diagram: input k = index/2, started beside the lowest (even
    /// index) or the highest (odd) fixed point.
    Bifurcation {
        index: usize,
        job: Job,
    },
    Done,
}

pub struct WilsonCowanRun {
    s: Settings,
    theory: Theory,
    rk: Rk4,
    trajectory_sim: Integration,
    /// Record every `stride` steps.
    stride: u64,
    trajectory: Trajectory,
    extremes: Vec<Extremes>,
    /// The current bifurcation simulation's window.
    window: Watch,
    stage: Stage,
    work_done: u64,
    total_work: u64,
}

impl WilsonCowanRun {
    pub fn new(s: Settings) -> Self {
        let theory = Theory::new(&s);
        let trajectory_sim = Integration::new(s.node, [s.e0, s.i0], s.t_max, s.dt);
        let stride = trajectory_sim.steps.div_ceil(RECORDED).max(1);
        let total_work = trajectory_sim.steps + 2 * s.p_points as u64 * s.bifurcation_steps();
        let level = theory.focus().map(|f| f.e);
        WilsonCowanRun {
            trajectory: Trajectory { t: vec![0.0], e: vec![s.e0], i: vec![s.i0], tail: Watch::new(level) },
            s,
            theory,
            rk: Rk4::new(2),
            trajectory_sim,
            stride,
            extremes: Vec::new(),
            window: Watch::new(None),
            stage: Stage::Trajectory,
            work_done: 0,
            total_work,
        }
    }

    /// The input of the diagram's k-th simulated point.
    fn grid_p(&self, k: usize) -> f64 {
        let n = self.s.p_points;
        if n == 1 {
            0.5 * (self.s.p_min + self.s.p_max)
        } else {
            self.s.p_min + (self.s.p_max - self.s.p_min) * k as f64 / (n - 1) as f64
        }
    }

    /// The bifurcation simulation `index`.
    fn bifurcation_job(&self, index: usize) -> Job {
        let node = Node { p: self.grid_p(index / 2), ..self.s.node };
        let points = node.fixed_points();
        if index % 2 == 1 && points.len() < 2 {
            return Job::Skip { left: self.s.bifurcation_steps() };
        }
        let start = match (index % 2, points.first(), points.last()) {
            (0, Some(f), _) | (_, _, Some(f)) => [f.e + NUDGE, f.i],
            // Newton found nothing (it always should: the box holds a fixed point): start mid-box.
            _ => {
                let [(e0, e1), (i0, i1)] = node.stationary_box();
                [0.5 * (e0 + e1), 0.5 * (i0 + i1)]
            }
        };
        Job::Simulate(Integration::new(node, start, BIFURCATION_SETTLE * self.s.slow_tau(), self.s.dt))
    }

    /// Up to `budget` steps of the trajectory.
    fn advance_trajectory(&mut self, budget: u64) -> Result<u64, RunError> {
        let sim = &mut self.trajectory_sim;
        let half = sim.steps / 2;
        let mut done = 0;
        while done < budget && !sim.is_done() {
            let before = sim.state[0];
            sim.advance(&mut self.rk)?;
            done += 1;
            let tr = &mut self.trajectory;
            if sim.step > half {
                tr.tail.see(sim, before);
            }
            if sim.step % self.stride == 0 || sim.is_done() {
                tr.t.push(sim.time());
                tr.e.push(sim.state[0]);
                tr.i.push(sim.state[1]);
            }
        }
        if sim.is_done() {
            self.stage = if self.s.p_points > 0 {
                Stage::Bifurcation { index: 0, job: self.bifurcation_job(0) }
            } else {
                Stage::Done
            };
        }
        Ok(done)
    }

    /// Up to `budget` steps of the current bifurcation simulation.
    fn advance_bifurcation(&mut self, budget: u64) -> Result<u64, RunError> {
        let Stage::Bifurcation { index, job } = &mut self.stage else { unreachable!() };
        let index = *index;
        let (done, finished) = match job {
            Job::Skip { left } => {
                let done = (*left).min(budget);
                *left -= done;
                (done, *left == 0)
            }
            Job::Simulate(sim) => {
                let window = (BIFURCATION_WINDOW / BIFURCATION_SETTLE * sim.steps as f64) as u64;
                let mut done = 0;
                while done < budget && !sim.is_done() {
                    let before = sim.state[0];
                    sim.advance(&mut self.rk)?;
                    done += 1;
                    if sim.step + window >= sim.steps {
                        self.window.see(sim, before);
                    }
                }
                if sim.is_done() {
                    self.extremes.push(Extremes { p: sim.node.p, min: self.window.min, max: self.window.max });
                }
                (done, sim.is_done())
            }
        };
        if finished {
            self.window = Watch::new(None);
            let next = index + 1;
            self.stage = if next < 2 * self.s.p_points {
                Stage::Bifurcation { index: next, job: self.bifurcation_job(next) }
            } else {
                Stage::Done
            };
        }
        Ok(done)
    }
}

impl Run for WilsonCowanRun {
    fn total_work(&self) -> u64 {
        self.total_work
    }

    fn work_done(&self) -> u64 {
        self.work_done
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let mut done = 0;
        while done < budget {
            done += match self.stage {
                Stage::Trajectory => self.advance_trajectory(budget - done)?,
                Stage::Bifurcation { .. } => self.advance_bifurcation(budget - done)?,
                Stage::Done => break,
            };
        }
        self.work_done += done;
        Ok(done)
    }

    fn frame(&self) -> Frame {
        figures::frame(&self.s, &self.theory, &self.trajectory, &self.extremes)
    }

    fn observables(&self) -> Vec<Option<f64>> {
        let trajectory_done = !matches!(self.stage, Stage::Trajectory);
        let growth = self
            .theory
            .fixed_points
            .iter()
            .map(|f| f.eigenvalues.max_re())
            .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
        vec![
            self.trajectory.tail.amplitude().filter(|_| trajectory_done),
            self.trajectory.tail.period().filter(|_| trajectory_done),
            Some(self.theory.fixed_points.len() as f64),
            growth,
            self.theory.focus_period(),
            self.theory.hopf_points.iter().map(|b| b.p).reduce(f64::min),
            self.theory.saddle_nodes.iter().map(|b| b.p).reduce(f64::min),
        ]
    }
}

/// What the run's integrator measures on the attractor reached from `start`: RK4 with step at
/// most `dt` for `settle`, then a [`Watch`] of E over `window` more, with rises through `level`.
pub fn limit_cycle(
    node: &Node,
    start: [f64; 2],
    dt: f64,
    settle: f64,
    window: f64,
    level: f64,
) -> Result<Watch, RunError> {
    let mut rk = Rk4::new(2);
    let mut sim = Integration::new(*node, start, settle + window, dt);
    let from = (settle / sim.h).round() as u64;
    let mut watch = Watch::new(Some(level));
    while !sim.is_done() {
        let before = sim.state[0];
        sim.advance(&mut rk)?;
        if sim.step > from {
            watch.see(&sim, before);
        }
    }
    Ok(watch)
}
