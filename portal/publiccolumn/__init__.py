"""The public column (plan III.2.a): exemplar stories the Office approves for publishing."""
