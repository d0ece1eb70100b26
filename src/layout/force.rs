//! A ForceAtlas2-style force-directed layout (Jacomy et al. 2014) on plain numbers: repulsion
//! between all nodes scaled by degree (Barnes–Hut above a few hundred nodes), attraction along
//! links by weight, gravity to the centre, and per-node adaptive speeds from swing and traction.
//! It starts from the geographic positions, so it is deterministic for a given corpus, and it
//! runs step by step so a window can animate it.

use super::MapPos;

/// A layout that has not settled after this many steps stops anyway.
const MAX_STEPS: usize = 1500;

/// Graphs with more nodes than this use the Barnes–Hut approximation for repulsion.
const BARNES_HUT_ABOVE: usize = 300;

/// A layout in progress.
#[derive(Clone, Debug)]
pub struct ForceLayout {
    /// Current positions.
    pub positions: Vec<MapPos>,
    mass: Vec<f32>,
    edges: Vec<(usize, usize, f32)>,
    previous: Vec<[f32; 2]>,
    speed: f32,
    /// Steps taken.
    pub steps: usize,
    /// Whether it has settled.
    pub settled: bool,
}

impl ForceLayout {
    /// How much larger than map units the layout's own units are.
    pub const SCALE: f32 = 10.0;

    /// Starts from `initial` positions (map units) with weighted `edges` between node indices.
    pub fn new(initial: Vec<MapPos>, edges: &[(usize, usize, f32)]) -> Self {
        Self::in_layout_units(
            initial
                .into_iter()
                .map(|[x, y]| [x * Self::SCALE, y * Self::SCALE])
                .collect(),
            edges,
        )
    }

    /// Starts from positions already in the layout's units (a previous layout's).
    pub fn in_layout_units(initial: Vec<MapPos>, edges: &[(usize, usize, f32)]) -> Self {
        let n = initial.len();
        let mut mass = vec![1.0f32; n];
        for &(a, b, _) in edges {
            mass[a] += 1.0;
            mass[b] += 1.0;
        }
        let max_w = edges.iter().map(|e| e.2).fold(1.0f32, f32::max);
        let edges = edges
            .iter()
            .map(|&(a, b, w)| (a, b, (w / max_w).sqrt()))
            .collect();
        // Spread coincident starting points apart deterministically.
        let mut positions = initial;
        for (i, p) in positions.iter_mut().enumerate() {
            let angle = i as f32 * 2.399_963;
            p[0] += 0.01 * angle.cos();
            p[1] += 0.01 * angle.sin();
        }
        Self {
            positions,
            mass,
            edges,
            previous: vec![[0.0; 2]; n],
            speed: 1.0,
            steps: 0,
            settled: n < 2,
        }
    }

    /// Runs `steps` iterations (or fewer, if it settles).
    pub fn run(&mut self, steps: usize) {
        for _ in 0..steps {
            if self.settled {
                return;
            }
            self.step();
        }
    }

    /// Runs until settled or `max_steps` have been taken.
    pub fn settle(&mut self, max_steps: usize) {
        while !self.settled && self.steps < max_steps {
            self.step();
        }
    }

