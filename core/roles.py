"""The association's two roles, defined once: who may write, who may publish.

``ROLES`` says what each group may do; ``sync_roles()`` makes the database
grant at least that. It is idempotent and only ever adds: a permission an
administrator granted by hand is kept. The data migration ``core.0003_roles``,
the ``sync_roles`` management command and ``load_demo_content`` all call it.

A permission whose model does not exist yet is skipped and reported, so a
role can name it before it lands; run ``manage.py sync_roles`` (or a migration
calling ``sync_roles``) once it has, as ``core.0005_roles_for_comments_and_registrations`` does.
The apps above core name their own permissions (``grant``), so core imports none of them.

See docs/roles.md.
"""

from dataclasses import dataclass, field

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"

WORKFLOW_NAME = "Relecture par les modérateurs"
TASK_NAME = "Validation par un modérateur"

# What editors make: pages (through page permissions) and files. The apps above
# core add what their models need with ``grant`` from their AppConfig.ready():
# events the snippets reused from one colloquium to the next (editors create and
# edit them; nobody deletes a shared snippet by accident), comments and
# registrations what moderators do with visitors' contributions.
_EDITOR_PERMISSIONS = ["wagtailadmin.access_admin"]


@dataclass(frozen=True)
class Role:
    name: str
    # "app_label.codename" model permissions.
    permissions: list = field(default_factory=list)
    # Wagtail page permission types ("add", "change", "publish"...) granted on
    # the root page of each site (the home page), hence on the whole site.
    page_permissions: list = field(default_factory=list)
    # "app_label.codename" permissions granted on the root collection.
    collection_permissions: list = field(default_factory=list)
    # Members of this group approve the moderation workflow's task.
    moderates: bool = False


# Wagtail checks document permissions on its own Document model, whatever
# WAGTAILDOCS_DOCUMENT_MODEL says (wagtail.documents.get_permission_policy).
_MEDIA_PERMISSIONS = [
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]

ROLES = {
    EDITORS: Role(
        name=EDITORS,
        permissions=list(_EDITOR_PERMISSIONS),
        page_permissions=["add", "change"],
        collection_permissions=_MEDIA_PERMISSIONS,
    ),
    MODERATORS: Role(
        name=MODERATORS,
        permissions=list(_EDITOR_PERMISSIONS),
        page_permissions=["add", "change", "publish", "lock", "unlock"],
        collection_permissions=_MEDIA_PERMISSIONS,
        moderates=True,
    ),
}


def grant(role_name, permissions):
    """Add "app_label.codename" permissions to a role (called from an app's ready())."""
    role = ROLES[role_name]
    role.permissions.extend(p for p in permissions if p not in role.permissions)


class _Report:
    def __init__(self):
        self.granted = 0
        self.missing = []

    def __str__(self):
        text = f"{self.granted} permission(s) ajoutée(s)"
        if self.missing:
            text += " ; pas encore disponibles : " + ", ".join(sorted(set(self.missing)))
        return text


def _ensure_permissions_exist(apps):
    """Inside a migration, create the permissions post_migrate has not created yet.

    Outside one (the command, the demo loader), `migrate` has already created
    them; calling create_permissions there would also empty ContentType's cache,
    which breaks the restore of serialized test databases (a Task built while
    restoring looks its content type up and creates it a second time).
    """
    if apps is global_apps:
        return
    for app_config in apps.get_app_configs():
        # A migration's app configs have no models module, which makes
        # create_permissions skip them.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _section_roots(apps):
    """The pages under which editors work: each site's home page, else the tree root."""
    Page = apps.get_model("wagtailcore", "Page")
    roots = list(Page.objects.filter(sites_rooted_here__isnull=False).distinct().order_by("path"))
    if not roots:
        roots = list(Page.objects.filter(depth=1).order_by("path")[:1])
    return roots


def _content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return content_type


def _ensure_workflow(apps, moderator_groups, roots):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        # Set by hand: historical models (in migrations) do not fill the
        # content type the way Task.__init__ does.
        task = GroupApprovalTask.objects.create(
            name=TASK_NAME,
            active=True,
            content_type=_content_type(apps, "wagtailcore", "groupapprovaltask"),
        )
    task.groups.add(*moderator_groups)

    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in roots:
        # One workflow per page: an administrator's choice is left alone.
        if not WorkflowPage.objects.filter(page=page).exists():
            WorkflowPage.objects.create(page=page, workflow=workflow)
    return workflow


def sync_roles(apps=global_apps):
    """Create the roles and grant what ``ROLES`` says; return a short French report.

    ``apps`` is a migration's historical app registry, or the real one.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    _ensure_permissions_exist(apps)
    report = _Report()
    roots = _section_roots(apps)
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    page_content_type = _content_type(apps, "wagtailcore", "page")
    moderator_groups = []

    for role in ROLES.values():
        group, _created = Group.objects.get_or_create(name=role.name)
        if role.moderates:
            moderator_groups.append(group)

        for dotted in role.permissions:
            permission = _permission(apps, dotted)
            if permission is None:
                report.missing.append(dotted)
            elif not group.permissions.filter(pk=permission.pk).exists():
                group.permissions.add(permission)
                report.granted += 1

        for kind in role.page_permissions:
            permission = Permission.objects.get(
                content_type=page_content_type, codename=f"{kind}_page"
            )
            for page in roots:
                _grant, created = GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
                report.granted += created

        for dotted in role.collection_permissions:
            permission = _permission(apps, dotted)
            if permission is None:
                report.missing.append(dotted)
                continue
            if root_collection is not None:
                _grant, created = GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
                report.granted += created

    _ensure_workflow(apps, moderator_groups, roots)
    return report
