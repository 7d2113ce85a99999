//! Heat maps: rows of coloured cells over a figure's x axis, a diverging colour scale and its bar.
//!
//! Column j spans between the midpoints to its neighbours in the axis's own coordinate (geometric
//! midpoints on a log axis); row r spans [r − ½, r + ½]. Runs of cells of one colour are drawn as
//! one rectangle, and nothing is written per cell, so that 48 rows of 200 columns draw at once.

use super::{AxisCoord, DrawResult, INK, PALETTE, Style, linear_step, tick_label};
use crate::model::Heatmap;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// A diverging colour scale: blue for negative values, white at zero, orange-red for positive ones,
/// linear in the value. Symmetric ranges reach both ends; a range on one side of zero is a
/// sequential ramp from white at its end nearest zero.
#[derive(Debug, Clone, Copy)]
pub struct ColourScale {
    lo: f64,
    hi: f64,
    /// Values are mapped to t = (v − zero) · slope, clamped to [−1, 1]; −1 is blue, 1 is red.
    zero: f64,
    slope: f64,
    blue: Lab,
    red: Lab,
}

impl ColourScale {
    /// The scale for a heat map's range; a range that is reversed is turned round, one that is
    /// empty or not finite is widened to something drawable.
    pub fn new(range: [f64; 2]) -> Self {
        let [a, b] = range;
        let (mut lo, mut hi) = if a <= b { (a, b) } else { (b, a) };
        if !(lo.is_finite() && hi.is_finite()) {
            (lo, hi) = (-1.0, 1.0);
        } else if hi - lo <= 1e-12 * lo.abs().max(hi.abs()).max(1e-300) {
            let pad = if lo == 0.0 { 1.0 } else { 0.5 * lo.abs() };
            (lo, hi) = (lo - pad, hi + pad);
        }
        let (zero, slope) = if lo <= 0.0 && hi >= 0.0 {
            (0.0, 1.0 / (-lo).max(hi))
        } else if lo > 0.0 {
            (lo, 1.0 / (hi - lo))
        } else {
            (hi, 1.0 / (hi - lo))
        };
        ColourScale { lo, hi, zero, slope, blue: Lab::of(PALETTE[0]), red: Lab::of(PALETTE[1]) }
    }

    /// The range the scale spans, low to high.
    pub fn range(&self) -> (f64, f64) {
        (self.lo, self.hi)
    }

    /// The colour of a value; `None` for NaN (an empty cell).
    pub fn colour(&self, v: f64) -> Option<RGBColor> {
        if v.is_nan() {
            return None;
        }
        let t = ((v - self.zero) * self.slope).clamp(-1.0, 1.0);
        let end = if t < 0.0 { self.blue } else { self.red };
        Some(Lab::WHITE.towards(end, t.abs()).rgb())
    }
}

/// A colour in CIELAB (D65): mixing in it changes lightness evenly, so that equal steps in value
/// look like equal steps in colour.
#[derive(Debug, Clone, Copy)]
struct Lab(f64, f64, f64);

impl Lab {
    const WHITE: Lab = Lab(100.0, 0.0, 0.0);
    const WHITE_POINT: [f64; 3] = [0.95047, 1.0, 1.08883];

