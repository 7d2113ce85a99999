//! Links: a run's whole state (model, schema version, seed, every parameter) as a URL fragment,
//! e.g. `#/perceptron?v=1&seed=7&N=500&rule=hebb&alpha_max=20&seeds=5`.
//!
//! Parsing accepts a full URL, a fragment with or without `#/`, and links that leave parameters
//! out (they take their defaults); printing is canonical: every parameter, in the spec's order.
//! [`Link::parse`] is strict (the CLI); [`Link::parse_lenient`] keeps what is valid and reports the
//! rest (the page). Both report with the same messages.
//!
//! Links last: a link made under an older schema version is rewritten to the current one by the
//! [`Change`]s of [`SCHEMA`] (renamed and removed parameters, renamed choices, changed defaults),
//! and the link says what was rewritten ([`Link::notes`]). A parameter left out of a link takes
//! its default *of the link's version*.

use crate::fingerprint::Fingerprint;
use crate::model::{self, Frame, Model, ParamError, Params, Run, RunError};
use std::fmt;
use thiserror::Error;

/// The version of the link format and of the parameters' meaning. Links carry it as `v`.
pub const SCHEMA_VERSION: u32 = 2;
/// Every change to a model's parameters since version 1 of the links, oldest first. Changing a
/// parameter's name, meaning or default means: raise [`SCHEMA_VERSION`] and add its change here,
/// so that links already shared keep their numbers (the golden links test this).
pub const SCHEMA: Schema = Schema {
    version: SCHEMA_VERSION,
    changes: &[
        // v2: the two-layer ODE is read off its dense output instead of ending a step at every
        // plotted time, a fifth fewer steps for the same accuracy per step.
        Change {
            version: 2,
            model: "two-layer-sgd",
            what: Changed::DefaultChanged { name: "ode_output", was: "stepped" },
        },
    ],
};

/// A version of the link format and the changes that led to it.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    pub version: u32,
    pub changes: &'static [Change],
}

/// One change to one model's parameters, made in schema `version`.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub version: u32,
    pub model: &'static str,
    pub what: Changed,
}

#[derive(Debug, Clone, Copy)]
pub enum Changed {
    /// The parameter `from` is now called `to`.
    Renamed { from: &'static str, to: &'static str },
    /// The parameter is gone; `why` says what took its place.
    Removed { name: &'static str, why: &'static str },
    /// The choice `from` of parameter `name` is now called `to`.
    ChoiceRenamed { name: &'static str, from: &'static str, to: &'static str },
    /// The default of `name` changed; older links that leave it out meant `was`.
    DefaultChanged { name: &'static str, was: &'static str },
}

impl Change {
    /// Rewrite the pairs of a link made before this change; says what it did, if anything.
    fn apply(&self, pairs: &mut Vec<(String, String)>) -> Option<String> {
        let v = self.version;
        let position = |name: &str, pairs: &[(String, String)]| pairs.iter().position(|(n, _)| n == name);
        match self.what {
            Changed::Renamed { from, to } => {
                let i = position(from, pairs)?;
                pairs[i].0 = to.to_string();
                Some(format!("{from} is called {to} since v={v}"))
            }
            Changed::Removed { name, why } => {
                let i = position(name, pairs)?;
                let (_, value) = pairs.remove(i);
                Some(format!("{name}={value} was dropped: since v={v}, {why}"))
            }
            Changed::ChoiceRenamed { name, from, to } => {
                let i = position(name, pairs)?;
                (pairs[i].1 == from).then(|| {
                    pairs[i].1 = to.to_string();
                    format!("{name}={from} is called {name}={to} since v={v}")
                })
            }
            Changed::DefaultChanged { name, was } => {
                if position(name, pairs).is_some() {
                    return None;
                }
                pairs.push((name.to_string(), was.to_string()));
                Some(format!("{name} was left out, and meant {name}={was} before its default changed in v={v}"))
            }
        }
    }
}

/// The seed of a link that gives none.
pub const DEFAULT_SEED: u64 = 1;
/// Seeds are kept to 32 bits: every seed a page or a shell can type is exact.
pub const MAX_SEED: u64 = u32::MAX as u64;
/// Longer input is refused before it is looked at.
pub const MAX_LINK_LEN: usize = 4096;

/// Why a link, or a part of it, was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LinkError {
    #[error("unknown model '{id}'; the models are: {known}")]
    UnknownModel { id: String, known: String },
    #[error("the link is {len} characters long; at most {MAX_LINK_LEN} are read")]
    TooLong { len: usize },
    #[error("'{part}' is not of the form name=value")]
    NotAPair { part: String },
    #[error("'{part}' is not UTF-8 text once its %-escapes are decoded")]
    BadEscape { part: String },
    #[error("{name} is given twice")]
    Duplicate { name: String },
    #[error("this link was made by a newer version of Replica (v={got}); this version reads links up to v={known}")]
    NewerVersion { got: u32, known: u32 },
    #[error("v must be a whole number in [1, {known}], got '{got}'")]
    BadVersion { got: String, known: u32 },
    #[error("seed must be a whole number in [0, {MAX_SEED}], got '{got}'")]
    BadSeed { got: String },
    #[error(transparent)]
    Param(#[from] ParamError),
    #[error("{0}; showing the defaults instead")]
    ConstraintFallback(ParamError),
}

impl LinkError {
    /// The parameter the error is about (`seed` and `v` included), when it is about one.
    pub fn param(&self) -> Option<&str> {
        match self {
            LinkError::Duplicate { name } => Some(name),
            LinkError::NewerVersion { .. } | LinkError::BadVersion { .. } => Some("v"),
            LinkError::BadSeed { .. } => Some("seed"),
            LinkError::Param(e) => e.param(),
            _ => None,
        }
    }
}

/// Every error of a refused link, one message per line.
#[derive(Debug, Clone, PartialEq, Error)]
pub struct LinkErrors(pub Vec<LinkError>);

impl fmt::Display for LinkErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// A complete, valid run request: what a link means.
#[derive(Clone)]
pub struct Link {
    model: &'static dyn Model,
    params: Params,
    seed: u64,
    /// What was rewritten to bring an older link to the current schema.
    notes: Vec<String>,
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Link({self})")
    }
}

