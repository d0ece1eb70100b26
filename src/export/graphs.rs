//! The graph for other tools: GEXF 1.3 (Gephi), GraphML (Cytoscape, yEd, igraph, networkx) and
//! the countries as CSV. Each node carries its position in the view it was exported from, its
//! community and its counts; each link its weight, score and document count.

use std::io::Write;

use super::{csv_field, round2, round6, sorted_links};
use crate::gazetteer::Gazetteer;
use crate::graph::{Analysis, Measure};
use crate::layout::Layout;
use crate::scene::{Palette, Style, xml_escaped as xml};

/// One country as the graph files write it.
struct NodeRow<'a> {
    code: &'a str,
    name: &'a str,
    x: f64,
    y: f64,
    lon: f64,
    lat: f64,
    mentions: u32,
    documents: u32,
    community: u32,
    weighted_degree: u32,
    betweenness: f64,
}

/// How many units of a graph file one unit of the layout is: the world map is then a few
/// thousand units wide, the scale Gephi and Cytoscape draw nodes of size 5–30 at.
const SCALE: f64 = 1000.0;

/// Which way y points in a graph file.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Up {
    /// North is +y (Gephi).
    North,
    /// North is -y, as on screen (Cytoscape, yEd, and the layout itself).
    Screen,
}

/// The countries, sorted by code, at their places in `layout` times [`SCALE`], y as `up` says.
fn node_rows<'a>(
    gazetteer: &'a Gazetteer,
    analysis: &Analysis,
    layout: &Layout,
    up: Up,
) -> Vec<NodeRow<'a>> {
    let mut rows: Vec<NodeRow> = analysis
        .graph
        .node_indices()
        .map(|n| {
            let node = &analysis.graph[n];
            let e = gazetteer.entity(node.entity);
            let [x, y] = layout.pos(n);
            NodeRow {
                code: &e.code,
                name: &e.name,
                x: round2(f64::from(x) * SCALE),
                y: round2(f64::from(y) * SCALE * if up == Up::North { -1.0 } else { 1.0 }),
                lon: round2(e.lon),
                lat: round2(e.lat),
                mentions: node.mentions,
                documents: node.documents,
                community: node.community,
                weighted_degree: node.weighted_degree,
                betweenness: round6(node.betweenness),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.code.cmp(b.code));
    rows
}

/// A node's drawn size: grows with the square root of its mentions, as on the map.
fn node_size(mentions: u32) -> f64 {
    round2(4.0 + 2.0 * f64::from(mentions).sqrt())
}

/// What the layout's coordinates are, for the file's description.
fn described(analysis: &Analysis) -> String {
    format!(
        "Co-mentions of countries ({} window{}) in {} documents, exported by Corridor Atlas {}",
        analysis.params.window.as_str(),
        if analysis.params.measure == Measure::Count {
            String::new()
        } else {
            format!(", scored by {}", analysis.params.measure.as_str())
        },
        analysis.documents,
        env!("CARGO_PKG_VERSION"),
    )
}

/// Node attributes, in the order both graph formats declare them: (id, title, GEXF type,
/// GraphML type).
const NODE_ATTRIBUTES: [(&str, &str, &str, &str); 8] = [
    ("code", "code", "string", "string"),
    ("mentions", "mentions", "integer", "int"),
    ("documents", "documents", "integer", "int"),
    ("community", "community", "integer", "int"),
    ("weighted_degree", "weighted degree", "integer", "int"),
    ("betweenness", "betweenness", "double", "double"),
    ("lon", "longitude", "double", "double"),
    ("lat", "latitude", "double", "double"),
];

impl NodeRow<'_> {
    /// The values of [`NODE_ATTRIBUTES`], in order.
    fn values(&self) -> [String; 8] {
        [
            self.code.to_owned(),
            self.mentions.to_string(),
            self.documents.to_string(),
            self.community.to_string(),
            self.weighted_degree.to_string(),
            self.betweenness.to_string(),
            self.lon.to_string(),
            self.lat.to_string(),
        ]
    }
}

