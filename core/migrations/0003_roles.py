"""The "Éditeurs" and "Modérateurs" roles and the moderation workflow (see core/roles.py)."""

from django.db import migrations

STOCK_GROUPS = ["Editors", "Moderators"]
STOCK_WORKFLOW = "Moderators approval"


def retire_stock_roles(apps):
    """Wagtail's English placeholder groups and workflow, unless someone uses them."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    for workflow in Workflow.objects.filter(name=STOCK_WORKFLOW):
        if not WorkflowState.objects.filter(workflow=workflow).exists():
            workflow.delete()
    for task in Task.objects.filter(name=STOCK_WORKFLOW):
        if not TaskState.objects.filter(task=task).exists() and not task.workflow_tasks.exists():
            task.delete()
    for group in Group.objects.filter(name__in=STOCK_GROUPS):
        if not group.user_set.exists():
            group.delete()


def create_roles(apps, schema_editor):
    from core.roles import sync_roles

    retire_stock_roles(apps)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_standard_page"),
        ("home", "0002_create_homepage"),
        ("events", "0002_editor_labels"),
        ("publications", "0002_editor_labels"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    # Going back leaves the groups in place: they may have members by then.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
