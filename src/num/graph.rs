//! Graphs for dynamics on networks: seeded generators (ring, complete, Erdős–Rényi,
//! Barabási–Albert, Watts–Strogatz, directed ring), their Laplacians as dense matrices, and a
//! deterministic layout for drawing them.
//!
//! Every random generator takes its own PCG32 stream (see [`crate::rng::stream`]), draws in a fixed
//! order and keeps its edges in the order drawn, so a (generator, seed) pair gives the same graph
//! on every target. The layout is computed in `f64` with `libm` and a fixed number of iterations.

use crate::rng::{Pcg32, uniform};
use std::collections::BTreeSet;

/// A simple graph on nodes 0..n: no loops, no repeated edges. An undirected edge is stored once,
/// as [i, j] with i < j; a directed edge [i, j] points from i to j.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    pub n: usize,
    pub edges: Vec<[usize; 2]>,
    pub directed: bool,
    /// A natural drawing (a circle for rings and complete graphs), when the graph has one.
    pub layout: Option<Vec<[f64; 2]>>,
}

/// Points evenly on the unit circle, node 0 at the top, going clockwise.
pub fn circle_layout(n: usize) -> Vec<[f64; 2]> {
    (0..n)
        .map(|i| {
            let a = 2.0 * std::f64::consts::PI * i as f64 / n as f64;
            [libm::sin(a), libm::cos(a)]
        })
        .collect()
}

/// Edges of an undirected graph as a set of ordered pairs, for duplicate checks.
fn key(i: usize, j: usize) -> (usize, usize) {
    if i < j { (i, j) } else { (j, i) }
}

/// A uniform index in 0..n (n ≥ 1), by rejection-free scaling of 53 random bits: the bias is
/// below 2⁻⁴⁰ for every n a page allows.
fn index(rng: &mut Pcg32, n: usize) -> usize {
    ((uniform(rng) * n as f64) as usize).min(n - 1)
}

impl Graph {
    fn undirected(n: usize, edges: Vec<[usize; 2]>) -> Self {
        Graph { n, edges, directed: false, layout: None }
    }

    /// The cycle 0 – 1 – … – (n−1) – 0 (n ≥ 3).
    pub fn ring(n: usize) -> Self {
        assert!(n >= 3, "a ring needs at least 3 nodes, got {n}");
        let edges = (0..n).map(|i| if i + 1 < n { [i, i + 1] } else { [0, n - 1] }).collect();
        Graph { layout: Some(circle_layout(n)), ..Graph::undirected(n, edges) }
    }

    /// The directed cycle i → i+1 (mod n).
    pub fn directed_ring(n: usize) -> Self {
        assert!(n >= 2, "a directed ring needs at least 2 nodes, got {n}");
        let edges = (0..n).map(|i| [i, (i + 1) % n]).collect();
        Graph { n, edges, directed: true, layout: Some(circle_layout(n)) }
    }

    /// The complete graph K_n.
    pub fn complete(n: usize) -> Self {
        let edges = (0..n).flat_map(|i| (i + 1..n).map(move |j| [i, j])).collect();
        Graph { layout: Some(circle_layout(n)), ..Graph::undirected(n, edges) }
    }

    /// Erdős–Rényi G(n, p): each pair (i < j), in order, is an edge with probability p.
    pub fn erdos_renyi(n: usize, p: f64, rng: &mut Pcg32) -> Self {
        let mut edges = Vec::new();
        for i in 0..n {
            for j in i + 1..n {
                if uniform(rng) < p {
                    edges.push([i, j]);
                }
            }
        }
        Graph::undirected(n, edges)
    }

    /// Barabási–Albert preferential attachment: a complete graph on m + 1 nodes, then each new
    /// node attaches to m distinct earlier nodes, each chosen with probability proportional to its
    /// degree (a uniform pick from the list of edge ends). It has m(m+1)/2 + m(n − m − 1) edges,
    /// a mean degree just under 2m.
    pub fn barabasi_albert(n: usize, m: usize, rng: &mut Pcg32) -> Self {
        assert!(m >= 1 && m < n, "Barabási–Albert needs 1 ≤ m < n, got m = {m}, n = {n}");
        let mut g = Graph::complete(m + 1);
        g.layout = None;
        g.n = n;
        let mut ends: Vec<usize> = g.edges.iter().flat_map(|e| [e[0], e[1]]).collect();
        for new in m + 1..n {
            let mut targets: Vec<usize> = Vec::with_capacity(m);
            while targets.len() < m {
                let t = ends[index(rng, ends.len())];
                if !targets.contains(&t) {
                    targets.push(t);
                }
            }
            for &t in &targets {
                g.edges.push([t, new]);
                ends.push(t);
                ends.push(new);
            }
        }
        g
    }

