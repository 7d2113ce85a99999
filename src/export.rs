//! What a run gives to take away: its data as CSV and JSON, its figures as SVG, and the papers of
//! its model as BibTeX. The page's Export menu and `replica run --out DIR` write the same files,
//! byte for byte, under the same names, so a figure made in the browser can be remade elsewhere.
//!
//! Every data file carries its provenance: the link, the link's schema version, the fingerprint
//! and the version of Replica that made it.

use crate::fingerprint::Fingerprint;
use crate::link::{Link, SCHEMA_VERSION};
use crate::model::{Figure, Frame, ModelSpec, Paper, Params};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::fmt::Write;

/// The version of Replica, as written into every export.
pub const REPLICA_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Size of an exported SVG figure, in pixels (a figure on the page at a desktop width).
pub const SVG_SIZE: (u32, u32) = (800, 520);

/// A run as exported: its link, its final frame, its fingerprint and its observables.
pub struct Export<'a> {
    pub link: &'a Link,
    pub frame: &'a Frame,
    pub fingerprint: Fingerprint,
    pub observables: &'a [Option<f64>],
}

impl Export<'_> {
    /// The start of every file name of the run: the model and the fingerprint.
    pub fn stem(&self) -> String {
        format!("{}-{}", self.link.model().spec().id, self.fingerprint)
    }

    /// Every series of every figure in one table: see [`csv`].
    pub fn csv(&self) -> String {
        csv(self.link.model().spec().title, &self.link.to_string(), self.fingerprint, self.frame)
    }

    /// The whole run as one JSON object on one line: `model`, `version`, `replica`, `link`,
    /// `seed`, `params` (every value, typed), `fingerprint`, `observables` and `figures`.
    pub fn json(&self) -> String {
        /// The fields in the order a reader looks for them.
        #[derive(Serialize)]
        struct Run<'a> {
            model: &'a str,
            version: u32,
            replica: &'a str,
            link: String,
            seed: u64,
            params: ParamsJson<'a>,
            fingerprint: String,
            observables: ObservablesJson<'a>,
            figures: &'a [Figure],
        }
        let spec = self.link.model().spec();
        let run = Run {
            model: spec.id,
            version: SCHEMA_VERSION,
            replica: REPLICA_VERSION,
            link: self.link.to_string(),
            seed: self.link.seed(),
            params: ParamsJson(self.link.params()),
            fingerprint: self.fingerprint.to_string(),
            observables: ObservablesJson(spec, self.observables),
            figures: &self.frame.figures,
        };
        // Numbers, strings and maps only: serialising cannot fail.
        serde_json::to_string(&run).unwrap_or_default() + "\n"
    }

    /// The names of the run's files: CSV, JSON, one SVG per figure, BibTeX.
    pub fn names(&self) -> Vec<String> {
        let stem = self.stem();
        let mut names = vec![format!("{stem}.csv"), format!("{stem}.json")];
        names.extend(self.frame.figures.iter().map(|f| format!("{stem}-{}.svg", f.id)));
        names.push(format!("{}.bib", self.link.model().spec().id));
        names
    }

    /// The file of that name (one of [`Export::names`]), made when asked for: `None` for a name
    /// the run has no file of.
    pub fn file(&self, name: &str) -> Option<Result<String, crate::plot::PlotError>> {
        let spec = self.link.model().spec();
        if name == format!("{}.bib", spec.id) {
            return Some(Ok(bibtex(spec)));
        }
        let rest = name.strip_prefix(&self.stem())?;
        match rest {
            ".csv" => Some(Ok(self.csv())),
            ".json" => Some(Ok(self.json())),
            _ => {
                let id = rest.strip_prefix('-')?.strip_suffix(".svg")?;
                let figure = self.frame.figures.iter().find(|f| f.id == id)?;
                Some(crate::plot::svg(figure, SVG_SIZE.0, SVG_SIZE.1))
            }
        }
    }

    /// Every file of the run, as (file name, contents), in the order of [`Export::names`].
    pub fn files(&self) -> Result<Vec<(String, String)>, crate::plot::PlotError> {
        self.names()
            .into_iter()
            .map(|name| {
                let text = self.file(&name).expect("every name has its file")?;
                Ok((name, text))
            })
            .collect()
    }
}

