//! Sweeps: their links (parse, messages, canonical form), figures whose numbers depend only on the
//! points' outcomes, and a physics check: the perceptron's final error against the training-set
//! size, simulated at each point, agrees with the theory line, which is the model's own theory.

use replica::link::Link;
use replica::model::{ParamKind, ParamSpec, Scale, SeriesKind};
use replica::models::perceptron::theory as th;
use replica::sweep::{Outcome, Sweep};

mod common;

fn message(text: &str) -> String {
    Sweep::parse(text).unwrap_err().to_string()
}

#[test]
fn every_bad_sweep_is_a_message_naming_the_parameter_and_what_is_allowed() {
    let cases = [
        ("perceptron?N=50", "this link names no sweep: add sweep=name:from:to:steps, e.g. sweep=N:10:5000:11"),
        (
            "perceptron?sweep=alpha_max:1:2",
            "sweep must be name:from:to:steps, optionally followed by :linear or :log, got 'alpha_max:1:2'",
        ),
        (
            "perceptron?sweep=alpha_max:1:2:3:log:x",
            "sweep must be name:from:to:steps, optionally followed by :linear or :log, got 'alpha_max:1:2:3:log:x'",
        ),
        ("perceptron?sweep=", "sweep must be name:from:to:steps, optionally followed by :linear or :log, got ''"),
        (
            "perceptron?sweep=eta:1:2:3",
            "cannot sweep 'eta': model perceptron has no such parameter; the parameters that can be swept are N, alpha_max, seeds",
        ),
        (
            "perceptron?sweep=rule:1:2:3",
            "cannot sweep rule: it is a choice, not a number; the parameters that can be swept are N, alpha_max, seeds",
        ),
        (
            "two-layer-sgd?sweep=train_v:0:1:2",
            "cannot sweep train_v: it is a switch, not a number; the parameters that can be swept are N, K, M, lr, lr_v, noise, w0, t_max",
        ),
        ("perceptron?sweep=alpha_max:0:2:3", "sweep from: alpha_max must be in [0.1, 200], got 0"),
        ("perceptron?sweep=alpha_max:1:900:3", "sweep to: alpha_max must be in [0.1, 200], got 900"),
        ("perceptron?sweep=alpha_max:abc:2:3", "sweep from: alpha_max must be a number in [0.1, 200], got 'abc'"),
        ("perceptron?sweep=alpha_max:1:NaN:3", "sweep to: alpha_max must be a number in [0.1, 200], got 'NaN'"),
        ("perceptron?sweep=N:10.5:20:3", "sweep from: N must be a whole number in [10, 5000], got '10.5'"),
        ("perceptron?sweep=alpha_max:1:2:1", "sweep steps must be a whole number in [2, 101], got '1'"),
        ("perceptron?sweep=alpha_max:1:2:102", "sweep steps must be a whole number in [2, 101], got '102'"),
        ("perceptron?sweep=alpha_max:1:2:-3", "sweep steps must be a whole number in [2, 101], got '-3'"),
        ("perceptron?sweep=alpha_max:1:2:2.5", "sweep steps must be a whole number in [2, 101], got '2.5'"),
        ("perceptron?sweep=alpha_max:1:2:3:cubic", "sweep spacing must be linear or log, got 'cubic'"),
        ("perceptron?sweep=alpha_max:2:2:3", "a sweep of alpha_max needs two different ends, got 2 for both"),
        (
            "learning-rate-schedule?sweep=sigma2:0:1:3:log",
            "a log-spaced sweep of sigma2 needs ends above 0, got from=0 and to=1",
        ),
        ("perceptron?sweep=N:10:20:3&sweep=N:10:30:3", "sweep is given twice"),
        (
            "perceptron?N=5000&sweep=alpha_max:100:200:3",
            "the sweep's point alpha_max=100 cannot run: rule=hebb with N=5000, alpha_max=100 and seeds=5 needs 1.2e10 \
             operations, more than the limit of 4e9 (about ten seconds): lower N, alpha_max or seeds",
        ),
        (
            "perceptron?N=2000&seeds=5&sweep=alpha_max:100:200:30:linear",
            "the 30 runs of this sweep of alpha_max need 22.5 times the most work one run may take, more than the \
             limit of 20: use fewer steps, a narrower range or lighter runs",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(message(text), expected, "{text}");
    }
    // An unknown model: the message lists every registered one, in gallery order.
    let ids: Vec<&str> = replica::registry().iter().map(|m| m.spec().id).collect();
    assert_eq!(message("nosuch?sweep=N:1:2:3"), format!("unknown model 'nosuch'; the models are: {}", ids.join(", ")));
    assert_eq!(ids.first(), Some(&"perceptron"), "the gallery opens with the perceptron");
    // The base link's own errors come first, each on its line, with the sweep's.
    assert_eq!(
        message("perceptron?N=abc&sweep=alpha_max:0:1:3"),
        "N must be a whole number in [10, 5000], got 'abc'\nsweep from: alpha_max must be in [0.1, 200], got 0"
    );
    assert!(message(&format!("perceptron?sweep=N:10:20:3&x={}", "y".repeat(5000))).contains("at most 4096"));
}

#[test]
fn the_page_reads_what_it_can() {
    let (base, sweep, errors) = Sweep::parse_lenient("#/perceptron?N=abc&seeds=2&sweep=alpha_max:0.5:2:4").unwrap();
    assert_eq!(base.params().int("seeds"), 2);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].param(), Some("N"));
    assert_eq!(sweep.unwrap().base().params().int("N"), 500, "the sweep runs on the base as it was read");
    let (_, sweep, errors) = Sweep::parse_lenient("#/perceptron?seeds=2&sweep=alpha_max:0:2:4").unwrap();
    assert!(sweep.is_none());
    assert_eq!(errors[0].param(), Some("sweep"));
    let (_, sweep, errors) = Sweep::parse_lenient("#/perceptron?seeds=2").unwrap();
    assert!(sweep.is_none() && errors.is_empty(), "a link without a sweep is a plain link");
}

