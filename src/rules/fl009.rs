//! FL009 time-mismatch: the same moment of an event at different times of day.
//!
//! Each time allows an interval by how it is written: a time to the minute ("07.36") is that
//! minute; a whole or half hour with no rounding word ("klokken 7", "halv 8") is itself rounded
//! (`rounded_minutes` either way); a rounding word widens it (`tolerance_minutes` before a whole
//! or half hour, `precise_tolerance_minutes` before a time to the minute); "like etter",
//! "shortly after" reach `lean_minutes` after it, "like før" as far before. Two times agree when
//! their intervals meet, in UTC when both are placed there.

use super::{
    classes, doc_count, first_copy, group, majority_report, sources_phrase, time_windows,
    voice_count, Cx, Out,
};
use crate::claims::{Claim, ClaimKind, Lean, TimeInfo};
use crate::intern::Sym;
use crate::lang::Phase;
use crate::rules::Params;

/// Minutes a time allows before its first minute and after its last, by how it is written.
fn reach(c: &Claim, t: &TimeInfo, p: &Params) -> (i32, i32) {
    let m = |v: i64| v.max(0) as i32;
    // (a whole or half hour: "klokken 7", "12.30", "halv 8", "i 17-tida")
    let rounded = t.from % 30 == 0 && t.from == t.to;
    match t.lean {
        Lean::After => (0, m(p.lean_minutes)),
        Lean::Before => (m(p.lean_minutes), 0),
        Lean::None if c.approx && rounded => (m(p.tolerance_minutes), m(p.tolerance_minutes)),
        Lean::None if c.approx => (m(p.precise_tolerance_minutes), m(p.precise_tolerance_minutes)),
        Lean::None if rounded => (m(p.rounded_minutes), m(p.rounded_minutes)),
        Lean::None => (0, 0),
    }
}

/// The minutes a time allows: from its first minute in UTC (minutes since 1970) when `utc`
/// gives it, else on its clock.
fn allowed(c: &Claim, t: &TimeInfo, p: &Params, utc: Option<i32>) -> (i32, i32) {
    let (lo, hi) = match utc {
        Some(u) => (u, u + i32::from(t.to - t.from)),
        None => (i32::from(t.from), i32::from(t.to)),
    };
    let (before, after) = reach(c, t, p);
    (lo - before, hi + after)
}

/// Both times' first minutes in UTC: each its own, or (a report that gave no day) placed in its
/// zone on the other's day. `None` when either cannot be placed.
fn both_utc(ta: &TimeInfo, tb: &TimeInfo) -> Option<(i32, i32)> {
    let own = |t: &TimeInfo| t.utc.map(std::num::NonZeroI32::get);
    let on_day_of = |t: &TimeInfo, other: Option<i32>| {
        own(t).or_else(|| {
            let z = t.zone.filter(|z| &**z != "local")?;
            crate::calendar::utc_on_day_of(other?, t.from, &z)
        })
    };
    Some((on_day_of(ta, own(tb))?, on_day_of(tb, own(ta))?))
}

/// Two times read in different zones that cannot both be placed in UTC: their clocks say
/// nothing of each other.
fn zones_apart(ta: &TimeInfo, tb: &TimeInfo) -> bool {
    matches!((ta.zone, tb.zone), (Some(a), Some(b)) if a != b)
}

/// Two times of day agree: what they allow meets, in UTC when both are placed there (a zone
/// named or the outlet's), else by their clocks; a 12-hour clock ("klukkan sjö") may be twelve
/// hours later.
pub(crate) fn same_time(a: &Claim, b: &Claim, p: &Params) -> bool {
    let (Some(ta), Some(tb)) = (a.time(), b.time()) else { return false };
    // (by the time of day in UTC: a report's day is often only its publication day)
    let placed = both_utc(ta, tb);
    let utc = placed.is_some();
    if !utc && zones_apart(ta, tb) {
        // (no verdict on clocks of two zones: taken as agreeing, so no error)
        return true;
    }
    let day_of = |x: (i32, i32)| {
        if utc {
            (x.0.rem_euclid(1440), x.0.rem_euclid(1440) + x.1 - x.0)
        } else {
            x
        }
    };
    let (a0, b0) = (
        day_of(allowed(a, ta, p, placed.map(|x| x.0))),
        day_of(allowed(b, tb, p, placed.map(|x| x.1))),
    );
    let shifts = |t: &TimeInfo| if t.half_day() { vec![0, 720] } else { vec![0] };
    let day = 1440;
    shifts(ta).iter().any(|&sa| {
        shifts(tb).iter().any(|&sb| {
            let (al, ah) = (a0.0 + sa, a0.1 + sa);
            let (bl, bh) = (b0.0 + sb, b0.1 + sb);
            // (on a clock, 23:50 and 00:05 meet across midnight)
            [0, day, -day].iter().any(|&d| al <= bh + d && bl + d <= ah)
        })
    })
}

/// A time's first minute in UTC, as "15:40 UTC".
fn utc_clock(c: &Claim) -> Option<String> {
    let m = c.time()?.utc?.get();
    Some(format!("{:02}:{:02} UTC", m.rem_euclid(1440) / 60, m.rem_euclid(60)))
}

/// "~07:20 allows 07:15–07:25" for a time whose writing allows more than its own minutes.
fn allows(c: &Claim, p: &Params) -> Option<String> {
    let t = c.time()?;
    if reach(c, t, p) == (0, 0) {
        return None;
    }
    let (lo, hi) = allowed(c, t, p, None);
    let hm = |m: i32| format!("{:02}:{:02}", m.rem_euclid(1440) / 60, m.rem_euclid(60));
    let approx = if c.approx { "~" } else { "" };
    Some(format!("{approx}{} allows {}–{}", hm(i32::from(t.from)), hm(lo), hm(hi)))
}

