"""coding: CAMEO and PLOVER code tables and trigger lexicons, loaded from data/."""
