//! Figures drawn with plotters: one drawing function for every backend, so that the canvas of the
//! page, the SVG of an export and the SVG of a test are the same picture.
//!
//! Theory is a line, simulation is points with error bars (standard errors over seeds); series of
//! one group share a colour; faint reference curves stay behind. The legend goes to the corner
//! where the data leave most room. A heat map, when a figure has one, is drawn under the series,
//! its rows named on the y axis and its colour scale in a bar at the right (see [`heatmap`]). A
//! network is drawn in place of the axes: nodes coloured on such a scale, and their edges (see
//! [`network`]).

mod heatmap;
mod measured;
mod network;
mod surface;

pub use heatmap::ColourScale;
pub use measured::{Estimate, Measured, TextMeasure};
pub use surface::Surface;

/// The one backend type every figure is drawn with (see [`surface`]).
pub type Backend<'a, 'm> = Measured<Surface<'a>, &'m dyn TextMeasure>;

use crate::model::{Figure, Scale, Series, SeriesKind, format_float};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{KeyPointHint, NoDefaultFormatting, Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// Colours of series groups: the Okabe–Ito palette, distinguishable with every common form of
/// colour blindness.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(230, 159, 0),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
];
const INK: RGBColor = RGBColor(34, 34, 34);
const GRID: RGBColor = RGBColor(225, 225, 225);
const MUTED: RGBColor = RGBColor(92, 99, 112);

pub fn group_colour(group: u32) -> RGBColor {
    PALETTE[group as usize % PALETTE.len()]
}

/// How a figure is drawn: `scale` is the size of text and marks in backend pixels per CSS pixel
/// (the device pixel ratio); `compact` leaves out the title, the axis titles and the legend.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub scale: f64,
    pub compact: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style { scale: 1.0, compact: false }
    }
}

impl Style {
    fn px(&self, css: f64) -> u32 {
        (css * self.scale).round().max(1.0) as u32
    }
    /// The family as plotters' own value: naming it by text would pull Unicode case tables into
    /// the wasm (plotters lower-cases family names).
    fn font(&self, css: f64) -> (FontFamily<'static>, f64) {
        (FontFamily::SansSerif, css * self.scale)
    }
}

/// Why a figure could not be drawn.
#[derive(Debug, thiserror::Error)]
#[error("could not draw figure '{figure}': {reason}")]
pub struct PlotError {
    figure: String,
    reason: String,
}

/// Below this width (CSS px) a legend inside the plot would hide the data: it goes under the plot.
const NARROW: f64 = 560.0;
/// Height of one line of a legend under the plot (CSS px).
const LEGEND_LINE: f64 = 17.0;

fn legend_below(width_css: f64, style: Style) -> bool {
    !style.compact && width_css < NARROW
}

/// The height (CSS px) a figure with `series` series wants at a width: about two thirds of the
/// width, within [300, 520], and room for the legend when it goes under the plot.
pub fn height_for(width_css: f64, series: usize) -> f64 {
    let plot = (width_css * 0.66).clamp(300.0, 520.0);
    if legend_below(width_css, Style::default()) { plot + legend_height(series) } else { plot }
}

fn legend_height(series: usize) -> f64 {
    LEGEND_LINE * series as f64 + 8.0
}

