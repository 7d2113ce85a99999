//! The perceptron's simulation against its theory, at finite N, through the same run a page shows.
//!
//! Each simulated point is a mean over seeds with its standard error (SE). A point agrees with
//! the theory when |mean − theory| ≤ 3 SE + allowance, the allowance covering the O(1/N) bias of a
//! finite system where the catalogue gives one. Every check is also run against a wrong theory
//! (α off by 25%) and must fail there: a check that cannot fail checks nothing.

use replica::link::Link;
use replica::model::SeriesKind;
use replica::models::perceptron::theory as th;

/// The largest deviations of one simulated series from a theory.
#[derive(Debug)]
struct Agreement {
    points: usize,
    /// Largest |mean − theory| / SE.
    max_z: f64,
    /// Largest |mean − theory|.
    max_dev: f64,
    /// Points outside 3 SE + allowance.
    outside: Vec<String>,
}

fn agreement(x: &[f64], y: &[f64], se: &[f64], theory: impl Fn(f64) -> f64, allowance: f64) -> Agreement {
    let mut a = Agreement { points: x.len(), max_z: 0.0, max_dev: 0.0, outside: Vec::new() };
    for ((&alpha, &mean), &e) in x.iter().zip(y).zip(se) {
        let dev = (mean - theory(alpha)).abs();
        a.max_dev = a.max_dev.max(dev);
        a.max_z = a.max_z.max(dev / e);
        if dev > 3.0 * e + allowance {
            a.outside.push(format!("α = {alpha:.3}: {mean:.5} ± {e:.5} vs theory {:.5}", theory(alpha)));
        }
    }
    a
}

/// The simulated ε series of a finished run whose label starts with `what`.
fn simulated(link: &str, what: &str) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let result = Link::parse(link).unwrap().run_to_end(u64::MAX).unwrap();
    let error = result.frame.figures.iter().find(|f| f.id == "error").unwrap();
    let s = error.series.iter().find(|s| s.kind == SeriesKind::Simulation && s.label.starts_with(what)).unwrap();
    (s.x.clone(), s.y.clone(), s.y_err.clone().unwrap())
}

/// Assert agreement with the theory, and disagreement with the same theory at α off by 25%.
fn assert_follows(name: &str, link: &str, what: &str, theory: impl Fn(f64) -> f64, allowance: f64) {
    let (x, y, se) = simulated(link, what);
    assert!(x.len() >= 10, "{name}: only {} points", x.len());
    let good = agreement(&x, &y, &se, &theory, allowance);
    println!(
        "{name}: {} points, largest |z| = {:.2}, largest |deviation| = {:.4}",
        good.points, good.max_z, good.max_dev
    );
    assert!(good.outside.is_empty(), "{name}: points outside 3 SE + {allowance}:\n{}", good.outside.join("\n"));
    let wrong = agreement(&x, &y, &se, |a| theory(1.25 * a), allowance);
    assert!(!wrong.outside.is_empty(), "{name}: the check cannot tell the theory from a wrong one");
}

#[test]
fn hebb_follows_the_closed_form() {
    // Catalogue size N = 1000; 20 seeds make the SE itself reliable (±16%). Finite-N bias of R
    // is O(1/N), far below the SE ≈ 0.001, so no allowance.
    assert_follows(
        "Hebb, N = 1000, 20 seeds",
        "perceptron?rule=hebb&N=1000&alpha_max=20&seeds=20",
        "Hebb",
        th::hebb_error,
        0.0,
    );
}

#[test]
fn online_rule_follows_its_ode() {
    // Catalogue size N = 1000, 10 seeds; allowance 0.005 for the finite-N bias, as in the catalogue.
    let theory = |a: f64| th::online_errors(&[a])[0];
    assert_follows(
        "online perceptron rule, N = 1000, 10 seeds",
        "perceptron?rule=online&N=1000&alpha_max=20&seeds=10",
        "online",
        theory,
        0.005,
    );
}