    /// Watts–Strogatz: a ring where each node links to its k/2 nearest neighbours on each side
    /// (k even), then each edge [i, i + s], in order of s then i, has its far end moved with
    /// probability β to a uniform node that is neither i nor already i's neighbour.
    pub fn watts_strogatz(n: usize, k: usize, beta: f64, rng: &mut Pcg32) -> Self {
        assert!(k >= 2 && k % 2 == 0 && k < n, "Watts–Strogatz needs an even k in [2, n), got k = {k}, n = {n}");
        let mut set: BTreeSet<(usize, usize)> = BTreeSet::new();
        let mut edges = Vec::new();
        for s in 1..=k / 2 {
            for i in 0..n {
                let j = (i + s) % n;
                set.insert(key(i, j));
                edges.push([i, j]);
            }
        }
        for e in &mut edges {
            if uniform(rng) >= beta {
                continue;
            }
            let i = e[0];
            // A node with every other node as neighbour keeps its edge.
            if (0..n).filter(|&w| w != i && set.contains(&key(i, w))).count() >= n - 1 {
                continue;
            }
            let w = loop {
                let w = index(rng, n);
                if w != i && !set.contains(&key(i, w)) {
                    break w;
                }
            };
            set.remove(&key(e[0], e[1]));
            set.insert(key(i, w));
            *e = [i, w];
        }
        let layout = circle_layout(n);
        let edges = edges.into_iter().map(|[a, b]| if a < b { [a, b] } else { [b, a] }).collect();
        Graph { layout: Some(layout), ..Graph::undirected(n, edges) }
    }

    /// Out-degree of every node (the degree of an undirected graph).
    pub fn degrees(&self) -> Vec<usize> {
        let mut d = vec![0; self.n];
        for &[i, j] in &self.edges {
            d[i] += 1;
            if !self.directed {
                d[j] += 1;
            }
        }
        d
    }

    /// The mean degree (out-degree of a directed graph).
    pub fn mean_degree(&self) -> f64 {
        let ends = if self.directed { 1.0 } else { 2.0 };
        ends * self.edges.len() as f64 / self.n as f64
    }

    /// Neighbour lists: for each node, the nodes its edges reach (both ways when undirected), in
    /// order of the edges.
    pub fn neighbours(&self) -> Vec<Vec<usize>> {
        let mut out = vec![Vec::new(); self.n];
        for &[i, j] in &self.edges {
            out[i].push(j);
            if !self.directed {
                out[j].push(i);
            }
        }
        out
    }

    /// The Laplacian L = A − D (row by row, n×n): (L u)_i = Σ_j A_ij (u_j − u_i), A_ij = 1 for an
    /// edge from i to j (either way when undirected), D the out-degrees. Its eigenvalues have
    /// non-positive real parts; 0 belongs to the constant vector.
    pub fn laplacian(&self) -> Vec<f64> {
        let n = self.n;
        let mut l = vec![0.0; n * n];
        for &[i, j] in &self.edges {
            l[i * n + j] += 1.0;
            l[i * n + i] -= 1.0;
            if !self.directed {
                l[j * n + i] += 1.0;
                l[j * n + j] -= 1.0;
            }
        }
        l
    }

