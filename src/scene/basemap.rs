//! Country outlines (Natural Earth via `assets/world.json`), projected and triangulated once per
//! projection so the map can fill and stroke them every frame without recomputing.

use serde::Deserialize;

use crate::gazetteer::{AssetError, EntityId, Gazetteer};
use crate::layout::{MapPos, Projection};

const WORLD_JSON: &str = include_str!("../../assets/world.json");

#[derive(Deserialize)]
struct WorldFile {
    countries: Vec<WorldCountry>,
}

#[derive(Deserialize)]
struct WorldCountry {
    iso3: String,
    /// Polygons; each a list of rings (outer first, then holes); each ring flat `lon, lat, …`.
    polygons: Vec<Vec<Vec<f64>>>,
}

/// One country's outline in map space.
#[derive(Clone, Debug)]
pub struct CountryShape {
    /// ISO 3166-1 alpha-3.
    pub code: String,
    /// The gazetteer entity, when the code is known.
    pub entity: Option<EntityId>,
    /// Projected vertices of every ring, ring after ring.
    pub vertices: Vec<MapPos>,
    /// Triangles, as indices into `vertices`.
    pub triangles: Vec<u32>,
    /// Each ring as a range of `vertices` (closed implicitly).
    pub rings: Vec<std::ops::Range<usize>>,
    /// `[min_x, min_y, max_x, max_y]`.
    pub bounds: [f32; 4],
}

impl CountryShape {
    /// Whether a map-space point lies inside the outline.
    pub fn contains(&self, p: MapPos) -> bool {
        let [x0, y0, x1, y1] = self.bounds;
        if p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 {
            return false;
        }
        self.triangles.chunks_exact(3).any(|t| {
            in_triangle(
                p,
                self.vertices[t[0] as usize],
                self.vertices[t[1] as usize],
                self.vertices[t[2] as usize],
            )
        })
    }
}

fn in_triangle(p: MapPos, a: MapPos, b: MapPos, c: MapPos) -> bool {
    let side = |u: MapPos, v: MapPos| (v[0] - u[0]) * (p[1] - u[1]) - (v[1] - u[1]) * (p[0] - u[0]);
    let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a));
    let neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(neg && pos)
}

/// All country outlines for one projection.
#[derive(Clone, Debug)]
pub struct Basemap {
    /// The projection the vertices are in.
    pub projection: Projection,
    /// Countries, sorted by code.
    pub countries: Vec<CountryShape>,
}

impl Basemap {
    /// The bundled outlines, projected and triangulated.
    pub fn bundled(projection: Projection, gazetteer: &Gazetteer) -> Result<Self, AssetError> {
        let file: WorldFile =
            serde_json::from_str(WORLD_JSON).map_err(|source| AssetError::Json {
                file: "world.json",
                source,
            })?;
        let mut earcut = earcut::Earcut::new();
        let mut countries = Vec::with_capacity(file.countries.len());
        for c in file.countries {
            let mut shape = CountryShape {
                entity: gazetteer.by_code(&c.iso3),
                code: c.iso3,
                vertices: Vec::new(),
                triangles: Vec::new(),
                rings: Vec::new(),
                bounds: [f32::MAX, f32::MAX, f32::MIN, f32::MIN],
            };
            let mut out: Vec<u32> = Vec::new();
            for polygon in &c.polygons {
                let base = shape.vertices.len();
                let mut holes: Vec<u32> = Vec::new();
                for (i, ring) in polygon.iter().enumerate() {
                    if i > 0 {
                        holes.push((shape.vertices.len() - base) as u32);
                    }
                    let start = shape.vertices.len();
                    for pair in ring.chunks_exact(2) {
                        let p = projection.map_from_lonlat(pair[0], pair[1]);
                        shape.bounds = [
                            shape.bounds[0].min(p[0]),
                            shape.bounds[1].min(p[1]),
                            shape.bounds[2].max(p[0]),
                            shape.bounds[3].max(p[1]),
                        ];
                        shape.vertices.push(p);
                    }
                    shape.rings.push(start..shape.vertices.len());
                }
                earcut.earcut(shape.vertices[base..].iter().copied(), &holes, &mut out);
                shape.triangles.extend(out.iter().map(|&i| i + base as u32));
            }
            countries.push(shape);
        }
        countries.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(Self {
            projection,
            countries,
        })
    }

    /// The country under a map-space point.
    pub fn country_at(&self, p: MapPos) -> Option<&CountryShape> {
        self.countries.iter().find(|c| c.contains(p))
    }

    /// The outline of a country by code.
    pub fn country(&self, code: &str) -> Option<&CountryShape> {
        self.countries
            .binary_search_by(|c| c.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.countries[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_cover_the_capitals() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let p = Projection::EqualEarth;
        let map = Basemap::bundled(p, &g).expect("world outlines");
        assert!(map.countries.len() > 200);
        for (code, lon, lat) in [
            ("AZE", 49.87, 40.41),
            ("TUR", 32.86, 39.93),
            ("JPN", 139.7, 35.7),
            ("BRA", -47.9, -15.8),
        ] {
            let at = map
                .country_at(p.map_from_lonlat(lon, lat))
                .map(|c| c.code.as_str());
            assert_eq!(at, Some(code));
        }
        assert!(
            map.country_at(p.map_from_lonlat(-30.0, 0.0)).is_none(),
            "mid-Atlantic is sea"
        );
        let aze = map.country("AZE").expect("AZE outline");
        assert!(
            aze.rings.len() >= 2,
            "Azerbaijan has the Nakhchivan exclave"
        );
        assert!(!aze.triangles.is_empty() && aze.triangles.len().is_multiple_of(3));
    }
}
