//! The site's catalogue, made natively at build time: every family with what the gallery shows of
//! its models (`pkg/catalog.json`), and a thumbnail of each model's theory (`pkg/thumbs/<id>.svg`). The gallery
//! reads only these, so it opens without downloading any model's wasm.

use crate::link::{Link, MAX_LINK_LEN, SCHEMA_VERSION};
use crate::model::{Paper, SeriesKind};
use serde::Serialize;

/// The size of a thumbnail in pixels: the gallery shows it 170 px high in a card about 300 px wide.
pub const THUMBNAIL_SIZE: (u32, u32) = (360, 200);

#[derive(Serialize)]
struct Catalog {
    /// The link schema version of this build.
    version: u32,
    /// The longest link the core reads, for the gallery's message about a link that names no model.
    max_link_length: usize,
    families: Vec<FamilyEntry>,
}

#[derive(Serialize)]
struct FamilyEntry {
    id: &'static str,
    title: &'static str,
    models: Vec<Card>,
}

/// A model as its gallery card shows it; a model's page reads the whole spec from its family's wasm.
#[derive(Serialize)]
struct Card {
    id: &'static str,
    title: &'static str,
    summary: &'static str,
    paper: Option<&'static Paper>,
}

/// Every family and its models' cards, in gallery order, as JSON.
pub fn json() -> String {
    let card = |m: &&dyn crate::model::Model| {
        let spec = m.spec();
        Card { id: spec.id, title: spec.title, summary: spec.summary, paper: spec.papers.first() }
    };
    let families = crate::FAMILIES
        .iter()
        .map(|f| FamilyEntry { id: f.id, title: f.title, models: f.models.iter().map(card).collect() })
        .collect();
    serde_json::to_string(&Catalog { version: SCHEMA_VERSION, max_link_length: MAX_LINK_LEN, families })
        .expect("specs serialise")
}

/// The theory of the first figure with axes of a model's default run, before any simulation, as a
/// compact SVG without title or legend.
pub fn thumbnail(model_id: &str) -> Result<String, String> {
    let model = crate::find_model(model_id).ok_or_else(|| format!("no model '{model_id}'"))?;
    let frame = Link::defaults(model).start().frame();
    // A drawing of a network has a line per edge: too heavy for a thumbnail, so the first figure
    // with axes is taken.
    let mut figure = frame
        .figures
        .into_iter()
        .find(|f| f.network.is_none())
        .ok_or_else(|| format!("model '{model_id}' draws no figure with axes"))?;
    // The theory alone: a run's first frame may already hold thousands of simulated points.
    if figure.series.iter().any(|s| s.kind == SeriesKind::Theory) {
        figure.series.retain(|s| s.kind == SeriesKind::Theory);
    }
    let (width, height) = THUMBNAIL_SIZE;
    crate::plot::thumbnail_svg(&figure, width, height).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_lists_every_model_once_under_its_family() {
        let catalog: serde_json::Value = serde_json::from_str(&super::json()).unwrap();
        let mut ids = Vec::new();
        for family in catalog["families"].as_array().unwrap() {
            for model in family["models"].as_array().unwrap() {
                let id = model["id"].as_str().unwrap();
                assert_eq!(crate::family_of(id).map(|f| f.id), family["id"].as_str(), "{id}");
                ids.push(id);
            }
        }
        let registry: Vec<&str> = crate::registry().iter().map(|m| m.spec().id).collect();
        assert_eq!(ids, registry);
    }

    #[test]
    fn every_model_has_a_thumbnail() {
        for model in crate::registry() {
            let svg = super::thumbnail(model.spec().id).unwrap();
            assert!(svg.starts_with("<svg") && svg.contains("<polyline"), "{}", model.spec().id);
            assert!(svg.len() < 100_000, "the thumbnail of {} takes {} bytes", model.spec().id, svg.len());
        }
    }
}