    #[expect(
        clippy::needless_range_loop,
        reason = "the kernel reads several arrays by node index"
    )]
    fn step(&mut self) {
        const REPULSION: f32 = 2.0;
        const GRAVITY: f32 = 0.05;
        let n = self.positions.len();
        let mut force = vec![[0.0f32; 2]; n];
        if n > BARNES_HUT_ABOVE {
            let tree = QuadTree::build(&self.positions, &self.mass);
            for i in 0..n {
                let f = tree.repulsion(self.positions[i], self.mass[i], REPULSION, 1.2);
                force[i][0] += f[0];
                force[i][1] += f[1];
            }
        } else {
            for i in 0..n {
                for j in i + 1..n {
                    let dx = self.positions[i][0] - self.positions[j][0];
                    let dy = self.positions[i][1] - self.positions[j][1];
                    let d2 = (dx * dx + dy * dy).max(1e-4);
                    let f = REPULSION * self.mass[i] * self.mass[j] / d2;
                    force[i][0] += dx * f;
                    force[i][1] += dy * f;
                    force[j][0] -= dx * f;
                    force[j][1] -= dy * f;
                }
            }
        }
        for &(a, b, w) in &self.edges {
            let dx = self.positions[b][0] - self.positions[a][0];
            let dy = self.positions[b][1] - self.positions[a][1];
            force[a][0] += dx * w;
            force[a][1] += dy * w;
            force[b][0] -= dx * w;
            force[b][1] -= dy * w;
        }
        // Strong gravity (growing with distance) keeps unlinked countries and small components
        // in view instead of drifting off.
        for i in 0..n {
            let [x, y] = self.positions[i];
            force[i][0] -= GRAVITY * self.mass[i] * x;
            force[i][1] -= GRAVITY * self.mass[i] * y;
        }
        // Adaptive speed: swing (oscillation) against traction (useful movement).
        let (mut swing, mut traction) = (0.0f32, 0.0f32);
        for i in 0..n {
            let (f, p) = (force[i], self.previous[i]);
            swing += self.mass[i] * ((f[0] - p[0]).powi(2) + (f[1] - p[1]).powi(2)).sqrt();
            traction += self.mass[i] * 0.5 * ((f[0] + p[0]).powi(2) + (f[1] + p[1]).powi(2)).sqrt();
        }
        let target = if swing > 0.0 {
            0.5 * traction / swing
        } else {
            self.speed
        };
        self.speed = (self.speed + (target - self.speed).min(0.5 * self.speed)).clamp(1e-4, 10.0);
        let mut moved = 0.0f32;
        for i in 0..n {
            let (f, p) = (force[i], self.previous[i]);
            let node_swing = self.mass[i] * ((f[0] - p[0]).powi(2) + (f[1] - p[1]).powi(2)).sqrt();
            let factor = 0.1 * self.speed / (1.0 + self.speed * node_swing.sqrt());
            let step = [f[0] * factor, f[1] * factor];
            let len = (step[0] * step[0] + step[1] * step[1]).sqrt();
            let cap = 10.0 / (1.0 + len);
            self.positions[i][0] += step[0] * cap.min(1.0);
            self.positions[i][1] += step[1] * cap.min(1.0);
            moved += len.min(10.0);
        }
        self.previous = force;
        self.steps += 1;
        // Settled when nodes move, on average, less than a thousandth of the layout's extent.
        let extent = self
            .bounds()
            .map_or(1.0, |b| (b[2] - b[0]).max(b[3] - b[1]).max(1e-3));
        if moved / n.max(1) as f32 <= 1e-3 * extent || self.steps >= MAX_STEPS {
            self.settled = true;
        }
    }

    /// Bounds of the current positions, `[min_x, min_y, max_x, max_y]`.
    pub fn bounds(&self) -> Option<[f32; 4]> {
        let mut it = self.positions.iter();
        let first = it.next()?;
        Some(it.fold([first[0], first[1], first[0], first[1]], |b, p| {
            [
                b[0].min(p[0]),
                b[1].min(p[1]),
                b[2].max(p[0]),
                b[3].max(p[1]),
            ]
        }))
    }
}

/// A Barnes–Hut quadtree of masses.
struct QuadTree {
    nodes: Vec<Cell>,
}

struct Cell {
    center: [f32; 2],
    half: f32,
    mass: f32,
    mass_center: [f32; 2],
    /// Bodies inside.
    count: u32,
    children: Option<[usize; 4]>,
    /// A single body held by a leaf.
    body: Option<([f32; 2], f32)>,
}