#[test]
fn links_print_canonically_and_read_back() {
    let sweep = Sweep::parse("http://127.0.0.1:8000/#/perceptron?seed=7&N=200&sweep=alpha_max%3A0.5%3A10%3A8").unwrap();
    let text = sweep.to_string();
    assert_eq!(text, "#/perceptron?v=2&seed=7&rule=hebb&N=200&alpha_max=20&seeds=5&sweep=alpha_max:0.5:10:8:log");
    assert_eq!(Sweep::parse(&text).unwrap(), sweep);
    assert_eq!(Sweep::parse(&text[2..]).unwrap().to_string(), text, "without the #/");
    assert_eq!(sweep.spacing(), Scale::Log, "the parameter's own scale");
    // The sweep pair may stand anywhere in the query, and the spacing may be chosen.
    let linear = Sweep::parse("perceptron?sweep=alpha_max:0.5:10:8:linear&seed=7&N=200").unwrap();
    assert_eq!(linear.spacing(), Scale::Linear);
    assert!(linear.to_string().ends_with("&sweep=alpha_max:0.5:10:8:linear"));
    // Each point is the base link with the parameter replaced: the same seed, the other values kept.
    for (value, point) in sweep.points() {
        assert_eq!(point.seed(), 7);
        assert_eq!(point.params().int("N"), 200);
        assert_eq!(point.to_string(), format!("#/perceptron?v=2&seed=7&rule=hebb&N=200&alpha_max={value}&seeds=5"));
        assert_eq!(&Link::parse(&point.to_string()).unwrap(), point);
    }
    let values: Vec<String> = sweep.points().iter().map(|(v, _)| v.to_string()).collect();
    assert_eq!(values, ["0.5", "0.767064", "1.17677", "1.80532", "2.76959", "4.24891", "6.51836", "10"]);
}

