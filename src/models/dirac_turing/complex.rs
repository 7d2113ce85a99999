//! The complexes of the page and how they are drawn: the L×L square torus (a cell complex), the
//! same torus triangulated (a simplicial complex), and a random geometric graph (a 1-complex).
//! A torus is drawn cut open on its L×L grid: the wrap-around edges end on copies of the first
//! column and row, drawn one step past the last.

use crate::num::cell_complex::CellComplex;
use crate::num::graph::Graph;
use crate::rng::{stream, uniform};

/// The complexes of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Square,
    Triangulated,
    Geometric,
}

impl Kind {
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "square" => Kind::Square,
            "triangulated" => Kind::Triangulated,
            "rgg" => Kind::Geometric,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Square => "square",
            Kind::Triangulated => "triangulated",
            Kind::Geometric => "rgg",
        }
    }

    pub fn is_torus(self) -> bool {
        self != Kind::Geometric
    }

    /// The largest degree of a node: twice it bounds the spectrum of L0 (and of B1ᵀB1).
    pub fn degree_bound(self, n: usize) -> usize {
        match self {
            Kind::Square => 4,
            Kind::Triangulated => 6,
            Kind::Geometric => n - 1,
        }
    }
}

/// The complex and a drawing of it.
pub struct Built {
    pub complex: CellComplex,
    pub drawing: Drawing,
}

/// Where to draw the nodes, which node each drawn node shows, and each edge's drawn ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// The node of the complex whose value drawn node k shows.
    pub shows: Vec<usize>,
    /// Edge e of the complex between drawn nodes `edges[e]`.
    pub edges: Vec<[u32; 2]>,
}

/// A random geometric graph: n points uniform in the unit square (from the run's "graph" stream,
/// x then y for each point), each pair closer than r = √(k/(π n)) linked (about k neighbours away
/// from the sides), pairs in order (i < j).
pub fn random_geometric(n: usize, k: f64, seed: u64) -> (Graph, Vec<[f64; 2]>) {
    let mut rng = stream(seed, "graph", 0);
    let points: Vec<[f64; 2]> = (0..n).map(|_| [uniform(&mut rng), uniform(&mut rng)]).collect();
    let r2 = k / (std::f64::consts::PI * n as f64);
    let mut edges = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            let (dx, dy) = (points[i][0] - points[j][0], points[i][1] - points[j][1]);
            if dx * dx + dy * dy < r2 {
                edges.push([i, j]);
            }
        }
    }
    (Graph { n, edges, directed: false, layout: None }, points)
}

/// The complex of a run: an L×L torus, or a random geometric graph of n nodes and mean degree
/// about k.
pub fn build(kind: Kind, l: usize, n: usize, k: f64, seed: u64) -> Built {
    match kind {
        Kind::Square | Kind::Triangulated => {
            let complex =
                if kind == Kind::Square { CellComplex::square_torus(l) } else { CellComplex::triangulated_torus(l) };
            let drawing = torus_drawing(l, &complex.edges);
            Built { complex, drawing }
        }
        Kind::Geometric => {
            let (graph, points) = random_geometric(n, k, seed);
            let drawing = Drawing {
                x: points.iter().map(|p| p[0]).collect(),
                y: points.iter().map(|p| p[1]).collect(),
                shows: (0..n).collect(),
                edges: graph.edges.iter().map(|e| [e[0] as u32, e[1] as u32]).collect(),
            };
            Built { complex: CellComplex::of_graph(&graph), drawing }
        }
    }
}

/// The torus cut open: node x + L·y at (x, y); an edge from (x, y) that wraps around ends at a copy
/// of its target at x = L or y = L.
pub(crate) fn torus_drawing(l: usize, edges: &[[usize; 2]]) -> Drawing {
    let mut x: Vec<f64> = (0..l * l).map(|k| (k % l) as f64).collect();
    let mut y: Vec<f64> = (0..l * l).map(|k| (k / l) as f64).collect();
    let mut shows: Vec<usize> = (0..l * l).collect();
    // Copies: (L, y) for y < L, then (x, L) for x < L, then (L, L).
    for j in 0..l {
        x.push(l as f64);
        y.push(j as f64);
        shows.push(l * j);
    }
    for i in 0..l {
        x.push(i as f64);
        y.push(l as f64);
        shows.push(i);
    }
    x.push(l as f64);
    y.push(l as f64);
    shows.push(0);
    let drawn = |tx: usize, ty: usize| -> u32 {
        (match (tx == l, ty == l) {
            (false, false) => tx + l * ty,
            (true, false) => l * l + ty,
            (false, true) => l * l + l + tx,
            (true, true) => l * l + 2 * l,
        }) as u32
    };
    let edges = edges
        .iter()
        .map(|&[i, j]| {
            let (sx, sy) = (i % l, i / l);
            // The target is one step right, up, or both from the source, possibly across the seam.
            let step = |s: usize, t: usize| if t == (s + 1) % l { s + 1 } else { s };
            [drawn(sx, sy), drawn(step(sx, j % l), step(sy, j / l))]
        })
        .collect();
    Drawing { x, y, shows, edges }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn torus_drawings_keep_every_edge_one_step_long() {
        for kind in [Kind::Square, Kind::Triangulated] {
            let built = build(kind, 5, 0, 0.0, 1);
            let d = &built.drawing;
            assert_eq!(d.x.len(), 36);
            for (e, &[a, b]) in d.edges.iter().enumerate() {
                let (a, b) = (a as usize, b as usize);
                let (dx, dy) = (d.x[b] - d.x[a], d.y[b] - d.y[a]);
                assert!([(1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].contains(&(dx, dy)), "{kind:?} edge {e}: {dx} {dy}");
                assert_eq!([d.shows[a], d.shows[b]], built.complex.edges[e]);
            }
        }
    }

    #[test]
    fn random_geometric_graphs_have_about_the_mean_degree_asked() {
        let (g, _) = random_geometric(400, 8.0, 3);
        let mean = g.mean_degree();
        // Nodes near the sides lose up to half their disc: the mean falls below k by a few percent.
        assert!(mean > 7.0 && mean < 8.5, "{mean}");
    }
}
