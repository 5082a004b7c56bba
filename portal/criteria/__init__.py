"""Criteria sets (tiêu chuẩn) for collective and individual exemplars, per plan period."""
