//! Global topological Dirac synchronization (catalogue D5), the theory checked before a page is
//! built: identical Stuart–Landau oscillators on the nodes, edges and faces of a complex, coupled
//! by 𝒞 = −D² (D the Dirac operator, D² = diag(L0, L1, L2)):
//! dΨ/dt = σΨ − β|Ψ|²Ψ + μ 𝒞 Ψ  (m = 1).
//! Existence: Ψ = u z(t), z the single oscillator's limit cycle, needs D u = 0 with |u_c| = 1 on
//! every cell. Stability: a perturbation along an eigenvector of 𝒞 with eigenvalue Λ ≠ 0 evolves
//! with the 2×2 master-stability matrix M(Λ) of catalogue D4. The theory, the simulation and their
//! comparison are all in this file; the page `dirac-synchronization` is tested against it at the end.

use replica::num::cell_complex::{CellComplex, Dense, kernel_dimension};
use replica::num::eigen::symmetric_eigen;
use replica::num::graph::Graph;
use replica::num::ode::{OdeSystem, Rk4};
use replica::rng::{normal, stream};

#[derive(Clone, Copy, Debug)]
struct Cx(f64, f64);

const SIGMA: Cx = Cx(1.0, 4.0);
const BETA: Cx = Cx(1.0, 2.0);

/// −D², row by row.
fn coupling(c: &CellComplex) -> Dense {
    let d = c.dirac();
    let mut m = d.mul(&d);
    m.data.iter_mut().for_each(|x| *x = -*x);
    m
}

/// M(Λ) for m = 1: (x, y) of ξ = x + iy, Ψ = u z (1 + ξ).
fn msf(lambda: f64, mu: Cx) -> [[f64; 2]; 2] {
    let rho2 = SIGMA.0 / BETA.0;
    [[-2.0 * SIGMA.0 + lambda * mu.0, -lambda * mu.1], [-2.0 * BETA.1 * rho2 + lambda * mu.1, lambda * mu.0]]
}

/// The eigenvalue of largest real part, (re, im), and its left eigenvector (complex).
fn leading(m: [[f64; 2]; 2]) -> ((f64, f64), [Cx; 2]) {
    let (tr, det) = (m[0][0] + m[1][1], m[0][0] * m[1][1] - m[0][1] * m[1][0]);
    let disc = tr * tr / 4.0 - det;
    let l = if disc >= 0.0 { (tr / 2.0 + disc.sqrt(), 0.0) } else { (tr / 2.0, (-disc).sqrt()) };
    let a = [Cx(m[1][0], 0.0), Cx(l.0 - m[0][0], l.1)];
    let b = [Cx(l.0 - m[1][1], l.1), Cx(m[0][1], 0.0)];
    let norm = |w: &[Cx; 2]| w[0].0.hypot(w[0].1) + w[1].0.hypot(w[1].1);
    (l, if norm(&a) >= norm(&b) { a } else { b })
}

/// The oscillators with the coupling stored by rows, non-zero entries only (−D² has a few per row).
struct StuartLandau {
    rows: Vec<Vec<(usize, f64)>>,
    mu: Cx,
}

impl StuartLandau {
    fn new(c: &Dense, mu: Cx) -> Self {
        let rows = (0..c.rows).map(|r| (0..c.cols).map(|k| (k, c.at(r, k))).filter(|e| e.1 != 0.0).collect()).collect();
        StuartLandau { rows, mu }
    }
}

impl OdeSystem for StuartLandau {
    fn dim(&self) -> usize {
        2 * self.rows.len()
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let n = self.rows.len();
        let (re, im) = y.split_at(n);
        let (dre, dim) = dy.split_at_mut(n);
        for k in 0..n {
            let row = &self.rows[k];
            let cr = row.iter().fold(0.0, |s, &(j, a)| s + a * re[j]);
            let ci = row.iter().fold(0.0, |s, &(j, a)| s + a * im[j]);
            let (x, v) = (re[k], im[k]);
            let r2 = x * x + v * v;
            dre[k] = SIGMA.0 * x - SIGMA.1 * v - r2 * (BETA.0 * x - BETA.1 * v) + self.mu.0 * cr - self.mu.1 * ci;
            dim[k] = SIGMA.0 * v + SIGMA.1 * x - r2 * (BETA.0 * v + BETA.1 * x) + self.mu.0 * ci + self.mu.1 * cr;
        }
    }
}

