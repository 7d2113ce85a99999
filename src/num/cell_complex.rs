//! Cell and simplicial complexes of dimension 2: nodes, oriented edges and oriented faces, their
//! incidence (boundary) matrices B1 (nodes × edges) and B2 (edges × faces), the Hodge Laplacians
//! L0 = B1B1ᵀ, L1 = B1ᵀB1 + B2B2ᵀ, L2 = B2ᵀB2 and the Dirac operator. B1B2 = 0 (the boundary of a
//! boundary is empty), so the Hodge decomposition holds; the dimension of ker L_k is the Betti
//! number β_k.
//!
//! Matrices are dense and row-major, as [`crate::num::eigen`] takes them: the complexes of a page
//! have at most a few hundred cells.

use super::graph::{Graph, normalise};

/// A 2-complex: `n0` nodes; edges [i, j] oriented from i to j; each face its boundary as
/// (edge index, ±1) in order around it.
#[derive(Debug, Clone, PartialEq)]
pub struct CellComplex {
    pub n0: usize,
    pub edges: Vec<[usize; 2]>,
    pub faces: Vec<Vec<(usize, i8)>>,
    /// A drawing of the nodes, when the complex has a natural one.
    pub layout: Option<Vec<[f64; 2]>>,
}

/// A dense row-major matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    pub rows: usize,
    pub cols: usize,
    pub data: Vec<f64>,
}

impl Dense {
    pub fn zeros(rows: usize, cols: usize) -> Self {
        Dense { rows, cols, data: vec![0.0; rows * cols] }
    }

    pub fn at(&self, r: usize, c: usize) -> f64 {
        self.data[r * self.cols + c]
    }

    pub fn transpose(&self) -> Dense {
        let mut t = Dense::zeros(self.cols, self.rows);
        for r in 0..self.rows {
            for c in 0..self.cols {
                t.data[c * self.rows + r] = self.data[r * self.cols + c];
            }
        }
        t
    }

    /// self · other, each entry summed in index order.
    pub fn mul(&self, other: &Dense) -> Dense {
        assert_eq!(
            self.cols, other.rows,
            "matrix product: {}×{} by {}×{}",
            self.rows, self.cols, other.rows, other.cols
        );
        let mut out = Dense::zeros(self.rows, other.cols);
        for r in 0..self.rows {
            for k in 0..self.cols {
                let a = self.data[r * self.cols + k];
                if a == 0.0 {
                    continue;
                }
                for c in 0..other.cols {
                    out.data[r * other.cols + c] += a * other.data[k * other.cols + c];
                }
            }
        }
        out
    }

    pub fn add(&self, other: &Dense) -> Dense {
        assert_eq!((self.rows, self.cols), (other.rows, other.cols), "matrix sum of different shapes");
        Dense { data: self.data.iter().zip(&other.data).map(|(a, b)| a + b).collect(), ..self.clone() }
    }

    /// The largest absolute entry (0 for an empty matrix).
    pub fn max_abs(&self) -> f64 {
        self.data.iter().fold(0.0, |m, x| m.max(x.abs()))
    }

    /// y = self · x.
    pub fn apply(&self, x: &[f64], y: &mut [f64]) {
        for (r, out) in y.iter_mut().enumerate().take(self.rows) {
            let row = &self.data[r * self.cols..(r + 1) * self.cols];
            *out = row.iter().zip(x).map(|(a, b)| a * b).sum();
        }
    }
}

/// Eigenvalues below this (relative to the largest) count as zero in kernel dimensions.
const KERNEL_TOLERANCE: f64 = 1e-9;

/// The dimension of the kernel of a symmetric positive semidefinite matrix, from its spectrum.
pub fn kernel_dimension(m: &Dense) -> usize {
    if m.rows == 0 {
        return 0;
    }
    let ev = super::eigen::symmetric_eigenvalues(m.rows, &m.data).expect("a finite symmetric matrix");
    let top = ev.iter().fold(1.0f64, |a, b| a.max(b.abs()));
    ev.iter().filter(|l| l.abs() < KERNEL_TOLERANCE * top).count()
}

impl CellComplex {
    /// The graph as a 1-complex (no faces), its edges oriented as stored.
    pub fn of_graph(g: &Graph) -> Self {
        CellComplex { n0: g.n, edges: g.edges.clone(), faces: Vec::new(), layout: g.layout.clone() }
    }

    /// The clique complex of a graph, up to dimension 2: every triangle of the graph is filled.
    /// Edges are oriented from the lower node to the higher; triangle i < j < k has boundary
    /// [j,k] − [i,k] + [i,j].
    pub fn clique_complex(g: &Graph) -> Self {
        let n = g.n;
        let edges: Vec<[usize; 2]> = g.edges.iter().map(|&[a, b]| if a < b { [a, b] } else { [b, a] }).collect();
        let mut index = std::collections::BTreeMap::new();
        for (e, &[a, b]) in edges.iter().enumerate() {
            index.insert((a, b), e);
        }
        let mut higher = vec![Vec::new(); n];
        for &[a, b] in &edges {
            higher[a].push(b);
        }
        for h in &mut higher {
            h.sort_unstable();
        }
        let mut faces = Vec::new();
        for i in 0..n {
            for (x, &j) in higher[i].iter().enumerate() {
                for &k in &higher[i][x + 1..] {
                    if let Some(&jk) = index.get(&(j, k)) {
                        faces.push(vec![(jk, 1), (index[&(i, k)], -1), (index[&(i, j)], 1)]);
                    }
                }
            }
        }
        CellComplex { n0: n, edges, faces, layout: g.layout.clone() }
    }

