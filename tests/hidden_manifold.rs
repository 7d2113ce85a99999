//! The hidden manifold model: the Gaussian equivalence theorem (GET) against Monte-Carlo averages
//! over fresh examples, for fixed weights and along an online-SGD run, the constants κ of the
//! feature maps, and the page's claim about manifold against Gaussian inputs.

use replica::link::Link;
use replica::model::{Run, run_to_end};
use replica::models::hidden_manifold::Settings;
use replica::models::hidden_manifold::run::{HmmRun, Problem, Student, TestSet};
use replica::models::hidden_manifold::theory::{self, Feature};
use replica::models::two_layer::setup;
use replica::num::quad::GaussLegendre;
use replica::rng;

/// The GET's error is exact as N, D → ∞; at finite size its inputs' statistics are off by O(1/√D)
/// (the rows of F have norms √D(1 + O(1/√D)), the inputs' mutual correlations O(1/√D) carry
/// higher-order terms of f). The catalogue saw |MC − GET| ≤ 0.0016 at N = 1000, D = 500 over three
/// seeds and allowed 0.005; at D = 200 the same effects are √(500/200) ≈ 1.6 times larger: 0.008.
const FINITE_SIZE: f64 = 0.008;

#[test]
fn kappas_match_their_closed_forms() {
    // κ₁ = ⟨u f(u)⟩ and κ² = ⟨f(u)²⟩ for u ~ N(0, 1), by quadrature on [0, 12] (both integrands are
    // even; sign jumps at 0, the ends of the interval).
    let rule = GaussLegendre::new(20);
    let phi = |u: f64| libm::exp(-0.5 * u * u) / (2.0 * std::f64::consts::PI).sqrt();
    for feature in [Feature::Sign, Feature::Erf] {
        let kappa1 = 2.0 * rule.integrate(|u| u * feature.f(u) * phi(u), 0.0, 12.0, 24);
        let kappa_sq = 2.0 * rule.integrate(|u| feature.f(u) * feature.f(u) * phi(u), 0.0, 12.0, 24);
        println!(
            "{feature:?}: κ₁ = {kappa1:.12} (closed {:.12}), κ² = {kappa_sq:.12} (closed {:.12})",
            feature.kappa1(),
            feature.kappa_sq()
        );
        assert!((kappa1 - feature.kappa1()).abs() < 1e-12, "{feature:?}: κ₁ {kappa1}");
        assert!((kappa_sq - feature.kappa_sq()).abs() < 1e-12, "{feature:?}: κ² {kappa_sq}");
    }
    assert!((Feature::Sign.kappa1() - (2.0 / std::f64::consts::PI).sqrt()).abs() < 1e-15);
    assert!((Feature::Erf.kappa_sq() - 1.0 / 3.0).abs() < 1e-15);
}

#[test]
fn get_predicts_the_error_and_the_fields_of_fixed_weights() {
    // Catalogue E3 T1, at N = 400, D = 200 (catalogue: 1000, 500) with 20 000 test examples
    // (catalogue: 10⁵), three seeds, f = sign, K = M = 2: the student
    // w_k = 0.7 z_k + 0.5 c_k F w̃*_k/√D, c = (1, 0.5), z Gaussian, correlated with the teacher
    // through the features.
    let (n, d, k, m, p) = (400, 200, 2, 2, 20_000);
    for seed in 0..3u64 {
        let problem = Problem::new(n, d, m, Feature::Sign, seed);
        let mut w = setup::gaussian_rows(n, k, 0.7, &mut rng::stream(seed, "test student", 0));
        for (a, c) in [(0, 1.0), (1, 0.5)] {
            for i in 0..n {
                let f_i = &problem.features[i * d..(i + 1) * d];
                let along = replica::num::vector::dot(f_i, &problem.teacher[a * d..(a + 1) * d]) / (d as f64).sqrt();
                w[a * n + i] += 0.5 * c * along;
            }
        }
        let v = vec![1.0; k];
        let test = TestSet::new(&problem, p, seed);
        let measured = test.measure(&w, &v);
        let get = problem.manifold().overlaps(&w, &v);
        let eps_get = theory::error(&get, &problem.t);
        let gap = (measured.eps - eps_get).abs();
        println!(
            "seed {seed}: MC {:.5} ± {:.5}, GET {eps_get:.5}, |MC − GET| = {gap:.5} = {:.2} SE",
            measured.eps,
            measured.se,
            gap / measured.se
        );
        assert!(gap < 3.0 * measured.se + FINITE_SIZE, "seed {seed}: MC {} vs GET {eps_get}", measured.eps);
        // Cov(λ) against Q, entry-wise: a second moment of P samples scatters by about
        // √((Q_aa Q_bb + Q_ab²)/P) ≤ √(2/P)·max Q_aa (≈ 0.012 here); 3 of those plus the finite-size
        // margin, relative to the diagonal's scale.
        let units = k + m;
        let scale = (0..k).map(|a| get.q[a * k + a]).fold(0.0, f64::max);
        let tolerance = 3.0 * (2.0 / p as f64).sqrt() * scale + FINITE_SIZE * scale;
        for a in 0..k {
            for b in 0..k {
                let (emp, q) = (measured.moments[a * units + b], get.q[a * k + b]);
                println!("  ⟨λ{a}λ{b}⟩ = {emp:.4}, Q = {q:.4}");
                assert!((emp - q).abs() < tolerance, "seed {seed}: Cov(λ{a}, λ{b}) {emp} vs Q {q} (± {tolerance})");
            }
            for c in 0..m {
                let (emp, r) = (measured.moments[a * units + k + c], get.r[a * m + c]);
                println!("  ⟨λ{a}ν{c}⟩ = {emp:.4}, R = {r:.4}");
                assert!((emp - r).abs() < tolerance, "seed {seed}: Cov(λ{a}, ν{c}) {emp} vs R {r}");
            }
        }
    }
}

