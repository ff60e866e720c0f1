//! A bound on the nesting of a YAML document, checked before serde_norway reads it.
//!
//! serde_norway refuses documents nested deeper than 128 levels, but only once libyaml has turned
//! the whole document into events; and libyaml's scanner does work in proportion to the flow
//! nesting depth for every token it reads, so 100,000 nested `{a: ` took about a minute of CPU.
//! This walks the events of the same parser (unsafe-libyaml-norway, serde_norway's own backend),
//! so it counts exactly the nesting serde_norway would see, and it stops at the first collection
//! past the limit: the work done is bounded by the limit, not by the document.

use std::mem::MaybeUninit;
use unsafe_libyaml_norway as unsafe_libyaml;

/// Where a document first goes deeper than the limit (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TooDeep {
    /// Line of the collection that went past the limit.
    pub(super) line: u64,
    /// Column of that collection.
    pub(super) column: u64,
}

/// Owns an initialized libyaml parser and frees it when dropped.
struct Parser(Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>);

impl Drop for Parser {
    fn drop(&mut self) {
        // SAFETY: a `Parser` is only built after `yaml_parser_initialize` succeeded on this
        // allocation, and is deleted exactly once, here.
        unsafe { unsafe_libyaml::yaml_parser_delete(self.0.as_mut_ptr()) }
    }
}

/// `Some` with the place where `input` nests collections (sequences and mappings, block or
/// flow) more than `limit` deep; `None` when it stays within the limit, and also when the
/// document is not valid YAML: serde_norway reports syntax errors itself, with their location.
pub(super) fn too_deep(input: &[u8], limit: usize) -> Option<TooDeep> {
    let mut memory = Box::<unsafe_libyaml::yaml_parser_t>::new_uninit();
    // SAFETY: `yaml_parser_initialize` takes a pointer to uninitialized memory of the right size
    // and alignment (the box) and fills in every field; it fails only when out of memory, and
    // then leaves nothing to free.
    if unsafe { unsafe_libyaml::yaml_parser_initialize(memory.as_mut_ptr()) }.fail {
        return None;
    }
    let mut parser = Parser(memory);
    let raw = parser.0.as_mut_ptr();
    // SAFETY: the parser is initialized and has no input yet (both functions assert this).
    // libyaml keeps a pointer to `input`, a borrow that outlives `parser` (dropped when this
    // function returns).
    unsafe {
        unsafe_libyaml::yaml_parser_set_encoding(raw, unsafe_libyaml::YAML_UTF8_ENCODING);
        unsafe_libyaml::yaml_parser_set_input_string(raw, input.as_ptr(), input.len() as u64);
    }
    let mut depth = 0usize;
    loop {
        let mut event = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser is initialized with its input; `yaml_parser_parse` fills `event`
        // completely when it succeeds and leaves nothing to free when it fails.
        if unsafe { unsafe_libyaml::yaml_parser_parse(raw, event.as_mut_ptr()) }.fail {
            return None;
        }
        // SAFETY: the call above succeeded, so `event` is initialized; it is read here and then
        // deleted once (which frees the anchor, tag and value it may own), and not used after.
        let (kind, mark) = unsafe {
            let event = event.assume_init_mut();
            let seen = (event.type_, event.start_mark);
            unsafe_libyaml::yaml_event_delete(event);
            seen
        };
        match kind {
            unsafe_libyaml::YAML_SEQUENCE_START_EVENT | unsafe_libyaml::YAML_MAPPING_START_EVENT => {
                depth += 1;
                if depth > limit {
                    return Some(TooDeep { line: mark.line + 1, column: mark.column + 1 });
                }
            }
            unsafe_libyaml::YAML_SEQUENCE_END_EVENT | unsafe_libyaml::YAML_MAPPING_END_EVENT => {
                depth = depth.saturating_sub(1)
            }
            unsafe_libyaml::YAML_STREAM_END_EVENT => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_block_and_flow_nesting_alike() {
        assert_eq!(too_deep(b"a: 1\n", 1), None);
        assert_eq!(too_deep(b"a: {b: [1]}\n", 3), None);
        assert_eq!(too_deep(b"a: {b: [1]}\n", 2), Some(TooDeep { line: 1, column: 8 }));
        assert_eq!(too_deep(b"a:\n  b:\n    c: 1\n", 2), Some(TooDeep { line: 3, column: 5 }));
        assert_eq!(too_deep(b"- - - x\n", 2), Some(TooDeep { line: 1, column: 5 }));
        // siblings do not add up
        assert_eq!(too_deep(b"[[1], [2], [3], {a: [4]}]\n", 3), None);
        // comments, quotes and block scalars do not nest
        assert_eq!(too_deep(b"a: '[[[['\nb: |\n  {{{{\nc: x [[[ # [[[\n", 1), None);
    }

    #[test]
    fn syntax_errors_are_left_to_serde_norway() {
        assert_eq!(too_deep(b"a: [unclosed\n", 5), None);
        assert_eq!(too_deep(b"\xff\xfe\x00", 5), None);
        assert_eq!(too_deep(b"", 0), None);
    }
}