    fn of(c: RGBColor) -> Lab {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { libm::pow((c + 0.055) / 1.055, 2.4) }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let xyz = [
            0.4124564 * r + 0.3575761 * g + 0.1804375 * b,
            0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
            0.0193339 * r + 0.1191920 * g + 0.9503041 * b,
        ];
        let f = |t: f64| if t > 216.0 / 24389.0 { libm::cbrt(t) } else { t * 841.0 / 108.0 + 4.0 / 29.0 };
        let [fx, fy, fz] = [0, 1, 2].map(|i| f(xyz[i] / Self::WHITE_POINT[i]));
        Lab(116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz))
    }

    fn towards(self, other: Lab, t: f64) -> Lab {
        let mix = |a: f64, b: f64| a + (b - a) * t;
        Lab(mix(self.0, other.0), mix(self.1, other.1), mix(self.2, other.2))
    }

    fn rgb(self) -> RGBColor {
        let fy = (self.0 + 16.0) / 116.0;
        let f = [fy + self.1 / 500.0, fy, fy - self.2 / 200.0];
        let finv = |f: f64| if f > 6.0 / 29.0 { f * f * f } else { 108.0 / 841.0 * (f - 4.0 / 29.0) };
        let [x, y, z] = [0, 1, 2].map(|i| Self::WHITE_POINT[i] * finv(f[i]));
        let gamma = |c: f64| {
            let c = c.clamp(0.0, 1.0);
            let s = if c <= 0.0031308 { 12.92 * c } else { 1.055 * libm::pow(c, 1.0 / 2.4) - 0.055 };
            libm::round(s * 255.0).clamp(0.0, 255.0) as u8
        };
        RGBColor(
            gamma(3.2404542 * x - 1.5371385 * y - 0.4985314 * z),
            gamma(-0.9692660 * x + 1.8760108 * y + 0.0415560 * z),
            gamma(0.0556434 * x - 0.2040259 * y + 1.0572252 * z),
        )
    }
}

/// The edges of the columns (one more than the columns): midpoints between neighbouring centres,
/// in the axis's own coordinate, and the outer edges as far out as the inner ones. Non-finite
/// where a centre is unusable (not finite, or not positive on a log axis).
pub(super) fn column_edges(x: &[f64], log: bool) -> Vec<f64> {
    // Work in the axis's coordinate: the logarithm on a log axis.
    let to = |v: f64| if log { if v > 0.0 { libm::log(v) } else { f64::NAN } } else { v };
    let from = |u: f64| if log { libm::exp(u) } else { u };
    let u: Vec<f64> = x.iter().map(|&v| to(v)).collect();
    match u.len() {
        0 => Vec::new(),
        1 => {
            // A lone column: a unit wide on a linear axis, a decade wide on a log one.
            let half = if log { 0.5 * libm::log(10.0) } else { 0.5 };
            vec![from(u[0] - half), from(u[0] + half)]
        }
        n => {
            let mut edges = Vec::with_capacity(n + 1);
            edges.push(u[0] - 0.5 * (u[1] - u[0]));
            edges.extend(u.windows(2).map(|w| 0.5 * (w[0] + w[1])));
            edges.push(u[n - 1] + 0.5 * (u[n - 1] - u[n - 2]));
            edges.into_iter().map(from).collect()
        }
    }
}

/// The span of the map's cells on the x axis, if any cell has finite edges.
pub(super) fn x_extent(map: &Heatmap, log: bool) -> Option<(f64, f64)> {
    let (lo, hi) = column_edges(&map.x, log)
        .into_iter()
        .filter(|v| v.is_finite() && (!log || *v > 0.0))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    (lo < hi).then_some((lo, hi))
}

/// Height of a row label (CSS px) below which labels are thinned out.
const ROW_LABEL_PITCH: f64 = 15.0;

/// The y axis of a map with `rows` rows on a plot `plot_height` backend pixels high: rows 0 at
/// the bottom, each a unit high; every row labelled when there is room, else every k-th.
pub(super) fn row_axis(rows: usize, plot_height: u32, style: Style) -> AxisCoord {
    let pitch = style.scale * ROW_LABEL_PITCH;
    let fit = (f64::from(plot_height) / pitch).floor().max(1.0) as usize;
    let every = rows.div_ceil(fit).max(1);
    AxisCoord {
        lo: -0.5,
        hi: rows.max(1) as f64 - 0.5,
        log: false,
        bold: (0..rows).step_by(every).map(|r| r as f64).collect(),
        light: Vec::new(),
    }
}

/// The name of the row at a tick of the row axis.
pub(super) fn row_name(map: &Heatmap, v: f64) -> String {
    let r = libm::round(v);
    if r >= 0.0 { map.rows.get(r as usize).cloned().unwrap_or_default() } else { String::new() }
}

