"""An optional local Hugging Face sequence-classification model, combined with the rules.

Loaded only from a folder on disk (``local_files_only``: nothing is ever downloaded).
Needs the ``model`` extra (torch and transformers); uses a GPU when one is available.
The model's labels (``config.id2label``) must be signal names; others are ignored. A
multi-label model (``problem_type == "multi_label_classification"`` or any model whose
labels are all signal names) is read with a sigmoid per label, others with a softmax.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from safecase.errors import UserError
from safecase.model import SIGNALS


class ModelUnavailable(UserError):
    """torch/transformers are missing, or the folder holds no usable model."""


class LocalModel:
    """A sequence-classification model in a local folder, scoring texts per signal."""

    def __init__(self, path: str | Path, device: str | None = None, batch_size: int = 32) -> None:
        folder = Path(path)
        if not folder.is_dir() or not (folder / "config.json").is_file():
            raise ModelUnavailable(f"{folder}: not a model folder (no config.json)")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError:
            raise ModelUnavailable(
                "--model needs torch and transformers: pip install 'safecase[model]'"
            ) from None
        self._torch = torch
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(
                folder, local_files_only=True
            )
        except (OSError, ValueError) as err:
            raise ModelUnavailable(f"{folder}: cannot load the model ({err})") from None
        self.device = device or ("cuda" if torch.cuda.is_available() else "cpu")
        self.model.to(self.device)
        self.model.eval()
        self.batch_size = batch_size
        id2label: dict[int, str] = {int(k): v for k, v in self.model.config.id2label.items()}
        self.labels = {i: name for i, name in id2label.items() if name in SIGNALS}
        if not self.labels:
            raise ModelUnavailable(f"{folder}: none of the model's labels is a signal name")
        self.multi_label = (
            getattr(self.model.config, "problem_type", None) == "multi_label_classification"
            or len(self.labels) == len(id2label)
        )
        digest = hashlib.sha256((folder / "config.json").read_bytes()).hexdigest()[:12]
        self.name = f"{folder.name} (config {digest}, {self.device})"

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Probability per signal name for each text."""
        torch = self._torch
        out: list[dict[str, float]] = []
        for i in range(0, len(texts), self.batch_size):
            batch = list(texts[i:i + self.batch_size])
            enc: Any = self.tokenizer(
                batch, padding=True, truncation=True, max_length=256, return_tensors="pt"
            )
            enc = {k: v.to(self.device) for k, v in enc.items()}
            with torch.no_grad():
                logits = self.model(**enc).logits
            probs = torch.sigmoid(logits) if self.multi_label else torch.softmax(logits, dim=-1)
            for row in probs.cpu().tolist():
                out.append({name: float(row[idx]) for idx, name in self.labels.items()})
        return out


def load_model(path: str | Path) -> LocalModel:
    """Load a local model folder for ``classify(..., model=...)``."""
    return LocalModel(path)