    /// The L×L periodic square lattice (a torus) as a cell complex: node (x, y) = x + L·y, edges
    /// (x,y)→(x+1,y) (indices 0..L²) and (x,y)→(x,y+1) (L²..2L²), one square face per node,
    /// bounded counter-clockwise. β = (1, 2, 1). L ≥ 3.
    pub fn square_torus(l: usize) -> Self {
        assert!(l >= 3, "a square torus needs L ≥ 3, got {l}");
        let node = |x: usize, y: usize| (x % l) + l * (y % l);
        let h = |x: usize, y: usize| node(x, y);
        let v = |x: usize, y: usize| l * l + node(x, y);
        let mut edges = Vec::with_capacity(2 * l * l);
        for y in 0..l {
            for x in 0..l {
                edges.push([node(x, y), node(x + 1, y)]);
            }
        }
        for y in 0..l {
            for x in 0..l {
                edges.push([node(x, y), node(x, y + 1)]);
            }
        }
        let mut faces = Vec::with_capacity(l * l);
        for y in 0..l {
            for x in 0..l {
                faces.push(vec![(h(x, y), 1), (v(x + 1, y), 1), (h(x, y + 1), -1), (v(x, y), -1)]);
            }
        }
        CellComplex { n0: l * l, edges, faces, layout: Some(lattice_layout(l)) }
    }

    /// The L×L periodic lattice triangulated by the diagonals (x,y)→(x+1,y+1): a simplicial torus,
    /// with edges as in [`CellComplex::square_torus`] then the diagonals (2L²..3L²), and two
    /// triangles per square. β = (1, 2, 1). L ≥ 3.
    pub fn triangulated_torus(l: usize) -> Self {
        let square = CellComplex::square_torus(l);
        let node = |x: usize, y: usize| (x % l) + l * (y % l);
        let h = |x: usize, y: usize| node(x, y);
        let v = |x: usize, y: usize| l * l + node(x, y);
        let d = |x: usize, y: usize| 2 * l * l + node(x, y);
        let mut edges = square.edges;
        for y in 0..l {
            for x in 0..l {
                edges.push([node(x, y), node(x + 1, y + 1)]);
            }
        }
        let mut faces = Vec::with_capacity(2 * l * l);
        for y in 0..l {
            for x in 0..l {
                faces.push(vec![(h(x, y), 1), (v(x + 1, y), 1), (d(x, y), -1)]);
                faces.push(vec![(d(x, y), 1), (h(x, y + 1), -1), (v(x, y), -1)]);
            }
        }
        CellComplex { n0: l * l, edges, faces, layout: Some(lattice_layout(l)) }
    }

    pub fn n1(&self) -> usize {
        self.edges.len()
    }

    pub fn n2(&self) -> usize {
        self.faces.len()
    }

    /// B1, nodes × edges: column e = [i, j] has −1 at i and +1 at j.
    pub fn b1(&self) -> Dense {
        let mut b = Dense::zeros(self.n0, self.n1());
        for (e, &[i, j]) in self.edges.iter().enumerate() {
            b.data[i * self.n1() + e] -= 1.0;
            b.data[j * self.n1() + e] += 1.0;
        }
        b
    }

    /// B2, edges × faces: column f has the signs of its boundary's edges.
    pub fn b2(&self) -> Dense {
        let mut b = Dense::zeros(self.n1(), self.n2());
        for (f, face) in self.faces.iter().enumerate() {
            for &(e, sign) in face {
                b.data[e * self.n2() + f] += f64::from(sign);
            }
        }
        b
    }

    /// L0 = B1B1ᵀ: the graph Laplacian with the sign of the Hodge convention (positive semidefinite).
    pub fn l0(&self) -> Dense {
        let b1 = self.b1();
        b1.mul(&b1.transpose())
    }

    /// L1 = B1ᵀB1 + B2B2ᵀ.
    pub fn l1(&self) -> Dense {
        let (b1, b2) = (self.b1(), self.b2());
        b1.transpose().mul(&b1).add(&b2.mul(&b2.transpose()))
    }

    /// L2 = B2ᵀB2.
    pub fn l2(&self) -> Dense {
        let b2 = self.b2();
        b2.transpose().mul(&b2)
    }