/// Every series of every figure of a frame in one table (one row per point), after comment lines
/// that say where the numbers come from (`title`, the link, its version, the fingerprint) and what
/// the axes are. Reads with `pandas.read_csv(path, comment="#")`.
pub fn csv(title: &str, link: &str, fingerprint: Fingerprint, frame: &Frame) -> String {
    let mut out = format!(
        "# {title}\n# link: {link}\n# link version: v={SCHEMA_VERSION}\n# fingerprint: {fingerprint}\n# made by Replica {REPLICA_VERSION}\n"
    );
    for f in &frame.figures {
        let _ = writeln!(out, "# figure {}: {}; x = {}; y = {}", f.id, heading(f), f.x.title(), f.y.title());
        if let Some(map) = &f.heatmap {
            let _ = writeln!(out, "# figure {}: heat map of {} (rows of kind 'map', y = value)", f.id, map.label);
        }
        if let Some(net) = &f.network {
            let _ = writeln!(
                out,
                "# figure {}: network, {} (rows of kind 'node', x = node index, y = value)",
                f.id, net.label
            );
        }
    }
    out += "figure,series,kind,x,y,standard_error\n";
    for f in &frame.figures {
        for s in &f.series {
            let kind = match s.kind {
                crate::model::SeriesKind::Theory => "theory",
                crate::model::SeriesKind::Simulation => "simulation",
            };
            for (i, (x, y)) in s.x.iter().zip(&s.y).enumerate() {
                let err = s.y_err.as_ref().map(|e| number(e[i])).unwrap_or_default();
                let _ = writeln!(out, "{},{},{kind},{},{},{err}", f.id, quoted(&s.label), number(*x), number(*y));
            }
        }
        if let Some(map) = &f.heatmap {
            for (r, row) in map.rows.iter().enumerate() {
                for (c, x) in map.x.iter().enumerate() {
                    let v = map.values[r * map.x.len() + c];
                    let _ = writeln!(out, "{},{},map,{},{},", f.id, quoted(row), number(*x), number(v));
                }
            }
        }
        if let Some(net) = &f.network {
            for (i, v) in net.values.iter().enumerate() {
                let _ = writeln!(out, "{},{},node,{i},{},", f.id, quoted(&net.label), number(*v));
            }
        }
    }
    out
}

/// Every figure of a frame as SVG (drawn by the code that draws the page's canvas), named
/// `{stem}-{figure id}.svg`.
pub fn svgs(stem: &str, frame: &Frame) -> Result<Vec<(String, String)>, crate::plot::PlotError> {
    frame
        .figures
        .iter()
        .map(|f| Ok((format!("{stem}-{}.svg", f.id), crate::plot::svg(f, SVG_SIZE.0, SVG_SIZE.1)?)))
        .collect()
}

/// Every parameter by name, in the spec's order, as a number, a string or a boolean.
struct ParamsJson<'a>(&'a Params);

impl Serialize for ParamsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (name, value) in self.0.iter() {
            map.serialize_entry(name, &value)?;
        }
        map.end()
    }
}

/// Every observable of the spec by id, `null` where the run has no value.
struct ObservablesJson<'a>(&'a ModelSpec, &'a [Option<f64>]);

impl Serialize for ObservablesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (o, v) in self.0.observables.iter().zip(self.1) {
            map.serialize_entry(o.id, v)?;
        }
        map.end()
    }
}

fn heading(f: &Figure) -> String {
    if f.subtitle.is_empty() { f.title.clone() } else { format!("{} ({})", f.title, f.subtitle) }
}

/// A number as Rust prints it: the shortest text that reads back to the same bits ("NaN" for
/// a missing value).
fn number(x: f64) -> String {
    if x.is_nan() { "NaN".into() } else { x.to_string() }
}

/// A CSV field in double quotes (labels hold commas and symbols).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The papers of a model as BibTeX entries.
pub fn bibtex(spec: &ModelSpec) -> String {
    let mut out = format!("% The papers behind the Replica model '{}': {}\n", spec.id, spec.title);
    for paper in spec.papers {
        out.push('\n');
        out += &entry(paper);
    }
    out
}