#[test]
fn gibbs_learning_and_bayes_follow_the_replica_theory() {
    // Monte Carlo in the version space at N = 200, 10 seeds, α ≤ 3. Allowance 0.005: the O(1/N)
    // finite-size bias (at N = 100 the deviations reach 0.007 for Gibbs and 0.011 for Bayes; at
    // N = 200 they stay below 0.005).
    let link = "perceptron?rule=gibbs&N=200&alpha_max=3&seeds=10";
    assert_follows("Gibbs learning, N = 200, 10 seeds", link, "Gibbs", th::gibbs_error, 0.005);
    // The centre of mass of k = 64 samples: overlap R/√(R + (1 − R)/k) with R the Gibbs overlap.
    let committee = |a: f64| th::error_from_overlap(th::committee_overlap(th::gibbs_overlap(a), 64));
    assert_follows("centre of mass of 64 Gibbs samples, N = 200, 10 seeds", link, "centre of mass", committee, 0.005);
    // And the catalogue's tolerance at the smaller size, N = 100: within 0.02.
    let (x, y, se) = simulated("perceptron?rule=gibbs&N=100&alpha_max=3&seeds=10", "Gibbs");
    let small = agreement(&x, &y, &se, th::gibbs_error, 0.0);
    println!("Gibbs learning, N = 100, 10 seeds: largest |deviation| = {:.4}", small.max_dev);
    assert!(small.max_dev < 0.02, "Gibbs at N = 100 deviates by {}", small.max_dev);
}

#[test]
fn bayes_beats_gibbs_beats_hebb() {
    // Same seeds, same examples: at every α the orderings of the theory hold in the simulation.
    let link = "perceptron?rule=gibbs&N=100&alpha_max=5&seeds=3";
    let (_, gibbs, _) = simulated(link, "Gibbs");
    let (_, bayes, _) = simulated(link, "centre of mass");
    let (_, hebb, _) = simulated("perceptron?rule=hebb&N=100&alpha_max=5&seeds=3", "Hebb");
    for k in 0..gibbs.len() {
        assert!(bayes[k] <= gibbs[k] + 1e-12, "point {k}: Bayes {} > Gibbs {}", bayes[k], gibbs[k]);
    }
    // Hebb is better than Gibbs learning at small α (ε_Hebb(α) < ε_Gibbs(α) for α ≲ 1) and worse
    // beyond; at α = 5 the gap is large.
    let last = gibbs.len() - 1;
    assert!(hebb[last] > gibbs[last] + 0.02, "α = 5: Hebb {} vs Gibbs {}", hebb[last], gibbs[last]);
}

#[test]
fn every_rule_runs_at_the_edges_of_its_ranges() {
    // The smallest and largest sizes, odd ones, one seed and many: every valid link of moderate
    // cost runs to its end, and every number it shows is finite.
    use replica::models::perceptron::PerceptronParams;
    let mut ran = 0;
    for rule in ["hebb", "online", "gibbs"] {
        for n in [10, 11, 37, 5000] {
            for alpha in [0.1, 0.1234, 3.0, 200.0] {
                for seeds in [1, 2, 50] {
                    let text = format!("perceptron?rule={rule}&N={n}&alpha_max={alpha}&seeds={seeds}&seed=4294967295");
                    let Ok(link) = Link::parse(&text) else { continue };
                    if PerceptronParams::from_params(link.params()).work() > 3e7 {
                        continue;
                    }
                    let result = link.run_to_end(997).unwrap();
                    for s in result.frame.figures.iter().flat_map(|f| &f.series) {
                        let values = s.x.iter().chain(&s.y).chain(s.y_err.iter().flatten());
                        assert!(!s.x.is_empty() && values.into_iter().all(|v| v.is_finite()), "{text}: {}", s.label);
                    }
                    ran += 1;
                }
            }
        }
    }
    assert!(ran > 60, "only {ran} links ran");
}
