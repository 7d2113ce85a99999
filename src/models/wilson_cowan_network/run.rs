//! A run of the Wilson–Cowan network page: build the coupling matrix (a seeded graph's Laplacian
//! or adjacency, or the planted operator on seeded patterns), its linear theory, then integrate
//! the 2N equations by RK4 from the homogeneous state (or the first pattern, some nodes flipped)
//! plus a small seeded perturbation. Work is counted in RK4 steps.

use super::coupling::{Sparse, planted};
use super::theory::{Msf, pattern_spectrum, project, rate};
use super::{Coupling, RK4_REACH, Settings};
use crate::model::{Frame, Run, RunError};
use crate::models::wilson_cowan::node::{FixedPoint, Node};
use crate::num::eigen::{Complex, symmetric_eigen};
use crate::num::graph::{Graph, circle_layout};
use crate::num::ode::{FixedSteps, OdeSystem};
use crate::rng::{normal, stream, uniform};

/// The perturbation is linear while the spread of E (or the distance to the pattern) is below this.
pub const LINEAR_LIMIT: f64 = 1e-2;
/// A mode amplitude or distance below this share of its start is lost in rounding and nonlinear
/// mixing from the other modes: the fit stops there.
const FLOOR: f64 = 1e-6;
/// Points recorded for the figures and the fits.
const RECORDED: u64 = 1000;
/// Nodes whose E(t) is recorded.
pub const TRACED: usize = 6;
/// A state this far out means the integration blew up (activities stay within [−0.5, 1]).
const BLOW_UP: f64 = 1e3;
/// Coupling eigenvalues closer than this (relative) are one degenerate eigenvalue.
const SAME: f64 = 1e-8;

/// The slope of ln y against t by least squares over the points with `keep(t, y)`, y > 0;
/// `None` with fewer than three.
pub fn fit_slope(t: &[f64], y: &[f64], keep: impl Fn(f64, f64) -> bool) -> Option<f64> {
    let points: Vec<(f64, f64)> =
        t.iter().zip(y).filter(|&(&t, &y)| y > 0.0 && keep(t, y)).map(|(&t, &y)| (t, libm::log(y))).collect();
    if points.len() < 3 {
        return None;
    }
    let n = points.len() as f64;
    let (mt, my) = points.iter().fold((0.0, 0.0), |(a, b), &(t, y)| (a + t / n, b + y / n));
    let (sty, stt) =
        points.iter().fold((0.0, 0.0), |(a, b), &(t, y)| (a + (t - mt) * (y - my), b + (t - mt) * (t - mt)));
    (stt > 0.0).then(|| sty / stt)
}

/// The standard deviation over the nodes.
pub fn spread(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    (x.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n).sqrt()
}

/// The network as an ODE system.
pub struct System {
    pub node: Node,
    pub a: Sparse,
    pub gamma: f64,
}

impl OdeSystem for System {
    fn dim(&self) -> usize {
        2 * self.a.n
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        rate(&self.node, &self.a, self.gamma, y, dy);
    }
}

/// The linear theory about the homogeneous state, for the graph couplings.
pub struct Modes {
    /// Eigenvalues m of A, increasing, with their unit eigenvectors.
    pub values: Vec<f64>,
    pub vectors: Vec<Vec<f64>>,
    /// The row sum of A (0 for L, 1 for Adj/⟨k⟩ on a regular graph): the uniform mode's eigenvalue.
    pub row_sum: f64,
    /// `None` when there is no homogeneous state (adjacency coupling on a graph whose degrees differ)
    /// or Newton found no fixed point.
    pub msf: Option<Msf>,
    /// The fastest non-uniform mode: its eigenvalue and the indices of its (degenerate) eigenvectors.
    pub fastest: Option<(f64, Vec<usize>)>,
}

impl Modes {
    /// Is eigenvalue m the uniform mode's?
    pub fn is_uniform(&self, m: f64) -> bool {
        (m - self.row_sum).abs() <= SAME * (1.0 + self.row_sum.abs())
    }

    /// (m, growth rate) of every non-uniform mode, in increasing m.
    pub fn growth(&self) -> Vec<(f64, f64)> {
        let Some(msf) = &self.msf else { return Vec::new() };
        self.values.iter().filter(|&&m| !self.is_uniform(m)).map(|&m| (m, msf.growth(m))).collect()
    }
}

/// The planted patterns and the linear theory at each.
pub struct Planted {
    /// The node's low and high stable states.
    pub low: FixedPoint,
    pub high: FixedPoint,
    /// Each pattern as its nodes' states: true = high.
    pub bits: Vec<Vec<bool>>,
    /// Each pattern as a state of the network, (E, I).
    pub states: Vec<Vec<f64>>,
    /// The eigenvalues of the Jacobian at each pattern (all 2N, with multiplicity); `None` if the
    /// solver failed.
    pub spectra: Vec<Option<Vec<Complex>>>,
    /// The nodes flipped at the start.
    pub flipped: Vec<usize>,
}

