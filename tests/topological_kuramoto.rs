//! The topological Kuramoto model: the harmonic component drifts at exactly P_h ω whatever σ
//! (the catalogue's test on the 8×8 square torus), B1B2 = 0 on every complex, the projections on
//! the nodes and the faces evolve as their own Kuramoto-like systems, and at strong coupling the
//! sweep's order parameters are those of the locked state, in the standard and in the explosive
//! model.

use replica::find_model;
use replica::link::Link;
use replica::model::{Params, run_to_end};
use replica::models::topological_kuramoto::run::build;
use replica::models::topological_kuramoto::{Complex, KuramotoRun, Settings, order};
use replica::num::cell_complex::{Dense, kernel_dimension};
use replica::num::ode::{OdeSystem, Rk4};

fn settings(complex: Complex, sigma: f64, explosive: bool) -> Settings {
    Settings {
        complex,
        l: 8,
        n: 60,
        k: 8.0,
        sigma,
        omega: 0.0,
        explosive,
        t_max: 20.0,
        dt: 0.01,
        sigma_max: 4.0,
        points: 2,
        t_point: 1.0,
    }
}

fn run(s: Settings, seed: u64) -> KuramotoRun {
    let mut run = KuramotoRun::new(s, seed);
    run_to_end(&mut run, 100_000, |_| {}).unwrap();
    run
}

#[test]
fn the_harmonic_component_drifts_at_exactly_p_h_omega() {
    // The catalogue: 8×8 square torus, σ = 2, T = 20: ‖P_h(θ(T) − θ(0)) − T P_h ω‖ = 4.8e-14,
    // dim ker L1 = 2. The drift is exact (P_h B1ᵀ = 0, P_h B2 = 0) and RK4 keeps linear invariants,
    // so what is left is rounding: 2e-14 to 2e-12 over the complexes here, against the 1e-9 asked.
    for (complex, explosive, omega) in [
        (Complex::Square, false, 0.0),
        (Complex::Square, true, 1.0),
        (Complex::Triangulated, false, 0.5),
        (Complex::Clique, true, 0.0),
    ] {
        let s = Settings { omega, ..settings(complex, 2.0, explosive) };
        let r = run(s, 3);
        let residual = r.largest_residual();
        let drift = r.drift.last().copied().unwrap();
        eprintln!("{complex:?} explosive={explosive}: β1 = {}, drift {drift:.3}, residual {residual:.2e}", r.beta1());
        assert!(residual < 1e-9, "{complex:?}: {residual}");
        assert!(drift > 1.0, "the harmonic component does move: {drift}");
        // β1 from L1's kernel agrees with Euler's relation, β0 and β2 taken from L0 and L2.
        let c = &r.complex;
        let (b0, b2) = (kernel_dimension(&c.l0()) as i64, kernel_dimension(&c.l2()) as i64);
        let euler = c.n0 as i64 - c.n1() as i64 + c.n2() as i64;
        assert_eq!(r.beta1() as i64, b0 + b2 - euler, "{complex:?}");
        if complex != Complex::Clique {
            assert_eq!(r.beta1(), 2, "a torus has two independent loops");
        }
    }
}

#[test]
fn the_boundary_of_a_boundary_is_empty() {
    for complex in [Complex::Square, Complex::Triangulated, Complex::Clique] {
        let (c, _) = build(&settings(complex, 1.0, false), 5);
        assert!(c.n2() > 0);
        assert_eq!(c.b1().mul(&c.b2()).max_abs(), 0.0, "{complex:?}");
    }
}

/// The projections alone: θ⁻ on the nodes and θ⁺ on the faces, with dense L0 and L2.
struct Projections {
    b1w: Vec<f64>,
    b2tw: Vec<f64>,
    l0: Dense,
    l2: Dense,
    sigma: f64,
    explosive: bool,
}

impl OdeSystem for Projections {
    fn dim(&self) -> usize {
        self.l0.rows + self.l2.rows
    }
    fn rhs(&self, _t: f64, y: &[f64], dy: &mut [f64]) {
        let (minus, plus) = y.split_at(self.l0.rows);
        let (r_minus, r_plus) =
            if self.explosive { (order(minus.iter().copied()), order(plus.iter().copied())) } else { (1.0, 1.0) };
        let sin_m: Vec<f64> = minus.iter().map(|&x| libm::sin(x)).collect();
        let sin_p: Vec<f64> = plus.iter().map(|&x| libm::sin(x)).collect();
        let (dm, dp) = dy.split_at_mut(self.l0.rows);
        self.l0.apply(&sin_m, dm);
        self.l2.apply(&sin_p, dp);
        for (d, w) in dm.iter_mut().zip(&self.b1w) {
            *d = w - self.sigma * r_plus * *d;
        }
        for (d, w) in dp.iter_mut().zip(&self.b2tw) {
            *d = w - self.sigma * r_minus * *d;
        }
    }
}

