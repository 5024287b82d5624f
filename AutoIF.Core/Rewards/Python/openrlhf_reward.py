"""AutoIF Studio reward for OpenRLHF (--reward.remote_url / --remote_rm_url pointing at this file). Standard library;
torch when OpenRLHF's environment has it.

Environment: AUTOIF_REWARD_URL, AUTOIF_REWARD_TOKEN, AUTOIF_REWARD_MODE (binary | fraction | accuracy),
AUTOIF_REWARD_TIMEOUT (seconds per try), AUTOIF_REWARD_RETRIES. Labels are AutoIF label JSON strings
(--data.label_key label). The service removes the prompt prefix, end-of-turn tokens and a </think> reasoning block.
"""
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request

_RETRIED = (429, 502, 503, 504)


def _setting(name, default):
    return os.environ.get(name) or default


def _post(payload):
    base = _setting("AUTOIF_REWARD_URL", "http://127.0.0.1:5080").rstrip("/")
    url = base + "/api/reward/openrlhf?" + urllib.parse.urlencode({"mode": _setting("AUTOIF_REWARD_MODE", "binary")})
    token = _setting("AUTOIF_REWARD_TOKEN", "")
    timeout = float(_setting("AUTOIF_REWARD_TIMEOUT", "60"))
    retries = int(_setting("AUTOIF_REWARD_RETRIES", "4"))
    headers = {"Content-Type": "application/json"}
    if token:
        # This file can send a header; ?token= is only for OpenRLHF's own HTTP client, which cannot.
        headers["Authorization"] = "Bearer " + token
    body, last = json.dumps(payload).encode("utf-8"), None
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            if error.code not in _RETRIED:
                raise RuntimeError("AutoIF reward: HTTP %d: %s" % (error.code, error.read().decode("utf-8", "replace"))) from error
            last = error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last = error
        if attempt < retries:
            time.sleep(min(0.5 * 2 ** attempt, 8.0))
    raise RuntimeError("AutoIF reward service unreachable at %s: %s" % (base, last))


def reward_func(queries, prompts, labels, **kwargs):
    """The function OpenRLHF looks up by this name: rewards (the mode), scores (share of constraints passed, 0-1), extra_logs."""
    result = _post({"query": list(queries), "prompts": list(prompts), "labels": list(labels)})
    try:
        import torch  # OpenRLHF concatenates and indexes these as tensors
    except ImportError:
        return result
    tensor = lambda values: torch.tensor(values, dtype=torch.float32)
    return {"rewards": tensor(result["rewards"]), "scores": tensor(result["scores"]),
            "extra_logs": {k: tensor(v) for k, v in (result.get("extra_logs") or {}).items()}}