pub enum Theory {
    Modes(Modes),
    Planted(Planted),
}

pub struct WcNetworkRun {
    pub s: Settings,
    pub node: Node,
    /// The graph (`None` for the planted coupling).
    pub graph: Option<Graph>,
    pub positions: Vec<[f64; 2]>,
    pub theory: Theory,
    /// The homogeneous state (or the pattern) the run starts from, (E, I).
    pub reference: Vec<f64>,
    stepper: FixedSteps<System>,
    pub state: Vec<f64>,
    pub t: Vec<f64>,
    /// The spread of E over the nodes.
    pub spread: Vec<f64>,
    /// The amplitude of the fastest mode (graph couplings), or the RMS distance of (E, I) from
    /// each pattern (planted).
    pub tracked: Vec<Vec<f64>>,
    /// The nodes whose E is traced, and their E at each record.
    pub traced: Vec<usize>,
    pub traces: Vec<Vec<f64>>,
    /// Why the run cannot start, if it cannot.
    blocked: Option<String>,
}

/// K patterns of N random bits, each set linearly independent of the ones before (redrawn
/// otherwise; a set of at most six random patterns of N ≥ 7 bits almost never needs it).
fn draw_patterns(n: usize, k: usize, low: f64, high: f64, seed: u64) -> (Vec<Vec<bool>>, Option<Sparse>) {
    let mut rng = stream(seed, "patterns", 0);
    let mut bits: Vec<Vec<bool>> = Vec::new();
    let e = |b: &[bool]| b.iter().map(|&h| if h { high } else { low }).collect::<Vec<f64>>();
    for _ in 0..k {
        for _attempt in 0..100 {
            let candidate: Vec<bool> = (0..n).map(|_| uniform(&mut rng) < 0.5).collect();
            let mut set: Vec<Vec<f64>> = bits.iter().map(|b| e(b)).collect();
            set.push(e(&candidate));
            if planted(&set).is_some() {
                bits.push(candidate);
                break;
            }
        }
    }
    let a = (bits.len() == k).then(|| planted(&bits.iter().map(|b| e(b)).collect::<Vec<_>>())).flatten();
    (bits, a)
}

