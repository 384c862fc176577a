def template_name(database_name):
    """Name of the migrated database the test databases are cloned from."""
    return f"{database_name}_template"
