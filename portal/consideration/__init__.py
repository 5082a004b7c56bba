"""Consideration of nominations (bình xét): award titles, voting rules, rounds, votes, minutes."""