/// The all-|1| kernel vector: 1 on nodes and faces, and on edges +1 along a consistent
/// orientation given by `edge_sign`.
fn unit_kernel_vector(c: &CellComplex, edge_sign: impl Fn(usize) -> f64) -> Vec<f64> {
    let mut u = vec![1.0; c.n0];
    u.extend((0..c.n1()).map(edge_sign));
    u.extend(std::iter::repeat_n(1.0, c.n2()));
    u
}

fn apply(m: &Dense, x: &[f64]) -> Vec<f64> {
    (0..m.rows).map(|r| m.data[r * m.cols..(r + 1) * m.cols].iter().zip(x).fold(0.0, |s, (a, b)| s + a * b)).collect()
}

fn ring_complex(n: usize) -> (CellComplex, Vec<f64>) {
    let c = CellComplex::of_graph(&Graph::ring(n));
    // Graph::ring stores the closing edge as [0, n − 1]: against the cycle, so −1 there.
    let u = unit_kernel_vector(&c, |e| if c.edges[e] == [0, n - 1] { -1.0 } else { 1.0 });
    (c, u)
}

#[test]
fn existence_is_topological() {
    // Cycle C_12: dim ker D = β0 + β1 = 2, and the unit vector (1…1 | ±1…) along the cycle is in it.
    let (c, u) = ring_complex(12);
    let d = c.dirac();
    assert_eq!(kernel_dimension(&d.mul(&d)), 2);
    assert!(apply(&d, &u).iter().all(|x| x.abs() < 1e-15));
    // Square torus: ker D has dimension β0 + β1 + β2 = 4; (1 | 1 | 1) with edges along +x, +y is in it.
    let sq = CellComplex::square_torus(6);
    let u = unit_kernel_vector(&sq, |_| 1.0);
    assert!(apply(&sq.dirac(), &u).iter().all(|x| x.abs() < 1e-15));
    // Triangulated torus: B2ᵀ of any ±1 edge vector is odd on every triangle, never 0: ker D has
    // no unit vector. Checked by the parity of every triangle's boundary length.
    let tri = CellComplex::triangulated_torus(6);
    assert!(tri.faces.iter().all(|f| f.len() % 2 == 1));
    // K_4 (every node of odd degree): B1 of a ±1 edge vector is odd at every node.
    let k4 = CellComplex::of_graph(&Graph::complete(4));
    let b1 = k4.b1();
    assert!((0..4).all(|i| (0..k4.n1()).filter(|&e| b1.at(i, e) != 0.0).count() % 2 == 1));
}

