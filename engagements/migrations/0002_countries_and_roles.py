"""Load the ISO country list with aliases, and create the viewer and editor roles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_MODELS = [
    "country", "official", "appointment", "topic", "engagement", "participation",
    "commitment", "commitmentstatuschange", "sourcedocument", "evidence",
]
EDIT_MODELS = [
    "official", "appointment", "topic", "engagement", "participation", "commitment",
]


def load_countries(apps, schema_editor):
    from engagements.countries import sync_countries

    sync_countries(apps.get_model("engagements", "Country"))


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="engagements")
    by_codename = {p.codename: p for p in perms}

    viewer, _ = Group.objects.get_or_create(name="viewer")
    viewer.permissions.set([by_codename[f"view_{m}"] for m in VIEW_MODELS])

    editor, _ = Group.objects.get_or_create(name="editor")
    editor_codenames = [f"view_{m}" for m in VIEW_MODELS]
    editor_codenames += [f"{action}_{m}" for m in EDIT_MODELS for action in ("add", "change")]
    editor_codenames += ["delete_participation", "delete_appointment", "review_engagement",
                         "change_country"]
    editor.permissions.set([by_codename[c] for c in editor_codenames])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["viewer", "editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load_countries, migrations.RunPython.noop),
        migrations.RunPython(create_roles, remove_roles),
    ]
