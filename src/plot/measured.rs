//! A drawing backend that measures text itself.
//!
//! plotters lays out labels with the sizes its backend reports; by default these come from its
//! font module, which in WebAssembly appends an element to the page and reads its size: a forced
//! layout of the whole page for every tick label, hundreds of milliseconds per figure on a page
//! with equations. [`Measured`] answers instead, from a measuring function, and passes every
//! drawing call through unchanged.

use plotters::prelude::DrawingBackend;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};

/// Measures text: (text, CSS font style, CSS font family, size in px) → (width, height) in px.
pub trait TextMeasure {
    fn measure(&self, text: &str, style: &str, family: &str, size: f64) -> (u32, u32);
}

impl<T: TextMeasure + ?Sized> TextMeasure for &T {
    fn measure(&self, text: &str, style: &str, family: &str, size: f64) -> (u32, u32) {
        (**self).measure(text, style, family, size)
    }
}

/// A deterministic estimate from the number of characters: the same layout natively and in the
/// browser, so that an SVG made by the page is the SVG made by the command-line tool.
pub struct Estimate;

impl TextMeasure for Estimate {
    fn measure(&self, text: &str, _style: &str, _family: &str, size: f64) -> (u32, u32) {
        // 0.56 em: the mean advance of a sans-serif font over Latin and Greek text and digits.
        let width = 0.56 * size * text.chars().count() as f64;
        (width.round() as u32, size.round() as u32)
    }
}

/// `inner`, with its text measured by `measure`.
pub struct Measured<B, M> {
    pub inner: B,
    pub measure: M,
}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;

impl<B: DrawingBackend, M: TextMeasure> DrawingBackend for Measured<B, M> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<B::ErrorType> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<B::ErrorType> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<B::ErrorType> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<B::ErrorType> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        a: BackendCoord,
        b: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<B::ErrorType> {
        self.inner.draw_rect(a, b, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<B::ErrorType> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<B::ErrorType> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<B::ErrorType> {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<B::ErrorType> {
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> std::result::Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        Ok(self.measure.measure(text, style.style().as_str(), style.family().as_str(), style.size()))
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<B::ErrorType> {
        self.inner.blit_bitmap(pos, size, src)
    }
}
