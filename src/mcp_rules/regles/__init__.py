"""Les règles du guide, un module par domaine de ``rules.md`` (CONV, ROLE, GRP, USR,
ELIG, NUM, MDP, CDAP, AFAS, SUPP), chacun à lire à côté de sa section du guide."""