impl QuadTree {
    fn build(positions: &[MapPos], mass: &[f32]) -> Self {
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        for p in positions {
            lo = [lo[0].min(p[0]), lo[1].min(p[1])];
            hi = [hi[0].max(p[0]), hi[1].max(p[1])];
        }
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1e-3) * 1.01;
        let center = [f32::midpoint(lo[0], hi[0]), f32::midpoint(lo[1], hi[1])];
        let mut tree = Self {
            nodes: vec![Cell::new(center, half)],
        };
        for (p, m) in positions.iter().zip(mass) {
            tree.insert(0, *p, *m, 0);
        }
        tree
    }

    fn insert(&mut self, cell: usize, p: [f32; 2], m: f32, depth: usize) {
        {
            let c = &mut self.nodes[cell];
            let total = c.mass + m;
            c.mass_center = [
                (c.mass_center[0] * c.mass + p[0] * m) / total,
                (c.mass_center[1] * c.mass + p[1] * m) / total,
            ];
            c.mass = total;
            c.count += 1;
        }
        if depth > 40 {
            return; // Coincident points: keep them lumped.
        }
        if let Some(children) = self.nodes[cell].children {
            let q = self.quadrant(cell, p);
            self.insert(children[q], p, m, depth + 1);
            return;
        }
        match self.nodes[cell].body.take() {
            None if self.nodes[cell].count == 1 => self.nodes[cell].body = Some((p, m)),
            existing => {
                let (center, half) = (self.nodes[cell].center, self.nodes[cell].half / 2.0);
                let mut children = [0; 4];
                for (q, child) in children.iter_mut().enumerate() {
                    let dx = if q & 1 == 0 { -half } else { half };
                    let dy = if q & 2 == 0 { -half } else { half };
                    self.nodes
                        .push(Cell::new([center[0] + dx, center[1] + dy], half));
                    *child = self.nodes.len() - 1;
                }
                self.nodes[cell].children = Some(children);
                if let Some((bp, bm)) = existing {
                    let q = self.quadrant(cell, bp);
                    self.insert(children[q], bp, bm, depth + 1);
                }
                let q = self.quadrant(cell, p);
                self.insert(children[q], p, m, depth + 1);
            }
        }
    }

    fn quadrant(&self, cell: usize, p: [f32; 2]) -> usize {
        let c = self.nodes[cell].center;
        usize::from(p[0] >= c[0]) | (usize::from(p[1] >= c[1]) << 1)
    }

    fn repulsion(&self, p: [f32; 2], m: f32, k: f32, theta: f32) -> [f32; 2] {
        let mut f = [0.0f32; 2];
        let mut stack = vec![0usize];
        while let Some(i) = stack.pop() {
            let c = &self.nodes[i];
            if c.mass == 0.0 {
                continue;
            }
            let dx = p[0] - c.mass_center[0];
            let dy = p[1] - c.mass_center[1];
            let d2 = dx * dx + dy * dy;
            let far = c.children.is_none() || (2.0 * c.half) * (2.0 * c.half) < theta * theta * d2;
            if far {
                if d2 < 1e-8 {
                    continue; // The body itself.
                }
                let s = k * m * c.mass / d2.max(1e-4);
                f[0] += dx * s;
                f[1] += dy * s;
            } else if let Some(children) = c.children {
                stack.extend(children);
            }
        }
        f
    }
}

impl Cell {
    fn new(center: [f32; 2], half: f32) -> Self {
        Self {
            center,
            half,
            mass: 0.0,
            mass_center: center,
            count: 0,
            children: None,
            body: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> (Vec<MapPos>, Vec<(usize, usize, f32)>) {
        let pos = (0..n)
            .map(|i| [(i % 7) as f32 * 0.01, (i / 7) as f32 * 0.01])
            .collect();
        let edges = (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect();
        (pos, edges)
    }

    #[test]
    fn deterministic_and_settles() {
        let (pos, edges) = ring(40);
        let mut a = ForceLayout::new(pos.clone(), &edges);
        let mut b = ForceLayout::new(pos, &edges);
        a.settle(3000);
        b.settle(3000);
        assert_eq!(a.positions, b.positions);
        assert!(a.settled, "settles within the step budget");
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by nothing: each triangle's nodes gather together.
        let pos = vec![
            [0.0, 0.0],
            [1.0, 0.2],
            [0.2, 1.0],
            [0.9, 0.9],
            [0.1, 0.5],
            [0.5, 0.1],
        ];
        let edges = vec![
            (0, 2, 1.0),
            (2, 4, 1.0),
            (4, 0, 1.0),
            (1, 3, 1.0),
            (3, 5, 1.0),
            (5, 1, 1.0),
        ];
        let mut l = ForceLayout::new(pos, &edges);
        l.settle(3000);
        let d = |a: usize, b: usize| {
            let (p, q) = (l.positions[a], l.positions[b]);
            ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
        };
        assert!(d(0, 2) < d(0, 1) && d(1, 3) < d(1, 4), "{:?}", l.positions);
    }

    #[test]
    fn barnes_hut_is_close_to_exact_repulsion() {
        let pos: Vec<MapPos> = (0..500)
            .map(|i| [((i * 37) % 101) as f32, ((i * 59) % 97) as f32])
            .collect();
        let mass = vec![1.0; pos.len()];
        let tree = QuadTree::build(&pos, &mass);
        let approx = tree.repulsion(pos[0], 1.0, 1.0, 0.5);
        let mut exact = [0.0f32; 2];
        for q in &pos[1..] {
            let (dx, dy) = (pos[0][0] - q[0], pos[0][1] - q[1]);
            let d2 = (dx * dx + dy * dy).max(1e-4);
            exact[0] += dx / d2;
            exact[1] += dy / d2;
        }
        let err = ((approx[0] - exact[0]).powi(2) + (approx[1] - exact[1]).powi(2)).sqrt();
        let norm = (exact[0].powi(2) + exact[1].powi(2)).sqrt();
        assert!(err / norm < 0.1, "relative error {}", err / norm);
    }
}
