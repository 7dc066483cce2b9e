"""Auth: passwords, sessions and tokens, lockout, roles and permissions, security audit."""