/// Draw `figure` on `area`.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, figure: &Figure, style: Style) -> Result<(), PlotError> {
    let fail = |e: &dyn std::fmt::Display| PlotError { figure: figure.id.clone(), reason: e.to_string() };
    area.fill(&WHITE).map_err(|e| fail(&e))?;
    if let Some(net) = &figure.network {
        let area = if style.compact { area.clone() } else { caption(area, figure, style).map_err(|e| fail(&e))? };
        network::draw(&area, net, style).map_err(|e| fail(&e))?;
        return area.present().map_err(|e| fail(&e));
    }
    let (width, height) = area.dim_in_pixel();
    let below = legend_below(f64::from(width) / style.scale, style);
    let strip = if below { style.px(legend_height(legend_entries(figure).len())).min(height / 2) } else { 0 };
    let (area, legend) = area.split_vertically(height - strip);
    let (x0, x1) = range(figure, true);
    let (y0, y1) = range(figure, false);
    let area = if style.compact { area } else { caption(&area, figure, style).map_err(|e| fail(&e))? };
    let (margin, x_labels, mut y_labels) = if style.compact {
        (style.px(6.0), style.px(18.0), style.px(30.0))
    } else {
        (style.px(10.0), style.px(42.0), style.px(58.0))
    };
    let plot_height = area.dim_in_pixel().1.saturating_sub(2 * margin + x_labels);
    let map = figure.heatmap.as_ref();
    // A heat map's colour bar takes a strip at the right; its row names may need a wider y axis.
    let bar = match map {
        Some(map) if !style.compact => {
            Some(heatmap::ColourBar::new(&area, map.range, &map.label, style, plot_height).map_err(|e| fail(&e))?)
        }
        _ => None,
    };
    let bar_width = bar.as_ref().map_or(0, |b| b.width()).min(area.dim_in_pixel().0 / 3);
    let (area, bar_area) = area.split_horizontally(area.dim_in_pixel().0 - bar_width);
    if let Some(map) = map {
        let font = TextStyle::from(style.font(if style.compact { 10.0 } else { 12.0 }).into_font());
        let mut widest = 0;
        for row in &map.rows {
            widest = widest.max(area.estimate_text_size(row, &font).map_err(|e| fail(&e))?.0);
        }
        // Room for the names, the tick marks and the rotated axis title, if there is one: without
        // it, the axis takes no more room than its names need.
        let titled = !style.compact && !figure.y.title().is_empty();
        y_labels = if titled { y_labels.max(widest + style.px(34.0)) } else { widest + style.px(14.0) };
    }
    let mut builder = ChartBuilder::on(&area);
    builder.margin(margin).x_label_area_size(x_labels).y_label_area_size(y_labels);
    if map.is_some() && bar.is_none() {
        // A map runs to the edge of the axis, and so may its last tick label.
        builder.margin_right(style.px(16.0));
    }
    let x = AxisCoord::new(x0, x1, figure.x.scale);
    let y = match map {
        Some(map) => heatmap::row_axis(map.rows.len(), plot_height, style),
        None => AxisCoord::new(y0, y1, figure.y.scale),
    };
    let chart = builder.build_cartesian_2d(x, y).map_err(|e| fail(&e))?;
    let plot_y = chart.plotting_area().get_pixel_range().1;
    fill(chart, figure, style, !below).map_err(|e| fail(&e))?;
    if let Some(bar) = &bar {
        bar.draw(&bar_area, plot_y).map_err(|e| fail(&e))?;
    }
    if below {
        legend_strip(&legend, figure, style).map_err(|e| fail(&e))?;
    }
    area.present().map_err(|e| fail(&e))
}

/// The figure as a standalone SVG document of the given size in pixels.
pub fn svg(figure: &Figure, width: u32, height: u32) -> Result<String, PlotError> {
    svg_in_style(figure, width, height, Style::default())
}

/// The figure without its title and legend, small, for the gallery.
pub fn thumbnail_svg(figure: &Figure, width: u32, height: u32) -> Result<String, PlotError> {
    svg_in_style(figure, width, height, Style { compact: true, ..Style::default() })
}

fn svg_in_style(figure: &Figure, width: u32, height: u32, style: Style) -> Result<String, PlotError> {
    let mut out = String::new();
    {
        let svg = SVGBackend::with_string(&mut out, (width, height));
        let backend: Backend = Measured { inner: Surface::Svg(svg), measure: &Estimate };
        let area = backend.into_drawing_area();
        draw(&area, figure, style)?;
    }
    Ok(out)
}

type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draw the title, and the subtitle under it in a lighter ink; returns the area below them.
fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    style: Style,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let centre = area.dim_in_pixel().0 as i32 / 2;
    let anchor = Pos::new(HPos::Center, VPos::Top);
    let top = style.px(8.0) as i32;
    area.draw(&Text::new(figure.title.clone(), (centre, top), style.font(15.0).into_font().color(&INK).pos(anchor)))?;
    let mut height = style.px(30.0);
    if !figure.subtitle.is_empty() {
        let y = top + style.px(19.0) as i32;
        let font = style.font(12.0).into_font().color(&MUTED).pos(anchor);
        area.draw(&Text::new(figure.subtitle.clone(), (centre, y), font))?;
        height += style.px(15.0);
    }
    Ok(area.split_vertically(height).1)
}

