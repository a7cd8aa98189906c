// Return true when every bracket in s is closed by the same type, in the right order.
fn is_valid(s: String) -> bool {
    let _ = s;
    false
}
