"""The shared tree model of the managers: Qt's model checks, and rows kept by the nodes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from archive_gui.ui.tree_manager import ManagerFilterProxy, ManagerTreeModel, TreeNode


class _NameModel(ManagerTreeModel):
    """The smallest subclass: nodes show their key; the name column is editable."""

    HEADERS = ("Name", "Other")

    def set_names(self, names: dict[str, list[str]]) -> None:
        root = TreeNode()
        by_key = {}
        for name, below in names.items():
            node = by_key[name] = TreeNode(name, name)
            root.append_child(node)
            for child_name in below:
                child = by_key[child_name] = TreeNode(child_name, child_name)
                node.append_child(child)
        root.sort_children(lambda n: n.key)
        self._set_tree(root, by_key)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return index.internalPointer().key
        return None

    def _editable(self, column: int) -> bool:
        return column == 0


def _assert_rows_consistent(node: TreeNode) -> None:
    for row, child in enumerate(node.children):
        assert child.row() == row
        assert child.parent is node
        _assert_rows_consistent(child)


def test_base_model_passes_qt_model_checks(qtmodeltester):
    model = _NameModel()
    qtmodeltester.check(model)  # empty
    model.set_names({"b": ["b1", "b2"], "a": [], "c": ["c1"]})
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(3)] == ["a", "b", "c"]
    b1 = model.index_of("b1")
    assert b1.data() == "b1" and model.parent(b1) == model.index_of("b")
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Other"
    assert model.flags(b1) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(b1.siblingAtColumn(1)) & Qt.ItemFlag.ItemIsEditable
    assert not model.index_of("missing").isValid()
    assert sorted(model.node_keys()) == ["a", "b", "b1", "b2", "c", "c1"]


def test_nodes_keep_their_rows_through_changes():
    root = TreeNode()
    nodes = [TreeNode(i) for i in range(5)]
    for node in nodes:
        root.append_child(node)
    _assert_rows_consistent(root)
    extra = TreeNode("x")
    root.insert_child(2, extra)
    _assert_rows_consistent(root)
    assert extra.row() == 2 and nodes[4].row() == 5
    root.remove_child(nodes[0])
    _assert_rows_consistent(root)
    assert nodes[0].parent is None and extra.row() == 1
    root.sort_children(lambda n: str(n.key))
    _assert_rows_consistent(root)
    assert [n.key for n in root.children] == [1, 2, 3, 4, "x"]


def test_row_is_stored_not_searched():
    """``row()`` must not scan the parent's children (O(n) per ``parent()`` call)."""
    root = TreeNode()
    for i in range(3):
        root.append_child(TreeNode(i))

    class NoSearch(list):
        def index(self, *args):
            raise AssertionError("row() searched the children")

    root.children = NoSearch(root.children)
    assert [n.row() for n in root.children] == [0, 1, 2]


def test_parent_lookup_stays_fast_with_many_top_level_nodes(qapp):
    model = _NameModel()
    model.set_names({f"s{i:05d}": [f"s{i:05d}/m"] for i in range(5000)})
    proxy = ManagerFilterProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("/m")  # recursive: every merged name keeps its parent
    assert proxy.rowCount() == 5000
    child = model.index_of("s04999/m")
    assert model.parent(child).row() == 4999