/// Series in the order they are drawn (and listed): faint references, theory, then simulation.
fn drawing_order(figure: &Figure) -> Vec<&Series> {
    let rank = |s: &Series| match (s.secondary, s.kind) {
        (true, _) => 0,
        (false, SeriesKind::Theory) => 1,
        (false, SeriesKind::Simulation) => 2,
    };
    let mut series: Vec<&Series> = figure.series.iter().collect();
    series.sort_by_key(|s| rank(s));
    series
}

/// The series listed in the legend, in its order: those with a label. A series with an empty label
/// continues one that has it (e.g. a second piece of a branch of solutions) and is not listed again.
fn legend_entries(figure: &Figure) -> Vec<&Series> {
    drawing_order(figure).into_iter().filter(|s| !s.label.is_empty()).collect()
}

/// The line style of a theory series.
fn theory_line(s: &Series, style: Style) -> ShapeStyle {
    let colour = group_colour(s.group);
    if s.secondary { colour.mix(0.4).stroke_width(style.px(1.2)) } else { colour.stroke_width(style.px(2.2)) }
}

const POINT_RADIUS: f64 = 3.6;

/// The legend as lines of its own under the plot (for narrow figures).
fn legend_strip<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, figure: &Figure, style: Style) -> DrawResult<DB> {
    let font = style.font(12.0).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
    let (x0, x1, x_text) = (style.px(12.0) as i32, style.px(34.0) as i32, style.px(42.0) as i32);
    for (k, s) in legend_entries(figure).into_iter().enumerate() {
        let y = style.px(LEGEND_LINE * (k as f64 + 0.5)) as i32;
        match s.kind {
            SeriesKind::Theory => area.draw(&PathElement::new(vec![(x0, y), (x1, y)], theory_line(s, style)))?,
            SeriesKind::Simulation => {
                area.draw(&Circle::new(((x0 + x1) / 2, y), style.px(POINT_RADIUS), group_colour(s.group).filled()))?
            }
        }
        area.draw(&Text::new(s.label.clone(), (x_text, y), font.clone()))?;
    }
    Ok(())
}

fn fill<'a, DB: DrawingBackend + 'a>(
    mut chart: ChartContext<'a, DB, Cartesian2d<AxisCoord, AxisCoord>>,
    figure: &Figure,
    style: Style,
    legend_inside: bool,
) -> DrawResult<DB> {
    let row_name = |v: &f64| figure.heatmap.as_ref().map(|map| heatmap::row_name(map, *v)).unwrap_or_default();
    let mut mesh = chart.configure_mesh();
    if figure.heatmap.is_some() {
        mesh.y_label_formatter(&row_name);
    }
    mesh.light_line_style(GRID.mix(0.5))
        .bold_line_style(GRID)
        .axis_style(INK.mix(0.8))
        .label_style(style.font(if style.compact { 10.0 } else { 12.0 }).into_font().color(&INK))
        .axis_desc_style(style.font(13.0).into_font().color(&INK));
    if !style.compact {
        mesh.x_desc(figure.x.title()).y_desc(figure.y.title());
    }
    mesh.draw()?;
    if let Some(map) = &figure.heatmap {
        heatmap::draw_cells(&mut chart, map, figure.x.scale == Scale::Log, style)?;
    }
    let (xr, yr) = (chart.x_range(), chart.y_range());
    let (x_axis, y_axis) = (chart.as_coord_spec().x_spec().clone(), chart.as_coord_spec().y_spec().clone());
    // Both ends belong to the plot: a point at exactly the end of a fixed range (e.g. t_max) is drawn.
    let within = |r: &Range<f64>, v: f64| r.start.min(r.end) <= v && v <= r.start.max(r.end);
    let inside = |x: f64, y: f64| x.is_finite() && y.is_finite() && within(&xr, x) && within(&yr, y);
    // Faint references first, then theory lines, then simulation points on top.
    for s in drawing_order(figure) {
        let colour = group_colour(s.group);
        match s.kind {
            SeriesKind::Theory => {
                let line = theory_line(s, style);
                for piece in pieces(s) {
                    let points: Vec<(f64, f64)> = piece.into_iter().filter(|&(x, y)| inside(x, y)).collect();
                    if figure.heatmap.is_some() && !s.secondary {
                        // A light edge keeps the line readable over cells of its own colour.
                        let edge = WHITE.mix(0.9).stroke_width(style.px(4.4));
                        chart.draw_series(LineSeries::new(points.clone(), edge))?;
                    }
                    chart.draw_series(LineSeries::new(points, line))?;
                }
            }
            SeriesKind::Simulation => {
                let errors = s.y_err.clone().unwrap_or_default();
                let bars: Vec<(f64, f64, f64, f64)> =
                    s.x.iter()
                        .zip(&s.y)
                        .enumerate()
                        .filter(|&(_, (&x, &y))| inside(x, y))
                        .map(|(i, (&x, &y))| {
                            let e = errors.get(i).copied().filter(|e| e.is_finite()).unwrap_or(0.0);
                            (x, y, (y - e).max(yr.start), (y + e).min(yr.end))
                        })
                        .collect();
                let cap = style.px(4.0);
                let bar_style = colour.stroke_width(style.px(1.4));
                chart.draw_series(
                    bars.iter()
                        .map(|&(x, _, lo, hi)| ErrorBar::new_vertical(x, lo, (lo + hi) / 2.0, hi, bar_style, cap)),
                )?;
                let radius = style.px(POINT_RADIUS);
                let (edge, outline) = (WHITE.stroke_width(style.px(1.0)), colour.filled());
                chart.draw_series(bars.iter().map(|&(x, y, _, _)| {
                    EmptyElement::at((x, y))
                        + Circle::new((0, 0), radius + style.px(1.0), edge)
                        + Circle::new((0, 0), radius, outline)
                }))?;
            }
        }
    }
    if style.compact || !legend_inside || legend_entries(figure).is_empty() {
        return Ok(());
    }
    let corner = legend_corner(figure, &x_axis, &y_axis);
    legend_box(&chart.plotting_area().strip_coord_spec(), figure, style, corner)
}

