//! Topological signals coupled by the Dirac operator: the threshold and the growth rates of the
//! catalogue, the algebra of B1's singular pairs on a torus, and the linear growth of a simulation
//! on a 12×12 torus against the largest growth over the lattice's spectrum.

use replica::models::dirac_turing::{DiracSignals, Theory};
use replica::num::cell_complex::CellComplex;
use replica::num::eigen::symmetric_eigen;
use replica::num::ode::Rk4;
use replica::rng::{normal, stream};

fn theory(c: f64) -> Theory {
    Theory { a: 1.0, alpha: 1.0, b: 1.0, beta: 1.0, c, gamma: 1.0, d0: 1.0, d1: 0.1, d01: 0.0, d10: 0.0 }
}

#[test]
fn threshold_and_growth_rates_match_the_catalogue() {
    let th = theory(1.0);
    assert!((th.threshold() - 1.73246).abs() < 1e-5, "{}", th.threshold());
    assert!((th.critical_s2() - 3.16228).abs() < 1e-5, "{}", th.critical_s2());
    let s = th.critical_s2().sqrt();
    let below = theory(0.9 * th.threshold()).growth(s);
    let above = theory(1.1 * th.threshold()).growth(s);
    assert!((below + 0.1019).abs() < 1e-4 && (above - 0.0982).abs() < 1e-4, "{below} {above}");
    // At the threshold the band shrinks to s*², where det M = 0.
    assert!(theory(0.999 * th.threshold()).band().is_none());
    let (lo, hi) = theory(1.001 * th.threshold()).band().unwrap();
    assert!(lo < th.critical_s2() && th.critical_s2() < hi, "({lo}, {hi})");
    let edge = theory(1.1 * th.threshold());
    let (lo, hi) = edge.band().unwrap();
    assert!(edge.growth(lo.sqrt()).abs() < 1e-12 && edge.growth(hi.sqrt()).abs() < 1e-12);
}

#[test]
fn singular_pairs_of_b1_link_node_and_edge_eigenvectors() {
    // B1 ψ = s φ with φ a unit eigenvector of L0 of eigenvalue s² > 0 and ψ = B1ᵀφ / s: then
    // L1 ψ = s² ψ, and ‖ψ‖ = 1 (the square torus as a graph: L1 = B1ᵀB1).
    let l = 6;
    let torus = CellComplex::square_torus(l);
    let graph = CellComplex { faces: Vec::new(), ..torus };
    let (b1, l0, l1) = (graph.b1(), graph.l0(), graph.l1());
    let (values, vectors) = symmetric_eigen(l0.rows, &l0.data).unwrap();
    let mut want: Vec<f64> = (0..l * l)
        .map(|k| {
            let sn = |m: usize| libm::sin(std::f64::consts::PI * m as f64 / l as f64);
            4.0 * sn(k % l) * sn(k % l) + 4.0 * sn(k / l) * sn(k / l)
        })
        .collect();
    want.sort_by(f64::total_cmp);
    for (got, want) in values.iter().zip(&want) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    for (s2, phi) in values.iter().zip(&vectors).filter(|(s2, _)| **s2 > 1e-9) {
        let s = s2.sqrt();
        let mut psi = vec![0.0; graph.n1()];
        b1.transpose().apply(phi, &mut psi);
        psi.iter_mut().for_each(|x| *x /= s);
        let norm: f64 = psi.iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-12);
        let mut l1psi = vec![0.0; graph.n1()];
        l1.apply(&psi, &mut l1psi);
        assert!(l1psi.iter().zip(&psi).all(|(a, b)| (a - s2 * b).abs() < 1e-11));
    }
}

#[test]
fn a_torus_simulation_grows_at_the_largest_rate_of_its_spectrum() {
    // 12×12 torus, RK4 dt = 0.01, cubic terms on, cγ = 1.1 cγ*. The fastest pairs of the lattice
    // are s² = 3.268 (rate 0.09923) and 3.732 (0.09898), then s² = 3 and 4 (0.0958): the norm of
    // the state grows at a mixture of these, which separates only over times ≫ 1/0.0034, so over
    // t ∈ [60, 160] it is measured 2.5 % below the largest rate (0.09678): hence the catalogue's
    // 3 %. The perturbation (1e-10) keeps every entry below 1e-3, where the cubic terms change the
    // rates by less than 1e-5.
    let l = 12;
    let torus = CellComplex::square_torus(l);
    let th = theory(1.1 * theory(1.0).threshold());
    let sn = |m: usize| libm::sin(std::f64::consts::PI * m as f64 / l as f64);
    let best = (1..l * l)
        .map(|k| th.growth((4.0 * sn(k % l) * sn(k % l) + 4.0 * sn(k / l) * sn(k / l)).sqrt()))
        .fold(f64::NEG_INFINITY, f64::max);
    let system = DiracSignals::new(&torus, th);
    let dim = torus.n0 + torus.n1();
    let mut rng = stream(1, "perturbation", 0);
    let mut y: Vec<f64> = (0..dim).map(|_| 1e-10 * normal().sample(&mut rng)).collect();
    let mut rates: Vec<(f64, f64)> = (0..l * l)
        .map(|k| 4.0 * sn(k % l) * sn(k % l) + 4.0 * sn(k / l) * sn(k / l))
        .map(|s2| (s2, th.growth(s2.sqrt())))
        .collect();
    rates.sort_by(|a, b| b.1.total_cmp(&a.1));
    rates.dedup_by(|a, b| (a.0 - b.0).abs() < 1e-9);
    eprintln!("fastest pairs (s², rate): {:?}", &rates[..4]);
    let mut rk = Rk4::new(dim);
    let norm = |y: &[f64]| y.iter().map(|x| x * x).sum::<f64>().sqrt();
    let (dt, mut t) = (0.01, 0.0);
    let (mut at40, mut at100) = (0.0, 0.0);
    for step in 1..=16_000 {
        rk.step(&system, t, &mut y, dt).unwrap();
        t = step as f64 * dt;
        if step == 6000 {
            at40 = norm(&y);
        }
        if step == 16_000 {
            at100 = norm(&y);
        }
    }
    let got = libm::log(at100 / at40) / 100.0;
    eprintln!("12×12 torus: simulated growth {got:.5}, theory {best:.5}; |y(160)| = {at100:.3e}");
    assert!((got / best - 1.0).abs() < 0.03, "{got} vs {best}");
    let largest = y.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    assert!(largest < 1e-3, "still linear: the largest entry is {largest}");
    // The growing pattern lives on nodes and edges both.
    let (u, v) = y.split_at(torus.n0);
    assert!(norm(u) > 0.05 * at100 && norm(v) > 0.05 * at100, "{} {}", norm(u), norm(v));
}
