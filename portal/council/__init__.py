"""The Emulation-Commendation Council: members, assignments, supervision."""
