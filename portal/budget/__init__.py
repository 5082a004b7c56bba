"""The programme's yearly budget (plan clause IV) and the costs set against it."""
