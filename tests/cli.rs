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

#[test]
fn sweep_prints_its_fingerprint_whatever_the_threads_and_writes_a_csv_per_series() {
    let link = "perceptron?seed=7&N=100&seeds=3&sweep=alpha_max:0.5:4:6";
    let sweep = replica::sweep::Sweep::parse(link).unwrap();
    let outcomes: Vec<_> = (0..sweep.len()).map(|i| sweep.run_point(i).unwrap()).collect();
    let expected = format!("{}  {sweep}\n", sweep.fingerprint(&outcomes));
    for threads in ["1", "3"] {
        let out = replica(&["sweep", link, "--threads", threads]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected, "{threads} threads");
        let progress = String::from_utf8(out.stderr).unwrap();
        assert_eq!(progress.lines().last(), Some("sweep: 6/6 points"), "not a terminal: a line per point");
    }
    // The flags give the same sweep as the link that names it.
    let dir = std::env::temp_dir().join(format!("replica-sweep-csv-{}", std::process::id()));
    let args = ["--param", "alpha_max", "--from", "0.5", "--to", "4", "--steps", "6", "--csv", dir.to_str().unwrap()];
    let out = replica(&[&["sweep", "perceptron?seed=7&N=100&seeds=3"][..], &args].concat());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let sim = std::fs::read_to_string(dir.join("sweep-eps-simulation-mean-standard-error.csv")).unwrap();
    let mut lines = sim.lines();
    assert!(
        lines.next().unwrap().starts_with(
            "# Generalisation error ε at α_max, against α_max (6 points; rule=hebb, N=100, seeds=3, seed=7)"
        )
    );
    assert_eq!(lines.next(), Some(format!("# link: {sweep}").as_str()));
    assert_eq!(lines.next(), Some(format!("# fingerprint: {}", sweep.fingerprint(&outcomes)).as_str()));
    lines.next();
    assert_eq!(
        lines.next(),
        Some("\"α_max, training-set size\",\"generalisation error ε at α_max\",\"standard error\"")
    );
    let rows: Vec<Vec<f64>> = lines.map(|l| l.split(',').map(|v| v.parse().unwrap()).collect()).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0][0], 0.5);
    assert_eq!(rows[0][1], outcomes[0].values[0].unwrap());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 4, "theory and simulation of ε and of R");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sweep_json_has_every_point() {
    let out = replica(&["sweep", "#/perceptron?N=50&seeds=2&sweep=N:50:60:3", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["link"], "#/perceptron?v=1&seed=1&rule=hebb&N=50&alpha_max=20&seeds=2&sweep=N:50:60:3:log");
    assert_eq!(json["param"], "N");
    assert_eq!(json["spacing"], "log");
    let points = json["points"].as_array().unwrap();
    assert_eq!(points.iter().map(|p| p["value"].as_i64().unwrap()).collect::<Vec<_>>(), [50, 55, 60]);
    assert_eq!(points[1]["link"], "#/perceptron?v=1&seed=1&rule=hebb&N=55&alpha_max=20&seeds=2");
    assert!(points.iter().all(|p| p["observables"]["eps"].as_f64().is_some() && p["failure"].is_null()));
    assert_eq!(json["figures"].as_array().unwrap().len(), 2);
}

#[test]
fn a_bad_sweep_exits_2_with_the_page_s_message() {
    for (args, expected) in [
        (
            &["sweep", "perceptron?sweep=alpha_max:0:2:3"][..],
            "error: sweep from: alpha_max must be in [0.1, 200], got 0\n",
        ),
        (
            &["sweep", "perceptron", "--param", "rule", "--from", "1", "--to", "2", "--steps", "3"][..],
            "error: cannot sweep rule: it is a choice, not a number; the parameters that can be swept are N, alpha_max, seeds\n",
        ),
        (
            &["sweep", "perceptron", "--param", "N", "--from", "10"][..],
            "error: a sweep needs --param, --from, --to and --steps; --to, --steps missing\n",
        ),
        (
            &["sweep", "perceptron?sweep=N:10:20:3", "--param", "N"][..],
            "error: the link names a sweep (sweep=…), and so do the flags: give one of them\n",
        ),
        (&["sweep", "perceptron?sweep=N:10:20:3", "--threads", "0"][..], "error: threads must be at least 1, got 0\n"),
    ] {
        let out = replica(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(String::from_utf8(out.stderr).unwrap(), expected, "{args:?}");
    }
}