impl PartialEq for Link {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

/// The outcome of a complete run.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub frame: Frame,
    pub fingerprint: Fingerprint,
    pub observables: Vec<Option<f64>>,
}

impl Link {
    /// A model's default run.
    pub fn defaults(model: &'static dyn Model) -> Self {
        Link { model, params: Params::defaults(model.spec()), seed: DEFAULT_SEED, notes: Vec::new() }
    }

    /// A run request from validated parts; the model's constraints are checked here.
    pub fn new(model: &'static dyn Model, params: Params, seed: u64) -> Result<Self, LinkError> {
        assert!(
            std::ptr::eq(params.spec(), model.spec()),
            "params of {} given to {}",
            params.spec().id,
            model.spec().id
        );
        if seed > MAX_SEED {
            return Err(LinkError::BadSeed { got: seed.to_string() });
        }
        model.check(&params)?;
        Ok(Link { model, params, seed, notes: Vec::new() })
    }

    pub fn model(&self) -> &'static dyn Model {
        self.model
    }
    pub fn params(&self) -> &Params {
        &self.params
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// What was rewritten to read a link of an older schema version (empty for current links).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Strict: every error of the link, or the link.
    pub fn parse(text: &str) -> Result<Link, LinkErrors> {
        match Self::parse_lenient(text) {
            Ok((link, errors)) if errors.is_empty() => Ok(link),
            Ok((_, errors)) => Err(LinkErrors(errors)),
            Err(e) => Err(LinkErrors(vec![e])),
        }
    }

    /// Lenient: the link with every valid part kept and every invalid part at its default, and the
    /// errors. Fails only when no model can be read from the text.
    pub fn parse_lenient(text: &str) -> Result<(Link, Vec<LinkError>), LinkError> {
        Self::parse_lenient_in(&SCHEMA, text)
    }

    /// As [`Link::parse_lenient`], under a given schema (tests give it a history of changes).
    pub fn parse_lenient_in(schema: &Schema, text: &str) -> Result<(Link, Vec<LinkError>), LinkError> {
        if text.len() > MAX_LINK_LEN {
            return Err(LinkError::TooLong { len: text.len() });
        }
        let (id, query) = split_route(text);
        let model = crate::find_model(id).ok_or_else(|| LinkError::UnknownModel {
            id: id.to_string(),
            known: crate::registry().iter().map(|m| m.spec().id).collect::<Vec<_>>().join(", "),
        })?;
        let mut errors = Vec::new();
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let Some((raw_name, raw_value)) = part.split_once('=') else {
                errors.push(LinkError::NotAPair { part: part.to_string() });
                continue;
            };
            let (Some(name), Some(value)) = (percent_decode(raw_name), percent_decode(raw_value)) else {
                errors.push(LinkError::BadEscape { part: part.to_string() });
                continue;
            };
            if pairs.iter().any(|(n, _)| *n == name) {
                errors.push(LinkError::Duplicate { name });
                continue;
            }
            pairs.push((name, value));
        }
        // The version first: it decides how the other pairs are read.
        let mut version = schema.version;
        if let Some(i) = pairs.iter().position(|(n, _)| n == "v") {
            match check_version(&pairs.remove(i).1, schema.version) {
                Ok(v) => version = v,
                Err(e) => errors.push(e),
            }
        }
        let spec_id = model.spec().id;
        let notes: Vec<String> = schema
            .changes
            .iter()
            .filter(|c| c.version > version && c.model == spec_id)
            .filter_map(|c| c.apply(&mut pairs))
            .collect();
        let mut params = Params::defaults(model.spec());
        let mut seed = DEFAULT_SEED;
        for (name, value) in &pairs {
            let result = match name.as_str() {
                "seed" => parse_seed(value).map(|s| seed = s),
                _ => params.set(name, value).map_err(LinkError::from),
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        if let Err(e) = model.check(&params) {
            errors.push(LinkError::ConstraintFallback(e));
            params = Params::defaults(model.spec());
        }
        Ok((Link { model, params, seed, notes }, errors))
    }

    /// Start the run this link describes.
    pub fn start(&self) -> Box<dyn Run> {
        self.model.start(&self.params, self.seed)
    }

    /// Run to the end in chunks of `chunk` work units (the result does not depend on `chunk`).
    pub fn run_to_end(&self, chunk: u64) -> Result<RunResult, RunError> {
        self.run_with_progress(|_| chunk, |_| {})
    }

    /// As [`Link::run_to_end`], with the chunk chosen from the run's total work, and `progress`
    /// called with the fraction done after every chunk.
    pub fn run_with_progress(
        &self,
        chunk: impl FnOnce(u64) -> u64,
        progress: impl FnMut(f64),
    ) -> Result<RunResult, RunError> {
        let mut run = self.start();
        let chunk = chunk(run.total_work());
        model::run_to_end(run.as_mut(), chunk, progress)?;
        let frame = run.frame();
        Ok(RunResult { fingerprint: Fingerprint::of(&frame), observables: run.observables(), frame })
    }
}

impl fmt::Display for Link {
    /// The canonical form: `#/model?v=…&seed=…&` then every parameter in the spec's order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#/{}?v={SCHEMA_VERSION}&seed={}", self.model.spec().id, self.seed)?;
        for (name, value) in self.params.iter() {
            write!(f, "&{name}={value}")?;
        }
        Ok(())
    }
}

