//! The core in WebAssembly, in headless Chromium: the golden links give the fingerprints they give
//! natively (tests/determinism.rs checks the same file), runs do not depend on their slicing, and
//! the boundary turns bad input into messages.
#![cfg(target_arch = "wasm32")]

mod common;

use replica::web::{Simulation, check_link, read_link, run_fingerprint, sweep_fingerprint, sweep_frame, sweep_point};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn golden_links_give_their_native_fingerprints_in_the_browser() {
    let pairs = common::golden();
    assert!(!pairs.is_empty());
    for (link, native) in pairs {
        let wasm = run_fingerprint(link).unwrap_or_else(|_| panic!("{link} refused"));
        assert_eq!(wasm, native, "{link}: wasm fingerprint {wasm}, native {native}");
    }
}

#[wasm_bindgen_test]
fn slices_of_any_size_give_the_same_run() {
    let link = "perceptron?rule=online&N=80&alpha_max=3&seeds=2&seed=9";
    let whole = run_fingerprint(link).unwrap();
    for budget in [1.0, 13.0, 500.0] {
        let mut sim = Simulation::new(link).unwrap();
        while sim.advance(budget).unwrap() > 0.0 {}
        assert!(sim.done());
        assert_eq!(sim.fingerprint(), whole, "slices of {budget}");
    }
}

#[wasm_bindgen_test]
fn bad_links_become_messages() {
    let read: serde_json::Value = serde_json::from_str(&read_link("#/perceptron?N=abc&seeds=3").unwrap()).unwrap();
    assert_eq!(read["params"]["seeds"], "3");
    assert_eq!(read["params"]["N"], "500", "the bad value falls back to its default");
    assert_eq!(read["errors"][0]["param"], "N");
    assert_eq!(read["errors"][0]["message"], "N must be a whole number in [10, 5000], got 'abc'");
    let unknown: serde_json::Value = serde_json::from_str(&read_link("#/nosuch").unwrap()).unwrap();
    assert!(unknown["error"].as_str().unwrap().starts_with("unknown model 'nosuch'"));
    let checked: serde_json::Value =
        serde_json::from_str(&check_link("perceptron?rule=hebb&N=5000&alpha_max=200&seeds=50").unwrap()).unwrap();
    assert!(checked["errors"][0]["param"].is_null(), "a budget is about several parameters");
    assert!(checked["errors"][0]["message"].as_str().unwrap().contains("lower N, alpha_max or seeds"));
    assert!(Simulation::new("perceptron?alpha_max=1e9").is_err());
}

#[wasm_bindgen_test]
fn golden_sweeps_give_their_native_fingerprints_in_the_browser() {
    for (link, native) in common::pairs(common::GOLDEN_SWEEPS) {
        let wasm = sweep_fingerprint(link).unwrap_or_else(|_| panic!("{link} refused"));
        assert_eq!(wasm, native, "{link}: wasm fingerprint {wasm}, native {native}");
    }
}

#[wasm_bindgen_test]
fn a_sweep_assembled_from_its_points_as_the_page_does_it() {
    let (link, native) = common::pairs(common::GOLDEN_SWEEPS)[0];
    let mut outcomes = Vec::new();
    for index in 0..8 {
        let mut point = sweep_point(link, index).unwrap();
        while point.advance(97.0).unwrap() > 0.0 {}
        assert!(point.done());
        outcomes.extend(point.outcome());
    }
    assert!(sweep_point(link, 8).is_err(), "no point 9 in a sweep of 8");
    let shown: serde_json::Value = serde_json::from_str(&sweep_frame(link, &outcomes).unwrap()).unwrap();
    assert_eq!(shown["fingerprint"], native);
    assert!(sweep_frame(link, &outcomes[1..]).is_err(), "outcomes of the wrong length are refused");
    let read: serde_json::Value = serde_json::from_str(&read_link(link).unwrap()).unwrap();
    // The page shows the link in its current form (the golden one may be of an older version).
    assert_eq!(read["sweep"]["link"], replica::sweep::Sweep::parse(link).unwrap().to_string());
    assert_eq!(read["sweep"]["points"], 8);
    let bad: serde_json::Value =
        serde_json::from_str(&read_link("#/perceptron?sweep=alpha_max:0:1:3").unwrap()).unwrap();
    assert!(bad["sweep"].is_null());
    assert_eq!(bad["errors"][0]["param"], "sweep");
    assert_eq!(bad["errors"][0]["message"], "sweep from: alpha_max must be in [0.1, 200], got 0");
}

#[wasm_bindgen_test]
fn the_simd128_kernels_give_the_bits_of_the_portable_ones() {
    // dot4 runs on simd128 lanes in wasm; each result must be the bits of the portable kernel (and
    // so of `dot`), on every length, the unpaired tail included.
    use replica::num::vector::{dot, dot4, dot4_lanes};
    let mut source = replica::rng::NormalVectors::new(1, "test", 0);
    for n in [0, 1, 3, 4, 7, 8, 13, 64, 999, 1000] {
        let mut rows = vec![vec![0.0; n]; 5];
        for row in &mut rows {
            source.fill(row);
        }
        let got = dot4([&rows[0], &rows[1], &rows[2], &rows[3]], &rows[4]);
        let want = dot4_lanes([&rows[0], &rows[1], &rows[2], &rows[3]], &rows[4]);
        for r in 0..4 {
            assert_eq!(got[r].to_bits(), want[r].to_bits(), "n = {n}, row {r}");
            assert_eq!(got[r].to_bits(), dot(&rows[r], &rows[4]).to_bits(), "n = {n}, row {r}");
        }
    }
}