/// Draw the cells of `map` on `chart` (whose y axis is from [`row_axis`]): each row's runs of one
/// colour as one rectangle, NaN cells left empty.
pub(super) fn draw_cells<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<AxisCoord, AxisCoord>>,
    map: &Heatmap,
    log: bool,
    style: Style,
) -> DrawResult<DB> {
    let scale = ColourScale::new(map.range);
    let xr = chart.x_range();
    let edges = column_edges(&map.x, log);
    let columns = map.x.len();
    // Each column's span clamped to the plot, in pixels; None where it is off the plot or unusable.
    let spans: Vec<Option<(f64, f64)>> = edges
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0].min(w[1]).max(xr.start), w[0].max(w[1]).min(xr.end));
            let usable = a.is_finite() && b.is_finite() && a < b;
            usable.then_some((a, b))
        })
        .collect();
    let mut cells = Vec::new();
    for r in 0..map.rows.len() {
        let (y0, y1) = (r as f64 - 0.5, r as f64 + 0.5);
        // The current run: its colour, left edge and right edge.
        let mut run: Option<(RGBColor, f64, f64)> = None;
        for (c, span) in spans.iter().enumerate().take(columns) {
            let colour = map.values.get(r * columns + c).and_then(|&v| scale.colour(v));
            let next = match (*span, colour) {
                (Some((a, b)), Some(colour)) => Some((colour, a, b)),
                _ => None,
            };
            run = match (run, next) {
                (Some((colour, a, b)), Some((next_colour, next_a, next_b))) if colour == next_colour && b == next_a => {
                    Some((colour, a, next_b))
                }
                (done, next) => {
                    cells.extend(done.map(|(colour, a, b)| Rectangle::new([(a, y0), (b, y1)], colour.filled())));
                    next
                }
            };
        }
        cells.extend(run.map(|(colour, a, b)| Rectangle::new([(a, y0), (b, y1)], colour.filled())));
    }
    chart.draw_series(cells)?;
    // Hairlines between rows tall enough to spare them, so that neighbours of one colour stay apart.
    let rows = map.rows.len();
    let row_height = chart.plotting_area().get_pixel_range().1.len() as f64 / rows.max(1) as f64;
    if rows > 1 && row_height >= 8.0 * style.scale {
        let line = WHITE.stroke_width(style.px(1.0));
        let (a, b) = (xr.start, xr.end);
        chart.draw_series((1..rows).map(|r| PathElement::new(vec![(a, r as f64 - 0.5), (b, r as f64 - 0.5)], line)))?;
    }
    Ok(())
}

/// The colour bar at the right of a heat map (or of a network's nodes): the scale as a vertical strip with a few ticks, and
/// the map's label along it, read from the bottom up.
pub(super) struct ColourBar {
    scale: ColourScale,
    ticks: Vec<f64>,
    title: Vec<String>,
    style: Style,
    tick_width: u32,
    width: u32,
}

impl ColourBar {
    const GAP: f64 = 10.0;
    const TICK: f64 = 4.0;
    const LABEL_GAP: f64 = 3.0;
    const TITLE_GAP: f64 = 8.0;
    const TITLE_LINE: f64 = 15.0;
    const BAR: f64 = 12.0;