/// Writes the graph as GEXF 1.3: countries with their code, counts, community and betweenness
/// as attributes and their place (y pointing north, as Gephi draws it), size and community
/// colour as `viz`; undirected links
/// weighted by their co-mentions, with score and documents as attributes.
pub fn write_gexf(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    analysis: &Analysis,
    layout: &Layout,
    palette: Palette,
) -> std::io::Result<()> {
    let style = Style::light().with_palette(palette);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>Corridor Atlas</creator>")?;
    writeln!(
        out,
        "    <description>{}</description>",
        xml(&described(analysis))
    )?;
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        r#"  <graph defaultedgetype="undirected" mode="static">"#
    )?;
    writeln!(out, r#"    <attributes class="node">"#)?;
    for (id, title, kind, _) in NODE_ATTRIBUTES {
        writeln!(
            out,
            r#"      <attribute id="{id}" title="{title}" type="{kind}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")?;
    writeln!(out, r#"    <attributes class="edge">"#)?;
    writeln!(
        out,
        r#"      <attribute id="score" title="score" type="double"/>"#
    )?;
    writeln!(
        out,
        r#"      <attribute id="documents" title="documents" type="integer"/>"#
    )?;
    writeln!(out, "    </attributes>")?;
    writeln!(out, "    <nodes>")?;
    for row in node_rows(gazetteer, analysis, layout, Up::North) {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            xml(row.code),
            xml(row.name)
        )?;
        writeln!(out, "        <attvalues>")?;
        for ((id, ..), value) in NODE_ATTRIBUTES.iter().zip(row.values()) {
            writeln!(
                out,
                r#"          <attvalue for="{id}" value="{}"/>"#,
                xml(&value)
            )?;
        }
        writeln!(out, "        </attvalues>")?;
        let [r, g, b, _] = style.community_color(row.community).0;
        writeln!(out, r#"        <viz:color r="{r}" g="{g}" b="{b}"/>"#)?;
        writeln!(
            out,
            r#"        <viz:position x="{}" y="{}" z="0.0"/>"#,
            row.x, row.y
        )?;
        writeln!(
            out,
            r#"        <viz:size value="{}"/>"#,
            node_size(row.mentions)
        )?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, (source, target, link)) in sorted_links(gazetteer, analysis).into_iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{}">"#,
            xml(source),
            xml(target),
            f64::from(link.weight)
        )?;
        writeln!(out, "        <attvalues>")?;
        writeln!(
            out,
            r#"          <attvalue for="score" value="{}"/>"#,
            round6(link.score)
        )?;
        writeln!(
            out,
            r#"          <attvalue for="documents" value="{}"/>"#,
            link.documents
        )?;
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// Writes the graph as GraphML: countries with label, position (`x`, `y`, y pointing south as
/// on screen), community, counts and coordinates; undirected links with weight, score and
/// documents.
pub fn write_graphml(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    analysis: &Analysis,
    layout: &Layout,
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(out, "  <desc>{}</desc>", xml(&described(analysis)))?;
    let key = |out: &mut dyn Write, id: &str, domain: &str, kind: &str| {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#
        )
    };
    key(out, "label", "node", "string")?;
    key(out, "x", "node", "double")?;
    key(out, "y", "node", "double")?;
    for (id, _, _, kind) in NODE_ATTRIBUTES {
        key(out, id, "node", kind)?;
    }
    key(out, "weight", "edge", "double")?;
    key(out, "score", "edge", "double")?;
    writeln!(
        out,
        r#"  <key id="link_documents" for="edge" attr.name="documents" attr.type="int"/>"#
    )?;
    writeln!(out, r#"  <graph id="countries" edgedefault="undirected">"#)?;
    for row in node_rows(gazetteer, analysis, layout, Up::Screen) {
        writeln!(out, r#"    <node id="{}">"#, xml(row.code))?;
        writeln!(out, r#"      <data key="label">{}</data>"#, xml(row.name))?;
        writeln!(out, r#"      <data key="x">{}</data>"#, row.x)?;
        writeln!(out, r#"      <data key="y">{}</data>"#, row.y)?;
        for ((id, ..), value) in NODE_ATTRIBUTES.iter().zip(row.values()) {
            writeln!(out, r#"      <data key="{id}">{}</data>"#, xml(&value))?;
        }
        writeln!(out, "    </node>")?;
    }
    for (source, target, link) in sorted_links(gazetteer, analysis) {
        writeln!(
            out,
            r#"    <edge source="{}" target="{}">"#,
            xml(source),
            xml(target)
        )?;
        writeln!(
            out,
            r#"      <data key="weight">{}</data>"#,
            f64::from(link.weight)
        )?;
        writeln!(
            out,
            r#"      <data key="score">{}</data>"#,
            round6(link.score)
        )?;
        writeln!(
            out,
            r#"      <data key="link_documents">{}</data>"#,
            link.documents
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// Writes the countries as CSV with a header:
/// `id,name,x,y,lon,lat,mentions,documents,community,weighted_degree,betweenness` (y pointing
/// south, as on screen).
pub fn write_nodes_csv(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    analysis: &Analysis,
    layout: &Layout,
) -> std::io::Result<()> {
    out.write_all(
        b"id,name,x,y,lon,lat,mentions,documents,community,weighted_degree,betweenness\n",
    )?;
    for row in node_rows(gazetteer, analysis, layout, Up::Screen) {
        writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{}",
            csv_field(row.code),
            csv_field(row.name),
            row.x,
            row.y,
            row.lon,
            row.lat,
            row.mentions,
            row.documents,
            row.community,
            row.weighted_degree,
            row.betweenness
        )?;
    }
    Ok(())
}
