//! The network of a run and the reaction–diffusion system on it, as an ODE over the state
//! (u_0 … u_{N−1}, v_0 … v_{N−1}).

use super::theory::MimuraMurray;
use crate::num::graph::Graph;
use crate::num::ode::OdeSystem;
use crate::rng::stream;

/// The kinds of network of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topology {
    BarabasiAlbert,
    ErdosRenyi,
    WattsStrogatz,
    Ring,
    Complete,
    DirectedRing,
}

/// The share of a Watts–Strogatz ring's links that are rewired.
pub const WS_REWIRING: f64 = 0.1;

impl Topology {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "ba" => Topology::BarabasiAlbert,
            "er" => Topology::ErdosRenyi,
            "ws" => Topology::WattsStrogatz,
            "ring" => Topology::Ring,
            "complete" => Topology::Complete,
            "directed-ring" => Topology::DirectedRing,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Topology::BarabasiAlbert => "ba",
            Topology::ErdosRenyi => "er",
            Topology::WattsStrogatz => "ws",
            Topology::Ring => "ring",
            Topology::Complete => "complete",
            Topology::DirectedRing => "directed-ring",
        }
    }

    /// Is the mean degree k a parameter of this kind?
    pub fn uses_k(self) -> bool {
        matches!(self, Topology::BarabasiAlbert | Topology::ErdosRenyi | Topology::WattsStrogatz)
    }

    /// The network with n nodes and mean degree about k, drawn from the run's "graph" stream.
    pub fn build(self, n: usize, k: usize, seed: u64) -> Graph {
        let mut rng = stream(seed, "graph", 0);
        match self {
            Topology::BarabasiAlbert => Graph::barabasi_albert(n, k / 2, &mut rng),
            Topology::ErdosRenyi => Graph::erdos_renyi(n, k as f64 / (n - 1) as f64, &mut rng),
            Topology::WattsStrogatz => Graph::watts_strogatz(n, k, WS_REWIRING, &mut rng),
            Topology::Ring => Graph::ring(n),
            Topology::Complete => Graph::complete(n),
            Topology::DirectedRing => Graph::directed_ring(n),
        }
    }
}

/// du_i/dt = f(u_i, v_i) + ε Σ_j A_ij (u_j − u_i), dv_i/dt = g(u_i, v_i) + σε Σ_j A_ij (v_j − v_i),
/// the sums over the out-neighbours of i in the order of the graph's edges.
pub struct ReactionDiffusion {
    pub kinetics: MimuraMurray,
    pub eps: f64,
    pub sigma: f64,
    n: usize,
    /// Neighbours of node i: `targets[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    targets: Vec<usize>,
}

impl ReactionDiffusion {
    pub fn new(graph: &Graph, kinetics: MimuraMurray, eps: f64, sigma: f64) -> Self {
        let mut offsets = vec![0];
        let mut targets = Vec::new();
        for list in graph.neighbours() {
            targets.extend(list);
            offsets.push(targets.len());
        }
        ReactionDiffusion { kinetics, eps, sigma, n: graph.n, offsets, targets }
    }

    /// Σ_j A_ij (x_j − x_i).
    #[inline]
    fn diffusion(&self, x: &[f64], i: usize) -> f64 {
        let xi = x[i];
        self.targets[self.offsets[i]..self.offsets[i + 1]].iter().fold(0.0, |s, &j| s + (x[j] - xi))
    }
}

impl OdeSystem for ReactionDiffusion {
    fn dim(&self) -> usize {
        2 * self.n
    }

    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let (u, v) = y.split_at(self.n);
        let (du, dv) = dy.split_at_mut(self.n);
        let inhibitor = self.sigma * self.eps;
        for i in 0..self.n {
            du[i] = self.kinetics.f(u[i], v[i]) + self.eps * self.diffusion(u, i);
            dv[i] = self.kinetics.g(u[i], v[i]) + inhibitor * self.diffusion(v, i);
        }
    }
}
