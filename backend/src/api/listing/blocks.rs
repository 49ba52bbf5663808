//! The sizes of the listing's index (`listing_blocks`): each facet's keys cut into blocks of
//! about a [`STRIDE`], a block being the keys from its first key (sort name, id) to the next
//! block's, and how many keys each holds. Every change to the index keeps them, in its
//! transaction ([`record`]); so a filter of one facet is counted by adding up its blocks, and a
//! deep page starts at the block that holds its offset, walking less than a block: neither walks
//! the facet. Worked out per publication generation instead (as combinations of facets still
//! are, see [`super::keys::anchors`]), the anchors of the whole listing took 0.2–0.45 s at
//! 1,000,000 mentors after every start and every change.
//!
//! A facet's first block starts at (`''`, 0), before every key. A block's size is kept in
//! [`STRIPES`] rows (`stripe`), added up when read: writers of different stripes never wait for
//! each other, however few blocks a small listing has. The row of stripe 0 always exists and
//! stands for the block: writers hold it shared (PostgreSQL: `FOR KEY SHARE`) while they add to
//! the block, a split holds it alone (`FOR UPDATE`, skipped while anyone else holds it), so a
//! split counts a block no writer is changing. On SQLite the write transaction holds the whole
//! database anyway.
//!
//! [`rebuild`] cuts every facet anew (the seeders, after writing the index in bulk); the
//! migration that created the table cut the index the same way.

use super::keys::STRIDE;
use crate::db::{DbConnection, Statement};
use crate::publication::FacetBlocks;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use std::collections::BTreeMap;

/// Rows a block's size is kept in; a writer adds to the stripe of its mentor's id.
const STRIPES: i64 = 8;

/// A block holding more keys than this is split: its first [`STRIDE`] keys stay, the others
/// become a block of their own.
const SPLIT_ABOVE: i64 = 2 * STRIDE;

/// A row of `listing_keys`: facet, sort name, id.
#[derive(QueryableByName, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct IndexRow {
    #[diesel(sql_type = Text)]
    pub(crate) facet: String,
    #[diesel(sql_type = Text)]
    pub(crate) sort_name: String,
    #[diesel(sql_type = BigInt)]
    pub(crate) person_id: i64,
}

/// Where a block starts: (sort name, id), (`''`, 0) for a facet's first.
type BlockStart = (String, i64);

/// Cuts every facet's keys into blocks anew: blocks of [`STRIDE`] keys, the last holding the
/// rest. Call it with no other writer of the index (the seeders' transaction). The migration
/// `listing_blocks` spells the same statement.
pub fn rebuild(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute(&format!(
        "DELETE FROM listing_blocks; \
         INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n) \
         SELECT facet, CASE WHEN i = 0 THEN '' ELSE sort_name END, \
             CASE WHEN i = 0 THEN 0 ELSE person_id END, 0, \
             CASE WHEN total - i < {STRIDE} THEN total - i ELSE {STRIDE} END \
         FROM (SELECT facet, sort_name, person_id, \
                 ROW_NUMBER() OVER (PARTITION BY facet ORDER BY sort_name, person_id) - 1 AS i, \
                 COUNT(*) OVER (PARTITION BY facet) AS total \
             FROM listing_keys) r \
         WHERE i % {STRIDE} = 0"
    ))
}

#[derive(QueryableByName)]
struct Found {
    #[diesel(sql_type = BigInt)]
    i: i64,
    #[diesel(sql_type = Text)]
    sort_name: String,
    #[diesel(sql_type = BigInt)]
    person_id: i64,
}

/// `(k.sort_name, k.person_id) {op} (sort name, id)` with the values bound.
fn compare(statement: Statement, columns: &str, op: &str, key: &BlockStart) -> Statement {
    statement
        .sql(format!(" AND ({columns}) {op} ("))
        .text(key.0.as_str())
        .sql(", ")
        .big_int(key.1)
        .sql(")")
}

