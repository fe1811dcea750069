"""Estafette: the web platform of the Slimme Zorg Estafette."""
