"""Award records: the decisions that award titles and commendations, their recipients,
and every person's and collective's award history (issue 13)."""
