//! `bench`: native against wasm-in-Chromium timings of the same cases, page metrics, sizes.

use std::path::Path;

use crate::serve::Server;
use crate::site::{self, Sizes};
use crate::{Result, cargo, heading, output, test, toolchain};

const NATIVE: &str = "benches/core.rs";
const BROWSER: &str = "benches/browser.mjs";
/// Rounds of native and wasm timings, in alternation.
const ROUNDS: usize = 3;

/// One line of a benchmark's output.
enum Line {
    Case { case: String, work: f64, seconds: f64 },
    Metric { metric: String, value: f64, unit: String },
}

pub fn command(root: &Path) -> Result {
    for script in [NATIVE, BROWSER] {
        if !root.join(script).is_file() {
            return Err(format!("{script} does not exist yet: `cargo xtask bench` runs it"));
        }
    }
    let tools = toolchain::all(root)?;
    site::build(root, &tools)?;
    test::build_cli(root)?;

    // This machine's speed drifts from minute to minute (a shared virtual machine): native and wasm
    // are timed in alternation, several times, and each keeps its fastest round.
    let server = Server::start(root, 0)?;
    let (mut native, mut browser) = (Vec::new(), Vec::new());
    for round in 1..=ROUNDS {
        heading(&format!("round {round} of {ROUNDS}: native ({NATIVE}), then wasm in Chromium ({BROWSER})"));
        native.extend(parse(&output(cargo(root).args(["bench", "--bench", "core"]))?));
        let mut node = test::node(root, server.url());
        if round < ROUNDS {
            // The page metrics are measured once, in the last round.
            node.env("REPLICA_BENCH_CASES_ONLY", "1");
        }
        browser.extend(parse(&output(node.arg(BROWSER))?));
    }
    drop(server);

    heading("time per unit of work (per run for a case that reports no work)");
    let mut cases: Vec<&str> = Vec::new();
    for line in native.iter().chain(&browser) {
        if let Line::Case { case, .. } = line
            && !cases.contains(&case.as_str())
        {
            cases.push(case);
        }
    }
    let width = cases.iter().map(|case| case.chars().count()).max().unwrap_or(0).max(4);
    println!("{:<width$}  {:>14}  {:>14}  {:>11}", "case", "native", "wasm", "wasm/native");
    for case in cases {
        let (native, wasm) = (per_unit(&native, case), per_unit(&browser, case));
        let ratio = match (native, wasm) {
            (Some((native, _)), Some((wasm, _))) if native > 0.0 => format!("{:.2}x", wasm / native),
            _ => "-".to_string(),
        };
        println!("{case:<width$}  {:>14}  {:>14}  {ratio:>11}", time(native), time(wasm));
    }

    heading("page metrics");
    let metrics: Vec<_> = browser
        .iter()
        .filter_map(|line| match line {
            Line::Metric { metric, value, unit } => Some((metric, value, unit)),
            Line::Case { .. } => None,
        })
        .collect();
    let width = metrics.iter().map(|(metric, ..)| metric.chars().count()).max().unwrap_or(0);
    for (metric, value, unit) in metrics {
        println!("{metric:<width$}  {:>10} {unit}", number(*value));
    }

    heading("sizes");
    Sizes::measure(root)?.print();
    Ok(())
}