/// The block each key falls in (the last whose start is at or before it), `None` for a key of
/// a facet that has no block yet.
fn blocks_of(conn: &mut DbConnection, keys: &[&IndexRow]) -> QueryResult<Vec<Option<BlockStart>>> {
    let mut statement = Statement::default();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            statement = statement.sql(" UNION ALL ");
        }
        statement = statement
            .sql(format!(
                "SELECT CAST({i} AS BIGINT) AS i, b.sort_name, b.person_id FROM (SELECT sort_name, person_id \
                 FROM listing_blocks WHERE facet = "
            ))
            .text(key.facet.as_str())
            .sql(" AND stripe = 0");
        statement = compare(
            statement,
            "sort_name, person_id",
            "<=",
            &(key.sort_name.clone(), key.person_id),
        )
        .sql(" ORDER BY sort_name DESC, person_id DESC LIMIT 1) b");
    }
    let found: Vec<Found> = statement.load(conn)?;
    let mut blocks = vec![None; keys.len()];
    for f in found {
        blocks[f.i as usize] = Some((f.sort_name, f.person_id));
    }
    Ok(blocks)
}

/// Opens the `i`th row of a `VALUES` list with a block: `(facet, sort name, id`.
fn block_row(statement: Statement, i: usize, facet: &str, start: &BlockStart) -> Statement {
    statement
        .sql(if i == 0 { "(" } else { ", (" })
        .text(facet)
        .sql(", ")
        .text(start.0.as_str())
        .sql(", ")
        .big_int(start.1)
}

/// `(facet, sort_name, person_id) IN (VALUES …)` of `blocks`, after `statement`. (SQLite takes
/// a list of row values only as a subquery.)
fn among(statement: Statement, blocks: &[(&str, &BlockStart)]) -> Statement {
    let statement = statement.sql(" (facet, sort_name, person_id) IN (VALUES ");
    blocks
        .iter()
        .enumerate()
        .fold(statement, |statement, (i, (facet, start))| {
            block_row(statement, i, facet, start).sql(")")
        })
        .sql(")")
}

