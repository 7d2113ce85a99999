//! Native timings of the benchmark cases (src/bench.rs), one JSON line per case:
//! `{"case": …, "work": …, "seconds": …}`, the best of several repetitions. `cargo xtask bench`
//! puts them next to the same cases timed in WebAssembly in Chromium.

use replica::bench::{CASES, execute};
use std::time::{Duration, Instant};

fn main() {
    // REPLICA_BENCH_ONLY=<text> times only the cases whose name contains it (as ?only= in the browser).
    let only = std::env::var("REPLICA_BENCH_ONLY").unwrap_or_default();
    for case in CASES.iter().filter(|case| case.name.contains(&only)) {
        // Repeat for at least a second (and at least 3 times); keep the fastest, the least disturbed.
        let (mut best, mut spent, mut reps, mut work) = (Duration::MAX, Duration::ZERO, 0, 0);
        while reps < 3 || spent < Duration::from_secs(1) {
            let t = Instant::now();
            work = execute(case);
            let dt = t.elapsed();
            best = best.min(dt);
            spent += dt;
            reps += 1;
        }
        let line =
            serde_json::json!({ "case": case.name, "work": work, "seconds": best.as_secs_f64(), "repetitions": reps });
        println!("{line}");
    }
}
