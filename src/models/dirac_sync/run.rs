//! A run of the Dirac-synchronisation page: build the complex, its Hodge Laplacians (D² is their
//! block diagonal) and their spectra, start every cell at u_c times the limit cycle times
//! (1 + seeded complex noise), the edges turned by the chosen phase, integrate by RK4 and record
//! the amplitude spread and the phase of the edge signals ahead of the node signals.

use super::{Settings, Shape};
use crate::model::{Frame, Run, RunError};
use crate::models::dirac_turing::complex::{Drawing, torus_drawing};
use crate::models::global_sync::run::{BLOW_UP, Msf, Oscillators, fit_window, fitted_growth, spread, steps};
use crate::num::cell_complex::{CellComplex, Dense};
use crate::num::eigen::symmetric_eigen;
use crate::num::graph::Graph;
use crate::num::ode::FixedSteps;
use crate::rng::{normal, stream};

/// Points of the spread and the phase kept for the figures and the fit.
const RECORDED: u64 = 1000;
/// Eigenvalues below this (relative to the largest) are a kernel.
const ZERO: f64 = 1e-9;

/// The three dimensions of cells.
pub const DIMENSIONS: [&str; 3] = ["nodes", "edges", "faces"];

pub struct DiracSyncRun {
    pub s: Settings,
    pub complex: CellComplex,
    pub drawing: Drawing,
    pub msf: Msf,
    /// The candidate unit vector: 1 on nodes and faces, ±1 on edges along the cycle or the torus' axes.
    pub u: Vec<f64>,
    /// ‖D u‖: zero iff u is in the kernel of D, i.e. the synchronised state exists.
    pub defect: f64,
    /// The non-zero eigenvalues of L0, L1 and L2, increasing (`None` if the solver failed).
    pub spectra: [Option<Vec<f64>>; 3],
    /// For each dimension, the kernel of its Laplacian in the frame of u (u_c times each
    /// orthonormal kernel vector): the neutral directions, left out of the deviation.
    kernels: [Vec<Vec<f64>>; 3],
    stepper: FixedSteps<Oscillators>,
    pub state: Vec<f64>,
    pub t: Vec<f64>,
    /// The deviation from the synchronised manifold (see [`DiracSyncRun::deviation`]).
    pub deviation: Vec<f64>,
    /// The edges' phase ahead of the nodes, in degrees.
    pub edge_phase: Vec<f64>,
}

/// D² = diag(L0, L1, L2), from the three Laplacians.
fn dirac_squared(blocks: &[Dense; 3]) -> Dense {
    let n: usize = blocks.iter().map(|b| b.rows).sum();
    let mut d2 = Dense::zeros(n, n);
    let mut at = 0;
    for b in blocks {
        for r in 0..b.rows {
            d2.data[(at + r) * n + at..(at + r) * n + at + b.cols]
                .copy_from_slice(&b.data[r * b.cols..(r + 1) * b.cols]);
        }
        at += b.rows;
    }
    d2
}

/// The non-zero eigenvalues of a Laplacian, increasing, and its kernel's orthonormal vectors.
fn spectrum_and_kernel(m: &Dense) -> (Option<Vec<f64>>, Vec<Vec<f64>>) {
    if m.rows == 0 {
        return (Some(Vec::new()), Vec::new());
    }
    match symmetric_eigen(m.rows, &m.data) {
        Some((values, vectors)) => {
            let top = values.last().copied().unwrap_or(0.0).max(1.0);
            let zero = |l: &f64| l.abs() < ZERO * top;
            let kernel = values.iter().zip(vectors).filter(|(l, _)| zero(l)).map(|(_, v)| v).collect();
            (Some(values.into_iter().filter(|l| !zero(l)).collect()), kernel)
        }
        None => (None, Vec::new()),
    }
}

/// The complex, its drawing and the candidate unit vector.
fn build(s: &Settings) -> (CellComplex, Drawing, Vec<f64>) {
    let (complex, drawing) = match s.shape {
        Shape::Ring => {
            let g = Graph::ring(s.n);
            let layout = g.layout.clone().unwrap_or_default();
            let drawing = Drawing {
                x: layout.iter().map(|p| p[0]).collect(),
                y: layout.iter().map(|p| p[1]).collect(),
                shows: (0..s.n).collect(),
                edges: g.edges.iter().map(|e| [e[0] as u32, e[1] as u32]).collect(),
            };
            (CellComplex::of_graph(&g), drawing)
        }
        Shape::Square | Shape::Triangulated => {
            let c = if s.shape == Shape::Square {
                CellComplex::square_torus(s.l)
            } else {
                CellComplex::triangulated_torus(s.l)
            };
            let drawing = torus_drawing(s.l, &c.edges);
            (c, drawing)
        }
    };
    // The ring stores its closing edge as [0, n − 1], against the cycle; every torus edge points
    // along +x, +y or the diagonal.
    let last = [0, complex.n0 - 1];
    let mut u = vec![1.0; complex.n0];
    u.extend(complex.edges.iter().map(|&e| if s.shape == Shape::Ring && e == last { -1.0 } else { 1.0 }));
    u.extend(std::iter::repeat_n(1.0, complex.n2()));
    (complex, drawing, u)
}

