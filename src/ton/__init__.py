"""ton : vérificateur de ton pour les messages d'annulation, de report ou de refus d'entretien."""

__version__ = "0.1.0"
