"""AutoIF Studio reward client for verl (compute_score) and TRL (trl_reward). Standard library only.

Environment: AUTOIF_REWARD_URL (the app, e.g. http://host:5080), AUTOIF_REWARD_TOKEN (the app's Reward:ApiKey),
AUTOIF_REWARD_MODE (binary | fraction | accuracy), AUTOIF_REWARD_TIMEOUT (seconds per try), AUTOIF_REWARD_RETRIES.
Each label (verl's ground_truth, TRL's ground_truth column) is the AutoIF label JSON string
{"run", "prompt_id", "instruction_ids"}; the service scores the answer with the run's kept verifiers.
"""
import concurrent.futures
import json
import os
import time
import urllib.error
import urllib.request

CHUNK = 256  # rollouts per request, under the service's Reward:MaxItems
PARALLEL = 16  # requests of one batch in flight at once
_RETRIED = (429, 502, 503, 504)


def _setting(name, default):
    return os.environ.get(name) or default


def _post(path, payload):
    url = _setting("AUTOIF_REWARD_URL", "http://127.0.0.1:5080").rstrip("/") + path
    token = _setting("AUTOIF_REWARD_TOKEN", "")
    timeout = float(_setting("AUTOIF_REWARD_TIMEOUT", "60"))
    retries = int(_setting("AUTOIF_REWARD_RETRIES", "4"))
    body = json.dumps(payload).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    last = None
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            if error.code not in _RETRIED:
                # A 400 or 401 will not heal by itself: fail loudly with the service's reason.
                raise RuntimeError("AutoIF reward %s: HTTP %d: %s" % (path, error.code, error.read().decode("utf-8", "replace"))) from error
            last = error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last = error
        if attempt < retries:
            time.sleep(min(0.5 * 2 ** attempt, 8.0))
    raise RuntimeError("AutoIF reward service unreachable at %s: %s" % (url, last))


def _score(labels, responses):
    mode = _setting("AUTOIF_REWARD_MODE", "binary")

    def chunk(start):
        items = [{"label": label, "response": response}
                 for label, response in zip(labels[start:start + CHUNK], responses[start:start + CHUNK])]
        result = _post("/api/reward/score", {"items": items, "mode": mode})
        return [float(r["reward"]) for r in result["results"]]

    starts = range(0, len(labels), CHUNK)
    if len(starts) <= 1:
        return [reward for start in starts for reward in chunk(start)]
    # All chunks at once: the service gathers requests that arrive together into one sandbox batch, where each verifier
    # runs once for every rollout it scores; chunks sent one after another would each pay for every verifier again.
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(len(starts), PARALLEL)) as pool:
        return [reward for rewards in pool.map(chunk, starts) for reward in rewards]


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    """verl custom reward function: one rollout, ground_truth the AutoIF label. Returns a float."""
    return _score([ground_truth], [solution_str])[0]


def compute_score_batch(data_sources, solution_strs, ground_truths, extra_infos=None, **kwargs):
    """verl's batch reward manager (reward_manager=batch): a list of floats, one request per chunk."""
    return _score(list(ground_truths), list(solution_strs))


def _completion_text(completion):
    if isinstance(completion, str):
        return completion
    # Conversational: a list of messages; the assistant's turns are the answer.
    return "".join(m.get("content") or "" for m in completion if m.get("role") == "assistant")


def trl_reward(prompts, completions, ground_truth, **kwargs):
    """TRL GRPOTrainer reward_funcs entry; ground_truth is the dataset column of AutoIF labels."""
    return _score(list(ground_truth), [_completion_text(c) for c in completions])