/// Simulate from Ψ = u ρ (1 + ε ξ₀) and return, for the fastest non-zero Λ of 𝒞, the simulated
/// and predicted growth rates of |w·(x, y)| summed over its eigenvectors, and the relative phase
/// of the node and edge blocks at start and end.
fn simulate(
    c: &CellComplex,
    u: &[f64],
    mu: Cx,
    t_max: f64,
    fit: (f64, f64),
    phase: f64,
    eps: f64,
) -> (f64, f64, f64, f64) {
    let cm = coupling(c);
    let n = cm.rows;
    let (values, vectors) = symmetric_eigen(n, &cm.data).unwrap();
    let nonzero: Vec<usize> = (0..n).filter(|&k| values[k].abs() > 1e-9).collect();
    let growth = |l: f64| leading(msf(l, mu)).0.0;
    let best = nonzero
        .iter()
        .map(|&k| values[k])
        .fold(f64::NAN, |a, l| if a.is_nan() || growth(l) > growth(a) { l } else { a });
    let modes: Vec<usize> = nonzero.iter().copied().filter(|&k| (values[k] - best).abs() < 1e-8).collect();
    let (lambda, w) = leading(msf(best, mu));
    let rho = (SIGMA.0 / BETA.0).sqrt();
    let mut rng = stream(11, "dirac-perturbation", 0);
    let mut y = vec![0.0; 2 * n];
    for k in 0..n {
        // Edges start at a relative phase `phase` from nodes and faces.
        let shift = if k >= c.n0 && k < c.n0 + c.n1() { phase } else { 0.0 };
        let (a, b) = (eps * normal().sample(&mut rng), eps * normal().sample(&mut rng));
        let (cs, sn) = (shift.cos(), shift.sin());
        let (re, im) = (u[k] * rho * (1.0 + a), u[k] * rho * b);
        y[k] = re * cs - im * sn;
        y[n + k] = re * sn + im * cs;
    }
    let block_phase = |y: &[f64], range: std::ops::Range<usize>| {
        let (sr, si) = range.fold((0.0, 0.0), |(sr, si), k| (sr + u[k] * y[k], si + u[k] * y[n + k]));
        si.atan2(sr)
    };
    let relative = |y: &[f64]| {
        let d = block_phase(y, c.n0..c.n0 + c.n1()) - block_phase(y, 0..c.n0);
        (d + std::f64::consts::PI).rem_euclid(2.0 * std::f64::consts::PI) - std::f64::consts::PI
    };
    let start_phase = relative(&y);
    let sys = StuartLandau::new(&cm, mu);
    let mut rk = Rk4::new(2 * n);
    let dt = 0.01;
    let (mut t, mut ts, mut amp) = (0.0, Vec::new(), Vec::new());
    let steps = (t_max / dt).round() as usize;
    for step in 1..=steps {
        rk.step(&sys, t, &mut y, dt).unwrap();
        t = step as f64 * dt;
        if step % 10 == 0 {
            // z: the gauge-weighted mean; q_φ = ⟨φ, Ψ⟩/z = x + iy.
            let (zr, zi) = (0..n).fold((0.0, 0.0), |(a, b), k| (a + u[k] * y[k], b + u[k] * y[n + k]));
            let (zr, zi) = (zr / n as f64, zi / n as f64);
            let z2 = zr * zr + zi * zi;
            let mut total = 0.0;
            for &k in &modes {
                let phi = &vectors[k];
                let (pr, pi) = (0..n).fold((0.0, 0.0), |(a, b), j| (a + phi[j] * y[j], b + phi[j] * y[n + j]));
                let (x, v) = ((pr * zr + pi * zi) / z2, (pi * zr - pr * zi) / z2);
                let (ar, ai) = (w[0].0 * x + w[1].0 * v, w[0].1 * x + w[1].1 * v);
                total += ar * ar + ai * ai;
            }
            ts.push(t);
            amp.push(total.sqrt());
        }
    }
    let pts: Vec<(f64, f64)> = ts
        .iter()
        .zip(&amp)
        .filter(|&(&t, &a)| t >= fit.0 && t <= fit.1 && a > 0.0)
        .map(|(&t, &a)| (t, a.ln()))
        .collect();
    let m = pts.len() as f64;
    let (mt, ma) = pts.iter().fold((0.0, 0.0), |(a, b), p| (a + p.0 / m, b + p.1 / m));
    let (sxy, sxx) =
        pts.iter().fold((0.0, 0.0), |(a, b), p| (a + (p.0 - mt) * (p.1 - ma), b + (p.0 - mt) * (p.0 - mt)));
    eprintln!("fastest Λ = {best:.5} ({} eigenvectors), λ = {:.5} ± {:.5}i", modes.len(), lambda.0, lambda.1);
    (sxy / sxx, lambda.0, start_phase, relative(&y))
}

