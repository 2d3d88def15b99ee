//! Every embedded product's vector in one contiguous block of memory, so a
//! query is one pass of dot products (the vectors are unit length: the dot
//! product is the cosine). A cache of the `product_embeddings` table.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, RwLock};

use super::model::DIM;

/// A product's similarity to a query, -1..=1.
#[derive(Debug, Clone, PartialEq)]
pub struct Near {
    pub id: String,
    pub score: f32,
}

#[derive(Clone, Default)]
pub struct Vectors {
    inner: Arc<RwLock<Matrix>>,
}

#[derive(Default)]
struct Matrix {
    /// Bumped by every change (answers worked out from the vectors say
    /// which version they were made from).
    version: u64,
    ids: Vec<String>,
    /// The hash of the text each vector was made from.
    hashes: Vec<i64>,
    slot: HashMap<String, usize>,
    /// `ids.len() * DIM` numbers, row by row.
    data: Vec<f32>,
}

impl std::fmt::Debug for Vectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vectors").field("len", &self.len()).finish()
    }
}

impl Vectors {
    pub fn len(&self) -> usize {
        self.read().ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes with every `put` and `remove`.
    pub fn version(&self) -> u64 {
        self.read().version
    }

    /// The text hash the product's vector was made from, if it has one.
    pub fn hash_of(&self, id: &str) -> Option<i64> {
        let m = self.read();
        m.slot.get(id).map(|&i| m.hashes[i])
    }

    /// A copy of the product's vector.
    pub fn get(&self, id: &str) -> Option<Vec<f32>> {
        let m = self.read();
        m.slot.get(id).map(|&i| m.data[i * DIM..(i + 1) * DIM].to_vec())
    }

    /// Add or replace vectors (wrong-sized ones are skipped).
    pub fn put(&self, rows: impl IntoIterator<Item = (String, i64, Vec<f32>)>) {
        let mut m = self.write();
        m.version += 1;
        for (id, hash, vector) in rows {
            if vector.len() != DIM {
                continue;
            }
            match m.slot.get(&id).copied() {
                Some(i) => {
                    m.hashes[i] = hash;
                    m.data[i * DIM..(i + 1) * DIM].copy_from_slice(&vector);
                }
                None => {
                    let i = m.ids.len();
                    m.slot.insert(id.clone(), i);
                    m.ids.push(id);
                    m.hashes.push(hash);
                    m.data.extend_from_slice(&vector);
                }
            }
        }
    }

    /// Take products out (their last row moves into the gap).
    pub fn remove(&self, ids: &[String]) {
        let mut m = self.write();
        m.version += 1;
        for id in ids {
            let Some(i) = m.slot.remove(id) else { continue };
            let last = m.ids.len() - 1;
            m.ids.swap_remove(i);
            m.hashes.swap_remove(i);
            if i != last {
                m.data.copy_within(last * DIM..(last + 1) * DIM, i * DIM);
                let moved = m.ids[i].clone();
                m.slot.insert(moved, i);
            }
            m.data.truncate(last * DIM);
        }
    }

    /// The `k` products most like `query`, best first, at least `min` alike;
    /// `skip` leaves some out (the product a "similar" list is about).
    pub fn nearest(&self, query: &[f32], k: usize, min: f32, skip: &[&str]) -> Vec<Near> {
        if query.len() != DIM || k == 0 {
            return Vec::new();
        }
        let m = self.read();
        let skip: Vec<usize> = skip.iter().filter_map(|id| m.slot.get(*id).copied()).collect();
        // A min-heap of the best k so far (scores as ordered bits: all are finite).
        let mut best: BinaryHeap<Reverse<(Score, usize)>> = BinaryHeap::with_capacity(k + 1);
        for (i, row) in m.data.chunks_exact(DIM).enumerate() {
            let score = dot(row, query);
            if score < min || skip.contains(&i) {
                continue;
            }
            if best.len() < k {
                best.push(Reverse((Score(score), i)));
            } else if best.peek().is_some_and(|Reverse((s, _))| score > s.0) {
                best.pop();
                best.push(Reverse((Score(score), i)));
            }
        }
        let mut out: Vec<Near> =
            best.into_iter().map(|Reverse((s, i))| Near { id: m.ids[i].clone(), score: s.0 }).collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        out
    }

    /// Similarity of each of `ids` to `query` (products without a vector are left out).
    pub fn scores(&self, query: &[f32], ids: &[String]) -> HashMap<String, f32> {
        let m = self.read();
        ids.iter()
            .filter_map(|id| {
                let i = *m.slot.get(id)?;
                Some((id.clone(), dot(&m.data[i * DIM..(i + 1) * DIM], query)))
            })
            .collect()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Matrix> {
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Matrix> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }
}

/// A score that orders (scores are finite: vectors are normalised).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Score(f32);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Dot product with eight running sums, which the compiler turns into
/// vector instructions.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8.remainder().iter().zip(b8.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in a8.zip(b8) {
        for j in 0..8 {
            sums[j] += x[j] * y[j];
        }
    }
    sums.iter().sum::<f32>() + tail
}

/// A vector as stored: little-endian f32s.
pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Back from [`to_bytes`]; `None` when the length is not a whole vector.
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<f32>> {
    (bytes.len() == DIM * 4)
        .then(|| bytes.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(axis: usize, other: f32) -> Vec<f32> {
        let mut v = vec![0.0; DIM];
        v[axis] = 1.0;
        v[(axis + 1) % DIM] = other;
        super::super::model::normalised(v)
    }

    #[test]
    fn nearest_is_best_first_above_the_minimum() {
        let vs = Vectors::default();
        vs.put([("a".into(), 1, unit(0, 0.0)), ("b".into(), 2, unit(0, 1.0)), ("c".into(), 3, unit(5, 0.0))]);
        let near = vs.nearest(&unit(0, 0.1), 10, 0.5, &[]);
        assert_eq!(near.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert!(near[0].score > near[1].score);
        assert_eq!(vs.nearest(&unit(0, 0.1), 1, 0.0, &[]).len(), 1);
        assert_eq!(vs.nearest(&unit(0, 0.1), 10, 0.5, &["a"])[0].id, "b");
    }

    #[test]
    fn replacing_and_removing_keep_rows_consistent() {
        let vs = Vectors::default();
        vs.put([("a".into(), 1, unit(0, 0.0)), ("b".into(), 2, unit(1, 0.0)), ("c".into(), 3, unit(2, 0.0))]);
        vs.put([("a".into(), 9, unit(3, 0.0))]);
        assert_eq!(vs.hash_of("a"), Some(9));
        vs.remove(&["a".into()]);
        assert_eq!(vs.len(), 2);
        assert_eq!(vs.hash_of("a"), None);
        // "c" moved into a's row and is still found by its own vector.
        assert_eq!(vs.nearest(&unit(2, 0.0), 1, 0.9, &[])[0].id, "c");
        assert_eq!(vs.get("c"), Some(unit(2, 0.0)));
    }

    #[test]
    fn bytes_round_trip_and_dot_matches_the_plain_sum() {
        let v: Vec<f32> = (0..DIM).map(|i| i as f32 / 100.0).collect();
        assert_eq!(from_bytes(&to_bytes(&v)), Some(v.clone()));
        assert_eq!(from_bytes(&[0; 12]), None);
        let plain: f32 = v.iter().map(|x| x * x).sum();
        assert!((dot(&v, &v) - plain).abs() / plain < 1e-5);
    }
}
