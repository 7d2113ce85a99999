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
    assert_eq!(json["link"], "#/perceptron?v=2&seed=7&rule=hebb&N=200&alpha_max=4&seeds=2");
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
fn csv_holds_every_point_with_its_provenance() {
    let dir = std::env::temp_dir().join(format!("replica-csv-{}", std::process::id()));
    let link = "perceptron?N=100&alpha_max=2&seeds=2";
    let out = replica(&["run", link, "--csv", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fingerprint = String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, [format!("perceptron-{fingerprint}.csv").as_str()], "one CSV file, named after the run");
    let text = std::fs::read_to_string(dir.join(&files[0])).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("# Teacher–student perceptron: learning curves"));
    assert_eq!(lines.next(), Some("# link: #/perceptron?v=2&seed=1&rule=hebb&N=100&alpha_max=2&seeds=2"));
    assert_eq!(lines.next(), Some("# link version: v=2"));
    assert_eq!(lines.next(), Some(format!("# fingerprint: {fingerprint}").as_str()));
    let rows: Vec<Vec<&str>> = text.lines().filter(|l| !l.starts_with('#')).map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["figure", "series", "kind", "x", "y", "standard_error"]);
    // Every point of every series, as the run's JSON has them, the errors with the simulations.
    let run = replica::link::Link::parse(link).unwrap().run_to_end(1000).unwrap();
    let points: usize = run.frame.figures.iter().flat_map(|f| &f.series).map(|s| s.x.len()).sum();
    assert_eq!(rows.len() - 1, points);
    for row in &rows[1..] {
        assert_eq!(row.len(), 6, "{row:?}");
        let numbers: Vec<f64> = row[3..5].iter().map(|v| v.parse().unwrap()).collect();
        assert!(numbers.iter().all(|v| v.is_finite()));
        assert_eq!(row[2] == "simulation", row[5].parse::<f64>().is_ok(), "{row:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn out_writes_what_the_page_exports() {
    let dir = std::env::temp_dir().join(format!("replica-out-{}", std::process::id()));
    let out = replica(&["run", "perceptron?N=100&alpha_max=2&seeds=2&seed=3", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fp = String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string();
    let mut files: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    let expected = [
        format!("perceptron-{fp}-error.svg"),
        format!("perceptron-{fp}-overlap.svg"),
        format!("perceptron-{fp}.csv"),
        format!("perceptron-{fp}.json"),
        "perceptron.bib".to_string(),
    ];
    assert_eq!(files, expected);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(&expected[3])).unwrap()).unwrap();
    assert_eq!(json["fingerprint"], fp.as_str());
    assert_eq!(json["version"], replica::link::SCHEMA_VERSION);
    let svg = std::fs::read_to_string(dir.join(&expected[0])).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("Generalisation error"), "{}", &svg[..200]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_old_link_opens_and_says_nothing_when_nothing_changed() {
    // Nothing of the perceptron changed since version 1: its v=1 links open without notes.
    let out = replica(&["run", "perceptron?v=1&N=100&alpha_max=2&seeds=2"]);
    assert!(out.status.success());
    assert!(!String::from_utf8(out.stderr).unwrap().contains("note:"));
}

#[test]
fn an_old_link_keeps_its_meaning_and_says_what_changed() {
    // Version 2 changed the default ODE read-out of two-layer-sgd: a v=1 link that leaves it out
    // meant the stepped one, runs it, and says so.
    let old = replica(&["run", "two-layer-sgd?v=1&N=100&t_max=10"]);
    assert!(old.status.success());
    let note = String::from_utf8_lossy(&old.stderr);
    assert!(note.contains("ode_output was left out, and meant ode_output=stepped"), "{note}");
    let explicit = replica(&["run", "two-layer-sgd?v=2&N=100&t_max=10&ode_output=stepped"]);
    let fingerprint =
        |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).lines().last().map(str::to_owned);
    assert_eq!(fingerprint(&old), fingerprint(&explicit));
    let current = replica(&["run", "two-layer-sgd?v=2&N=100&t_max=10"]);
    assert_ne!(fingerprint(&current), fingerprint(&old), "the dense read-out gives other (equally accurate) numbers");
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
fn sweep_prints_its_fingerprint_whatever_the_threads_and_writes_its_csv() {
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
    let fingerprint = sweep.fingerprint(&outcomes);
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, [format!("perceptron-sweep-{fingerprint}.csv").as_str()], "one CSV, named after the sweep");
    let text = std::fs::read_to_string(dir.join(&files[0])).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("# Teacher–student perceptron: learning curves: sweep of alpha_max"));
    assert_eq!(lines.next(), Some(format!("# link: {sweep}").as_str()));
    assert_eq!(lines.next(), Some("# link version: v=2"));
    assert_eq!(lines.next(), Some(format!("# fingerprint: {fingerprint}").as_str()));
    assert!(text.contains(
        "# figure sweep-eps: Generalisation error ε at α_max, against α_max (6 points; rule=hebb, N=100, seeds=3, \
         seed=7); x = α_max, training-set size; y = generalisation error ε at α_max\n"
    ));
    // The simulated ε at every point, with its standard error.
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| l.starts_with("sweep-eps,") && l.contains(",simulation,"))
        .map(|l| l.rsplitn(4, ',').collect())
        .collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0][2].parse::<f64>().unwrap(), 0.5);
    assert_eq!(rows[0][1].parse::<f64>().unwrap(), outcomes[0].values[0].unwrap());
    assert_eq!(rows[0][0].parse::<f64>().unwrap(), outcomes[0].errors[0].unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sweep_json_has_every_point() {
    let out = replica(&["sweep", "#/perceptron?N=50&seeds=2&sweep=N:50:60:3", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["link"], "#/perceptron?v=2&seed=1&rule=hebb&N=50&alpha_max=20&seeds=2&sweep=N:50:60:3:log");
    assert_eq!(json["param"], "N");
    assert_eq!(json["spacing"], "log");
    let points = json["points"].as_array().unwrap();
    assert_eq!(points.iter().map(|p| p["value"].as_i64().unwrap()).collect::<Vec<_>>(), [50, 55, 60]);
    assert_eq!(points[1]["link"], "#/perceptron?v=2&seed=1&rule=hebb&N=55&alpha_max=20&seeds=2");
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