#[test]
fn perturbations_grow_or_decay_at_the_master_stability_function() {
    // Cycle C_12 (nodes and edges): Λ = −4 sin²(πk/12), twice each (L0 and L1 share it).
    let (c, u) = ring_complex(12);
    // μ = 1 − i: Re μ + Im β Im μ = −1 < 0, unstable at small |Λ| (Λ ∈ (−1, 0)): Λ_1 = −0.268.
    let (got, want, ..) = simulate(&c, &u, Cx(1.0, -1.0), 60.0, (10.0, 60.0), 0.0, 1e-8);
    eprintln!("C_12, μ = 1 − i: simulated {got:.6}, theory {want:.6}");
    assert!(want > 0.0 && (got / want - 1.0).abs() < 0.02, "{got} vs {want}");
    // μ = 1 + i: every Λ ≠ 0 decays; from 1e-4, fitted over t ∈ [1, 10] (down to ~1e-10, above
    // rounding; the neutral components are exact symmetries and force nothing).
    let (got, want, ..) = simulate(&c, &u, Cx(1.0, 1.0), 10.0, (1.0, 10.0), 0.0, 1e-4);
    eprintln!("C_12, μ = 1 + i: simulated {got:.6}, theory {want:.6}");
    assert!(want < 0.0 && (got / want - 1.0).abs() < 0.02, "{got} vs {want}");
    // Square torus 8×8 with faces (256 cells): the smallest |Λ| = 4 sin²(π/8) = 0.586, the
    // catalogue's D4 rate 0.14626.
    let sq = CellComplex::square_torus(8);
    let u = unit_kernel_vector(&sq, |_| 1.0);
    let (got, want, ..) = simulate(&sq, &u, Cx(1.0, -1.0), 40.0, (10.0, 40.0), 0.0, 1e-8);
    eprintln!("square torus 8×8, μ = 1 − i: simulated {got:.6}, theory {want:.6}");
    assert!((want - 0.14626).abs() < 1e-5 && (got / want - 1.0).abs() < 0.02, "{got} vs {want}");
}

#[test]
fn the_phase_between_dimensions_is_neutral() {
    // 𝒞 = −D² = −diag(L0, L1, L2) couples no node to any edge: the node block and the edge block
    // synchronise each on its own, and a phase between them stays as it started. Ψ = u z(t) is
    // stable within each dimension but only neutrally across them.
    let (c, u) = ring_complex(12);
    let (got, want, start, end) = simulate(&c, &u, Cx(1.0, 1.0), 20.0, (1.0, 10.0), 0.3, 1e-4);
    eprintln!("C_12, μ = 1 + i, edges started 0.3 rad ahead: phase {start:.9} → {end:.9}; modes {got:.5} vs {want:.5}");
    // Only the perturbation's own share of the block phases (~1e-4) relaxes; a restoring force
    // would take the 0.3 to 0.
    assert!((start - 0.3).abs() < 1e-3 && (end - 0.3).abs() < 1e-3, "{start} → {end}");
}

// The page's model against the theory above.

use replica::find_model;
use replica::model::{Params, Run, run_to_end};
use replica::models::dirac_sync::{DiracSyncRun, Settings, Shape};

fn page(shape: Shape, size: usize, mu: (f64, f64), edge_phase: f64, t_max: f64, perturbation: f64) -> Settings {
    Settings {
        shape,
        n: size,
        l: size,
        mu,
        sigma: (SIGMA.0, SIGMA.1),
        beta: (BETA.0, BETA.1),
        edge_phase,
        t_max,
        dt: 0.01,
        perturbation,
    }
}

fn page_run(s: Settings, seed: u64) -> DiracSyncRun {
    let mut run = DiracSyncRun::new(s, seed);
    run_to_end(&mut run, 100_000, |_| {}).unwrap();
    run
}

#[test]
fn the_page_finds_the_unit_kernel_vector_where_it_exists_and_the_spectrum_of_d_squared() {
    for (shape, size, exists) in [(Shape::Ring, 12, true), (Shape::Square, 6, true), (Shape::Triangulated, 6, false)] {
        let r = DiracSyncRun::new(page(shape, size, (1.0, 1.0), 0.0, 1.0, 1e-3), 1);
        assert_eq!(r.synchronisable(), exists, "{shape:?}: ‖D u‖ = {}", r.defect);
        assert_eq!(r.msf_max().is_some(), exists);
        // The page's spectra of L0, L1, L2 are the non-zero spectrum of D² = D·D, built here from D.
        let c = &r.complex;
        let dd = c.dirac().mul(&c.dirac());
        let (mut want, _) = symmetric_eigen(dd.rows, &dd.data).unwrap();
        want.retain(|l| l.abs() > 1e-9);
        let mut got: Vec<f64> = r.spectra.iter().flat_map(|s| s.clone().unwrap()).collect();
        got.sort_by(f64::total_cmp);
        assert_eq!(got.len(), want.len(), "{shape:?}");
        assert!(got.iter().zip(&want).all(|(a, b)| (a - b).abs() < 1e-10), "{shape:?}");
    }
}