#[test]
fn get_follows_the_error_along_online_sgd() {
    // Catalogue E3 T2 at N = 400, δ = 0.5, η = 0.2, K = M = 2, f = sign: at every checkpoint the
    // error measured on 20 000 fresh examples equals the GET's from the current weights, within
    // 3 SE plus the finite-size margin of the fixed-weight test, and within the catalogue's 3 %
    // (measured here: at most 1.4 SE and 1.3 %; one SE is about 0.9 % of ε on 20 000 examples, so
    // 3 % leaves room for the O(1/√D) bias of the GET seen in the fixed-weight test, ≤ 1.7 %).
    let (n, d, k, m, p) = (400, 200, 2, 2, 20_000);
    let seed = 4;
    let problem = Problem::new(n, d, m, Feature::Sign, seed);
    let test = TestSet::new(&problem, p, seed);
    let mut student = Student::new(problem, k, 1.0, seed);
    let mut worst: f64 = 0.0;
    let mut errors = Vec::new();
    for t in [0.0, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 40.0] {
        let target = (t * n as f64) as u64;
        assert!(student.steps(0.2, target - student.steps));
        let measured = test.measure(&student.w, &student.v);
        let eps_get = theory::error(&student.get_overlaps(), &student.problem.t);
        let gap = (measured.eps - eps_get).abs();
        println!(
            "t = {t:5}: MC {:.5} ± {:.5}, GET {eps_get:.5}, gap {:.2} SE",
            measured.eps,
            measured.se,
            gap / measured.se
        );
        worst = worst.max(gap - 3.0 * measured.se);
        errors.push(measured.eps);
        assert!(gap < 3.0 * measured.se + FINITE_SIZE, "t = {t}: MC {} vs GET {eps_get}", measured.eps);
        assert!(gap < 0.03 * eps_get, "t = {t}: MC {} vs GET {eps_get}, more than 3 %", measured.eps);
    }
    println!("largest excess over 3 SE: {worst:.5} (margin {FINITE_SIZE})");
    assert!(errors.last().unwrap() < &(0.5 * errors[0]), "the student did not learn: {errors:?}");
}

fn page_run(link: &str) -> HmmRun {
    let link = Link::parse(link).unwrap();
    let mut run = HmmRun::new(Settings::from_params(link.params()), link.seed());
    run_to_end(&mut run, 5000, |_| {}).unwrap();
    run
}

#[test]
fn gaussian_inputs_are_learnt_the_manifold_leaves_a_floor_that_shrinks_with_delta() {
    // The page's claim, at its first two presets: with i.i.d. Gaussian inputs the same teacher is
    // learnt (the ODE and the simulation fall below 10⁻³ by t = 300, past the plateau), while on
    // the manifold the test error stops far above (> 0.01, > 0.05 at δ = 0.5), as the GET says;
    // and the floor is lower on the thinner manifold (δ = 0.1 against δ = 0.5).
    let wide = page_run("hidden-manifold?seed=2&N=300&delta=0.5&t_max=300");
    let thin = page_run("hidden-manifold?seed=2&N=400&delta=0.1&t_max=300");
    let obs = |run: &HmmRun| run.observables().into_iter().map(Option::unwrap).collect::<Vec<_>>();
    let (o_wide, o_thin) = (obs(&wide), obs(&thin));
    println!(
        "δ = 0.5: MC {:.5}, GET {:.5}, Gaussian SGD {:.2e}, ODE {:.2e}",
        o_wide[0], o_wide[1], o_wide[2], o_wide[3]
    );
    println!(
        "δ = 0.1: MC {:.5}, GET {:.5}, Gaussian SGD {:.2e}, ODE {:.2e}",
        o_thin[0], o_thin[1], o_thin[2], o_thin[3]
    );
    for o in [&o_wide, &o_thin] {
        assert!(o[2] < 1e-3 && o[3] < 1e-3, "Gaussian inputs: ε {} (ODE {})", o[2], o[3]);
        assert!(o[0] > 0.01 && o[1] > 0.01, "the manifold's floor: {} (GET {})", o[0], o[1]);
    }
    assert!(o_wide[0] > 0.05 && o_wide[1] > 0.05);
    assert!(o_thin[1] < 0.5 * o_wide[1], "floor at δ = 0.1: {} against {} at δ = 0.5", o_thin[1], o_wide[1]);
}

#[test]
fn a_run_does_not_depend_on_how_its_work_is_chunked() {
    // The Gaussian run first, then the manifold's, with records at fixed steps: any chunking gives
    // the same numbers.
    let link = Link::parse("hidden-manifold?seed=5&N=100&delta=0.3&t_max=2&P_test=200").unwrap();
    let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
    for chunk in [1, 7, 333] {
        assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "chunks of {chunk}");
    }
}
