//! VEHICLE_ERROR entries (`data.errors[]`) and failed signals (`status.error`) as [`VehicleIssue`]s.

use super::json::{Node, Obj};
use super::types::{SignalError, SignalRef, VehicleIssue};
use super::SmartcarError;

/// One error object: a `data.errors[]` entry, or a failed signal's `status.error` (then `signal` is its code).
pub(super) fn read_issue(error: Option<&Obj<'_>>, signal: Option<String>) -> Result<VehicleIssue, SmartcarError> {
    let text = |key: &str| error.map(|e| e.opt_text(key)).transpose().map(Option::flatten);
    let string = |key: &str| error.map(|e| e.opt_string(key)).transpose().map(Option::flatten);
    let (resolution, resolution_url) = match error.and_then(|e| e.opt("resolution")) {
        Some(node) => read_resolution(&node)?,
        None => (None, None),
    };
    let doc_url = match string("docURL")? {
        Some(url) => Some(url),
        None => string("docUrl")?,
    };
    let signals = match error {
        Some(e) => e.opt_array("signals")?.iter().map(read_signal_ref).collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    Ok(VehicleIssue {
        error_type: text("type")?,
        code: text("code")?,
        state: string("state")?,
        description: text("description")?,
        signal,
        suggested_user_message: string("suggestedUserMessage")?,
        doc_url,
        resolution,
        resolution_url,
        signals,
    })
}

/// `resolution`: `{type, url?}` (the documented form, `type` may be `null`) or a bare string.
fn read_resolution(node: &Node<'_>) -> Result<(Option<String>, Option<String>), SmartcarError> {
    if node.is_string() {
        return Ok((Some(node.string()?), None));
    }
    let resolution = node.object()?;
    Ok((resolution.opt_string("type")?, resolution.opt_string("url")?))
}

/// A signal an error concerns: `{code, name, group}` or a bare code.
fn read_signal_ref(node: &Node<'_>) -> Result<SignalRef, SmartcarError> {
    if node.is_string() {
        return Ok(SignalRef { code: Some(node.string()?), name: None, group: None });
    }
    let signal = node.object()?;
    Ok(SignalRef {
        code: signal.opt_string("code")?,
        name: signal.opt_string("name")?,
        group: signal.opt_string("group")?,
    })
}

/// The same error as the compact [`SignalError`] a [`super::Signal`] carries.
pub(super) fn signal_error(issue: &VehicleIssue) -> SignalError {
    SignalError {
        error_type: issue.error_type.clone(),
        code: issue.code.clone(),
        description: issue.description.clone(),
    }
}
