"""The service-item catalog (政务服务事项目录及实施清单): its model, import and export (``io``),
versions and diffs, the search index, pinyin, and the items each window used recently."""