/// The phase of Σ_c u_c Ψ_c over the cells in `range`.
fn block_phase(y: &[f64], u: &[f64], range: std::ops::Range<usize>) -> f64 {
    let n = u.len();
    let (re, im) = range.fold((0.0, 0.0), |(a, b), c| (a + u[c] * y[c], b + u[c] * y[n + c]));
    libm::atan2(im, re)
}

/// An angle in radians as degrees in (−180, 180].
fn degrees(x: f64) -> f64 {
    let d = x * 180.0 / std::f64::consts::PI;
    let wrapped = d - 360.0 * libm::round(d / 360.0);
    if wrapped <= -180.0 { wrapped + 360.0 } else { wrapped }
}

impl DiracSyncRun {
    pub fn new(s: Settings, seed: u64) -> Self {
        let (complex, drawing, u) = build(&s);
        let d = complex.dirac();
        let mut du = vec![0.0; u.len()];
        d.apply(&u, &mut du);
        let defect = du.iter().map(|x| x * x).sum::<f64>().sqrt();
        let laplacians = [complex.l0(), complex.l1(), complex.l2()];
        let [s0, s1, s2] = [0, 1, 2].map(|k| spectrum_and_kernel(&laplacians[k]));
        let spectra = [s0.0, s1.0, s2.0];
        let starts = [0, complex.n0, complex.n0 + complex.n1()];
        let mut kernels = [s0.1, s1.1, s2.1];
        for (k, kernel) in kernels.iter_mut().enumerate() {
            for v in kernel.iter_mut() {
                v.iter_mut().enumerate().for_each(|(j, x)| *x *= u[starts[k] + j]);
            }
        }
        let msf = Msf { sigma: s.sigma, beta: s.beta, mu: s.mu };
        let rho = msf.rho2().sqrt();
        let n = u.len();
        let mut rng = stream(seed, "perturbation", 0);
        let noise: Vec<f64> = (0..2 * n).map(|_| s.perturbation * normal().sample(&mut rng)).collect();
        let turn = s.edge_phase * std::f64::consts::PI / 180.0;
        let (cos, sin) = (libm::cos(turn), libm::sin(turn));
        let mut state = vec![0.0; 2 * n];
        for c in 0..n {
            let (re, im) = (u[c] * rho * (1.0 + noise[c]), u[c] * rho * noise[n + c]);
            let (cs, sn) = if (complex.n0..complex.n0 + complex.n1()).contains(&c) { (cos, sin) } else { (1.0, 0.0) };
            state[c] = re * cs - im * sn;
            state[n + c] = re * sn + im * cs;
        }
        let mut run = DiracSyncRun {
            stepper: FixedSteps::new(
                Oscillators::new(&dirac_squared(&laplacians), msf),
                s.t_max,
                steps(s.t_max, s.dt),
                RECORDED,
                BLOW_UP,
            ),
            s,
            complex,
            drawing,
            msf,
            u,
            defect,
            spectra,
            kernels,
            state,
            t: Vec::new(),
            deviation: Vec::new(),
            edge_phase: Vec::new(),
        };
        run.record();
        run
    }

    pub fn time(&self) -> f64 {
        self.stepper.time()
    }

    pub fn done(&self) -> bool {
        self.stepper.done()
    }

    /// The cells of dimension k, as a range of indices.
    pub fn cells(&self, k: usize) -> std::ops::Range<usize> {
        let c = &self.complex;
        [0..c.n0, c.n0..c.n0 + c.n1(), c.n0 + c.n1()..c.n0 + c.n1() + c.n2()][k].clone()
    }

    /// The edges' phase ahead of the nodes now, in degrees.
    pub fn current_edge_phase(&self) -> f64 {
        let y = &self.state;
        degrees(block_phase(y, &self.u, self.cells(1)) - block_phase(y, &self.u, self.cells(0)))
    }