impl WcNetworkRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let node = s.node();
        let n = s.n;
        let mut blocked = None;
        let (graph, a, theory, reference, positions) = if s.coupling == Coupling::Planted {
            let points = node.fixed_points();
            let stable: Vec<&FixedPoint> = points.iter().filter(|f| f.stability.is_stable()).collect();
            let (low, high) = match (stable.first(), stable.last()) {
                (Some(&&l), Some(&&h)) if stable.len() >= 2 => (l, h),
                // Model::check refuses such a node; a direct caller gets an empty network.
                _ => {
                    blocked = Some(format!("P={} and tau_I={} do not make a node bistable", s.p, s.tau_i));
                    let f = points.last().copied().unwrap_or_else(|| FixedPoint::new(&node, 0.0, 0.0));
                    (f, f)
                }
            };
            let (bits, a) = draw_patterns(n, s.patterns, low.e, high.e, seed);
            let a = a.unwrap_or_else(|| {
                blocked = Some("the patterns drawn are linearly dependent; try another seed".into());
                Sparse::from_dense(n, &vec![0.0; n * n])
            });
            let states: Vec<Vec<f64>> = bits
                .iter()
                .map(|b| {
                    let mut y: Vec<f64> = b.iter().map(|&h| if h { high.e } else { low.e }).collect();
                    y.extend(b.iter().map(|&h| if h { high.i } else { low.i }));
                    y
                })
                .collect();
            let spectra = bits
                .iter()
                .map(|b| {
                    let e: Vec<Vec<f64>> = states.iter().map(|y| y[..n].to_vec()).collect();
                    pattern_spectrum(&node, &a, s.gamma, &e, b)
                })
                .collect();
            // The flipped nodes: the first `flips` of a seeded shuffle.
            let mut order: Vec<usize> = (0..n).collect();
            let mut rng = stream(seed, "flips", 0);
            for i in (1..n).rev() {
                let j = ((uniform(&mut rng) * (i + 1) as f64) as usize).min(i);
                order.swap(i, j);
            }
            let flipped: Vec<usize> = order.into_iter().take(s.flips).collect();
            let mut start_bits = bits.first().cloned().unwrap_or_else(|| vec![false; n]);
            for &i in &flipped {
                start_bits[i] = !start_bits[i];
            }
            let mut reference: Vec<f64> = start_bits.iter().map(|&h| if h { high.e } else { low.e }).collect();
            reference.extend(start_bits.iter().map(|&h| if h { high.i } else { low.i }));
            let theory = Theory::Planted(Planted { low, high, bits, states, spectra, flipped });
            (None, a, theory, reference, circle_layout(n))
        } else {
            let graph = s.topology.build(n, s.k, seed);
            let positions = graph.positions(&mut stream(seed, "layout", 0));
            let degrees = graph.degrees();
            let regular = degrees.iter().all(|&d| d == degrees[0]);
            let (a, row_sum) = match s.coupling {
                Coupling::Adjacency => (Sparse::adjacency(&graph), 1.0),
                _ => (Sparse::laplacian(&graph), 0.0),
            };
            let msf =
                if s.coupling == Coupling::Adjacency && !regular { None } else { Msf::new(&node, s.gamma, row_sum) };
            let (values, vectors) = symmetric_eigen(n, &a.dense()).unwrap_or_default();
            let mut modes = Modes { values, vectors, row_sum, msf, fastest: None };
            modes.fastest = modes.growth().into_iter().reduce(|a, b| if b.1 > a.1 { b } else { a }).map(|(m, _)| {
                let same = (0..modes.values.len())
                    .filter(|&k| (modes.values[k] - m).abs() <= SAME * (1.0 + m.abs()))
                    .collect();
                (m, same)
            });
            // Start at the homogeneous state; without one, at the uncoupled node's highest fixed point.
            let (e0, i0) = match &modes.msf {
                Some(msf) => (msf.state.e, msf.state.i),
                None => node.fixed_points().last().map_or((0.0, 0.0), |f| (f.e, f.i)),
            };
            let mut reference = vec![e0; n];
            reference.extend(std::iter::repeat_n(i0, n));
            (Some(graph), a, Theory::Modes(modes), reference, positions)
        };
        let mut state = reference.clone();
        let mut rng = stream(seed, "perturbation", 0);
        for x in &mut state {
            *x += s.perturbation * normal().sample(&mut rng);
        }
        // The fastest rate of the linearised dynamics: the node's own, plus |γ| g times A's largest row sum.
        let largest_row = (0..n).map(|i| a.row(i).fold(0.0, |s, (_, v)| s + v.abs())).fold(0.0, f64::max);
        let (own, g) = s.node_rate();
        let fastest = own + s.gamma.abs() * g * largest_row;
        if blocked.is_none() && s.dt * fastest > RK4_REACH {
            blocked = Some(format!(
                "dt={} is too large for this network: its coupling matrix has a row of absolute sum \
                 {largest_row:.2}, so the dynamics may change at a rate up to {fastest:.1} (gamma={}), and RK4 \
                 needs dt times it below {RK4_REACH}: lower dt to {:.2e} or less",
                s.dt,
                s.gamma,
                RK4_REACH / fastest
            ));
        }
        let steps = s.steps();
        let traced: Vec<usize> = (0..TRACED.min(n)).map(|k| k * n / TRACED.min(n)).collect();
        let tracks = match &theory {
            Theory::Modes(_) => 1,
            Theory::Planted(p) => p.states.len(),
        };
        let mut run = WcNetworkRun {
            stepper: FixedSteps::new(System { node, a, gamma: s.gamma }, s.t_max, steps, RECORDED, BLOW_UP),
            s,
            node,
            graph,
            positions,
            theory,
            reference,
            state,
            t: Vec::new(),
            spread: Vec::new(),
            tracked: vec![Vec::new(); tracks],
            traces: vec![Vec::new(); traced.len()],
            traced,
            blocked,
        };
        run.record();
        run
    }

    pub fn time(&self) -> f64 {
        self.stepper.time()
    }

    pub fn e(&self) -> &[f64] {
        &self.state[..self.s.n]
    }

    pub fn a(&self) -> &Sparse {
        &self.stepper.system.a
    }

    /// The amplitude of the fastest mode: √Σ |w·(φ·δE, φ·δI)|² over its eigenvectors φ, with w the
    /// left eigenvector of J(m); in the linear regime it is exactly |·| e^{Re λ t}.
    fn fastest_amplitude(&self, modes: &Modes) -> f64 {
        let (Some(msf), Some((m, indices))) = (&modes.msf, &modes.fastest) else { return f64::NAN };
        let n = self.s.n;
        let w = msf.left_vector(*m);
        let mut total = 0.0;
        for &k in indices {
            let phi = &modes.vectors[k];
            let (mut xe, mut xi) = (0.0, 0.0);
            for (j, &p) in phi.iter().enumerate() {
                xe += p * (self.state[j] - self.reference[j]);
                xi += p * (self.state[n + j] - self.reference[n + j]);
            }
            let z = project(&w, [xe, xi]);
            total += z.re * z.re + z.im * z.im;
        }
        total.sqrt()
    }

    fn record(&mut self) {
        let n = self.s.n;
        self.t.push(self.time());
        self.spread.push(spread(self.e()));
        match &self.theory {
            Theory::Modes(modes) => {
                let a = self.fastest_amplitude(modes);
                self.tracked[0].push(a);
            }
            Theory::Planted(p) => {
                for (c, y) in p.states.iter().enumerate() {
                    let d = y.iter().zip(&self.state).fold(0.0, |s, (a, b)| s + (a - b) * (a - b));
                    self.tracked[c].push((d / (2 * n) as f64).sqrt());
                }
            }
        }
        for (k, &i) in self.traced.iter().enumerate() {
            self.traces[k].push(self.state[i]);
        }
    }

    /// The growth rate of the fastest non-uniform mode (graph couplings), or the largest real part
    /// of the Jacobian's eigenvalues at the first pattern (planted).
    pub fn growth_theory(&self) -> Option<f64> {
        match &self.theory {
            Theory::Modes(m) => m.growth().into_iter().map(|(_, g)| g).reduce(f64::max),
            Theory::Planted(p) => {
                p.spectra.first()?.as_ref().map(|ev| ev.iter().fold(f64::NEG_INFINITY, |m, z| m.max(z.re)))
            }
        }
    }

    /// Modes that grow (graph couplings), or eigenvalues of the Jacobian at the first pattern with Re λ > 0.
    pub fn unstable_modes(&self) -> Option<usize> {
        match &self.theory {
            Theory::Modes(m) => m.msf.map(|_| m.growth().iter().filter(|(_, g)| *g > 0.0).count()),
            Theory::Planted(p) => p.spectra.first()?.as_ref().map(|ev| ev.iter().filter(|z| z.re > 0.0).count()),
        }
    }

    /// The series whose growth is fitted: the fastest mode's amplitude, or the distance to the
    /// first pattern.
    pub fn fitted(&self) -> &[f64] {
        &self.tracked[0]
    }

    /// The measured growth rate: the slope of ln of the fitted series over the points where the
    /// perturbation is still linear (every earlier spread of E, or distance, below
    /// [`LINEAR_LIMIT`]) and above [`FLOOR`] times its start. For the planted coupling, the points
    /// after the distance has first fallen below a tenth of its start (the faster directions gone).
    pub fn growth_measured(&self) -> Option<f64> {
        if !self.stepper.done() {
            return None;
        }
        let y = self.fitted();
        let first = *y.first()?;
        let gate: &[f64] = match self.theory {
            Theory::Modes(_) => &self.spread,
            Theory::Planted(_) => y,
        };
        let mut linear = Vec::with_capacity(y.len());
        let mut ok = true;
        for &g in gate {
            ok = ok && g < LINEAR_LIMIT;
            linear.push(ok);
        }
        let settled = match self.theory {
            Theory::Modes(_) => 0,
            // A pattern that repels: from the start.
            Theory::Planted(_) if y.last().is_some_and(|&d| d > first) => 0,
            Theory::Planted(_) => y.iter().position(|&d| d < 0.1 * first).unwrap_or(y.len()),
        };
        let keep: Vec<bool> =
            (0..y.len()).map(|k| linear[k] && k >= settled && y[k] > FLOOR * first && y[k].is_finite()).collect();
        let t: Vec<f64> = self.t.iter().zip(&keep).filter(|&(_, &k)| k).map(|(&t, _)| t).collect();
        let v: Vec<f64> = y.iter().zip(&keep).filter(|&(_, &k)| k).map(|(&v, _)| v).collect();
        fit_slope(&t, &v, |_, _| true)
    }

    /// The planted pattern nearest the current state (1-based) and the RMS distance to it.
    pub fn nearest(&self) -> Option<(usize, f64)> {
        let Theory::Planted(_) = self.theory else { return None };
        self.tracked
            .iter()
            .enumerate()
            .filter_map(|(c, d)| d.last().map(|&d| (c + 1, d)))
            .reduce(|a, b| if b.1 < a.1 { b } else { a })
    }
}

impl Run for WcNetworkRun {
    fn total_work(&self) -> u64 {
        self.stepper.steps
    }

    fn work_done(&self) -> u64 {
        self.stepper.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        if let Some(why) = &self.blocked {
            return Err(RunError::Diverged { at: "t = 0".into(), what: why.clone() });
        }
        let todo = budget.min(self.stepper.steps - self.stepper.step);
        for _ in 0..todo {
            let record = self.stepper.step(&mut self.state).map_err(|(i, x)| {
                let n = self.s.n;
                let (name, node) = if i < n { ("E", i) } else { ("I", i - n) };
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
        let nearest = self.nearest().filter(|_| done);
        vec![
            self.growth_measured(),
            self.growth_theory(),
            self.unstable_modes().map(|u| u as f64),
            done.then(|| spread(self.e())),
            nearest.map(|(c, _)| c as f64),
            nearest.map(|(_, d)| d),
        ]
    }
}