/// A theory line's pieces: a point with a NaN (or infinite) coordinate cuts the line there, so that
/// one series can hold several curves (e.g. the arrows of a vector field).
fn pieces(s: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for (&x, &y) in s.x.iter().zip(&s.y) {
        if x.is_finite() && y.is_finite() {
            out.last_mut().expect("never empty").push((x, y));
        } else if !out.last().expect("never empty").is_empty() {
            out.push(Vec::new());
        }
    }
    out.retain(|piece| !piece.is_empty());
    out
}

/// The legend in a box in a corner of the plot. Laid out here, with the backend's own text
/// measure, rather than by plotters' legend (which measures with its font module: a page layout
/// per label in a browser, and no measure at all in a worker).
fn legend_box<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &Figure,
    style: Style,
    corner: SeriesLabelPosition,
) -> DrawResult<DB> {
    let font = style.font(12.0).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
    let series = legend_entries(figure);
    let mut widest = 0;
    for s in &series {
        widest = widest.max(area.estimate_text_size(&s.label, &font)?.0);
    }
    let (pad, sample, line) = (style.px(8.0) as i32, style.px(28.0) as i32, style.px(LEGEND_LINE) as i32);
    let (w, h) = (widest as i32 + sample + 2 * pad, series.len() as i32 * line + pad);
    let (area_w, area_h) = area.dim_in_pixel();
    let inset = style.px(4.0) as i32;
    let left = match corner {
        SeriesLabelPosition::UpperLeft | SeriesLabelPosition::LowerLeft => inset,
        _ => area_w as i32 - w - inset,
    };
    let top = match corner {
        SeriesLabelPosition::UpperLeft | SeriesLabelPosition::UpperRight => inset,
        _ => area_h as i32 - h - inset,
    };
    area.draw(&Rectangle::new([(left, top), (left + w, top + h)], WHITE.mix(0.88).filled()))?;
    area.draw(&Rectangle::new([(left, top), (left + w, top + h)], GRID))?;
    for (k, s) in series.into_iter().enumerate() {
        let y = top + pad / 2 + line * k as i32 + line / 2;
        let (x0, x1) = (left + pad, left + pad + style.px(22.0) as i32);
        match s.kind {
            SeriesKind::Theory => area.draw(&PathElement::new(vec![(x0, y), (x1, y)], theory_line(s, style)))?,
            SeriesKind::Simulation => {
                area.draw(&Circle::new(((x0 + x1) / 2, y), style.px(POINT_RADIUS), group_colour(s.group).filled()))?
            }
        }
        area.draw(&Text::new(s.label.clone(), (left + pad + sample, y), font.clone()))?;
    }
    Ok(())
}

