from django.apps import AppConfig
from django.db.backends.signals import connection_created


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from pagecache import ignored_writes, install

        ignored_writes()  # the settings' labels must name installed models, or nothing starts
        connection_created.connect(install, dispatch_uid="pagecache.install")