    /// Lay out the bar for a plot `plot_height` backend pixels high, measuring its text on `area`.
    pub(super) fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        range: [f64; 2],
        label: &str,
        style: Style,
        plot_height: u32,
    ) -> Result<Self, DrawingAreaErrorKind<DB::ErrorType>> {
        let scale = ColourScale::new(range);
        let (lo, hi) = scale.range();
        // About one tick per 40 CSS px of bar, and never fewer than two or more than six parts.
        let wanted = (f64::from(plot_height) / style.scale / 40.0).clamp(2.0, 6.0);
        let step = linear_step(lo, hi, wanted);
        let (first, last) = (libm::ceil(lo / step - 1e-9) as i64, libm::floor(hi / step + 1e-9) as i64);
        let ticks: Vec<f64> =
            (first..=last).map(|k| k as f64 * step).map(|v| if v.abs() < step * 1e-9 { 0.0 } else { v }).collect();
        let tick_font = TextStyle::from(style.font(11.0).into_font());
        let mut tick_width = 0;
        for &t in &ticks {
            tick_width = tick_width.max(area.estimate_text_size(&tick_label(t), &tick_font)?.0);
        }
        let title = fit_title(area, label, style, plot_height)?;
        let px = |css: f64| css * style.scale;
        let width = px(Self::GAP + Self::BAR + Self::TICK + Self::LABEL_GAP)
            + f64::from(tick_width)
            + if title.is_empty() { 0.0 } else { px(Self::TITLE_GAP + Self::TITLE_LINE * title.len() as f64) }
            + px(6.0);
        Ok(ColourBar { scale, ticks, title, style, tick_width, width: libm::ceil(width) as u32 })
    }

    /// The width (backend pixels) the bar takes at the right of the figure.
    pub(super) fn width(&self) -> u32 {
        self.width
    }

    /// Draw the bar on `area` (the strip right of the chart), beside a plot spanning the absolute
    /// backend rows `plot_y`.
    pub(super) fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, plot_y: Range<i32>) -> DrawResult<DB> {
        let style = self.style;
        let px = |css: f64| libm::round(css * style.scale) as i32;
        let base = area.get_base_pixel();
        let (top, bottom) = (plot_y.start - base.1, plot_y.end - base.1);
        if bottom - top < 2 {
            return Ok(());
        }
        let (x0, x1) = (px(ColourBar::GAP), px(ColourBar::GAP + ColourBar::BAR));
        let (lo, hi) = self.scale.range();
        let value_at = |y: i32| hi - (hi - lo) * (f64::from(y - top) + 0.5) / f64::from(bottom - top);
        // The gradient, one backend pixel row at a time, runs of one colour merged.
        let mut y = top;
        while y < bottom {
            let colour = self.scale.colour(value_at(y)).unwrap_or(WHITE);
            let mut end = y + 1;
            while end < bottom && self.scale.colour(value_at(end)) == Some(colour) {
                end += 1;
            }
            area.draw(&Rectangle::new([(x0, y), (x1, end)], colour.filled()))?;
            y = end;
        }
        area.draw(&Rectangle::new([(x0, top), (x1, bottom)], INK.mix(0.5).stroke_width(style.px(1.0))))?;
        let tick = INK.mix(0.8).stroke_width(style.px(1.0));
        let font = style.font(11.0).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
        let text_x = x1 + px(ColourBar::TICK + ColourBar::LABEL_GAP);
        for &t in &self.ticks {
            let y = top + libm::round((hi - t) / (hi - lo) * f64::from(bottom - top)) as i32;
            area.draw(&PathElement::new(vec![(x1, y), (x1 + px(ColourBar::TICK), y)], tick))?;
            area.draw(&Text::new(tick_label(t), (text_x, y), font.clone()))?;
        }
        // The title, rotated to read upwards, centred on the bar; a second line further right.
        let title_x = text_x + self.tick_width as i32 + px(ColourBar::TITLE_GAP);
        let font = style
            .font(12.0)
            .into_font()
            .transform(FontTransform::Rotate270)
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Top));
        for (k, line) in self.title.iter().enumerate() {
            let x = title_x + px(ColourBar::TITLE_LINE * k as f64);
            area.draw(&Text::new(line.clone(), (x, (top + bottom) / 2), font.clone()))?;
        }
        Ok(())
    }
}

