"""Rules of this family are being written."""