/// The time per unit of work of `wanted` in its fastest round, or per run (with `false`) when it
/// reports no work.
fn per_unit(lines: &[Line], wanted: &str) -> Option<(f64, bool)> {
    lines
        .iter()
        .filter_map(|line| match line {
            Line::Case { case, work, seconds } if case == wanted => {
                Some(if *work > 0.0 { (seconds / work, true) } else { (*seconds, false) })
            }
            _ => None,
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
}

/// The recognised JSON lines; other lines are echoed.
fn parse(stdout: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    for text in stdout.lines() {
        match json_line(text) {
            Some(line) => lines.push(line),
            None => println!("{text}"),
        }
    }
    lines
}

fn json_line(text: &str) -> Option<Line> {
    let fields = flat_object(text)?;
    let string = |key: &str| {
        fields.iter().find_map(|(k, v)| match v {
            Value::String(s) if k == key => Some(s.clone()),
            _ => None,
        })
    };
    let number = |key: &str| {
        fields.iter().find_map(|(k, v)| match v {
            Value::Number(n) if k == key => Some(*n),
            _ => None,
        })
    };
    if let Some(case) = string("case") {
        return Some(Line::Case { case, work: number("work")?, seconds: number("seconds")? });
    }
    let unit = string("unit").unwrap_or_default();
    Some(Line::Metric { metric: string("metric")?, value: number("value")?, unit })
}

enum Value {
    String(String),
    Number(f64),
    Other,
}

/// Parses a one-level JSON object of strings, numbers and literals (enough for the benchmark lines).
fn flat_object(text: &str) -> Option<Vec<(String, Value)>> {
    let mut chars = text.trim().chars().peekable();
    let mut fields = Vec::new();
    let skip_spaces = |chars: &mut std::iter::Peekable<std::str::Chars>| {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
    };
    let string = |chars: &mut std::iter::Peekable<std::str::Chars>| -> Option<String> {
        let mut s = String::new();
        loop {
            match chars.next()? {
                '"' => return Some(s),
                '\\' => match chars.next()? {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        s.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('?'));
                    }
                    c => s.push(c),
                },
                c => s.push(c),
            }
        }
    };
    (chars.next()? == '{').then_some(())?;
    loop {
        skip_spaces(&mut chars);
        match chars.next()? {
            '}' if fields.is_empty() => break,
            '"' => {}
            _ => return None,
        }
        let key = string(&mut chars)?;
        skip_spaces(&mut chars);
        (chars.next()? == ':').then_some(())?;
        skip_spaces(&mut chars);
        let value = if chars.next_if_eq(&'"').is_some() {
            Value::String(string(&mut chars)?)
        } else {
            let mut literal = String::new();
            while let Some(c) = chars.next_if(|c| !matches!(c, ',' | '}') && !c.is_whitespace()) {
                literal.push(c);
            }
            literal.parse().map(Value::Number).unwrap_or(Value::Other)
        };
        fields.push((key, value));
        skip_spaces(&mut chars);
        match chars.next()? {
            ',' => {}
            '}' => break,
            _ => return None,
        }
    }
    chars.next().is_none().then_some(fields)
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{value:.0}") } else { format!("{value:.3}") }
}

fn time(per_unit: Option<(f64, bool)>) -> String {
    let Some((s, per_unit)) = per_unit else { return "-".to_string() };
    let scaled = match s {
        _ if s >= 1.0 => format!("{s:.3} s"),
        _ if s >= 1e-3 => format!("{:.3} ms", s * 1e3),
        _ if s >= 1e-6 => format!("{:.3} µs", s * 1e6),
        _ => format!("{:.3} ns", s * 1e9),
    };
    if per_unit { scaled } else { format!("{scaled}/run") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_benchmark_lines() {
        let lines = parse(
            "{\"case\": \"gibbs \\\"n\\\"\", \"work\": 1e6, \"seconds\": 0.5}\n\
             {\"metric\":\"first paint\",\"value\":120,\"unit\":\"ms\"}\nnot json\n{\"case\": 1}",
        );
        assert_eq!(lines.len(), 2);
        assert!(matches!(&lines[0], Line::Case { case, work, .. } if case == "gibbs \"n\"" && *work == 1e6));
        assert!(matches!(&lines[1], Line::Metric { metric, value, unit }
            if metric == "first paint" && *value == 120.0 && unit == "ms"));
    }

    #[test]
    fn scales_times() {
        assert_eq!(time(Some((2.5e-7, true))), "250.000 ns");
        assert_eq!(time(Some((0.0125, false))), "12.500 ms/run");
        assert_eq!(time(None), "-");
    }
}
