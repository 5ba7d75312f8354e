"""The two pictures of the benchmark: a confusion matrix and per-field F1."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.metrics import Scores


def plot_confusion(confusion: Counter[tuple[str, str]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    labels = sorted({t for t, _ in confusion} | {p for _, p in confusion})
    m = np.zeros((len(labels), len(labels)), dtype=int)
    for (t, p), n in confusion.items():
        m[labels.index(t), labels.index(p)] += n
    fig, ax = plt.subplots(figsize=(9, 8))
    ax.imshow(m / np.maximum(m.sum(axis=1, keepdims=True), 1), cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(len(labels)), labels, rotation=60, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    for i in range(len(labels)):
        for j in range(len(labels)):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("truth")
    ax.set_title("Document types: truth vs predicted")
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)


def plot_field_f1(groups: dict[str, Scores], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from bench.metrics import FIELD_TYPES

    fig, ax = plt.subplots(figsize=(9, 4))
    x = np.arange(len(FIELD_TYPES))
    width = 0.8 / max(1, len(groups))
    for k, (name, s) in enumerate(groups.items()):
        ax.bar(x + (k - (len(groups) - 1) / 2) * width, [s.fields[f].f1 for f in FIELD_TYPES], width=width, label=name)
    ax.set_xticks(x, FIELD_TYPES, rotation=20)
    ax.set_ylim(0, 1.2)  # room above the bars for the legend
    ax.set_ylabel("F1")
    ax.legend(loc="upper center", ncol=len(groups))
    ax.set_title("Field reading F1")
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    plt.close(fig)