#[test]
fn the_figures_depend_on_the_outcomes_only_not_on_the_order_they_came_in() {
    let sweep = Sweep::parse("perceptron?rule=online&N=60&seeds=3&seed=4&sweep=alpha_max:0.5:4:5").unwrap();
    let forward: Vec<Outcome> = (0..sweep.len()).map(|i| sweep.run_point(i).unwrap()).collect();
    let mut backward: Vec<(usize, Outcome)> =
        (0..sweep.len()).rev().map(|i| (i, sweep.run_point(i).unwrap())).collect();
    backward.sort_by_key(|(i, _)| *i);
    let backward: Vec<Outcome> = backward.into_iter().map(|(_, o)| o).collect();
    assert_eq!(sweep.fingerprint(&forward), sweep.fingerprint(&backward));
    // A point's outcome is that of the point's own link, run on its own.
    let alone = sweep.points()[2].1.run_to_end(u64::MAX).unwrap();
    assert_eq!(forward[2].values, alone.observables);
    // Outcomes that cross the page's boundary as flat numbers give the same figures.
    let flat: Vec<Outcome> = forward.iter().map(|o| Outcome::from_flat(&o.to_flat())).collect();
    assert_eq!(sweep.fingerprint(&flat), sweep.fingerprint(&forward));
    let mut other = forward.clone();
    other[1].values[0] = other[1].values[0].map(|v| v + 1e-12);
    assert_ne!(sweep.fingerprint(&other), sweep.fingerprint(&forward));
}

#[test]
fn every_model_has_a_sweep_figure_for_each_observable_with_its_theory() {
    for model in replica::registry() {
        let spec = model.spec();
        let base = Link::defaults(*model);
        for o in spec.observables {
            if let Some(id) = o.theory {
                let t = spec.observables.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("{}: {id}", spec.id));
                assert_eq!((o.kind, t.kind), (SeriesKind::Simulation, SeriesKind::Theory), "{}: {}", spec.id, o.id);
            }
        }
        // The first numeric parameter over two points, with made-up outcomes: the figures' shape.
        let param = spec.params.iter().find(|p| matches!(p.kind, ParamKind::Int { .. } | ParamKind::Float { .. }));
        let param = param.unwrap_or_else(|| panic!("{} has no numeric parameter", spec.id));
        let value = base.params().iter().find(|(n, _)| *n == param.name).unwrap().1.to_string();
        let (from, to) = ends(param, &value);
        let sweep = Sweep::new(base.clone(), param.name, &from, &to, "2", None)
            .unwrap_or_else(|e| panic!("{}: sweep of {} from {from} to {to}: {e}", spec.id, param.name));
        let outcome = |k: f64| Outcome {
            values: (0..spec.observables.len()).map(|j| Some(k + j as f64)).collect(),
            errors: spec.observables.iter().map(|o| (o.kind == SeriesKind::Simulation).then_some(0.1)).collect(),
        };
        let frame = sweep.frame(&[outcome(1.0), outcome(2.0)]);
        let predicted: Vec<&str> = spec.observables.iter().filter_map(|o| o.theory).collect();
        let figures = spec.observables.iter().filter(|o| !predicted.contains(&o.id)).count();
        assert_eq!(frame.figures.len(), figures, "{}: a figure per quantity", spec.id);
        for f in &frame.figures {
            assert!(f.x.label.contains(param.label), "{}: x labelled {}", spec.id, f.x.label);
            assert_eq!(f.x.unit, param.unit);
            assert!(f.series.iter().all(|s| s.x.len() == 2), "{}: {}", spec.id, f.id);
            for s in &f.series {
                assert_eq!(s.kind == SeriesKind::Simulation, s.y_err.is_some(), "{}: {} {}", spec.id, f.id, s.label);
            }
            replica::plot::svg(f, 640, 400).unwrap_or_else(|e| panic!("{}: {} does not draw: {e}", spec.id, f.id));
        }
    }
}

/// Two ends of a sweep of `param` near its value `value`, inside its range.
fn ends(param: &ParamSpec, value: &str) -> (String, String) {
    match param.kind {
        ParamKind::Int { min, max, default, .. } => {
            let other = if default > min { min } else { (default + 1).min(max) };
            (other.to_string(), default.to_string())
        }
        ParamKind::Float { range, default, .. } => {
            let other = if default * 0.5 > range.min { default * 0.5 } else { (default * 1.5).min(range.max) };
            (other.to_string(), value.to_string())
        }
        _ => unreachable!(),
    }
}

