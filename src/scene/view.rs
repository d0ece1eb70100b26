//! A view onto map space: which map point sits at the centre of a picture, and at what scale.

use crate::layout::MapPos;

/// Where a picture looks: a map-space centre and a scale, for a picture of a given size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Map-space point at the centre.
    pub center: MapPos,
    /// Pixels per map unit.
    pub px_per_unit: f32,
    /// Picture size in pixels.
    pub size: [f32; 2],
}

impl View {
    /// The view that shows `bounds` (`[min_x, min_y, max_x, max_y]`) in a picture of `size`
    /// with `margin_px` on every side.
    pub fn fit(bounds: [f32; 4], size: [f32; 2], margin_px: f32) -> Self {
        let w = (bounds[2] - bounds[0]).max(1e-3);
        let h = (bounds[3] - bounds[1]).max(1e-3);
        let avail = [
            (size[0] - 2.0 * margin_px).max(10.0),
            (size[1] - 2.0 * margin_px).max(10.0),
        ];
        Self {
            center: [
                f32::midpoint(bounds[0], bounds[2]),
                f32::midpoint(bounds[1], bounds[3]),
            ],
            px_per_unit: (avail[0] / w).min(avail[1] / h),
            size,
        }
    }

    /// Picture coordinates of a map-space point.
    pub fn picture_from_map(&self, p: MapPos) -> [f32; 2] {
        [
            self.size[0] / 2.0 + (p[0] - self.center[0]) * self.px_per_unit,
            self.size[1] / 2.0 + (p[1] - self.center[1]) * self.px_per_unit,
        ]
    }
}

/// Bounds around data, padded, never smaller than a region of the world, so one country is not
/// blown up to fill the picture.
pub fn padded_bounds(b: [f32; 4]) -> [f32; 4] {
    let (cx, cy) = (f32::midpoint(b[0], b[2]), f32::midpoint(b[1], b[3]));
    let half_w = ((b[2] - b[0]) / 2.0 * 1.15).max(0.35);
    let half_h = ((b[3] - b[1]) / 2.0 * 1.15).max(0.2);
    [cx - half_w, cy - half_h, cx + half_w, cy + half_h]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_puts_the_bounds_inside_the_picture() {
        let v = View::fit([-1.0, -0.5, 1.0, 0.5], [800.0, 600.0], 10.0);
        let a = v.picture_from_map([-1.0, -0.5]);
        let b = v.picture_from_map([1.0, 0.5]);
        assert!((a[0] - 10.0).abs() < 1e-3 && (b[0] - 790.0).abs() < 1e-3);
        assert!(a[1] >= 10.0 && b[1] <= 590.0);
    }
}
