//! `Nullable`: the one way a request sends an explicit JSON `null`.

use serde::{Serialize, Serializer};

/// A request value that can be an explicit `null`.
///
/// Request fields are left off the wire when they are `None`. A field declared as
/// `Option<Nullable<T>>` can also be sent as `null`, which Stytch reads as "clear this value";
/// its builder has a `clear_<field>()` method for that.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Sent as `null`.
    Null,
    /// Sent as the value.
    Value(T),
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Null => serializer.serialize_none(),
            Nullable::Value(value) => value.serialize(serializer),
        }
    }
}
