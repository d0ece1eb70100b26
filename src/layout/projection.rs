//! Map projections from longitude/latitude (degrees) to map space (y down).

use super::MapPos;

/// A world map projection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Projection {
    /// Equal Earth (Šavrič, Patterson & Jenny 2018): equal-area, pleasant shapes. The default.
    #[default]
    EqualEarth,
    /// Natural Earth (Šavrič et al. 2011): a compromise with rounded corners.
    NaturalEarth,
    /// Plate carrée: longitude and latitude as x and y.
    Equirectangular,
}

// Equal Earth polynomial coefficients.
const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

impl Projection {
    /// Every projection, for a chooser.
    pub const ALL: [Self; 3] = [Self::EqualEarth, Self::NaturalEarth, Self::Equirectangular];

    /// A name for people.
    pub fn name(self) -> &'static str {
        match self {
            Self::EqualEarth => "Equal Earth",
            Self::NaturalEarth => "Natural Earth",
            Self::Equirectangular => "Equirectangular",
        }
    }

    /// Projects a longitude/latitude in degrees to map space.
    pub fn map_from_lonlat(self, lon: f64, lat: f64) -> MapPos {
        let (x, y) = self.forward(
            lon.clamp(-180.0, 180.0).to_radians(),
            lat.clamp(-90.0, 90.0).to_radians(),
        );
        [x as f32, -y as f32]
    }

    /// The inverse of [`Self::map_from_lonlat`]: degrees from a map-space point.
    pub fn lonlat_from_map(self, pos: MapPos) -> (f64, f64) {
        let (x, y) = (f64::from(pos[0]), -f64::from(pos[1]));
        match self {
            Self::Equirectangular => (x.to_degrees(), y.to_degrees()),
            Self::NaturalEarth => {
                // Newton's method on y(φ), then x gives λ.
                let mut phi = y;
                for _ in 0..25 {
                    let p2 = phi * phi;
                    let p4 = p2 * p2;
                    let fy = phi
                        * (1.007_226
                            + p2 * (0.015_085
                                + p4 * (-0.044_475 + 0.028_874 * p2 - 0.005_916 * p4)))
                        - y;
                    let dy = 1.007_226
                        + p2 * (3.0 * 0.015_085
                            + p4 * (-7.0 * 0.044_475 + 9.0 * 0.028_874 * p2
                                - 11.0 * 0.005_916 * p4));
                    let delta = fy / dy;
                    phi -= delta;
                    if delta.abs() < 1e-12 {
                        break;
                    }
                }
                let lambda = x / natural_earth_x_scale(phi);
                (lambda.to_degrees(), phi.to_degrees())
            }
            Self::EqualEarth => {
                // Newton's method on y(θ), then x gives λ.
                let mut theta = y / A1;
                for _ in 0..12 {
                    let t2 = theta * theta;
                    let t6 = t2 * t2 * t2;
                    let fy = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - y;
                    let dy = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
                    let delta = fy / dy;
                    theta -= delta;
                    if delta.abs() < 1e-12 {
                        break;
                    }
                }
                let t2 = theta * theta;
                let t6 = t2 * t2 * t2;
                let m = 3f64.sqrt() / 2.0;
                let lambda =
                    m * x * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)) / theta.cos();
                let phi = (theta.sin() / m).clamp(-1.0, 1.0).asin();
                (lambda.to_degrees(), phi.to_degrees())
            }
        }
    }

    fn forward(self, lambda: f64, phi: f64) -> (f64, f64) {
        match self {
            Self::Equirectangular => (lambda, phi),
            Self::NaturalEarth => {
                let p2 = phi * phi;
                let p4 = p2 * p2;
                let y = phi
                    * (1.007_226
                        + p2 * (0.015_085 + p4 * (-0.044_475 + 0.028_874 * p2 - 0.005_916 * p4)));
                (lambda * natural_earth_x_scale(phi), y)
            }
            Self::EqualEarth => {
                let m = 3f64.sqrt() / 2.0;
                let theta = (m * phi.sin()).asin();
                let t2 = theta * theta;
                let t6 = t2 * t2 * t2;
                let x = lambda * theta.cos()
                    / (m * (A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)));
                let y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
                (x, y)
            }
        }
    }

    /// The map-space rectangle `[min_x, min_y, max_x, max_y]` of the whole world.
    pub fn world_bounds(self) -> [f32; 4] {
        let mut b = [f32::MAX, f32::MAX, f32::MIN, f32::MIN];
        for lat in [-90.0, -60.0, -30.0, 0.0, 30.0, 60.0, 90.0] {
            for lon in [-180.0, 180.0] {
                let [x, y] = self.map_from_lonlat(lon, lat);
                b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
        }
        b
    }
}

/// Natural Earth's x = λ · this(φ).
fn natural_earth_x_scale(phi: f64) -> f64 {
    let p2 = phi * phi;
    let p4 = p2 * p2;
    0.870_700 - 0.131_979 * p2 + p4 * (-0.013_791 + p4 * (0.003_971 * p2 - 0.001_529 * p4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for p in Projection::ALL {
            for (lon, lat) in [
                (0.0, 0.0),
                (47.6, 40.1),
                (-122.4, 37.8),
                (151.2, -33.9),
                (179.0, 80.0),
            ] {
                let (lon2, lat2) = p.lonlat_from_map(p.map_from_lonlat(lon, lat));
                assert!(
                    (lon - lon2).abs() < 1e-3 && (lat - lat2).abs() < 1e-3,
                    "{p:?} {lon},{lat} -> {lon2},{lat2}"
                );
            }
        }
    }

    #[test]
    fn north_is_up_and_east_is_right() {
        let p = Projection::EqualEarth;
        let baku = p.map_from_lonlat(49.9, 40.4);
        let ankara = p.map_from_lonlat(32.9, 39.9);
        let moscow = p.map_from_lonlat(37.6, 55.8);
        assert!(baku[0] > ankara[0]);
        assert!(moscow[1] < ankara[1]);
    }

    #[test]
    fn equal_earth_extent() {
        let [x0, y0, x1, y1] = Projection::EqualEarth.world_bounds();
        assert!(
            (x1 - 2.7064).abs() < 1e-3 && (x0 + 2.7064).abs() < 1e-3,
            "{x0} {x1}"
        );
        assert!(
            (y1 - 1.3173).abs() < 1e-3 && (y0 + 1.3173).abs() < 1e-3,
            "{y0} {y1}"
        );
    }
}
