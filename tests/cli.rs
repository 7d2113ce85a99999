//! The command-line tool as a user runs it: list, run with JSON and CSV output, bad links.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn replica(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_replica")).args(args).output().expect("the replica binary runs")
}

#[test]
fn list_prints_id_and_title_per_model() {
    let out = replica(&["list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), replica::registry().len());
    assert_eq!(lines[0], "perceptron\tTeacher–student perceptron: learning curves");
}

#[test]
fn run_prints_the_whole_run_as_json() {
    let out = replica(&["run", "http://127.0.0.1:8000/#/perceptron?seed=7&N=200&alpha_max=4&seeds=2", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["model"], "perceptron");
    assert_eq!(json["seed"], 7);
    assert_eq!(json["link"], "#/perceptron?v=1&seed=7&rule=hebb&N=200&alpha_max=4&seeds=2");
    assert_eq!(json["params"]["N"], 200);
    assert_eq!(json["params"]["alpha_max"], 4.0);
    assert_eq!(json["params"]["rule"], "hebb");
    let link = replica::link::Link::parse("perceptron?seed=7&N=200&alpha_max=4&seeds=2").unwrap();
    assert_eq!(json["fingerprint"], link.run_to_end(1000).unwrap().fingerprint.to_string());
    let figures = json["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 2);
    for series in figures.iter().flat_map(|f| f["series"].as_array().unwrap()) {
        let kind = series["kind"].as_str().unwrap();
        assert!(kind == "theory" || kind == "simulation");
        assert_eq!(series["x"].as_array().unwrap().len(), series["y"].as_array().unwrap().len());
        assert_eq!(kind == "simulation", series.get("y_err").is_some(), "{}", series["label"]);
    }
}

#[test]
fn csv_has_one_file_per_series_with_its_provenance() {
    let dir = std::env::temp_dir().join(format!("replica-csv-{}", std::process::id()));
    let out = replica(&["run", "perceptron?N=100&alpha_max=2&seeds=2", "--csv", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sim = std::fs::read_to_string(dir.join("error-hebb-simulation.csv")).unwrap();
    let mut lines = sim.lines();
    assert_eq!(lines.next(), Some("# Generalisation error (simulation: N = 100, 2 seeds): Hebb: simulation"));
    assert_eq!(lines.next(), Some("# link: #/perceptron?v=1&seed=1&rule=hebb&N=100&alpha_max=2&seeds=2"));
    assert!(lines.next().unwrap().starts_with("# fingerprint: "));
    lines.next();
    assert_eq!(lines.next(), Some("\"α = P/N, examples per input\",\"ε, generalisation error\",\"standard error\""));
    let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect();
    assert!(rows.len() >= 10 && rows.iter().all(|r| r.len() == 3));
    let files = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(files, 7, "one file per series: 4 + 1 of ε, 1 + 1 of R");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_link_exits_2_with_every_message() {
    let out = replica(&["run", "perceptron?N=abc&alpha_max=900", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        "error: N must be a whole number in [10, 5000], got 'abc'\nerror: alpha_max must be in [0.1, 200], got 900\n"
    );
}
