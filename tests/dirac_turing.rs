//! Topological signals coupled by the Dirac operator: the threshold and the growth rates of the
//! catalogue, the algebra of B1's singular pairs on a torus, the system's linear part against the
//! 2×2 blocks M(s), and the page's runs: the linear growth on a 12×12 torus against the fastest
//! rate of the lattice's spectrum, and a pattern on nodes and edges both.

use replica::find_model;
use replica::link::Link;
use replica::model::{Params, Run, run_to_end};
use replica::models::dirac_turing::{DiracRun, DiracSignals, Kind, Settings, Theory, spectrum_of_torus};
use replica::num::cell_complex::CellComplex;
use replica::num::eigen::{symmetric_eigen, symmetric_eigenvalues};
use replica::num::ode::OdeSystem;

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
fn torus_spectra_in_closed_form_are_those_of_l0() {
    for l in [5, 6] {
        for (kind, complex) in
            [(Kind::Square, CellComplex::square_torus(l)), (Kind::Triangulated, CellComplex::triangulated_torus(l))]
        {
            let l0 = complex.l0();
            let dense = symmetric_eigenvalues(l0.rows, &l0.data).unwrap();
            for (a, b) in spectrum_of_torus(kind, l).iter().zip(&dense) {
                assert!((a - b).abs() < 1e-12, "{kind:?} L = {l}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn the_linear_part_of_the_system_acts_on_each_pair_as_m_of_s() {
    // With b = β = 0 the right-hand side is linear: on (φ, 0) and (0, ψ) of a singular pair it must
    // give the columns of M(s), cross-diffusion and the faces' part of L1 included (ψ ∈ im B1ᵀ is
    // orthogonal to im B2, so B2B2ᵀψ = 0).
    let th =
        Theory { a: 0.7, alpha: 1.3, b: 0.0, beta: 0.0, c: 2.1, gamma: -0.8, d0: 0.9, d1: 0.2, d01: 0.15, d10: -0.3 };
    let torus = CellComplex::triangulated_torus(4);
    let system = DiracSignals::new(&torus, th);
    let (n0, n1) = (torus.n0, torus.n1());
    let l0 = torus.l0();
    let (values, vectors) = symmetric_eigen(n0, &l0.data).unwrap();
    let b1 = torus.b1();
    let mut checked = 0;
    for (s2, phi) in values.iter().zip(&vectors).filter(|(s2, _)| **s2 > 1e-9) {
        let s = s2.sqrt();
        let mut psi = vec![0.0; n1];
        b1.transpose().apply(phi, &mut psi);
        psi.iter_mut().for_each(|x| *x /= s);
        let m = th.block(s);
        for (col, (node, edge)) in [(phi.clone(), vec![0.0; n1]), (vec![0.0; n0], psi.clone())].into_iter().enumerate()
        {
            let y: Vec<f64> = node.into_iter().chain(edge).collect();
            let mut dy = vec![0.0; n0 + n1];
            system.rhs(0.0, &y, &mut dy);
            for i in 0..n0 {
                assert!((dy[i] - m[0][col] * phi[i]).abs() < 1e-12, "s² = {s2}, column {col}, node {i}");
            }
            for e in 0..n1 {
                assert!((dy[n0 + e] - m[1][col] * psi[e]).abs() < 1e-12, "s² = {s2}, column {col}, edge {e}");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, n0 - 1);
}

#[test]
fn the_band_found_on_a_grid_is_the_closed_form_one() {
    let th = theory(1.3 * theory(1.0).threshold());
    let (lo, hi) = th.band().unwrap();
    let found = th.unstable_intervals(20.0, 500);
    assert_eq!(found.len(), 1);
    assert!((found[0].0 - lo).abs() < 1e-10 && (found[0].1 - hi).abs() < 1e-10, "{found:?} vs ({lo}, {hi})");
    assert!(theory(0.9 * theory(1.0).threshold()).unstable_intervals(20.0, 500).is_empty());
}

fn catalogue_run(c_over_star: f64, perturbation: f64, t_max: f64, seed: u64) -> DiracRun {
    let s = Settings {
        kind: Kind::Square,
        l: 12,
        n: 10,
        k: 1.0,
        theory: theory(c_over_star * theory(1.0).threshold()),
        t_max,
        dt: 0.01,
        perturbation,
    };
    let mut run = DiracRun::new(s, seed);
    run_to_end(&mut run, 100_000, |_| {}).unwrap();
    run
}

#[test]
fn a_torus_grows_at_the_fastest_rate_of_its_spectrum_into_a_pattern_on_nodes_and_edges() {
    // 12×12 torus, RK4 dt = 0.01, cubic terms on, cγ = 1.1 cγ*. The lattice's fastest pairs are
    // s² = 3.268 (rate 0.09923) and 3.732 (0.09898), then s² = 3 and 4 (0.0958): the norm of the
    // state grows at a mixture of these, which separates only over times ≫ 1/0.0025. Fitted over
    // the last 60 % of the linear stage (t ≈ 66..166 from a perturbation of 1e-10), the rate is
    // 2.35–2.45 % below the fastest (seeds 1..3: 0.09684, 0.09680, 0.09690): a bias of the
    // mixture, not noise (the seeds agree to 0.1 %), hence the catalogue's 3 %. With 1e-6 the
    // linear stage is shorter (t ≈ 28..70) and the bias 4–5 %.
    let sn = |m: usize| libm::sin(std::f64::consts::PI * m as f64 / 12.0);
    let th = theory(1.1 * theory(1.0).threshold());
    let best = (1..144)
        .map(|k| th.growth((4.0 * sn(k % 12) * sn(k % 12) + 4.0 * sn(k / 12) * sn(k / 12)).sqrt()))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!((best - 0.099235).abs() < 1e-6, "{best}");
    for seed in [1, 2] {
        let run = catalogue_run(1.1, 1e-10, 400.0, seed);
        let (got, want) = (run.growth_measured().unwrap(), run.growth_theory().unwrap());
        let (t0, t1) = run.fit_window();
        eprintln!("seed {seed}: fitted {got:.5} over [{t0:.1}, {t1:.1}], theory {want:.5}");
        assert!((want - best).abs() < 1e-12);
        assert!((got / want - 1.0).abs() < 0.03, "seed {seed}: {got} vs {want}");
        assert!(t0 > 50.0, "the linear stage is long enough to fit: [{t0}, {t1}]");
        // The saturated pattern lives on nodes and edges both, far above the perturbation.
        let obs = run.observables();
        let (u, v) = (obs[4].unwrap(), obs[5].unwrap());
        eprintln!("seed {seed}: ‖u‖ = {u:.4}, ‖v‖ = {v:.4} at t = 400");
        assert!(u > 1.0 && v > 1.0, "‖u‖ = {u}, ‖v‖ = {v}");
        // At the end of the linear stage the ratio ‖v‖/‖u‖ is that of the growing eigenvectors of
        // M(s) of the pairs that dominate: 1.268 at s² = 3.268, 1.312 at 3.732, 1.241 at 3 and 1.337
        // at 4. The mixture gives 1.286 (seeds 1, 2): within 3 % of the fastest pair's, whatever
        // the weights of the four (they span −2 % to +5.5 %: hence 6 %).
        let (x, y) = th.mode(3.268f64.sqrt()).unwrap();
        let i = run.t.iter().position(|&t| t >= t1).unwrap();
        let ratio = run.norm_v[i] / run.norm_u[i];
        eprintln!("seed {seed}: ‖v‖/‖u‖ = {ratio:.4} at t = {t1:.1}; fastest mode {:.4}", (y / x).abs());
        assert!((ratio / (y / x).abs() - 1.0).abs() < 0.06, "{ratio} vs {}", (y / x).abs());
    }
}

#[test]
fn below_threshold_every_pair_decays() {
    // cγ = 0.9 cγ*: the slowest pair of the 12×12 torus decays at −0.10046 (the catalogue's
    // −0.1019 is at s*² itself, which the lattice does not have). Fitted over t ∈ [40, 100], the
    // mixture with faster pairs makes the decay 2.4–4.1 % faster (seeds 1..3): within 6 %.
    let want = -0.100465;
    for seed in [1, 2] {
        let run = catalogue_run(0.9, 1e-6, 100.0, seed);
        assert_eq!(run.unstable_pairs(), 0);
        assert!((run.growth_theory().unwrap() - want).abs() < 1e-6, "{:?}", run.growth_theory());
        let got = run.growth_measured().unwrap();
        eprintln!("seed {seed}: decay {got:.5}, theory {want:.5}");
        assert!((got / want - 1.0).abs() < 0.06, "{got}");
    }
}

#[test]
fn the_default_link_forms_a_pattern_and_the_random_graph_runs() {
    let model = find_model("dirac-turing").unwrap();
    let result = Link::defaults(model).run_to_end(10_000).unwrap();
    let obs = &result.observables;
    eprintln!("default: {obs:?}");
    assert!((obs[1].unwrap() - 0.5).abs() < 0.01 && obs[3].unwrap() > 100.0, "{obs:?}");
    assert!(obs[4].unwrap() > 1.0 && obs[5].unwrap() > 1.0, "{obs:?}");
    let link = Link::parse("dirac-turing?seed=2&complex=rgg&N=60&k=6&t_max=20").unwrap();
    let result = link.run_to_end(10_000).unwrap();
    assert!(result.observables[1].is_some() && result.observables[0].is_some(), "{:?}", result.observables);
}

#[test]
fn every_parameter_is_checked_with_a_message_naming_it() {
    let model = find_model("dirac-turing").unwrap();
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("dt", "0.2")]).is_ok(), "rates up to 10.5 on the square torus: 0.2 × 10.5 < 2.5");
    assert!(check(&[("dt", "0.2"), ("D0", "2")]).unwrap_err().contains("dt=0.2 is too large"));
    assert!(check(&[("complex", "triangulated"), ("dt", "0.2")]).unwrap_err().contains("dt=0.2 is too large"));
    assert!(check(&[("t_max", "5000"), ("dt", "1e-4"), ("L", "24")]).unwrap_err().contains("t_max=5000"));
    assert!(check(&[("L", "2")]).unwrap_err().contains("L must be in [3, 24]"));
    assert!(check(&[("D1", "0")]).unwrap_err().contains("D1 must be in (0, 10]"));
    assert!(check(&[("complex", "sphere")]).unwrap_err().contains("complex must be one of"));
    // A step the random graph's spectrum does not allow: the run says so at t = 0.
    let link = Link::parse("dirac-turing?seed=1&complex=rgg&N=200&k=30&dt=0.2").unwrap();
    let e = link.run_to_end(100).unwrap_err().to_string();
    assert!(e.contains("t = 0") && e.contains("lower dt"), "{e}");
}