    /// The Dirac operator on (nodes, edges, faces): [[0, B1, 0], [B1ᵀ, 0, B2], [0, B2ᵀ, 0]].
    /// Its square is diag(L0, L1, L2).
    pub fn dirac(&self) -> Dense {
        let (n0, n1, n2) = (self.n0, self.n1(), self.n2());
        let n = n0 + n1 + n2;
        let mut d = Dense::zeros(n, n);
        let (b1, b2) = (self.b1(), self.b2());
        for r in 0..n0 {
            for c in 0..n1 {
                let x = b1.at(r, c);
                d.data[r * n + n0 + c] = x;
                d.data[(n0 + c) * n + r] = x;
            }
        }
        for r in 0..n1 {
            for c in 0..n2 {
                let x = b2.at(r, c);
                d.data[(n0 + r) * n + n0 + n1 + c] = x;
                d.data[(n0 + n1 + c) * n + n0 + r] = x;
            }
        }
        d
    }

    /// The Betti numbers (β0, β1, β2): the kernel dimensions of L0, L1, L2.
    pub fn betti(&self) -> [usize; 3] {
        [kernel_dimension(&self.l0()), kernel_dimension(&self.l1()), kernel_dimension(&self.l2())]
    }
}

/// Node (x, y) = x + L·y of an L×L lattice at its grid point, scaled into [−1, 1]².
pub fn lattice_layout(l: usize) -> Vec<[f64; 2]> {
    normalise((0..l * l).map(|k| [(k % l) as f64, (k / l) as f64]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::stream;

    fn boundary_of_boundary(c: &CellComplex) -> f64 {
        c.b1().mul(&c.b2()).max_abs()
    }

    #[test]
    fn tori_have_the_betti_numbers_of_a_torus_and_no_boundary_of_a_boundary() {
        for l in [3, 4, 6] {
            let square = CellComplex::square_torus(l);
            assert_eq!((square.n1(), square.n2()), (2 * l * l, l * l));
            assert_eq!(boundary_of_boundary(&square), 0.0);
            assert_eq!(square.betti(), [1, 2, 1], "square torus L = {l}");
            let triangles = CellComplex::triangulated_torus(l);
            assert_eq!((triangles.n1(), triangles.n2()), (3 * l * l, 2 * l * l));
            assert_eq!(boundary_of_boundary(&triangles), 0.0);
            assert_eq!(triangles.betti(), [1, 2, 1], "triangulated torus L = {l}");
        }
    }

    #[test]
    fn a_hollow_triangle_has_a_hole_and_a_filled_one_does_not() {
        let hollow = CellComplex::of_graph(&Graph::complete(3));
        assert_eq!(hollow.betti(), [1, 1, 0]);
        let filled = CellComplex::clique_complex(&Graph::complete(3));
        assert_eq!(filled.n2(), 1);
        assert_eq!(boundary_of_boundary(&filled), 0.0);
        assert_eq!(filled.betti(), [1, 0, 0]);
        // The boundary of a tetrahedron (its four triangles, not the solid): a sphere.
        let mut sphere = CellComplex::clique_complex(&Graph::complete(4));
        assert_eq!(sphere.n2(), 4);
        assert_eq!(sphere.betti(), [1, 0, 1]);
        sphere.faces.pop();
        assert_eq!(sphere.betti(), [1, 0, 0], "a sphere with a triangle taken out is a disc");
    }

    #[test]
    fn clique_complexes_of_random_graphs_satisfy_euler() {
        let g = Graph::erdos_renyi(30, 0.2, &mut stream(5, "graph", 0));
        let c = CellComplex::clique_complex(&g);
        assert!(c.n2() > 10, "{}", c.n2());
        assert_eq!(boundary_of_boundary(&c), 0.0);
        let [b0, b1, b2] = c.betti();
        // Euler characteristic: n0 − n1 + n2 = β0 − β1 + β2.
        assert_eq!(c.n0 as i64 - c.n1() as i64 + c.n2() as i64, b0 as i64 - b1 as i64 + b2 as i64);
        // The number of components from the kernel agrees with the search over the graph.
        assert_eq!(b0 == 1, g.is_connected());
    }

    #[test]
    fn the_dirac_operator_squares_to_the_hodge_laplacians() {
        let c = CellComplex::triangulated_torus(3);
        let d = c.dirac();
        let d2 = d.mul(&d);
        let (n0, n1) = (c.n0, c.n1());
        let blocks = [(0, c.l0()), (n0, c.l1()), (n0 + n1, c.l2())];
        for r in 0..d2.rows {
            for col in 0..d2.cols {
                let want = blocks
                    .iter()
                    .find(|(start, m)| (*start..start + m.rows).contains(&r) && (*start..start + m.rows).contains(&col))
                    .map_or(0.0, |(start, m)| m.at(r - start, col - start));
                assert_eq!(d2.at(r, col), want, "({r}, {col})");
            }
        }
        // L0 = B1B1ᵀ is minus the graph's Laplacian A − D.
        let g = Graph::ring(5);
        let l0 = CellComplex::of_graph(&g).l0();
        for (a, b) in l0.data.iter().zip(g.laplacian()) {
            assert_eq!(*a, -b);
        }
    }
}
