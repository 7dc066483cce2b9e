"""Users: identities, profiles, settings and activity."""