/// The bar's title as one line if it fits along a plot `room` pixels high, else two lines broken
/// at the space nearest the middle, else shortened with an ellipsis.
fn fit_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    style: Style,
    room: u32,
) -> Result<Vec<String>, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = TextStyle::from(style.font(12.0).into_font());
    let fits = |text: &str| area.estimate_text_size(text, &font).map(|(w, _)| w <= room);
    let title = title.trim();
    if title.is_empty() || fits(title)? {
        return Ok(if title.is_empty() { Vec::new() } else { vec![title.to_string()] });
    }
    let middle = title.chars().count() / 2;
    let split = title
        .char_indices()
        .filter(|&(_, c)| c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| title[..i].chars().count().abs_diff(middle));
    let lines: Vec<&str> = match split {
        Some(i) => vec![title[..i].trim_end(), title[i..].trim_start()],
        None => vec![title],
    };
    let mut out = Vec::new();
    for line in lines {
        let chars: Vec<char> = line.chars().collect();
        let mut keep = chars.len();
        let mut text = line.to_string();
        while keep > 1 && !fits(&text)? {
            keep -= 1;
            text = chars[..keep].iter().collect::<String>().trim_end().to_string() + "…";
        }
        out.push(text);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Axis, Figure, Scale, Series, SeriesKind};
    use crate::plot::svg;

    fn figure(map: Heatmap, series: Vec<Series>) -> Figure {
        Figure {
            id: "overlaps".into(),
            title: "Student–teacher overlaps".into(),
            subtitle: "K = 4, M = 2".into(),
            x: Axis { label: "t".into(), unit: String::new(), scale: Scale::Log, range: None },
            y: Axis { label: "overlap".into(), unit: String::new(), scale: Scale::Linear, range: None },
            series,
            heatmap: Some(map),
            network: None,
        }
    }

    /// R_in for K = 4 students and M = 2 teachers, each rising from 0 to 1 at its own time.
    fn overlaps(columns: usize) -> Heatmap {
        let x: Vec<f64> = (0..columns).map(|j| 0.01 * libm::pow(1e5, j as f64 / (columns - 1) as f64)).collect();
        let mut rows = Vec::new();
        let mut values = Vec::new();
        for i in 1..=4 {
            for n in 1..=2 {
                rows.push(format!("R{}{}", ['₀', '₁', '₂', '₃', '₄'][i], ['₀', '₁', '₂'][n]));
                let t0 = libm::pow(10.0, (i * 2 + n) as f64 * 0.3 - 1.0);
                let sign = if (i + n) % 3 == 0 { -1.0 } else { 1.0 };
                values.extend(x.iter().map(|&t| sign * libm::tanh(t / t0) * if (i + n) % 4 == 0 { 0.4 } else { 1.0 }));
            }
        }
        Heatmap { x, rows, values, range: [-1.0, 1.0], label: "R, student–teacher overlap".into() }
    }

    fn hex(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    #[test]
    fn scale_is_white_at_zero_and_palette_at_the_ends() {
        let s = ColourScale::new([-2.0, 2.0]);
        let close = |a: RGBColor, b: RGBColor| (0..3).all(|i| [a.0, a.1, a.2][i].abs_diff([b.0, b.1, b.2][i]) <= 1);
        assert!(close(s.colour(0.0).unwrap(), WHITE));
        assert!(close(s.colour(-2.0).unwrap(), PALETTE[0]));
        assert!(close(s.colour(2.0).unwrap(), PALETTE[1]));
        assert_eq!(s.colour(9.0), s.colour(2.0), "values beyond the range take the end's colour");
        assert_eq!(s.colour(f64::NAN), None);
        // One slope on both sides: white at 0, and -1 as pale as +1 is.
        let s = ColourScale::new([-1.0, 3.0]);
        assert!(close(s.colour(0.0).unwrap(), WHITE));
        assert_eq!(s.colour(-1.0), ColourScale::new([-3.0, 3.0]).colour(-1.0));
        // A range on one side of zero is a ramp from white.
        let s = ColourScale::new([0.5, 1.5]);
        assert!(close(s.colour(0.5).unwrap(), WHITE) && close(s.colour(1.5).unwrap(), PALETTE[1]));
        let s = ColourScale::new([-1.5, -0.5]);
        assert!(close(s.colour(-0.5).unwrap(), WHITE) && close(s.colour(-1.5).unwrap(), PALETTE[0]));
        // Lightness falls evenly: the red at a quarter is between white and the red at a half.
        let s = ColourScale::new([-1.0, 1.0]);
        let (q, h) = (s.colour(0.25).unwrap(), s.colour(0.5).unwrap());
        assert!(q.2 > h.2 && h.2 > PALETTE[1].2);
        for range in [[1.0, 1.0], [0.0, 0.0], [2.0, -2.0], [f64::NAN, 1.0], [f64::NEG_INFINITY, 0.0]] {
            let s = ColourScale::new(range);
            let (lo, hi) = s.range();
            assert!(lo < hi && lo.is_finite() && hi.is_finite(), "{range:?}");
            assert!(s.colour(lo).is_some() && s.colour(f64::INFINITY).is_some());
        }
    }

    #[test]
    fn columns_meet_at_midpoints_in_the_axis_coordinate() {
        assert_eq!(column_edges(&[1.0, 2.0, 4.0], false), vec![0.5, 1.5, 3.0, 5.0]);
        let log = column_edges(&[1.0, 100.0, 10000.0], true);
        for (got, want) in log.iter().zip([0.1, 10.0, 1000.0, 100000.0]) {
            assert!((got / want - 1.0).abs() < 1e-12, "{got} vs {want}");
        }
        assert_eq!(column_edges(&[], true), Vec::<f64>::new());
        assert_eq!(column_edges(&[3.0], false), vec![2.5, 3.5]);
        assert!(column_edges(&[-1.0, 1.0], true).iter().any(|v| v.is_nan()));
    }

    #[test]
    fn svg_names_rows_and_the_colour_bar() {
        let mut map = overlaps(12);
        map.rows[3] = "Q₃₃".into();
        let line = Series {
            label: "generalisation error".into(),
            kind: SeriesKind::Theory,
            group: 2,
            x: map.x.clone(),
            y: map.x.iter().map(|t| 7.0 / (1.0 + t)).collect(),
            y_err: None,
            secondary: false,
        };
        for (width, height) in [(800, 520), (380, 400)] {
            let text = svg(&figure(map.clone(), vec![line.clone()]), width, height).unwrap();
            for label in ["R₁₁", "R₄₂", "Q₃₃", "overlap", "generalisation error"] {
                assert!(text.contains(label), "{label} missing at {width} px");
            }
            assert!(text.contains("R, student–teacher overlap") || text.contains("R, student–teacher…"));
            assert!(text.contains("\n0.5\n") && !text.contains("0.500"), "colour-bar ticks are short");
        }
        // Compact figures leave out the bar but keep the cells.
        let mut out = String::new();
        {
            let backend = crate::plot::Measured {
                inner: SVGBackend::with_string(&mut out, (300, 200)),
                measure: crate::plot::Estimate,
            };
            let style = Style { scale: 1.0, compact: true };
            crate::plot::draw(&backend.into_drawing_area(), &figure(map.clone(), vec![]), style).unwrap();
        }
        assert!(
            !out.contains("student–teacher") && out.contains(&hex(ColourScale::new(map.range).colour(1.0).unwrap()))
        );
    }

    #[test]
    fn nan_cells_stay_empty() {
        let blank = Heatmap {
            x: vec![1.0, 2.0, 3.0],
            rows: vec!["a".into(), "b".into()],
            values: vec![f64::NAN; 6],
            range: [-1.0, 1.0],
            label: "v".into(),
        };
        let mut one = blank.clone();
        one.values[4] = -0.37;
        let text = |map: &Heatmap| svg(&figure(map.clone(), vec![]), 640, 400).unwrap();
        let (blank, one) = (text(&blank), text(&one));
        assert_eq!(one.matches("<rect").count(), blank.matches("<rect").count() + 1);
        let fill = format!("fill=\"{}\"", hex(ColourScale::new([-1.0, 1.0]).colour(-0.37).unwrap()));
        assert_eq!(one.matches(&fill).count(), blank.matches(&fill).count() + 1);
    }

    #[test]
    fn degenerate_maps_still_draw() {
        let base = overlaps(5);
        let cases = [
            Heatmap { range: [0.5, 0.5], ..base.clone() },
            Heatmap { range: [f64::NAN, f64::INFINITY], ..base.clone() },
            Heatmap { x: vec![], values: vec![], ..base.clone() },
            Heatmap { rows: vec![], values: vec![], ..base.clone() },
            Heatmap { x: vec![1.0], values: vec![0.3; 8], ..base.clone() },
            Heatmap { values: vec![0.1; 3], ..base.clone() },
            Heatmap { x: vec![-1.0, 0.0, 5.0, 5.0, 2.0], ..base.clone() },
            Heatmap { label: String::new(), ..base.clone() },
            Heatmap {
                label: "a very long label that cannot possibly fit along the side of a small plot".into(),
                ..base
            },
        ];
        for map in cases {
            for (w, h) in [(640, 400), (320, 300), (60, 40), (0, 0)] {
                assert!(svg(&figure(map.clone(), vec![]), w, h).is_ok(), "{map:?} at {w}x{h}");
            }
        }
    }

    #[test]
    fn many_cells_draw_as_few_rectangles() {
        // 48 rows of 200 columns, each row a plateau, a ramp and a plateau.
        let x: Vec<f64> = (0..200).map(|j| j as f64).collect();
        let rows: Vec<String> = (0..48).map(|r| format!("r{r}")).collect();
        let values =
            (0..48).flat_map(|r| x.iter().map(move |&t| ((t - 2.0 * r as f64) / 40.0).clamp(0.0, 1.0))).collect();
        let map = Heatmap { x, rows, values, range: [0.0, 1.0], label: "v".into() };
        let f = Figure { x: Axis { scale: Scale::Linear, ..figure(map.clone(), vec![]).x }, ..figure(map, vec![]) };
        let text = svg(&f, 800, 520).unwrap();
        let rects = text.matches("<rect").count();
        assert!(rects < 48 * 60, "{rects} rectangles for 9600 cells");
        // Rows too thin for a name each are named every few rows, bottom row first.
        let named = (0..48).filter(|r| text.contains(&format!(">\nr{r}\n<"))).count();
        assert!(text.contains(">\nr0\n<") && (8..48).contains(&named), "{named} rows named");
    }

    /// The figures a page makes, at every size it draws them: each draws, with its cells. With
    /// REPLICA_WRITE_EXAMPLES set, they are also written to target/heatmap-*.svg to look at.
    #[test]
    fn heatmap_examples_draw_at_every_size() {
        let map = overlaps(120);
        let line = Series {
            label: "ε_g, theory".into(),
            kind: SeriesKind::Theory,
            group: 2,
            x: map.x.clone(),
            y: map.x.iter().map(|t| 7.0 * libm::exp(-t / 30.0)).collect(),
            y_err: None,
            secondary: false,
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
        let write = |name: &str, f: &Figure, (w, h): (u32, u32), scale: f64, compact: bool| {
            let mut out = String::new();
            {
                let backend = crate::plot::Measured {
                    inner: SVGBackend::with_string(&mut out, (w, h)),
                    measure: crate::plot::Estimate,
                };
                crate::plot::draw(&backend.into_drawing_area(), f, Style { scale, compact }).unwrap();
            }
            assert!(out.contains("<rect"), "{name}: no cells drawn");
            if std::env::var_os("REPLICA_WRITE_EXAMPLES").is_some() {
                std::fs::write(dir.join(format!("heatmap-{name}.svg")), out).unwrap();
            }
        };
        write("wide", &figure(map.clone(), vec![]), (800, 520), 1.0, false);
        write("narrow", &figure(map.clone(), vec![]), (400, 330), 1.0, false);
        write("line", &figure(map.clone(), vec![line.clone()]), (800, 520), 1.0, false);
        write("thumbnail", &figure(map.clone(), vec![]), (300, 200), 1.0, true);
        let mut untitled = figure(map.clone(), vec![]);
        untitled.y.label.clear();
        untitled.heatmap.as_mut().unwrap().label = "R, overlap of the students' hidden units with the teacher's".into();
        write("untitled", &untitled, (400, 330), 1.0, false);
        // A phone at two device pixels per CSS pixel: 360 CSS px wide.
        write("phone", &figure(map.clone(), vec![line]), (720, 680), 2.0, false);
        let x: Vec<f64> = (0..200).map(|j| 0.01 * libm::pow(1e5, j as f64 / 199.0)).collect();
        let rows: Vec<String> = (0..48).map(|r| format!("Q{}{}", r / 7, r % 7)).collect();
        let values = (0..48)
            .flat_map(|r| {
                x.iter().map(move |&t| {
                    libm::tanh(t / libm::pow(10.0, r as f64 / 12.0 - 1.0)) * if r % 2 == 0 { 1.0 } else { -0.6 }
                })
            })
            .collect();
        let many = Heatmap { x, rows, values, range: [-1.0, 1.0], label: "Q, student–student overlap".into() };
        write("many", &figure(many, vec![]), (800, 520), 1.0, false);
    }
}
