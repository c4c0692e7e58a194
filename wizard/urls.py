from __future__ import annotations

app_name = "wizard"

urlpatterns: list = []