#[test]
fn the_perceptron_error_against_alpha_follows_the_theory_at_every_point() {
    // Hebb's rule at N = 1000 with 20 seeds, the size of tests/perceptron.rs: the finite-N bias of R
    // is O(1/N), well below the standard error (≈ 0.002), and 20 seeds make the standard error
    // itself good to ±16%, so every point must lie within 3 of its standard errors of the theory.
    let sweep = Sweep::parse("perceptron?rule=hebb&N=1000&seeds=20&seed=3&sweep=alpha_max:0.5:10:8").unwrap();
    let outcomes: Vec<Outcome> = (0..sweep.len()).map(|i| sweep.run_point(i).unwrap()).collect();
    let frame = sweep.frame(&outcomes);
    let figure = frame.figures.iter().find(|f| f.id == "sweep-eps").unwrap();
    let theory = figure.series.iter().find(|s| s.kind == SeriesKind::Theory).unwrap();
    let simulated = figure.series.iter().find(|s| s.kind == SeriesKind::Simulation).unwrap();
    let se = simulated.y_err.as_ref().unwrap();
    assert_eq!(simulated.x.len(), 8);
    // The theory line is the model's theory at the run's own α = P/N, P = αN rounded.
    let at = |alpha: f64| (alpha * 1000.0).round() / 1000.0;
    for (x, y) in theory.x.iter().zip(&theory.y) {
        assert_eq!(*y, th::hebb_error(at(*x)), "theory at α = {x}");
    }
    let outside = |shift: f64| -> Vec<String> {
        let mut far = Vec::new();
        for (i, (&x, &y)) in simulated.x.iter().zip(&simulated.y).enumerate() {
            let expected = th::hebb_error(shift * at(x));
            if (y - expected).abs() > 3.0 * se[i] {
                far.push(format!("α = {x}: {y:.5} ± {:.5}, theory {expected:.5}", se[i]));
            }
        }
        far
    };
    let z = simulated.x.iter().enumerate().map(|(i, &x)| (simulated.y[i] - th::hebb_error(at(x))).abs() / se[i]);
    println!("Hebb sweep, 8 points: largest |z| = {:.2}", z.fold(0.0, f64::max));
    assert!(outside(1.0).is_empty(), "points outside 3 SE: {:?}", outside(1.0));
    assert!(!outside(1.25).is_empty(), "the check cannot tell the theory from one at α off by 25%");
    // The overlap's figure: the theory's R is cos(π ε).
    let overlap = frame.figures.iter().find(|f| f.id == "sweep-overlap").unwrap();
    let r = overlap.series.iter().find(|s| s.kind == SeriesKind::Theory).unwrap();
    for (x, y) in r.x.iter().zip(&r.y) {
        assert!((y - th::hebb_overlap(at(*x))).abs() < 1e-12, "R at α = {x}");
    }
}

#[test]
fn golden_sweeps_keep_their_fingerprints() {
    let pairs = common::pairs(common::GOLDEN_SWEEPS);
    assert!(!pairs.is_empty());
    for (link, expected) in pairs {
        let sweep = Sweep::parse(link).unwrap();
        // Canonical but for the version: printing gives the current one, with what an older
        // version's defaults meant written out (src/link.rs).
        let printed = sweep.to_string();
        for pair in link.split_once('?').unwrap().1.split('&').filter(|pair| !pair.starts_with("v=")) {
            assert!(printed.contains(pair), "{printed} lost {pair} of the golden sweep {link}");
        }
        assert_eq!(Sweep::parse(&printed).unwrap().to_string(), printed, "printing is canonical");
        let outcomes: Vec<Outcome> = (0..sweep.len()).map(|i| sweep.run_point(i).unwrap()).collect();
        let got = sweep.fingerprint(&outcomes).to_string();
        assert_eq!(got, expected, "the numbers of {link} changed: a sweep link made earlier would now show others");
    }
}