/// A plot axis: a linear or logarithmic map from [lo, hi] to pixels, with labelled ticks in 1–2–5
/// steps (per decade on a log axis, fewer when it spans many decades) and lighter lines between.
#[derive(Debug, Clone)]
struct AxisCoord {
    lo: f64,
    hi: f64,
    log: bool,
    bold: Vec<f64>,
    light: Vec<f64>,
}

impl AxisCoord {
    fn new(lo: f64, hi: f64, scale: Scale) -> Self {
        let within = |v: &f64| *v >= lo * (1.0 - 1e-12) && *v <= hi * (1.0 + 1e-12);
        let (bold, light) = match scale {
            Scale::Log => {
                let decades = libm::log10(hi / lo);
                let mantissas: &[f64] = match decades {
                    d if d <= 1.2 => &[1.0, 1.5, 2.0, 3.0, 5.0, 7.0],
                    d if d <= 2.5 => &[1.0, 2.0, 5.0],
                    _ => &[1.0],
                };
                let (first, last) = (libm::floor(libm::log10(lo)) as i32, libm::ceil(libm::log10(hi)) as i32);
                let every = if decades > 8.0 { 2 } else { 1 };
                let (mut bold, mut light) = (Vec::new(), Vec::new());
                for k in first..=last {
                    let p = libm::pow(10.0, f64::from(k));
                    if (k - first) % every == 0 {
                        bold.extend(mantissas.iter().map(|m| m * p).filter(within));
                    }
                    light.extend((1..10).map(|m| f64::from(m) * p).filter(within));
                }
                (bold, light)
            }
            Scale::Linear => {
                let step = linear_step(lo, hi, 6.0);
                let ticks = |step: f64| -> Vec<f64> {
                    let (first, last) = (libm::ceil(lo / step - 1e-9) as i64, libm::floor(hi / step + 1e-9) as i64);
                    (first..=last)
                        .map(|k| k as f64 * step)
                        .map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v })
                        .collect()
                };
                (ticks(step), ticks(step / 5.0))
            }
        };
        AxisCoord { lo, hi, log: scale == Scale::Log, bold, light }
    }

    /// Position of v in [0, 1] along the axis.
    fn unit(&self, v: f64) -> f64 {
        if self.log {
            (libm::log(v) - libm::log(self.lo)) / (libm::log(self.hi) - libm::log(self.lo))
        } else {
            (v - self.lo) / (self.hi - self.lo)
        }
    }
}