#[test]
fn the_projections_evolve_as_their_own_kuramoto_systems() {
    // B1B2 = 0: dθ⁻/dt = B1ω − σR⁺ L0 sin θ⁻ and dθ⁺/dt = B2ᵀω − σR⁻ L2 sin θ⁺, closed in θ⁻ and θ⁺.
    // Integrated apart by the same RK4, they agree with B1θ(t) and B2ᵀθ(t) to rounding, which the
    // dynamics amplify little over t = 10 (measured: below 1e-11).
    for explosive in [false, true] {
        let mut s = settings(Complex::Triangulated, 1.5, explosive);
        (s.l, s.t_max) = (6, 10.0);
        let r = run(s, 2);
        let c = &r.complex;
        let (b1, b2) = (c.b1(), c.b2());
        let mut y = vec![0.0; c.n0 + c.n2()];
        b1.apply(&r.theta0, &mut y[..c.n0]);
        b2.transpose().apply(&r.theta0, &mut y[c.n0..]);
        let mut b1w = vec![0.0; c.n0];
        b1.apply(r.omega(), &mut b1w);
        let mut b2tw = vec![0.0; c.n2()];
        b2.transpose().apply(r.omega(), &mut b2tw);
        let system = Projections { b1w, b2tw, l0: c.l0(), l2: c.l2(), sigma: 1.5, explosive };
        let mut rk = Rk4::new(system.dim());
        for step in 0..1000 {
            rk.step(&system, step as f64 * 0.01, &mut y, 0.01).unwrap();
        }
        let mut want = vec![0.0; c.n0 + c.n2()];
        b1.apply(&r.theta, &mut want[..c.n0]);
        b2.transpose().apply(&r.theta, &mut want[c.n0..]);
        let gap = y.iter().zip(&want).fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
        eprintln!("explosive={explosive}: largest gap {gap:.2e}");
        assert!(gap < 1e-9, "explosive={explosive}: {gap}");
    }
}

#[test]
fn at_strong_coupling_the_sweep_finds_the_locked_state() {
    // Where the locked state exists (σR⁺ ≥ max|L0⁺B1ω| for the nodes, σR⁻ ≥ max|L2⁺B2ᵀω| for the
    // faces), the sweep's mean order parameters are its R⁻ = (1/N0) Σ √(1 − (y⁻_i/σR⁺)²) and R⁺,
    // on the way up and on the way down: measured within 3.3e-3 at t_point = 10 (seeds 1, 2; the
    // relaxation towards the lock is slowest just above its threshold), so 1e-2, a quarter of the
    // change of R between neighbouring values of σ near the threshold. Below the lock, the
    // explosive model stays incoherent on the way up where the standard one has risen:
    // at σ = 0.5, R⁻ = 0.51–0.62 (standard) against 0.13–0.17 (explosive) over seeds 1, 2.
    for complex in [Complex::Square, Complex::Clique] {
        for explosive in [false, true] {
            for seed in [1, 2] {
                let s = Settings { points: 9, t_point: 10.0, t_max: 1.0, ..settings(complex, 2.0, explosive) };
                let r = run(s, seed);
                let lock = r.locking.as_ref().unwrap();
                let mut compared = 0;
                let mut worst = 0.0f64;
                for p in &r.sweep {
                    let (m, q) = lock.orders(p.sigma, explosive);
                    for (sim, theory) in [(p.r_minus, m), (p.r_plus, q)] {
                        if let Some(theory) = theory {
                            worst = worst.max((sim - theory).abs());
                            compared += 1;
                        }
                    }
                }
                eprintln!("{complex:?} explosive={explosive} seed {seed}: {compared} values, worst gap {worst:.2e}");
                assert!(compared >= 8, "{complex:?}: the sweep reaches the locked state");
                assert!(worst < 1e-2, "{complex:?} explosive={explosive} seed {seed}: {worst}");
                if complex == Complex::Square {
                    let at_half = r.sweep.iter().find(|p| p.rising && p.sigma == 0.5).unwrap().r_minus;
                    if explosive {
                        assert!(at_half < 0.3, "seed {seed}: {at_half}");
                    } else {
                        assert!(at_half > 0.4, "seed {seed}: {at_half}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_parameter_is_checked_with_a_message_naming_it() {
    let model = find_model("topological-kuramoto").unwrap();
    let check = |pairs: &[(&str, &str)]| {
        let mut p = Params::defaults(model.spec());
        for (k, v) in pairs {
            p.set(k, v).map_err(|e| e.to_string())?;
        }
        model.check(&p).map_err(|e| e.to_string())
    };
    assert!(check(&[]).is_ok());
    assert!(check(&[("dt", "0.1")]).unwrap_err().contains("dt=0.1 is too large"));
    assert!(check(&[("complex", "triangulated"), ("L", "14")]).is_ok());
    assert!(
        check(&[("complex", "square"), ("L", "14"), ("points", "60"), ("t_point", "200"), ("dt", "1e-3")])
            .unwrap_err()
            .contains("t_point=200")
    );
    assert!(check(&[("complex", "clique"), ("N", "150"), ("k", "10")]).unwrap_err().contains("750 edges"));
    assert!(check(&[("complex", "clique"), ("N", "10"), ("k", "9")]).unwrap_err().contains("k=9 must be below"));
    assert!(check(&[("L", "15")]).unwrap_err().contains("L must be in [3, 14]"));
    assert!(check(&[("explosive", "maybe")]).unwrap_err().contains("explosive must be 0 or 1"));
    // A clique complex without triangles says so when it starts.
    let link = Link::parse("topological-kuramoto?seed=1&complex=clique&N=40&k=2").unwrap();
    let e = link.run_to_end(100).unwrap_err().to_string();
    assert!(e.contains("no triangles"), "{e}");
}
