//! Links: a run's whole state (model, schema version, seed, every parameter) as a URL fragment,
//! e.g. `#/perceptron?v=1&seed=7&N=500&rule=hebb&alpha_max=20&seeds=5`.
//!
//! Parsing accepts a full URL, a fragment with or without `#/`, and links that leave parameters
//! out (they take their defaults); printing is canonical: every parameter, in the spec's order.
//! [`Link::parse`] is strict (the CLI); [`Link::parse_lenient`] keeps what is valid and reports the
//! rest (the page). Both report with the same messages.

use crate::fingerprint::Fingerprint;
use crate::model::{self, Frame, Model, ParamError, Params, Run, RunError};
use std::fmt;
use thiserror::Error;

/// The version of the link format and of the parameters' meaning. Links carry it as `v`.
pub const SCHEMA_VERSION: u32 = 1;
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
    #[error(
        "this link was made by a newer version of Replica (v={got}); this version reads links up to v={SCHEMA_VERSION}"
    )]
    NewerVersion { got: u32 },
    #[error("v must be a whole number in [1, {SCHEMA_VERSION}], got '{got}'")]
    BadVersion { got: String },
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
        Link { model, params: Params::defaults(model.spec()), seed: DEFAULT_SEED }
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
        Ok(Link { model, params, seed })
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
        if text.len() > MAX_LINK_LEN {
            return Err(LinkError::TooLong { len: text.len() });
        }
        let (id, query) = split_route(text);
        let model = crate::find_model(id).ok_or_else(|| LinkError::UnknownModel {
            id: id.to_string(),
            known: crate::registry().iter().map(|m| m.spec().id).collect::<Vec<_>>().join(", "),
        })?;
        let mut params = Params::defaults(model.spec());
        let mut seed = DEFAULT_SEED;
        let mut errors = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for part in query.split('&').filter(|p| !p.is_empty()) {
            let Some((raw_name, raw_value)) = part.split_once('=') else {
                errors.push(LinkError::NotAPair { part: part.to_string() });
                continue;
            };
            let (Some(name), Some(value)) = (percent_decode(raw_name), percent_decode(raw_value)) else {
                errors.push(LinkError::BadEscape { part: part.to_string() });
                continue;
            };
            if seen.contains(&name) {
                errors.push(LinkError::Duplicate { name });
                continue;
            }
            seen.push(name.clone());
            let result = match name.as_str() {
                "v" => check_version(&value),
                "seed" => parse_seed(&value).map(|s| seed = s),
                _ => params.set(&name, &value).map_err(LinkError::from),
            };
            if let Err(e) = result {
                errors.push(e);
            }
        }
        if let Err(e) = model.check(&params) {
            errors.push(LinkError::ConstraintFallback(e));
            params = Params::defaults(model.spec());
        }
        Ok((Link { model, params, seed }, errors))
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

fn check_version(text: &str) -> Result<(), LinkError> {
    match text.parse::<u32>() {
        Ok(v) if (1..=SCHEMA_VERSION).contains(&v) => Ok(()),
        Ok(v) if v > SCHEMA_VERSION => Err(LinkError::NewerVersion { got: v }),
        _ => Err(LinkError::BadVersion { got: text.to_string() }),
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
        assert!(messages[0].starts_with("alpha_max must be in"), "{messages:?}");
        assert!(messages[1].starts_with("unknown parameter 'bogus' for model perceptron"), "{messages:?}");
        assert_eq!(messages[2], "seed must be a whole number in [0, 4294967295], got 'x'");
        assert_eq!(messages[3], "N is given twice");
        assert_eq!(messages[4], "'junk' is not of the form name=value");
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
        assert!(text.starts_with("#/perceptron?v=1&seed=7&"), "{text}");
        for p in link.model().spec().params {
            assert!(text.contains(&format!("&{}=", p.name)), "{text} lacks {}", p.name);
        }
        assert_eq!(Link::parse(&text).unwrap().to_string(), text);
    }
}