impl Ranged for AxisCoord {
    type FormatOption = NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let u = self.unit(*value);
        // Far-off values still map to finite pixels, so that lines leave the plot cleanly.
        let u = if u.is_finite() { u.clamp(-10.0, 10.0) } else { -10.0 };
        limit.0 + (u * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() { self.light.clone() } else { self.bold.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}

impl ValueFormatter<f64> for AxisCoord {
    fn format(value: &f64) -> String {
        tick_label(*value)
    }
}

/// A step of 1, 2 or 5 times a power of ten that cuts [lo, hi] into about `parts` parts (no more).
fn linear_step(lo: f64, hi: f64, parts: f64) -> f64 {
    let raw = (hi - lo) / parts;
    let magnitude = libm::pow(10.0, libm::floor(libm::log10(raw)));
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude)
}

/// The range of one axis: fixed by the figure, or fitted to its finite data (positive data on a
/// log axis), with a little room. A heat map spans the x axis edge to edge (series further out
/// widen it, without room), and its rows make the y axis.
fn range(figure: &Figure, x_axis: bool) -> (f64, f64) {
    let axis = if x_axis { &figure.x } else { &figure.y };
    let log = axis.scale == Scale::Log;
    if let (Some(map), false) = (&figure.heatmap, x_axis) {
        return (-0.5, map.rows.len().max(1) as f64 - 0.5);
    }
    if let Some([a, b]) = axis.range {
        if a < b && (axis.scale == Scale::Linear || a > 0.0) {
            return (a, b);
        }
    }
    let values = figure.series.iter().flat_map(|s| if x_axis { s.x.iter() } else { s.y.iter() });
    let (lo, hi) = values
        .copied()
        .filter(|v| v.is_finite() && (!log || *v > 0.0))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if let Some((a, b)) = figure.heatmap.as_ref().and_then(|map| heatmap::x_extent(map, log)) {
        return (a.min(lo), b.max(hi));
    }
    match (lo.is_finite(), log) {
        (false, true) => (0.1, 1.0),
        (false, false) => (0.0, 1.0),
        (true, true) => (lo / 1.2, if hi > lo { hi * 1.2 } else { lo * 10.0 }),
        (true, false) => {
            let pad = if hi > lo { 0.05 * (hi - lo) } else { 0.5 * lo.abs().max(1.0) };
            (lo - pad, hi + pad)
        }
    }
}

/// A tick label: at most three significant digits, in plain decimals ("0.005", "20") except for
/// very small or large numbers ("1e-5").
pub fn tick_label(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".into();
    }
    let magnitude = libm::floor(libm::log10(v.abs())) as i32;
    let digits = 2 - magnitude;
    let p = libm::pow(10.0, f64::from(digits.abs()));
    let rounded = if digits >= 0 { libm::round(v * p) / p } else { libm::round(v / p) * p };
    if (-4..6).contains(&magnitude) { format!("{rounded}") } else { format_float(rounded) }
}

