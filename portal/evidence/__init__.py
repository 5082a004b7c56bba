"""Evidence files attached to unit records: checked, stored outside static/, served safely."""
