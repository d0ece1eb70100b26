//! The map's legend: what node size, link width, land shade and community colour mean, with the
//! switches for land shading and for each corridor's route.

use eframe::egui::{self, Rect, Sense, Stroke, pos2, vec2};

use super::map_paint::to_egui;
use super::{Command, Model, Settings};
use crate::scene::{Pick, Style};

/// The legend's row for land shading: the scale, and the switch.
fn shading_row(
    ui: &mut egui::Ui,
    model: &Model,
    settings: &Settings,
    style: &Style,
    commands: &mut Vec<Command>,
) {
    let mut shaded = settings.shade_by_mentions;
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
        let max = model.analysis.max_mentions();
        for step in 0..4u32 {
            let x0 = r.left() + r.width() * step as f32 / 4.0;
            let cell =
                Rect::from_min_max(pos2(x0, r.top()), pos2(x0 + r.width() / 4.0, r.bottom()));
            let fill =
                style.land_fill((max * (step + 1)).div_ceil(4).max(u32::from(step > 0)), max);
            ui.painter().rect_filled(cell, 0.0, to_egui(fill));
        }
        let label = format!("Land shaded by mentions (1 to {max})");
        if ui.checkbox(&mut shaded, label).changed() {
            commands.push(Command::ToggleShading);
        }
    });
}

/// The legend's rows of corridors: each selectable, each shown or hidden.
fn corridor_rows(
    ui: &mut egui::Ui,
    model: &Model,
    settings: &Settings,
    style: &Style,
    commands: &mut Vec<Command>,
) {
    for (i, c) in model.analysis.corridors.iter().enumerate() {
        let code = &model.gazetteer.entity(c.entity).code;
        let shown = !settings.hidden_corridors.contains(code);
        let color =
            to_egui(
                style
                    .corridor_color(i)
                    .with_alpha_factor(if shown { 0.8 } else { 0.25 }),
            );
        ui.horizontal(|ui| {
            let (r, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
            ui.painter()
                .line_segment([r.left_center(), r.right_center()], Stroke::new(5.0, color));
            if ui
                .add(egui::Label::new(model.name(c.entity)).sense(Sense::click()))
                .on_hover_text("Show its documents and route")
                .clicked()
            {
                commands.push(Command::Select(Some(Pick::Corridor(c.entity))));
            }
            let toggle = if shown { "hide" } else { "show" };
            if ui
                .small_button(toggle)
                .on_hover_text("Draw or hide this corridor's route")
                .clicked()
            {
                commands.push(Command::ToggleCorridor(code.clone()));
            }
        });
    }
}

pub(super) fn legend_ui(
    ui: &mut egui::Ui,
    model: &Model,
    settings: &Settings,
    style: &Style,
    rect: Rect,
    commands: &mut Vec<Command>,
) {
    // Anchored to the map's bottom-left corner, sized by its rows.
    egui::Area::new(egui::Id::unique("map-legend"))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(pos2(rect.left() + 10.0, rect.bottom() - 10.0))
        .constrain_to(rect)
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.vertical(|ui| {
                    ui.spacing_mut().item_spacing.y = 3.0;
                    ui.label(egui::RichText::new("Legend").strong());
                    let network = settings.centre == super::Centre::Network;
                    let node_text = if network {
                        "Country: size by link weight, colour by community"
                    } else {
                        "Country: size by mentions"
                    };
                    legend_row(
                        ui,
                        |p, r| {
                            p.circle_filled(r.center(), 6.0, to_egui(style.node));
                        },
                        node_text,
                    );
                    legend_row(
                        ui,
                        |p, r| {
                            p.line_segment(
                                [r.left_center(), r.right_center()],
                                Stroke::new(3.0, to_egui(style.link)),
                            );
                        },
                        &match settings.measure {
                            crate::graph::Measure::Count => format!(
                                "Link: width by co-mentions per {}",
                                settings.window.as_str()
                            ),
                            m => format!(
                                "Link: width by {} (per {})",
                                m.label(),
                                settings.window.as_str()
                            ),
                        },
                    );
                    let left_out = crate::scene::links_left_out(&model.analysis);
                    if left_out > 0 {
                        ui.weak(format!(
                            "The {} strongest of {} links are drawn: raise the minimum \
                             weight or keep the top links per country to see the rest",
                            crate::scene::MAX_DRAWN_LINKS,
                            model.analysis.graph.edge_count()
                        ));
                    }
                    if network {
                        community_rows(ui, model, style);
                    } else {
                        shading_row(ui, model, settings, style, commands);
                    }
                    if settings.show_corridors && !network {
                        corridor_rows(ui, model, settings, style, commands);
                    }
                });
            });
        });
}

/// A legend row per community (Louvain), named by its three most mentioned countries.
fn community_rows(ui: &mut egui::Ui, model: &Model, style: &Style) {
    let mut groups: std::collections::BTreeMap<u32, Vec<&crate::graph::Node>> =
        std::collections::BTreeMap::new();
    for n in model.analysis.graph.node_weights() {
        groups.entry(n.community).or_default().push(n);
    }
    for (community, mut nodes) in groups.into_iter().take(8) {
        nodes.sort_by_key(|n| std::cmp::Reverse(n.mentions));
        let names: Vec<&str> = nodes.iter().take(3).map(|n| model.name(n.entity)).collect();
        let more = if nodes.len() > 3 {
            format!(" +{}", nodes.len() - 3)
        } else {
            String::new()
        };
        let color = to_egui(style.community_color(community));
        legend_row(
            ui,
            |p, r| {
                p.circle_filled(r.center(), 5.0, color);
            },
            &format!("{}{more}", names.join(", ")),
        );
    }
}

/// One legend line: a 22×12 swatch and a label. Returns whether the label was clicked.
fn legend_row(ui: &mut egui::Ui, swatch: impl FnOnce(&egui::Painter, Rect), label: &str) -> bool {
    ui.horizontal(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(22.0, 12.0), Sense::hover());
        swatch(ui.painter(), r);
        ui.add(egui::Label::new(label).sense(Sense::click()))
            .clicked()
    })
    .inner
}
