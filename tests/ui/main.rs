//! The window driven headless through `egui_kittest`: find widgets by label, click, assert what the
//! user would see. One module per area of the window, over one shared harness.

#![cfg(feature = "gui")]

mod harness;

mod atlas;
mod controls;
mod evidence;
mod exports;
mod files;
mod map;
mod tables;
mod timeline;
