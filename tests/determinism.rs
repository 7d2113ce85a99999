//! Runs are pure functions of their link: the same link gives the same fingerprint however the
//! work is chunked, and golden links keep giving the fingerprints they gave when they were made
//! (the same file is checked in headless Chromium by tests/web.rs).

use replica::link::Link;

mod common;

use common::golden;

#[test]
fn chunking_does_not_change_the_numbers() {
    for link in [
        "perceptron?rule=hebb&N=60&alpha_max=3&seeds=3&seed=5",
        "perceptron?rule=online&N=60&alpha_max=3&seeds=3&seed=5",
        "perceptron?rule=gibbs&N=30&alpha_max=2&seeds=2&seed=5",
    ] {
        let link = Link::parse(link).unwrap();
        let whole = link.run_to_end(u64::MAX).unwrap().fingerprint;
        for chunk in [1, 7, 100] {
            assert_eq!(link.run_to_end(chunk).unwrap().fingerprint, whole, "{link} in chunks of {chunk}");
        }
    }
}

#[test]
fn seeds_and_parameters_change_the_numbers() {
    let run = |l: &str| Link::parse(l).unwrap().run_to_end(u64::MAX).unwrap().fingerprint;
    let base = run("perceptron?N=60&alpha_max=3&seeds=2&seed=1");
    assert_ne!(base, run("perceptron?N=60&alpha_max=3&seeds=2&seed=2"));
    assert_ne!(base, run("perceptron?N=61&alpha_max=3&seeds=2&seed=1"));
    assert_ne!(base, run("perceptron?N=60&alpha_max=3&seeds=2&seed=1&rule=online"));
}

#[test]
fn golden_links_keep_their_fingerprints() {
    let pairs = golden();
    assert!(!pairs.is_empty());
    for (link, expected) in pairs {
        let got = Link::parse(link).unwrap().run_to_end(10_000).unwrap().fingerprint.to_string();
        assert_eq!(got, expected, "the numbers of {link} changed: a link made earlier would now show other results");
    }
}

#[test]
fn every_model_has_a_golden_link_away_from_its_defaults() {
    let pairs = golden();
    for model in replica::registry() {
        let spec = model.spec();
        let defaults = Link::defaults(*model);
        let away = pairs.iter().any(|(link, _)| {
            let link = Link::parse(link).unwrap();
            link.model().spec().id == spec.id && link.params() != defaults.params()
        });
        assert!(away, "{} has no golden link with non-default parameters", spec.id);
    }
}

#[test]
fn short_golden_links_open_in_full_form() {
    let short: Vec<&str> = golden()
        .into_iter()
        .map(|(link, _)| link)
        .filter(|link| Link::parse(link).unwrap().to_string() != *link)
        .collect();
    assert!(short.len() >= 2, "the golden links keep some in short form");
    for text in short {
        let full = Link::parse(text).unwrap().to_string();
        // Every pair survives but the version: the full form is of the current one, with the
        // older version's meaning written out (see src/link.rs).
        for pair in text.split_once('?').unwrap().1.split('&').filter(|pair| !pair.starts_with("v=")) {
            assert!(full.contains(pair), "{full} lost {pair} of {text}");
        }
        assert_eq!(Link::parse(&full).unwrap().to_string(), full);
    }
}
