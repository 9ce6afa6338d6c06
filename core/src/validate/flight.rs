//! Rules of devcenter package flights (`reference/docs/manage-flight-submissions.md`,
//! `create-a-flight.md`): the flight submission resource and the flight create body.

use serde_json::Value;

use super::check::{At, Ck};
use super::codes as c;
use super::devcenter;
use crate::data::enums;

/// The flight submission resource.
pub(crate) fn submission(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    ck.read_only(doc, enums::FLIGHT_SUBMISSION_READ_ONLY);
    devcenter::packages(ck, obj, &root, "flightPackages");
    devcenter::delivery(ck, obj, &root);
    devcenter::publishing(ck, obj, &root, false);
    ck.str(obj, &root, "notesForCertification", false);
}

/// The flight create body: `{"friendlyName", "groupIds": [...], "rankHigherThan"}`. Group ids are
/// strings per the table; the documented example sends numbers, so both are accepted.
pub(crate) fn create(ck: &mut Ck, doc: &Value) {
    let root = At::root();
    let Some(obj) = ck.as_object(doc, &root) else { return };
    ck.str(obj, &root, "friendlyName", false);
    ck.str(obj, &root, "rankHigherThan", false);
    let at = root.key("groupIds");
    match obj.get("groupIds") {
        None | Some(Value::Null) => ck.push(
            c::FLIGHT_GROUP_IDS_MISSING,
            &at,
            "groupIds: absent; the flight reaches nobody until a flight group is added".into(),
        ),
        Some(Value::Array(ids)) => {
            if ids.is_empty() {
                ck.push(
                    c::FLIGHT_GROUP_IDS_EMPTY,
                    &at,
                    "groupIds: empty; at least one flight group id is required".into(),
                );
            }
            for (i, v) in ids.iter().enumerate() {
                if !(v.is_string() || v.is_u64()) {
                    ck.wrong_type(&at.idx(i), "a flight group id (string)", v);
                }
            }
        }
        Some(v) => ck.wrong_type(&at, "an array of flight group ids", v),
    }
}