    /// Is every node reachable from node 0 (ignoring directions)?
    pub fn is_connected(&self) -> bool {
        if self.n == 0 {
            return true;
        }
        let mut adjacent = vec![Vec::new(); self.n];
        for &[i, j] in &self.edges {
            adjacent[i].push(j);
            adjacent[j].push(i);
        }
        let mut seen = vec![false; self.n];
        let mut stack = vec![0];
        seen[0] = true;
        while let Some(i) = stack.pop() {
            for &j in &adjacent[i] {
                if !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        seen.into_iter().all(|s| s)
    }

    /// Positions for drawing, in [−1, 1]²: the natural layout if the graph has one, else
    /// [`force_layout`] from a seeded start.
    pub fn positions(&self, rng: &mut Pcg32) -> Vec<[f64; 2]> {
        match &self.layout {
            Some(p) => p.clone(),
            None => force_layout(self, rng, LAYOUT_ITERATIONS),
        }
    }
}

/// Iterations of the force-directed layout: enough for a readable picture of a few hundred nodes.
pub const LAYOUT_ITERATIONS: usize = 60;

/// A Fruchterman–Reingold layout: nodes repel as k²/d, edges pull as d²/k, and each step moves a
/// node at most a "temperature" that cools linearly to zero over `iterations` steps. Starts from
/// uniform points in the unit square drawn from `rng`; the result is scaled into [−1, 1]².
/// O(n²) per iteration; every sum runs in index order.
pub fn force_layout(g: &Graph, rng: &mut Pcg32, iterations: usize) -> Vec<[f64; 2]> {
    let n = g.n;
    let mut p: Vec<[f64; 2]> = (0..n).map(|_| [uniform(rng), uniform(rng)]).collect();
    if n < 2 {
        return p.into_iter().map(|_| [0.0, 0.0]).collect();
    }
    let k = (1.0 / n as f64).sqrt();
    let mut shift = vec![[0.0f64; 2]; n];
    for it in 0..iterations {
        let temperature = 0.1 * (1.0 - it as f64 / iterations as f64);
        for s in shift.iter_mut() {
            *s = [0.0, 0.0];
        }
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (p[i][0] - p[j][0], p[i][1] - p[j][1]);
                let d2 = (dx * dx + dy * dy).max(1e-12);
                let f = k * k / d2;
                shift[i][0] += dx * f;
                shift[i][1] += dy * f;
                shift[j][0] -= dx * f;
                shift[j][1] -= dy * f;
            }
        }
        for &[i, j] in &g.edges {
            let (dx, dy) = (p[i][0] - p[j][0], p[i][1] - p[j][1]);
            let d = (dx * dx + dy * dy).sqrt();
            let f = d / k;
            shift[i][0] -= dx * f;
            shift[i][1] -= dy * f;
            shift[j][0] += dx * f;
            shift[j][1] += dy * f;
        }
        for (q, s) in p.iter_mut().zip(&shift) {
            let len = (s[0] * s[0] + s[1] * s[1]).sqrt();
            if len > 0.0 {
                let step = len.min(temperature) / len;
                q[0] += s[0] * step;
                q[1] += s[1] * step;
            }
        }
    }
    normalise(p)
}

