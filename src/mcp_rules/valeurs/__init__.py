"""Couche 2, les valeurs : l'adresse électronique, le numéro d'instructeur RSA, le mot de
passe temporaire. Chacune se lit strictement (``parse``), s'écrit sous sa forme canonique
(``str``) et n'importe que les fondations."""