/// Split "http://host/index.html#/model?query", "#/model?query", "/model?query" or "model?query"
/// into the model id and the query.
fn split_route(text: &str) -> (&str, &str) {
    let text = text.trim();
    let route = match text.find('#') {
        Some(i) => &text[i + 1..],
        None => text,
    };
    let route = route.trim_start_matches('/');
    match route.split_once('?') {
        Some((id, query)) => (id.trim_end_matches('/'), query),
        None => (route.trim_end_matches('/'), ""),
    }
}

fn check_version(text: &str, known: u32) -> Result<u32, LinkError> {
    match text.parse::<u32>() {
        Ok(v) if (1..=known).contains(&v) => Ok(v),
        Ok(v) if v > known => Err(LinkError::NewerVersion { got: v, known }),
        _ => Err(LinkError::BadVersion { got: text.to_string(), known }),
    }
}

fn parse_seed(text: &str) -> Result<u64, LinkError> {
    match text.parse::<u64>() {
        Ok(s) if s <= MAX_SEED => Ok(s),
        _ => Err(LinkError::BadSeed { got: text.to_string() }),
    }
}

/// Decode %XX escapes; `None` when the result is not UTF-8. A broken escape ("%zz") stays as it
/// is, and the parameter's own validation names it.
fn percent_decode(text: &str) -> Option<String> {
    percent_encoding::percent_decode_str(text).decode_utf8().ok().map(|s| s.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_in_every_form() {
        for text in [
            "http://127.0.0.1:8000/index.html#/perceptron?N=300",
            "#/perceptron?N=300",
            "/perceptron?N=300",
            "perceptron?N=300",
            " perceptron/?N=300 ",
        ] {
            let link = Link::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(link.params().int("N"), 300, "{text}");
        }
        assert_eq!(split_route("#/perceptron"), ("perceptron", ""));
    }

    #[test]
    fn bad_parts_are_named_and_the_rest_is_kept() {
        let (link, errors) = Link::parse_lenient("#/perceptron?N=300&alpha_max=-1&bogus=2&seed=x&N=5&junk").unwrap();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(link.params().int("N"), 300);
        assert_eq!(link.seed(), DEFAULT_SEED);
        // The form of the link first, then its values.
        assert_eq!(messages[0], "N is given twice");
        assert_eq!(messages[1], "'junk' is not of the form name=value");
        assert!(messages[2].starts_with("alpha_max must be in"), "{messages:?}");
        assert!(messages[3].starts_with("unknown parameter 'bogus' for model perceptron"), "{messages:?}");
        assert_eq!(messages[4], "seed must be a whole number in [0, 4294967295], got 'x'");
        assert!(Link::parse("#/perceptron?N=300&alpha_max=-1").is_err());
    }

    #[test]
    fn unknown_models_versions_and_escapes() {
        let e = Link::parse("#/nosuch?N=1").unwrap_err().to_string();
        assert!(e.starts_with("unknown model 'nosuch'; the models are: perceptron"), "{e}");
        let e = Link::parse("#/perceptron?v=9").unwrap_err().to_string();
        assert!(e.contains("newer version of Replica (v=9)"), "{e}");
        assert!(Link::parse("#/perceptron?v=0").is_err());
        assert_eq!(Link::parse("#/perceptron?N=3%30%30").unwrap().params().int("N"), 300);
        assert_eq!(
            Link::parse("#/perceptron?N=3%3").unwrap_err().to_string(),
            "N must be a whole number in [10, 5000], got '3%3'"
        );
        assert!(Link::parse("#/perceptron?N=%ff").unwrap_err().to_string().contains("not UTF-8"));
        assert!(Link::parse(&"x".repeat(MAX_LINK_LEN + 1)).is_err());
    }

    #[test]
    fn canonical_form_prints_every_parameter() {
        let link = Link::parse("perceptron?seed=7&N=500").unwrap();
        let text = link.to_string();
        assert!(text.starts_with("#/perceptron?v=2&seed=7&"), "{text}");
        for p in link.model().spec().params {
            assert!(text.contains(&format!("&{}=", p.name)), "{text} lacks {}", p.name);
        }
        assert_eq!(Link::parse(&text).unwrap().to_string(), text);
    }

    /// A made-up history of the perceptron's parameters, to read links of every version of it.
    const HISTORY: Schema = Schema {
        version: 3,
        changes: &[
            Change { version: 2, model: "perceptron", what: Changed::Renamed { from: "P", to: "N" } },
            Change {
                version: 2,
                model: "perceptron",
                what: Changed::ChoiceRenamed { name: "rule", from: "perceptron", to: "online" },
            },
            Change {
                version: 2,
                model: "perceptron",
                what: Changed::Removed { name: "temperature", why: "Gibbs learning runs at T = 1" },
            },
            Change { version: 3, model: "perceptron", what: Changed::DefaultChanged { name: "seeds", was: "3" } },
            Change { version: 3, model: "two-layer-sgd", what: Changed::Renamed { from: "eta", to: "lr" } },
        ],
    };

    fn read(text: &str) -> (Link, Vec<String>) {
        let (link, errors) = Link::parse_lenient_in(&HISTORY, text).unwrap();
        (link, errors.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn old_links_are_rewritten_change_by_change_and_say_so() {
        let current_seeds = Link::parse("perceptron").unwrap().params().int("seeds");
        assert_ne!(current_seeds, 3, "the made-up default change must be a change");

        let (link, errors) = read("perceptron?v=1&P=300&rule=perceptron&temperature=2");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((link.params().int("N"), link.params().choice("rule")), (300, "online"));
        assert_eq!(link.params().int("seeds"), 3, "a v=1 link that leaves seeds out meant the old default");
        assert_eq!(
            link.notes(),
            [
                "P is called N since v=2",
                "rule=perceptron is called rule=online since v=2",
                "temperature=2 was dropped: since v=2, Gibbs learning runs at T = 1",
                "seeds was left out, and meant seeds=3 before its default changed in v=3",
            ]
        );

        // A v=2 link: only the v=3 change applies, and v=1 names are unknown again.
        let (link, errors) = read("perceptron?v=2&N=300&seeds=5");
        assert!(errors.is_empty() && link.notes().is_empty(), "{errors:?} {:?}", link.notes());
        assert_eq!(link.params().int("seeds"), 5, "a value the link gives is kept");
        let (_, errors) = read("perceptron?v=2&P=300");
        assert!(errors[0].starts_with("unknown parameter 'P'"), "{errors:?}");

        // Current links, and links without v (the current version), are read as they are.
        for text in ["perceptron?v=3&N=300", "perceptron?N=300"] {
            let (link, errors) = read(text);
            assert!(errors.is_empty() && link.notes().is_empty(), "{text}");
            assert_eq!(link.params().int("seeds"), current_seeds, "{text}");
        }
        let (_, errors) = read("perceptron?v=4");
        assert_eq!(
            errors,
            ["this link was made by a newer version of Replica (v=4); this version reads links up to v=3"]
        );
    }

    #[test]
    fn the_current_schema_is_consistent() {
        // Changes are in version order, none is newer than the schema, and each names a model.
        let mut last = 1;
        for change in SCHEMA.changes {
            assert!(change.version >= last && change.version <= SCHEMA.version && change.version >= 2);
            assert!(crate::find_model(change.model).is_some(), "{}", change.model);
            last = change.version;
        }
    }
}
