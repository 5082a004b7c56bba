"""Title registration at the start of the year (đăng ký thi đua)."""
