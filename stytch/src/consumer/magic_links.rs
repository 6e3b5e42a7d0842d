//! `/v1/magic_links/*`: email magic links.

use stytch_macros::model;

/// Extra checks on the device that completes a flow: it must match the one that started it.
#[model]
pub struct Options {
    pub ip_match_required: bool,
    pub user_agent_match_required: bool,
}