    /// Each cell's phase of Ψ_c/u_c relative to the node signals' phase, in radians.
    pub fn relative_phases(&self) -> Vec<f64> {
        let (y, n) = (&self.state, self.u.len());
        let reference = block_phase(y, &self.u, self.cells(0));
        (0..n).map(|c| libm::atan2(self.u[c] * y[n + c], self.u[c] * y[c]) - reference).collect()
    }

    fn record(&mut self) {
        self.t.push(self.time());
        let deviation = self.deviation();
        self.deviation.push(deviation);
        let phase = self.current_edge_phase();
        self.edge_phase.push(phase);
    }

    /// How far Ψ is from the synchronised manifold: with z_k = mean of u_c Ψ_c over the cells of
    /// dimension k and ξ_c = u_c Ψ_c / z_k − 1, the root mean square of ξ over all cells once its
    /// neutral part (the kernel of each L_k, where the perturbation neither grows nor decays) is
    /// projected out. In the linear regime ξ is the sum over the modes of D² of (x + iy) times an
    /// eigenvector, (x, y) following M(Λ): this is the norm the master stability function predicts.
    pub fn deviation(&self) -> f64 {
        let (y, n) = (&self.state, self.u.len());
        let mut total = 0.0;
        for k in 0..3 {
            let cells = self.cells(k);
            if cells.is_empty() {
                continue;
            }
            let m = cells.len() as f64;
            let (zr, zi) = cells.clone().fold((0.0, 0.0), |(a, b), c| (a + self.u[c] * y[c], b + self.u[c] * y[n + c]));
            let (zr, zi) = (zr / m, zi / m);
            let z2 = zr * zr + zi * zi;
            let mut xi: Vec<(f64, f64)> = cells
                .map(|c| {
                    let (a, b) = (self.u[c] * y[c], self.u[c] * y[n + c]);
                    ((a * zr + b * zi) / z2 - 1.0, (b * zr - a * zi) / z2)
                })
                .collect();
            for v in &self.kernels[k] {
                let (pr, pi) = v.iter().zip(&xi).fold((0.0, 0.0), |(a, b), (w, x)| (a + w * x.0, b + w * x.1));
                xi.iter_mut().zip(v).for_each(|(x, w)| *x = (x.0 - pr * w, x.1 - pi * w));
            }
            total += xi.iter().map(|x| x.0 * x.0 + x.1 * x.1).sum::<f64>();
        }
        (total / n as f64).sqrt()
    }

    /// Is u in the kernel of D (so that global Dirac synchronisation exists)?
    pub fn synchronisable(&self) -> bool {
        self.defect < 1e-9
    }

    /// The largest master stability function over the non-zero spectrum of D² (Λ = −λ), where
    /// the synchronised state exists.
    pub fn msf_max(&self) -> Option<f64> {
        if !self.synchronisable() {
            return None;
        }
        let mut all = Vec::new();
        for spectrum in &self.spectra {
            all.extend_from_slice(spectrum.as_ref()?);
        }
        all.into_iter().map(|l| self.msf.growth(-l)).reduce(f64::max)
    }

    pub fn fit_window(&self) -> (f64, f64) {
        fit_window(&self.t, &self.deviation, self.time())
    }

    /// The growth rate of the spread over the fit window, once the run is done.
    pub fn growth_measured(&self) -> Option<f64> {
        self.done().then(|| fitted_growth(&self.t, &self.deviation, self.fit_window())).flatten()
    }
}

impl Run for DiracSyncRun {
    fn total_work(&self) -> u64 {
        self.stepper.steps
    }

    fn work_done(&self) -> u64 {
        self.stepper.step
    }

    fn advance(&mut self, budget: u64) -> Result<u64, RunError> {
        let todo = budget.min(self.stepper.steps - self.stepper.step);
        for _ in 0..todo {
            let record = self.stepper.step(&mut self.state).map_err(|(i, x)| {
                let cell = i % self.u.len();
                let k = (0..3).find(|&k| self.cells(k).contains(&cell)).unwrap_or(0);
                let name = DIMENSIONS[k].trim_end_matches('s');
                RunError::Diverged {
                    at: format!("t = {:.4}", self.time()),
                    what: format!("Ψ on {name} {} reached {x}; lower dt", cell - self.cells(k).start),
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
        let done = self.done();
        vec![
            self.growth_measured(),
            self.msf_max(),
            done.then(|| spread(&self.state)),
            done.then(|| self.current_edge_phase()),
            self.edge_phase.first().copied(),
            Some(self.defect),
        ]
    }
}
