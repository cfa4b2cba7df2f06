"""The pages, a module per area: home, assess, relief, ask, plans, diary, and the offline files."""