/// Keeps the blocks' sizes for a change to the index: the rows `removed` and `added` (of one
/// mentor, whose id picks the stripe). Rows in both cancel out, so a change that moves nothing
/// in the listing's order touches no block. Call in the transaction that changes the index.
pub(crate) fn record(
    conn: &mut DbConnection,
    removed: Vec<IndexRow>,
    added: Vec<IndexRow>,
    person_id: i64,
) -> QueryResult<()> {
    let mut deltas: BTreeMap<IndexRow, i64> = BTreeMap::new();
    for (rows, delta) in [(removed, -1), (added, 1)] {
        for row in rows {
            *deltas.entry(row).or_default() += delta;
        }
    }
    deltas.retain(|_, delta| *delta != 0);
    if deltas.is_empty() {
        return Ok(());
    }
    let keys: Vec<&IndexRow> = deltas.keys().collect();
    let postgres = !crate::db::is_sqlite(conn);
    let blocks = loop {
        let blocks = blocks_of(conn, &keys)?;
        let mut new_facets: Vec<&str> = keys
            .iter()
            .zip(&blocks)
            .filter(|(_, block)| block.is_none())
            .map(|(key, _)| key.facet.as_str())
            .collect();
        new_facets.dedup(); // the keys come in order
        if !new_facets.is_empty() {
            // A facet's first key: its first block, which others may create at the same time.
            let mut statement = Statement::default()
                .sql("INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n) VALUES ");
            let first = (String::new(), 0);
            for (i, facet) in new_facets.iter().enumerate() {
                statement = block_row(statement, i, facet, &first).sql(", 0, 0)");
            }
            statement.sql(" ON CONFLICT DO NOTHING").execute(conn)?;
            continue;
        }
        let blocks: Vec<BlockStart> = blocks.into_iter().flatten().collect();
        if !postgres {
            break blocks;
        }
        // Hold the blocks against a split, then look again: a split that ended while this
        // waited has moved some keys to a block that this must add to instead.
        let mut held: Vec<(&str, &BlockStart)> = keys
            .iter()
            .map(|key| key.facet.as_str())
            .zip(&blocks)
            .collect();
        held.sort();
        held.dedup();
        among(
            Statement::default().sql("SELECT 1 AS n FROM listing_blocks WHERE stripe = 0 AND"),
            &held,
        )
        .sql(" ORDER BY facet, sort_name, person_id FOR KEY SHARE")
        .execute(conn)?;
        let again: Vec<BlockStart> = blocks_of(conn, &keys)?.into_iter().flatten().collect();
        if again == blocks {
            break blocks;
        }
    };
    // One row per block and stripe, in the blocks' order, so writers of one stripe take the
    // rows in the same order and never wait for each other in a circle.
    let stripe = person_id.rem_euclid(STRIPES);
    let mut sums: BTreeMap<(&str, &BlockStart), i64> = BTreeMap::new();
    for ((key, delta), block) in deltas.iter().zip(&blocks) {
        *sums.entry((key.facet.as_str(), block)).or_default() += delta;
    }
    let mut statement = Statement::default()
        .sql("INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n) VALUES ");
    for (i, ((facet, start), n)) in sums.iter().enumerate() {
        statement = block_row(statement, i, facet, start)
            .sql(", ")
            .big_int(stripe)
            .sql(", ")
            .big_int(*n)
            .sql(")");
    }
    statement
        .sql(
            " ON CONFLICT (facet, sort_name, person_id, stripe) \
             DO UPDATE SET n = listing_blocks.n + excluded.n",
        )
        .execute(conn)?;
    let grown: Vec<IndexRow> = among(
        Statement::default().sql("SELECT facet, sort_name, person_id FROM listing_blocks WHERE"),
        &sums.keys().copied().collect::<Vec<_>>(),
    )
    .sql(" GROUP BY facet, sort_name, person_id HAVING SUM(n) > ")
    .big_int(SPLIT_ABOVE)
    .load(conn)?;
    for block in grown {
        split(conn, &block.facet, &(block.sort_name, block.person_id))?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Splits the block of `facet` starting at `start` after its first [`STRIDE`] keys, counting
/// both parts from the index; leaves it to a later writer while another transaction holds it.
fn split(conn: &mut DbConnection, facet: &str, start: &BlockStart) -> QueryResult<()> {
    let this = |statement: Statement| {
        let statement = statement.text(facet).sql(" AND sort_name = ");
        statement
            .text(start.0.as_str())
            .sql(" AND person_id = ")
            .big_int(start.1)
    };
    if !crate::db::is_sqlite(conn) {
        let held: Vec<Count> = this(Statement::default().sql(
            "SELECT CAST(1 AS BIGINT) AS n FROM listing_blocks WHERE stripe = 0 AND facet = ",
        ))
        .sql(" FOR UPDATE SKIP LOCKED")
        .load(conn)?;
        if held.is_empty() {
            return Ok(());
        }
    }
    let next: Option<IndexRow> = compare(
        Statement::default()
            .sql("SELECT facet, sort_name, person_id FROM listing_blocks WHERE stripe = 0 AND facet = ")
            .text(facet),
        "sort_name, person_id",
        ">",
        start,
    )
    .sql(" ORDER BY sort_name, person_id LIMIT 1")
    .get_result(conn)
    .optional()?;
    // The keys of the block, from `from` on.
    let keys = |select: &str, from: &BlockStart| {
        let statement = compare(
            Statement::default()
                .sql(format!("{select} FROM listing_keys WHERE facet = "))
                .text(facet),
            "sort_name, person_id",
            ">=",
            from,
        );
        match &next {
            Some(next) => compare(
                statement,
                "sort_name, person_id",
                "<",
                &(next.sort_name.clone(), next.person_id),
            ),
            None => statement,
        }
    };
    let middle: Option<IndexRow> = keys("SELECT facet, sort_name, person_id", start)
        .sql(" ORDER BY sort_name, person_id LIMIT 1 OFFSET ")
        .big_int(STRIDE)
        .get_result(conn)
        .optional()?;
    let (size, second) = match middle {
        Some(middle) => {
            let middle = (middle.sort_name, middle.person_id);
            let rest = keys("SELECT COUNT(*) AS n", &middle)
                .get_result::<Count>(conn)?
                .n;
            (STRIDE, Some((middle, rest)))
        }
        // Fewer keys than the sizes said: the block's count set right.
        None => (
            keys("SELECT COUNT(*) AS n", start)
                .get_result::<Count>(conn)?
                .n,
            None,
        ),
    };
    this(Statement::default().sql("DELETE FROM listing_blocks WHERE stripe <> 0 AND facet = "))
        .execute(conn)?;
    this(
        Statement::default()
            .sql("UPDATE listing_blocks SET n = ")
            .big_int(size)
            .sql(" WHERE stripe = 0 AND facet = "),
    )
    .execute(conn)?;
    if let Some((middle, rest)) = second {
        Statement::default()
            .sql("INSERT INTO listing_blocks (facet, sort_name, person_id, stripe, n) VALUES (")
            .text(facet)
            .sql(", ")
            .text(middle.0)
            .sql(", ")
            .big_int(middle.1)
            .sql(", 0, ")
            .big_int(rest)
            .sql(")")
            .execute(conn)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct BlockRow {
    #[diesel(sql_type = Text)]
    sort_name: String,
    #[diesel(sql_type = BigInt)]
    person_id: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// The blocks of `facet`, in the listing's order.
pub(crate) fn read(conn: &mut DbConnection, facet: &str) -> QueryResult<FacetBlocks> {
    let rows: Vec<BlockRow> = Statement::default()
        .sql(
            "SELECT sort_name, person_id, CAST(SUM(n) AS BIGINT) AS n FROM listing_blocks \
             WHERE facet = ",
        )
        .text(facet)
        .sql(" GROUP BY sort_name, person_id ORDER BY sort_name, person_id")
        .load(conn)?;
    let mut total = 0;
    let starts = rows
        .into_iter()
        .map(|row| {
            let before = total;
            total += row.n;
            ((row.sort_name, row.person_id), before)
        })
        .collect();
    Ok(FacetBlocks { starts, total })
}

/// Where the key at `offset` of a facet is found: the start of its block (`None`: the
/// beginning) and how many keys to skip from there. Past the last key, the last block's start.
pub(crate) fn position(blocks: &FacetBlocks, offset: i64) -> (Option<&BlockStart>, i64) {
    let at = blocks
        .starts
        .partition_point(|(_, before)| *before <= offset);
    match at.checked_sub(1).map(|i| &blocks.starts[i]) {
        Some((start, before)) => (Some(start), offset - before),
        None => (None, offset),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_starts_at_the_block_that_holds_it() {
        let blocks = FacetBlocks {
            starts: vec![
                ((String::new(), 0), 0),
                (("b".into(), 7), 512),
                (("c".into(), 3), 1000),
            ],
            total: 1200,
        };
        assert_eq!(position(&blocks, 0), (Some(&(String::new(), 0)), 0));
        assert_eq!(position(&blocks, 511), (Some(&(String::new(), 0)), 511));
        assert_eq!(position(&blocks, 512), (Some(&("b".into(), 7)), 0));
        assert_eq!(position(&blocks, 999), (Some(&("b".into(), 7)), 487));
        assert_eq!(position(&blocks, 1199), (Some(&("c".into(), 3)), 199));
        assert_eq!(position(&blocks, 5000), (Some(&("c".into(), 3)), 4000));
        let empty = FacetBlocks {
            starts: vec![],
            total: 0,
        };
        assert_eq!(position(&empty, 40), (None, 40));
    }
}
