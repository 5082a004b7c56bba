"""Word, Excel and PDF builders shared by every compiled output and export."""