/// The corner of the plot with the fewest data points near it.
fn legend_corner(figure: &Figure, x: &AxisCoord, y: &AxisCoord) -> SeriesLabelPosition {
    // Crowding of the four corners: points within 45% of the width and 40% of the height.
    let mut crowd = [0usize; 4];
    for s in &figure.series {
        for (&px, &py) in s.x.iter().zip(&s.y) {
            let (u, v) = (x.unit(px), y.unit(py));
            if !(u.is_finite() && v.is_finite()) {
                continue;
            }
            let (left, right, low, high) = (u < 0.45, u > 0.55, v < 0.4, v > 0.6);
            for (k, hit) in [high && right, high && left, low && right, low && left].into_iter().enumerate() {
                crowd[k] += usize::from(hit);
            }
        }
    }
    match (0..4).min_by_key(|&k| crowd[k]) {
        Some(1) => SeriesLabelPosition::UpperLeft,
        Some(2) => SeriesLabelPosition::LowerRight,
        Some(3) => SeriesLabelPosition::LowerLeft,
        _ => SeriesLabelPosition::UpperRight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Axis, Series};

    #[test]
    fn tick_labels_are_short() {
        assert_eq!(tick_label(0.005), "0.005");
        assert_eq!(tick_label(0.30000000000000004), "0.3");
        assert_eq!(tick_label(20.0), "20");
        assert_eq!(tick_label(1e-5), "1e-5");
        assert_eq!(tick_label(123456.0), "123000");
        assert_eq!(tick_label(2.5e7), "2.5e7");
    }

    #[test]
    fn a_nan_cuts_a_theory_line() {
        let line = |x: Vec<f64>, y: Vec<f64>| Series {
            label: "line".into(),
            kind: SeriesKind::Theory,
            group: 0,
            x,
            y,
            y_err: None,
            secondary: false,
        };
        let nan = f64::NAN;
        let cut =
            line(vec![0.0, 1.0, nan, 2.0, 3.0, 4.0, f64::INFINITY, nan], vec![0.0, 1.0, 5.0, 1.0, nan, 0.0, 1.0, 1.0]);
        assert_eq!(pieces(&cut), vec![vec![(0.0, 0.0), (1.0, 1.0)], vec![(2.0, 1.0)], vec![(4.0, 0.0)]]);
        assert_eq!(pieces(&line(vec![nan], vec![nan])), Vec::<Vec<(f64, f64)>>::new());
        // Drawn: two pieces of two points are two paths, where the same points uncut are one.
        let figure = |s: Series| Figure {
            id: "f".into(),
            title: "t".into(),
            subtitle: String::new(),
            x: Axis { label: "x".into(), unit: String::new(), scale: Scale::Linear, range: Some([0.0, 4.0]) },
            y: Axis { label: "y".into(), unit: String::new(), scale: Scale::Linear, range: Some([0.0, 2.0]) },
            series: vec![s],
            heatmap: None,
            network: None,
        };
        let paths = |s: Series| svg(&figure(s), 400, 300).unwrap().matches("<polyline").count();
        let whole = paths(line(vec![0.0, 1.0, 2.0, 3.0], vec![0.0, 1.0, 1.0, 0.0]));
        let split = paths(line(vec![0.0, 1.0, nan, 2.0, 3.0], vec![0.0, 1.0, nan, 1.0, 0.0]));
        assert_eq!(split, whole + 1);
    }

    #[test]
    fn svg_shows_every_label_and_survives_bad_numbers() {
        let axis = |scale| Axis { label: "α".into(), unit: "s".into(), scale, range: None };
        let series = |kind, label: &str, y: Vec<f64>| Series {
            label: label.into(),
            kind,
            group: 0,
            x: vec![0.1, 1.0, 10.0],
            y,
            y_err: Some(vec![0.01, f64::NAN, 0.02]),
            secondary: false,
        };
        let figure = Figure {
            id: "f".into(),
            title: "A title".into(),
            subtitle: "a subtitle".into(),
            x: axis(Scale::Log),
            y: axis(Scale::Log),
            series: vec![
                series(SeriesKind::Theory, "the theory", vec![0.5, 0.2, 0.1]),
                series(SeriesKind::Simulation, "the simulation", vec![0.4, f64::NAN, -1.0]),
            ],
            heatmap: None,
            network: None,
        };
        let text = svg(&figure, 640, 400).unwrap();
        for label in ["A title", "a subtitle", "α (s)", "the theory", "the simulation"] {
            assert!(text.contains(label), "{label} missing");
        }
        // An empty figure and a degenerate range still draw.
        let empty = Figure { series: vec![], ..figure.clone() };
        assert!(svg(&empty, 300, 200).is_ok());
        // Points at both ends of a fixed range are drawn (a run's last point sits at t_max).
        let fixed = Axis { range: Some([0.1, 10.0]), ..axis(Scale::Log) };
        let ends = Figure {
            x: fixed,
            series: vec![Series { y_err: None, ..series(SeriesKind::Simulation, "ends", vec![0.5, 0.2, 0.1]) }],
            ..figure.clone()
        };
        let circles = |f: &Figure| svg(f, 640, 400).unwrap().matches("<circle").count();
        let wide = Figure { x: Axis { range: Some([0.01, 100.0]), ..axis(Scale::Log) }, ..ends.clone() };
        let narrow = Figure { x: Axis { range: Some([0.2, 5.0]), ..axis(Scale::Log) }, ..ends.clone() };
        assert!(circles(&narrow) < circles(&wide), "the narrow range leaves points out");
        assert_eq!(circles(&ends), circles(&wide), "every point drawn, the ends included");
    }

    #[test]
    fn unlabelled_series_are_drawn_but_not_listed() {
        let line = |label: &str, y: f64| Series {
            label: label.into(),
            kind: SeriesKind::Theory,
            group: 0,
            x: vec![0.0, 1.0],
            y: vec![y, y],
            y_err: None,
            secondary: false,
        };
        let axis = Axis { label: "x".into(), unit: String::new(), scale: Scale::Linear, range: None };
        let figure = Figure {
            id: "f".into(),
            title: "t".into(),
            subtitle: String::new(),
            x: axis.clone(),
            y: axis,
            series: vec![line("branch", 0.0), line("", 1.0)],
            heatmap: None,
            network: None,
        };
        assert_eq!(legend_entries(&figure).len(), 1);
        let listed = Figure { series: vec![line("branch", 0.0), line("other", 1.0)], ..figure.clone() };
        // Each theory line is one path in the plot, and one more sample in the legend per entry.
        let paths = |f: &Figure| svg(f, 640, 400).unwrap().matches("<polyline").count();
        assert_eq!(paths(&listed), paths(&figure) + 1);
        // With no entry at all there is no legend: only the two lines are drawn.
        assert_eq!(paths(&Figure { series: vec![line("", 0.0), line("", 1.0)], ..figure.clone() }) + 1, paths(&figure));
    }
}
