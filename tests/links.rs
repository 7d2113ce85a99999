//! Links: every model's parameters survive printing and parsing, presets and defaults are valid,
//! and bad input is refused with a message that names the parameter and what it allows.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use replica::link::Link;
use replica::model::{ParamKind, Scale};

/// A random valid text for every parameter of a model.
fn values_for(model: usize) -> impl Strategy<Value = Vec<(String, String)>> {
    let spec = replica::registry()[model].spec();
    let strategies: Vec<BoxedStrategy<(String, String)>> = spec
        .params
        .iter()
        .map(|p| {
            let name = p.name.to_string();
            match p.kind {
                ParamKind::Int { min, max, .. } => (min..=max).prop_map(move |v| (name.clone(), v.to_string())).boxed(),
                ParamKind::Float { range, scale, .. } => {
                    let (lo, hi) = (range.min, range.max);
                    (0.0..=1.0f64)
                        .prop_map(move |u| {
                            let v = match scale {
                                Scale::Log if lo > 0.0 => lo * (hi / lo).powf(u),
                                _ => lo + (hi - lo) * u,
                            };
                            (name.clone(), v.clamp(lo, hi).to_string())
                        })
                        .boxed()
                }
                ParamKind::Choice { options, .. } => prop::sample::select(options.to_vec())
                    .prop_map(move |o| (name.clone(), o.value.to_string()))
                    .boxed(),
                ParamKind::Bool { .. } => {
                    any::<bool>().prop_map(move |b| (name.clone(), u8::from(b).to_string())).boxed()
                }
            }
        })
        .collect();
    strategies
}

/// A model, random values for its parameters, how many of them to keep in the link, and a seed.
fn any_link() -> impl Strategy<Value = (usize, Vec<(String, String)>, prop::sample::Index, u64)> {
    (0..replica::registry().len())
        .prop_flat_map(|m| (Just(m), values_for(m), any::<prop::sample::Index>(), 0u64..=u32::MAX as u64))
}

proptest! {
    #[test]
    fn print_parse_print_is_the_identity((model, values, keep, seed) in any_link()) {
        let spec = replica::registry()[model].spec();
        // Leave some parameters out: they take their defaults, and the canonical form prints them.
        let keep = keep.index(values.len() + 1);
        let query: Vec<String> = values.iter().take(keep).map(|(k, v)| format!("{k}={v}")).collect();
        let text = format!("{}?seed={seed}&{}", spec.id, query.join("&"));
        // Values are valid one by one; together they may exceed a model's work budget, which is
        // refused (and tested) elsewhere.
        if let Ok(link) = Link::parse(&text) {
            let printed = link.to_string();
            let again = Link::parse(&printed).unwrap();
            prop_assert_eq!(again.to_string(), printed);
            prop_assert_eq!(again, link);
        }
    }
}

#[test]
fn every_value_of_every_parameter_round_trips() {
    // Floats print as the shortest text that reads back to the same number.
    for model in replica::registry() {
        let spec = model.spec();
        for p in spec.params {
            if let ParamKind::Float { range, .. } = p.kind {
                for v in [range.min, range.max, (range.min + range.max) / 3.0, range.min.max(1e-300) * 1.000_000_1] {
                    if !range.contains(v) {
                        continue;
                    }
                    let mut params = replica::model::Params::defaults(spec);
                    params.set(p.name, &v.to_string()).unwrap();
                    let printed = params.iter().find(|(n, _)| *n == p.name).unwrap().1.to_string();
                    assert_eq!(printed.parse::<f64>().unwrap(), v, "{}={v} printed as {printed}", p.name);
                }
            }
        }
    }
}

#[test]
fn defaults_and_presets_are_valid() {
    for model in replica::registry() {
        let spec = model.spec();
        let defaults = Link::parse(spec.id).unwrap_or_else(|e| panic!("{}: defaults refused: {e}", spec.id));
        assert!(defaults.start().total_work() > 0);
        let mut names: Vec<&str> = spec.params.iter().map(|p| p.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), spec.params.len(), "{}: a parameter name is used twice", spec.id);
        for preset in spec.presets {
            let query: Vec<String> = preset.values.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let text = format!("{}?{}", spec.id, query.join("&"));
            Link::parse(&text).unwrap_or_else(|e| panic!("{}: preset '{}' refused: {e}", spec.id, preset.name));
        }
        assert!(
            !spec.papers.is_empty() && !spec.equations.is_empty(),
            "{}: cite the paper and state the model",
            spec.id
        );
    }
}

#[test]
fn work_budget_names_the_parameters() {
    let e = Link::parse("perceptron?rule=hebb&N=5000&alpha_max=200&seeds=50").unwrap_err().to_string();
    assert!(e.contains("rule=hebb with N=5000, alpha_max=200 and seeds=50"), "{e}");
    assert!(e.contains("lower N, alpha_max or seeds"), "{e}");
    let e = Link::parse("perceptron?rule=gibbs&N=1000&alpha_max=20&seeds=1").unwrap_err().to_string();
    assert!(e.contains("rule=gibbs") && e.contains("N=1000") && e.contains("alpha_max=20"), "{e}");
    // The lenient parser keeps the page alive: defaults, and the message.
    let (link, errors) = Link::parse_lenient("perceptron?rule=hebb&N=5000&alpha_max=200&seeds=50").unwrap();
    assert_eq!(link, Link::parse("perceptron").unwrap());
    assert!(errors[0].to_string().ends_with("showing the defaults instead"));
}
