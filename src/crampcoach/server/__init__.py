"""The multi-user server's accounts: users, passwords, API tokens, web sessions and the
login lockout (`accounts.Accounts`); roles and consent come next (docs/api.md)."""