/// Centre and scale points into [−1, 1]², keeping their aspect.
pub fn normalise(p: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for q in &p {
        for c in 0..2 {
            lo[c] = lo[c].min(q[c]);
            hi[c] = hi[c].max(q[c]);
        }
    }
    let half = 0.5 * (hi[0] - lo[0]).max(hi[1] - lo[1]);
    let scale = if half > 0.0 { 1.0 / half } else { 1.0 };
    let centre = [0.5 * (lo[0] + hi[0]), 0.5 * (lo[1] + hi[1])];
    p.into_iter().map(|q| [(q[0] - centre[0]) * scale, (q[1] - centre[1]) * scale]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::eigen::{eigenvalues, symmetric_eigenvalues};
    use crate::rng::stream;

    fn spectrum(g: &Graph) -> Vec<f64> {
        symmetric_eigenvalues(g.n, &g.laplacian()).unwrap()
    }

    #[test]
    fn complete_graphs_have_eigenvalues_0_and_minus_n() {
        for n in [2, 5, 11, 14] {
            let ev = spectrum(&Graph::complete(n));
            assert!(ev[n - 1].abs() < 1e-12, "{ev:?}");
            for &l in &ev[..n - 1] {
                assert!((l + n as f64).abs() < 1e-12, "K_{n}: {ev:?}");
            }
        }
    }

    #[test]
    fn rings_have_the_cosine_spectrum() {
        for n in [3, 8, 21] {
            let mut want: Vec<f64> =
                (0..n).map(|k| -(2.0 - 2.0 * libm::cos(2.0 * std::f64::consts::PI * k as f64 / n as f64))).collect();
            want.sort_by(f64::total_cmp);
            for (got, want) in spectrum(&Graph::ring(n)).iter().zip(&want) {
                assert!((got - want).abs() < 1e-12, "ring {n}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn the_directed_rings_spectrum_is_the_roots_of_unity_minus_one() {
        let n = 12;
        let ev = eigenvalues(n, &Graph::directed_ring(n).laplacian()).unwrap();
        for k in 0..n {
            let a = 2.0 * std::f64::consts::PI * k as f64 / n as f64;
            let (re, im) = (libm::cos(a) - 1.0, libm::sin(a));
            let near = ev.iter().any(|z| (z.re - re).abs() < 1e-12 && (z.im - im).abs() < 1e-12);
            assert!(near, "Λ_{k} = {re} + {im}i missing from {ev:?}");
        }
    }

    #[test]
    fn random_graphs_are_simple_seeded_and_of_the_asked_density() {
        let simple = |g: &Graph| {
            let set: BTreeSet<_> = g.edges.iter().map(|e| key(e[0], e[1])).collect();
            set.len() == g.edges.len() && g.edges.iter().all(|e| e[0] != e[1] && e[0] < g.n && e[1] < g.n)
        };
        let n = 400;
        let er = Graph::erdos_renyi(n, 0.05, &mut stream(1, "graph", 0));
        assert!(simple(&er));
        // Mean degree (n − 1)p = 19.95; its standard deviation is about √(2·19.95/n) = 0.32.
        assert!((er.mean_degree() - 19.95).abs() < 1.3, "{}", er.mean_degree());
        assert_eq!(er, Graph::erdos_renyi(n, 0.05, &mut stream(1, "graph", 0)));
        assert_ne!(er, Graph::erdos_renyi(n, 0.05, &mut stream(2, "graph", 0)));

        let ba = Graph::barabasi_albert(n, 5, &mut stream(1, "graph", 0));
        assert!(simple(&ba) && ba.is_connected());
        // m(m+1)/2 edges to start, m per later node: exact.
        assert_eq!(ba.edges.len(), 15 + 5 * (n - 6));
        assert!(ba.degrees().iter().all(|&d| d >= 5));
        // Preferential attachment makes hubs: the largest degree is far above the mean (≈ 10).
        assert!(*ba.degrees().iter().max().unwrap() > 40, "{:?}", ba.degrees().iter().max());

        let ws = Graph::watts_strogatz(n, 6, 0.1, &mut stream(1, "graph", 0));
        assert!(simple(&ws));
        assert_eq!(ws.edges.len(), 3 * n, "rewiring keeps the number of edges");
        let ring_lattice = Graph::watts_strogatz(n, 6, 0.0, &mut stream(1, "graph", 0));
        assert!(ring_lattice.degrees().iter().all(|&d| d == 6));
        let moved = ws.edges.iter().filter(|e| !ring_lattice.edges.iter().any(|f| key(f[0], f[1]) == key(e[0], e[1])));
        // β·3n = 120 edges expected to move, standard deviation ≈ 10.4.
        let moved = moved.count();
        assert!((80..=160).contains(&moved), "{moved}");
    }

    #[test]
    fn the_layout_is_deterministic_and_fills_the_square() {
        let g = Graph::barabasi_albert(60, 2, &mut stream(3, "graph", 0));
        let a = g.positions(&mut stream(3, "layout", 0));
        assert_eq!(a, g.positions(&mut stream(3, "layout", 0)));
        let max = a.iter().flat_map(|q| [q[0].abs(), q[1].abs()]).fold(0.0, f64::max);
        assert!((max - 1.0).abs() < 1e-12 && a.iter().all(|q| q[0].is_finite() && q[1].is_finite()));
        // Neighbours end nearer each other than nodes do on average.
        let dist = |i: usize, j: usize| ((a[i][0] - a[j][0]).powi(2) + (a[i][1] - a[j][1]).powi(2)).sqrt();
        let edge_mean = g.edges.iter().map(|e| dist(e[0], e[1])).sum::<f64>() / g.edges.len() as f64;
        let all_mean = (0..60).flat_map(|i| (i + 1..60).map(move |j| (i, j))).map(|(i, j)| dist(i, j)).sum::<f64>()
            / (60.0 * 59.0 / 2.0);
        assert!(edge_mean < 0.6 * all_mean, "{edge_mean} vs {all_mean}");
        let ring = Graph::ring(10).positions(&mut stream(3, "layout", 0));
        assert!((ring[0][1] - 1.0).abs() < 1e-15 && ring[0][0].abs() < 1e-15);
    }
}