#[test]
fn the_page_measures_the_master_stability_function() {
    // The distance from synchrony grows or decays at the largest MSF over the spectrum of D².
    // Unstable square torus (catalogue D4's 0.14626, now on nodes, edges and faces at once), seeds
    // 1 and 2; a decaying cycle of 30 and the stable 6×6 torus. The fitted rates (0.146264 against
    // 0.146264; −0.136362 against −0.136362; −2.0065 against −2.0000) are off by at most 0.3 %: the
    // 2 % kept is the catalogue's tolerance for D4. A short cycle (n = 12) is not used: its slowest
    // mode turns with period 16.7, longer than the window, and its fit is 7 % off.
    let cases = [
        (page(Shape::Square, 8, (1.0, -1.0), 0.0, 60.0, 1e-9), 1),
        (page(Shape::Square, 8, (1.0, -1.0), 0.0, 60.0, 1e-9), 2),
        (page(Shape::Ring, 30, (1.0, 1.0), 0.0, 60.0, 1e-3), 1),
        (page(Shape::Square, 6, (1.0, 1.0), 0.0, 40.0, 1e-3), 1),
    ];
    for (s, seed) in cases {
        let r = page_run(s, seed);
        let (got, want) = (r.growth_measured().unwrap(), r.msf_max().unwrap());
        eprintln!("{:?} {} μ = {:?}, seed {seed}: fitted {got:.6}, theory {want:.6}", s.shape, s.l, s.mu);
        assert!((got / want - 1.0).abs() < 0.02, "{got} vs {want}");
    }
}

#[test]
fn the_page_shows_the_phase_between_nodes_and_edges_stay_put() {
    // Edges started 90° ahead of the nodes on a stable cycle: everything else relaxes (distance
    // from synchrony below 1e-9), the phase moves only by the perturbation's own share of the block
    // means (δ = 1e-3 rad ≈ 0.06°). Measured: 90.016° → 89.957° on the cycle of 12.
    let r = page_run(page(Shape::Ring, 12, (1.0, 1.0), 90.0, 40.0, 1e-3), 1);
    let obs = r.observables();
    let (end, start) = (obs[3].unwrap(), obs[4].unwrap());
    eprintln!("cycle, edges 90° ahead: {start:.4}° → {end:.4}°, distance {:.2e}", r.deviation());
    assert!(r.deviation() < 1e-9);
    assert!((start - 90.0).abs() < 0.2 && (end - start).abs() < 0.2, "{start} → {end}");
}

#[test]
fn on_the_triangulated_torus_the_edges_cannot_join_the_nodes() {
    // No unit kernel vector: the nodes (L0 1 = 0) still synchronise, but the edges lock at phases
    // more than 30° away from 0° and 180° (60° and 120°, as in global-sync's test).
    let r = page_run(page(Shape::Triangulated, 6, (1.0, 1.0), 0.0, 150.0, 1e-3), 1);
    let pi = std::f64::consts::PI;
    let gap = |range: std::ops::Range<usize>| {
        let phases = r.relative_phases();
        range.map(|c| libm::remainder(phases[c], pi).abs() * 180.0 / pi).fold(0.0, f64::max)
    };
    let (nodes, edges) = (gap(r.cells(0)), gap(r.cells(1)));
    eprintln!("triangulated: node gap {nodes:.2e}°, edge gap {edges:.2}°, ‖D u‖ = {}", r.defect);
    assert!(nodes < 1e-6 && edges > 30.0, "{nodes} {edges}");
}

#[test]
fn every_parameter_of_the_page_is_checked_with_a_message_naming_it() {
    let model = find_model("dirac-synchronization").unwrap();
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("dt", "0.1"), ("mu_re", "3")]).unwrap_err().contains("dt=0.1 is too large"));
    assert!(check(&[("t_max", "1000"), ("dt", "1e-4"), ("L", "12")]).unwrap_err().contains("t_max=1000"));
    assert!(check(&[("edge_phase", "200")]).unwrap_err().contains("edge_phase must be in [-180, 180]"));
    assert!(check(&[("n", "2")]).unwrap_err().contains("n must be"));
    assert!(check(&[("complex", "sphere")]).unwrap_err().contains("complex must be one of"));
}