/// The sides of one moment's times: the times given without a rounding word form classes; a
/// rounded one joins the one class it allows, takes no side when it allows two (it would join,
/// and weigh, whichever it met first), and forms classes of its own when it allows none. Returns
/// each claim's class, by position in `g`.
fn sides(g: &[&Claim], p: &Params) -> Vec<Option<usize>> {
    let mut heads: Vec<&Claim> = Vec::new();
    let mut side = vec![None; g.len()];
    for (k, c) in g.iter().enumerate().filter(|(_, c)| !c.approx) {
        let at = heads.iter().position(|h| same_time(h, c, p)).unwrap_or_else(|| {
            heads.push(c);
            heads.len() - 1
        });
        side[k] = Some(at);
    }
    let firm = heads.len();
    for (k, c) in g.iter().enumerate().filter(|(_, c)| c.approx) {
        let allows: Vec<usize> = (0..firm).filter(|&h| same_time(heads[h], c, p)).collect();
        side[k] = match allows[..] {
            [one] => Some(one),
            [] => Some(heads[firm..].iter().position(|h| same_time(h, c, p)).map_or_else(
                || {
                    heads.push(c);
                    heads.len() - 1
                },
                |at| firm + at,
            )),
            _ => None,
        };
    }
    side
}

/// "the start of the eruption", "the alarm"
fn what(c: &Claim) -> String {
    let ev = c.concept.as_deref().unwrap_or("event").to_string();
    match c.phase {
        Some(Phase::Start) => format!("the start of the {ev}"),
        Some(Phase::End) => format!("the end of the {ev}"),
        None => format!("the {ev}"),
    }
}

/// A time as written, and in UTC when it was read in another zone.
fn shown(c: &Claim) -> String {
    match utc_clock(c) {
        Some(u) if c.time().is_some_and(|t| t.zone.is_some_and(|z| &*z != "UTC")) => {
            format!("{} = {u}", c.value_text())
        }
        _ => c.value_text(),
    }
}

/// The help: the majority's time and the dissent's, how far apart, and what rounding allows.
fn help(cx: &Cx, c: &Claim, major: &[&Claim]) -> String {
    let p = &cx.rule.params;
    let m = major[0];
    let apart = match (c.time().and_then(|t| t.utc), m.time().and_then(|t| t.utc)) {
        (Some(a), Some(b)) => {
            let d = (a.get() - b.get()).rem_euclid(1440);
            let d = d.min(1440 - d);
            format!(": {d} minute{} apart", if d == 1 { "" } else { "s" })
        }
        _ => String::new(),
    };
    let rounding: Vec<String> = [m, c].iter().filter_map(|x| allows(x, p)).collect();
    let rounding = if rounding.is_empty() {
        String::new()
    } else {
        format!(" (as written, {})", rounding.join("; "))
    };
    format!(
        "{} say{} {}; {} says {}{apart}{rounding}",
        sources_phrase(cx, major),
        if doc_count(major) == 1 { "s" } else { "" },
        shown(m),
        cx.short(c),
        shown(c),
    )
}

/// The message: who times what at which time, in UTC where both are placed there.
fn message(cx: &Cx, c: &Claim, major: &[&Claim]) -> String {
    let utc = |x: &Claim| match utc_clock(x) {
        Some(u) if c.time().and_then(|t| t.utc).is_some() => {
            format!("{}{u}", if x.approx { "~" } else { "" })
        }
        _ => x.value_text(),
    };
    format!("{} times {} at {}, other sources at {}", cx.short(c), what(c), utc(c), utc(major[0]))
}

/// The bound times of one moment of an event: its concept and whether it is the end.
fn moments(claims: &[Claim]) -> Vec<Vec<&Claim>> {
    group(
        claims.iter().filter(|c| {
            // (an hour's span, "á fimmta tímanum", agrees with any time in it: not voted, or it
            // would join two times that disagree into one class)
            c.kind == ClaimKind::Time
                && c.bound()
                && first_copy(c)
                && c.concept.is_some()
                && c.time().is_some_and(|t| t.to - t.from < 30)
        }),
        time_key,
    )
}

/// FL009's key: the event, and whether the time is its end (a time with no start or end word,
/// "occurred at", "fell at", times the event's start).
pub(crate) fn time_key(c: &Claim) -> Option<(Option<Sym>, bool)> {
    Some((c.concept, c.phase == Some(Phase::End)))
}

pub(super) fn time_mismatch(cx: &Cx, claims: &[Claim]) -> Out {
    let p = &cx.rule.params;
    let mut out: Out = (Vec::new(), Vec::new());
    // reports published within a day of each other speak of the same occurrence
    for g in moments(claims).into_iter().flat_map(|g| time_windows(cx, &g, 1)) {
        let side = sides(&g, p);
        let of = |c: &Claim| g.iter().position(|x| std::ptr::eq(*x, c)).and_then(|k| side[k]);
        let mut g: Vec<&Claim> = g.iter().copied().filter(|c| of(c).is_some()).collect();
        // (a side is named by a time given without a rounding word where it has one)
        g.sort_by_key(|c| c.approx);
        let same = |a: &Claim, b: &Claim| of(a) == of(b);
        // three times or more, none given by two sources: the event is not one moment (the first
        // and the second alarm, the slide and the police's message): no verdict
        let cls = classes(cx, &g, same);
        if cls.len() >= 3 && voice_count(cx, &cls[0]) < 2 {
            continue;
        }
        let (d, c) = majority_report(
            cx,
            &g,
            true,
            same,
            |c| c.value_text(),
            |c, major| message(cx, c, major),
            |c, major| help(cx, c, major),
        );
        out.0.extend(d);
        out.1.extend(c);
    }
    out
}