fn entry(p: &Paper) -> String {
    let authors: Vec<String> = p.authors.split(", ").map(surname_first).collect();
    let key = format!("{}{}{}", key_word(&authors[0]), p.year, title_word(p.title));
    let mut fields: Vec<(&str, String)> =
        vec![("author", authors.join(" and ")), ("title", format!("{{{}}}", p.title))];
    let kind = if p.venue.contains("Press") {
        fields.push(("publisher", p.venue.to_string()));
        "book"
    } else if p.venue == "arXiv preprint" {
        "misc"
    } else if p.venue.starts_with("Proceedings") || p.venue.starts_with("Advances") {
        fields.push(("booktitle", p.venue.to_string()));
        "inproceedings"
    } else {
        match journal_volume_pages(p.venue) {
            Some((journal, volume, pages)) => {
                fields.push(("journal", journal.to_string()));
                fields.push(("volume", volume.to_string()));
                fields.push(("pages", pages.to_string()));
            }
            None => fields.push(("journal", p.venue.to_string())),
        }
        "article"
    };
    fields.push(("year", p.year.to_string()));
    if let Some(doi) = p.doi {
        fields.push(("doi", doi.to_string()));
    }
    if let Some(arxiv) = p.arxiv {
        fields.push(("eprint", arxiv.to_string()));
        fields.push(("archiveprefix", "arXiv".to_string()));
    }
    let mut out = format!("@{kind}{{{key},\n");
    for (name, value) in fields {
        let _ = writeln!(out, "  {name} = {{{value}}},");
    }
    out + "}\n"
}

/// "S. A. Solla" → "Solla, S. A."; "C. Van den Broeck" → "Van den Broeck, C.".
fn surname_first(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let initials = words.iter().take_while(|w| w.ends_with('.')).count();
    if initials == 0 || initials == words.len() {
        return name.to_string();
    }
    format!("{}, {}", words[initials..].join(" "), words[..initials].join(" "))
}

/// The surname of "Surname, I." in lowercase ASCII letters, for the entry's key.
fn key_word(author: &str) -> String {
    let surname = author.split(", ").next().unwrap_or(author);
    surname.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect()
}

/// The title's first word that says something, for the entry's key.
fn title_word(title: &str) -> String {
    const SMALL: [&str; 8] = ["a", "an", "the", "on", "of", "in", "and", "for"];
    title
        .split(|c: char| !c.is_ascii_alphabetic())
        .map(str::to_ascii_lowercase)
        .find(|w| !w.is_empty() && !SMALL.contains(&w.as_str()))
        .unwrap_or_default()
}

/// "Physical Review E 52, 4225" → ("Physical Review E", "52", "4225").
fn journal_volume_pages(venue: &str) -> Option<(&str, &str, &str)> {
    let (head, pages) = venue.rsplit_once(", ")?;
    let (journal, volume) = head.rsplit_once(' ')?;
    (volume.chars().all(|c| c.is_ascii_digit()) && !pages.is_empty()).then_some((journal, volume, pages))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keys_and_venues() {
        assert_eq!(surname_first("S. A. Solla"), "Solla, S. A.");
        assert_eq!(surname_first("C. Van den Broeck"), "Van den Broeck, C.");
        assert_eq!(key_word("Van den Broeck, C."), "vandenbroeck");
        assert_eq!(title_word("On-line learning in soft committee machines"), "line");
        assert_eq!(title_word("Statistical mechanics of learning"), "statistical");
        assert_eq!(journal_volume_pages("Physical Review E 52, 4225"), Some(("Physical Review E", "52", "4225")));
        assert_eq!(journal_volume_pages("arXiv preprint"), None);
    }

    #[test]
    fn every_model_has_a_well_formed_bibliography() {
        for model in crate::registry() {
            let spec = model.spec();
            let bib = bibtex(spec);
            assert_eq!(bib.matches("\n@").count(), spec.papers.len(), "{bib}");
            assert_eq!(bib.matches('{').count(), bib.matches('}').count(), "{bib}");
            for p in spec.papers {
                assert!(bib.contains(&format!("year = {{{}}}", p.year)), "{bib}");
            }
        }
        let perceptron = bibtex(crate::find_model("perceptron").unwrap().spec());
        assert!(
            perceptron.contains(
                "@article{seung1992statistical,\n  author = {Seung, H. S. and Sompolinsky, H. and Tishby, N.},\n  \
             title = {{Statistical mechanics of learning from examples}},\n  journal = {Physical Review A},\n  \
             volume = {45},\n  pages = {6056},\n  year = {1992},\n  doi = {10.1103/PhysRevA.45.6056},\n}"
            ),
            "{perceptron}"
        );
        assert!(perceptron.contains("@book{engel2001statistical,"), "{perceptron}");
    }
}
