"""AutoIF Studio reward for open-instruct: rows whose "dataset" is "autoif" are scored by the AutoIF reward service.

open-instruct picks a verifier by the row's "dataset" column among the direct subclasses of VerifierFunction that exist
when it builds its verifiers; a row whose dataset has none gets no reward, silently. So either import this module before
training starts (for example `import open_instruct_autoif` at the top of open_instruct/grpo_fast.py, with this folder on
PYTHONPATH), or paste the class below at the end of open_instruct/ground_truth_utils.py.

It scores through autoif_reward.py (next to this file, or the path in AUTOIF_REWARD_PY), which reads AUTOIF_REWARD_URL,
AUTOIF_REWARD_TOKEN and AUTOIF_REWARD_MODE.
"""
import importlib.util
import os

try:
    from open_instruct.ground_truth_utils import VerificationResult, VerifierFunction
except ImportError as error:  # pragma: no cover - only outside open-instruct
    raise ImportError("open_instruct_autoif.py needs open-instruct (open_instruct.ground_truth_utils) on the path") from error

_HERE = os.path.dirname(os.path.abspath(__file__))


def _client():
    path = os.environ.get("AUTOIF_REWARD_PY") or os.path.join(_HERE, "autoif_reward.py")
    spec = importlib.util.spec_from_file_location("autoif_reward", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class AutoIFVerifier(VerifierFunction):
    """dataset == "autoif": the label is the AutoIF label JSON string; the reward is the service's (binary by default)."""

    _reward = None

    def __init__(self, verifier_config=None) -> None:
        super().__init__("autoif", weight=1.0, verifier_config=verifier_config)

    def __call__(self, tokenized_prediction, prediction, label, query=None, **kwargs) -> VerificationResult:
        if AutoIFVerifier._reward is None:
            AutoIFVerifier._reward = _client()
        return VerificationResult(score=AutoIFVerifier._reward.compute_score("autoif", prediction, label))
