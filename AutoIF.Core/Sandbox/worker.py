"""AutoIF verifier worker.

One long-lived process (the "zygote") talks line-delimited JSON with the host on its stdin/stdout.
Verifier code never runs in the zygote: for every run of consecutive calls of one source the zygote
forks a child from its pristine state, so nothing a verifier does (patched builtins or modules, signal
handlers, leaked memory, files, changed sys) reaches another source or a later job. The child writes
its verdicts into a shared memory buffer; the zygote drains it, streams results to the host and
enforces the soft timeout (SIGALRM that the child turns into an exception) and the hard deadline
(SIGKILL, which a C-level hang such as a catastrophic regex cannot ignore).

Warm children (cfg "warm" > 0): a child that ends its calls with nothing changed that could change a later verdict
(the checks after every call, plus signal handlers, the signal mask, timers, open files, working directory, CPU and
memory) parks instead of exiting, and the zygote hands it the next calls of the same source, in this job or a later
one, through a second shared buffer. A fork costs milliseconds of CPU and a call some microseconds, so a source scored
in many small jobs (the reward service) pays the fork once. Sources still never share a process. At most one child
runs at a time: a parked child stops itself (SIGSTOP) and the zygote confirms the stop with waitpid before any other
runs (a wake-up is two switches between processes: SIGCONT there, the stop back), one continued by anyone but the
zygote is killed, and children are not dumpable, so none can read or write another's memory.

Host -> worker:  {"op": "run", "j": ID, "src": [[hash, source], ...], "in": [text, ...], "calls": [s0, i0, s1, i1, ...]}
                 {"op": "check", "j": ID, "src": [[hash, source], ...]}
Worker -> host:  {"ready": true, "python": "3.11.2", "uid": 65534, "pid": 1}   once, at start
                 {"j": ID, "r": [kind | [kind, detail], ...]}                   results in call order, appended
                 {"j": ID, "end": true}
Kinds (run): 0 True, 1 False, 2 NotBool, 3 Error, 4 Timeout, 5 Crashed. A NotBool detail is the result's type and,
when the result is plain JSON, a second line "value: JSON".
Kinds (check): 1 Ok, 2 SyntaxError, 3 MissingEvaluate, 4 NotCallable, 5 Failed.
"""

import array
import builtins
import gc
import json
import mmap
import operator
import os
import re
import resource
import shutil
import signal
import _signal
import struct
import sys
import time

# Modules verifiers commonly import; loading them once here makes them free in every child.
PRELOAD = (
    "re", "json", "string", "math", "collections", "itertools", "functools", "unicodedata",
    "datetime", "random", "textwrap", "typing", "operator", "copy", "statistics", "difflib",
    "html", "base64", "keyword", "enum", "dataclasses", "fractions", "decimal", "heapq", "bisect",
    "calendar", "csv", "io", "ast", "hashlib", "uuid",
)

TRUE, FALSE, NOT_BOOL, ERROR, TIMEOUT, CRASHED = 0, 1, 2, 3, 4, 5
CHECK_OK, CHECK_SYNTAX, CHECK_MISSING, CHECK_NOT_CALLABLE, CHECK_FAILED = 1, 2, 3, 4, 5
# Check verdicts travel through the shared buffer shifted, so they never read as run kinds.
CHECK_BASE = 16

# Shared buffer header (int64 slots): write offset, records written, call index to interrupt + 1, clean-exit flag; for
# warm children the pid a command is for, its first and end call index, and the parked flag.
H_OFFSET, H_COUNT, H_INTERRUPT, H_CLEAN, H_TARGET, H_LO, H_HI, H_PARKED = 0, 1, 2, 3, 4, 5, 6, 7
HEADER_BYTES = 64
# A verdict without detail is one byte, its kind; one with detail is DETAIL_FLAG | kind, a 4-byte length and the UTF-8.
# Most verdicts have no detail, so the zygote hands whole runs of one-byte records to the host at C speed.
RECORD_HEAD = struct.Struct("<BI")
DETAIL_FLAG = 0x80
MAX_KIND = CHECK_BASE + CHECK_FAILED
NOT_PLAIN = re.compile(rb"[^\x00-\x%02x]" % MAX_KIND)

EXIT_CLEAN = 0
EXIT_RETIRED = 10

# A warm child that has grown this much since its birth retires rather than park: leaks stay bounded.
WARM_MAX_GROWTH_KB = 64 * 1024
INPUT_HEAD = struct.Struct("<I")
PR_SET_PDEATHSIG, PR_SET_DUMPABLE = 1, 4

# The deepest recursion a verifier may ask for (Python's default is 1000). Python 3.11 keeps frames of Python-to-Python
# calls on the heap, so a runaway recursion under a limit of 10**6 runs for seconds into the memory limit and its verdict
# (Error, Crashed or Timeout) depended on how fast the machine was at that moment. At this depth it fails in a few
# milliseconds with RecursionError, and recursion through C code (map, repr) still stays inside an 8 MB C stack.
MAX_RECURSION_LIMIT = 10_000


class SoftTimeout(BaseException):
    """Raised inside the child when the zygote says the current call is over time."""


class Capture:
    """Stands in for sys.stdout/sys.stderr in the child: keeps the first `cap` characters."""

    def __init__(self, cap):
        self.cap = cap
        self.parts = []
        self.size = 0

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str")
        room = self.cap - self.size
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.size += len(piece)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def text(self):
        return "".join(self.parts)

    def reset(self):
        if self.size:
            self.parts = []
            self.size = 0


def cap_text(text, cap):
    if len(text) > cap:
        return text[: max(0, cap - 1)] + "\u2026"
    return text


def describe_exception(exc, cap):
    try:
        name = type(exc).__name__
    except BaseException:
        name = "Exception"
    try:
        message = str(exc)
    except BaseException:
        message = "<unprintable>"
    return cap_text(f"{name}: {message}" if message else str(name), cap)


def type_name(value, cap):
    try:
        t = type(value)
        module = t.__module__
        name = t.__qualname__
        full = name if module in ("builtins", None) else f"{module}.{name}"
        return cap_text(str(full), cap)
    except BaseException:
        return "<unknown type>"


PLAIN_SCALARS = (str, int, float, type(None))


def plain_json(value, budget):
    """Whether value is made only of exact JSON types (no subclass, no tuple), within budget items; runs no user code."""
    stack = [value]
    while stack:
        budget -= 1
        if budget < 0:
            return False
        item = stack.pop()
        t = type(item)
        if t in PLAIN_SCALARS or t is bool:
            if t is float and (item != item or item in (float("inf"), float("-inf"))):
                return False
            continue
        if t is list:
            stack.extend(item)
        elif t is dict:
            for key in item:
                if type(key) is not str:
                    return False
            stack.extend(item.values())
        else:
            return False
    return True


def not_bool_detail(value, cap):
    """The result's type, and on a second line "value: " + the value as JSON when it is plain JSON and fits the cap.

    Profiles that compare a result with an expected value by Python's == (or count it by int()) read that line; a
    value that is not plain JSON, or too long, has none and so matches nothing but is still described.
    """
    name = type_name(value, cap)
    try:
        if plain_json(value, 1000):
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)
            if len(text) <= cap:
                return f"{name}\nvalue: {text}"
    except BaseException:
        pass
    return name


def dict_version_readers(*dicts):
    """Readers of the version tag (PEP 509) of each dict, or None where this interpreter does not provide one.

    CPython gives every dict a tag that takes a new, never repeated value from a global counter whenever the dict is
    modified, so an unchanged tag proves the dict was not written at all since it was read: a stricter check than
    comparing contents (it also sees a value changed and put back) and ~20x cheaper than comparing 150 entries, so the
    child can afford it after every call. The tag is not exposed to Python; it sits right after the object header and
    ma_used. That layout is checked here on a probe module before it is trusted: any surprise and the caller falls
    back to comparing contents.
    """
    try:
        import ctypes
        import types
    except ImportError:
        return None
    if sys.implementation.name != "cpython" or hasattr(sys, "gettotalrefcount"):
        return None
    try:
        def reader(d):
            return ctypes.c_uint64.from_address(id(d) + 24)

        def used(d):
            return ctypes.c_ssize_t.from_address(id(d) + 16).value

        probe = types.ModuleType("__version_probe__")
        d = probe.__dict__
        tag = reader(d)
        if used(d) != len(d) or any(used(x) != len(x) for x in dicts):
            return None
        seen = {tag.value}

        def changed():
            value = tag.value
            if value in seen:
                return False
            seen.add(value)
            return True

        # Enough repetitions for the interpreter to specialise the attribute store, the path hostile code would take.
        for _ in range(64):
            probe.attr = object()
            if not changed():
                return None
        steps = (
            lambda: setattr(probe, "other", 1),
            lambda: delattr(probe, "other"),
            lambda: d.update(z=1),
            lambda: d.pop("z"),
            lambda: d.setdefault("q", 2),
            lambda: d.popitem(),
            lambda: d.__setitem__("attr", None),
            lambda: d.__delitem__("attr"),
        )
        for step in steps:
            step()
            if not changed():
                return None
        before = tag.value
        _ = probe.__name__, d.get("__name__"), len(d), list(d)
        if tag.value != before or used(d) != len(d):
            return None
        return tuple(reader(x) for x in dicts)
    except Exception:
        return None


# Every signal a verifier could leave a handler for; SIGALRM is the soft timeout's, checked after every call.
PARK_SIGNALS = tuple(sorted(s for s in signal.valid_signals()
                            if s not in (signal.SIGKILL, signal.SIGSTOP, signal.SIGALRM) and s < signal.SIGRTMIN))


def libc_prctl():
    """libc's prctl, or None where ctypes or libc is missing."""
    try:
        import ctypes
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        prctl.restype = ctypes.c_int
        return prctl
    except (ImportError, OSError, AttributeError):
        return None


class Zygote:
    def __init__(self, cfg):
        self.soft = float(cfg["soft"])
        self.hard = float(cfg["hard"])
        self.detail_cap = int(cfg["detail_cap"])
        self.output_cap = int(cfg["output_cap"])
        # Inside bwrap the scratch folder is the private /tmp; unsandboxed it is a fresh temporary folder.
        self.scratch = cfg.get("scratch") or __import__("tempfile").mkdtemp(prefix="autoif-verifier-")
        self.child_cpu = int(cfg["child_cpu"])
        self.shm_size = int(cfg["shm_mb"]) * 1024 * 1024
        self.max_record = RECORD_HEAD.size + 4 * self.detail_cap + 16
        self.codes = {}
        self.tick = 0.05
        self.versions = dict_version_readers(builtins.__dict__, sys.__dict__)
        self.proto_in = os.dup(0)
        self.proto_out = os.dup(1)
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.close(devnull)
        self.reader = os.fdopen(self.proto_in, "rb", buffering=1 << 20)
        self.shm = mmap.mmap(-1, self.shm_size, flags=mmap.MAP_SHARED)
        self.header = memoryview(self.shm)[:HEADER_BYTES].cast("q")
        if not os.path.isdir(self.scratch):
            os.makedirs(self.scratch, exist_ok=True)
        self.prctl = libc_prctl()
        # Without prctl a parked child could outlive an unsandboxed zygote and be read by a sibling: no warm children.
        self.warm_cap = int(cfg.get("warm", 0)) if self.prctl is not None else 0
        self.warm = {}  # source hash -> pid of its parked child, least recently used first
        self.warm_pids = {}  # pid -> source hash
        if self.warm_cap:
            self.inputs_shm = mmap.mmap(-1, int(cfg.get("in_mb", 8)) * 1024 * 1024, flags=mmap.MAP_SHARED)
        # The zygote waits for a child to stop or exit in sigtimedwait: SIGCHLD stays pending until taken, so none is lost
        # between a look at the child and the wait. Children unblock it again (enter_child).
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGCHLD})
        self.encoded = {}

    # ----- protocol -----

    def send(self, obj):
        data = json.dumps(obj, separators=(",", ":")).encode("ascii") + b"\n"
        view = memoryview(data)
        while view:
            written = os.write(self.proto_out, view)
            view = view[written:]

    def serve(self):
        self.send({"ready": True, "python": sys.version.split()[0], "uid": os.getuid(), "pid": os.getpid()})
        while True:
            line = self.reader.readline()
            if not line:
                return
            try:
                request = json.loads(line)
                op = request["op"]
                job = request["j"]
            except Exception as exc:
                self.send({"fatal": describe_exception(exc, self.detail_cap)})
                continue
            try:
                if op == "run":
                    self.run_job(job, request["src"], request["in"], request["calls"])
                elif op == "check":
                    self.check_job(job, request["src"])
                else:
                    self.send({"j": job, "fatal": f"unknown op {op!r}"})
                    continue
            except MemoryError:
                # The job itself did not fit in the zygote's address space; let the host split or report it.
                self.send({"j": job, "fatal": "MemoryError in worker"})
                continue
            self.send({"j": job, "end": True})

    def compile_source(self, source_hash, source):
        cached = self.codes.get(source_hash)
        if cached is not None:
            return cached
        try:
            entry = (compile(source, "<verifier>", "exec"), None)
        except SyntaxError as exc:
            where = f"line {exc.lineno}: " if exc.lineno else ""
            entry = (None, cap_text(f"SyntaxError: {where}{exc.msg}", self.detail_cap))
        except (ValueError, MemoryError, RecursionError, OverflowError) as exc:
            entry = (None, describe_exception(exc, self.detail_cap))
        if len(self.codes) >= 4096:
            self.codes.clear()
        self.codes[source_hash] = entry
        return entry

    # ----- run -----

    def run_job(self, job, sources, inputs, calls):
        codes = [self.compile_source(h, s) for h, s in sources]
        count = len(calls) // 2
        # Indexes in a flat array, not a list of int objects: reading a list item writes the int's reference count, and
        # each such write in a forked child copies a page of the zygote's memory.
        calls = array.array("q", calls)
        pending = []
        last_emit = [time.monotonic()]

        def emit(force=False):
            if pending and (force or time.monotonic() - last_emit[0] >= self.tick):
                self.send({"j": job, "r": pending[:]})
                pending.clear()
                last_emit[0] = time.monotonic()

        self.encoded = {}
        k = 0
        while k < count:
            s = calls[2 * k]
            end = k + 1
            while end < count and calls[2 * end] == s:
                end += 1
            code, error = codes[s]
            if code is None:
                pending.extend([[ERROR, error]] * (end - k))
                emit()
                k = end
                continue
            self.run_source(sources[s][0], code, calls, inputs, k, end, pending, emit)
            k = end
        self.encoded = {}
        emit(force=True)

    def check_job(self, job, sources):
        results = []
        for h, s in sources:
            code, error = self.compile_source(h, s)
            if code is None:
                results.append([CHECK_SYNTAX if error.startswith("SyntaxError") else CHECK_FAILED, error])
                continue
            pending = []
            pid = self.fork_child(lambda: self.child_check(code))
            got, status, killed, _ = self.supervise(pid, 0, 1, pending, lambda force=False: None, may_park=False)
            if got == 0:
                self.report_unfinished(0, status, killed, pending)
            self.wipe_scratch()
            kind, detail = (pending[0], None) if isinstance(pending[0], int) else pending[0]
            if kind >= CHECK_BASE:
                kind -= CHECK_BASE
                results.append([kind, detail] if detail else kind)
            elif kind == TIMEOUT:
                results.append([CHECK_FAILED, "module code timed out"])
            elif kind == CRASHED:
                results.append([CHECK_FAILED, detail or "module code crashed the process"])
            else:
                results.append([CHECK_FAILED, detail or "module code failed"])
        self.send({"j": job, "r": results})

    def run_source(self, source_hash, code, calls, inputs, lo, hi, pending, emit):
        """Runs calls [lo, hi) of one source, in its parked child when it has one, else in fresh forks; one result each."""
        k = lo
        while k < hi:
            pid = self.warm.get(source_hash)
            if pid is not None:
                end = self.write_inputs(calls, inputs, k, hi)
                if end == k:
                    # One text larger than the input buffer: a fresh fork reads it from the zygote's own memory.
                    self.forget(pid, kill=True)
                    continue
                self.header_reset()
                header = self.header
                header[H_TARGET] = pid
                header[H_LO] = k
                header[H_HI] = end
                # Cleared by the child when it takes the command, so one found dead with it still set never started.
                header[H_PARKED] = 1
                # Queued while stopped, delivered on SIGCONT: the child's sigwait returns and it reads the command.
                os.kill(pid, signal.SIGUSR1)
                os.kill(pid, signal.SIGCONT)
            else:
                end = hi
                pid = self.fork_child(lambda lo=k: self.child_main(code, lambda i: inputs[calls[2 * i + 1]], lo, hi))
            got, status, killed, parked = self.supervise(pid, k, end, pending, emit)
            k += got
            if parked and got > 0:
                self.keep_warm(source_hash, pid)
            else:
                never_started = got == 0 and self.header[H_TARGET] == pid and self.header[H_PARKED] == 1
                self.forget(pid, kill=parked)
                if never_started:
                    # A parked child that died meanwhile (killed from outside): the calls go to a fresh fork.
                    self.wipe_scratch()
                    continue
                if k < end and not (self.header[H_CLEAN] == 1 and got > 0 and os.WIFEXITED(status)):
                    self.report_unfinished(k, status, killed, pending)
                    k += 1
            self.wipe_scratch()
            self.reap_strays()
            emit()

    def report_unfinished(self, k, status, killed, pending):
        """The call at k did not finish: says why."""
        if killed or self.header[H_INTERRUPT] == k + 1:
            pending.append([TIMEOUT, f"exceeded {self.soft:g} s"])
        elif os.WIFSIGNALED(status):
            pending.append([CRASHED, f"process killed by signal {os.WTERMSIG(status)}"])
        elif os.WIFSTOPPED(status):
            pending.append([CRASHED, "the process stopped without finishing the call"])
        else:
            pending.append([CRASHED, f"process exited with code {os.WEXITSTATUS(status)}"])

    def header_reset(self):
        header = self.header
        header[H_OFFSET] = HEADER_BYTES
        header[H_COUNT] = 0
        header[H_INTERRUPT] = 0
        header[H_CLEAN] = 0
        header[H_TARGET] = 0
        header[H_PARKED] = 0

    def fork_child(self, body):
        self.header_reset()
        # The job's own objects (inputs, call list) would otherwise be traversed by every young collection in the child.
        gc.freeze()
        pid = os.fork()
        if pid == 0:
            code = EXIT_RETIRED
            try:
                self.enter_child()
                code = body()
            finally:
                os._exit(code)
        return pid

    def write_inputs(self, calls, inputs, lo, hi):
        """Writes the texts of calls [lo, end) into the input buffer, as many as fit; returns end."""
        buffer = self.inputs_shm
        room = len(buffer)
        offset = 0
        encoded = self.encoded
        pack = INPUT_HEAD.pack_into
        head = INPUT_HEAD.size
        k = lo
        while k < hi:
            index = calls[2 * k + 1]
            data = encoded.get(index)
            if data is None:
                data = inputs[index].encode("utf-8", "surrogatepass")
                encoded[index] = data
            stop = offset + head + len(data)
            if stop > room:
                break
            pack(buffer, offset, len(data))
            buffer[offset + head:stop] = data
            offset = stop
            k += 1
        return k

    def keep_warm(self, source_hash, pid):
        self.warm_pids[pid] = source_hash
        self.warm.pop(source_hash, None)
        self.warm[source_hash] = pid
        while len(self.warm) > self.warm_cap:
            self.forget(next(iter(self.warm.values())), kill=True)

    def forget(self, pid, kill):
        """Drops a child from the warm set; kill it (and reap it) when it may still be alive."""
        source_hash = self.warm_pids.pop(pid, None)
        if source_hash is not None and self.warm.get(source_hash) == pid:
            del self.warm[source_hash]
        if kill:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass

    def reap_strays(self):
        """Reaps parked children that died, and kills any that something other than the zygote continued."""
        if not self.warm_pids:
            return
        while True:
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WCONTINUED | os.WNOHANG)
            except ChildProcessError:
                return
            if info is None or info.si_pid == 0:
                return
            self.forget(info.si_pid, kill=info.si_code == os.CLD_CONTINUED)

    def supervise(self, pid, lo, hi, pending, emit, may_park=True):
        """Drains the child's results until it exits or parks; returns (got, status, killed, parked).

        A child parks by stopping itself (SIGSTOP, see park); waitpid(WUNTRACED) confirming the stop, not anything the child
        wrote, is what tells the zygote that it runs no more. One wake-up thus costs two switches between the processes.
        """
        header = self.header
        shm = self.shm
        read_at = HEADER_BYTES
        got = 0
        limit = hi - lo
        killed = False
        interrupted = False
        last_progress = time.monotonic()
        waitpid = os.waitpid
        flags = os.WNOHANG | os.WUNTRACED
        sigchld = {signal.SIGCHLD}
        while True:
            changed, status = waitpid(pid, flags)
            read_at, new = self.drain(shm, header, read_at, limit - got, pending)
            got += new
            if changed:
                break
            now = time.monotonic()
            if new:
                last_progress = now
                interrupted = False
            elif not killed and now - last_progress >= self.hard:
                os.kill(pid, signal.SIGKILL)
                killed = True
            elif not interrupted and now - last_progress >= self.soft:
                header[H_INTERRUPT] = lo + got + 1
                interrupted = True
                try:
                    os.kill(pid, signal.SIGALRM)
                except ProcessLookupError:
                    pass
            emit()
            signal.sigtimedwait(sigchld, self.tick)
        parked = False
        if os.WIFSTOPPED(status):
            # Whatever the child says, it runs no more until the zygote gives it calls again; one that stopped without
            # saying it parked (or where it may not) is killed.
            parked = bool(may_park and self.warm_cap and header[H_PARKED] == 1)
            if not parked:
                # The stopped status stays what is reported: "the process stopped without finishing the call".
                os.kill(pid, signal.SIGKILL)
                waitpid(pid, 0)
        read_at, new = self.drain(shm, header, read_at, limit - got, pending)
        got += new
        if got == limit:
            killed = False
        # H_INTERRUPT holds a global call index; the caller compares it to lo + got.
        return got, status, killed and got < limit, parked

    def drain(self, shm, header, read_at, room, pending):
        end = header[H_OFFSET]
        if end > self.shm_size or end < read_at:
            return read_at, 0
        new = 0
        while read_at < end and new < room:
            last = min(end, read_at + room - new)
            found = NOT_PLAIN.search(shm, read_at, last)
            plain_end = last if found is None else found.start()
            if plain_end > read_at:
                pending.extend(shm[read_at:plain_end])
                new += plain_end - read_at
                read_at = plain_end
                continue
            if read_at + RECORD_HEAD.size > end:
                break
            flagged, length = RECORD_HEAD.unpack_from(shm, read_at)
            kind = flagged & ~DETAIL_FLAG
            stop = read_at + RECORD_HEAD.size + length
            if not flagged & DETAIL_FLAG or stop > end or kind > MAX_KIND:
                break
            if length:
                detail = shm[read_at + RECORD_HEAD.size:stop].decode("utf-8", "surrogatepass")
                pending.append([kind, detail])
            else:
                pending.append(kind)
            read_at = stop
            new += 1
        return read_at, new

    def wipe_scratch(self):
        try:
            names = os.listdir(self.scratch)
        except OSError:
            return
        for name in names:
            path = os.path.join(self.scratch, name)
            try:
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, onerror=self.force_remove)
                else:
                    os.unlink(path)
            except OSError:
                pass

    @staticmethod
    def force_remove(func, path, _):
        try:
            os.chmod(os.path.dirname(path), 0o700)
            os.chmod(path, 0o700)
            func(path)
        except OSError:
            pass

    # ----- child side -----

    def enter_child(self):
        os.close(self.proto_out)
        try:
            self.reader.close()
        except OSError:
            pass
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.close(devnull)
        # No process or thread the verifier starts can outlive the call if none can start.
        resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))
        cpu = resource.getrusage(resource.RUSAGE_SELF).ru_utime + self.child_cpu
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu) + 1, int(cpu) + 2))
        os.chdir(self.scratch)
        self.birth_cpu = time.process_time()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGCHLD})
        if self.warm_cap:
            # Dies with the zygote even unsandboxed; other children's commands wake it only through sigwait.
            self.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
            self.birth_state = self.park_state()
            self.birth_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        gc.enable()

    def prepare_child_state(self):
        capture = Capture(self.output_cap)
        sys.stdout = capture
        sys.stderr = capture
        sys.stdin = None
        current = [-1]
        header = self.header

        def on_alarm(signum, frame):
            if current[0] >= 0 and header[H_INTERRUPT] == current[0] + 1:
                raise SoftTimeout()

        signal.signal(signal.SIGALRM, on_alarm)
        return capture, current, on_alarm

    def child_check(self, code):
        capture, current, _ = self.prepare_child_state()
        current[0] = 0
        try:
            namespace = {"__name__": "__verifier__", "__builtins__": builtins.__dict__}
            exec(code, namespace)
            fn = namespace.get("evaluate")
            if fn is None:
                kind, detail = CHECK_MISSING, "no function named evaluate"
            elif not callable(fn):
                kind, detail = CHECK_NOT_CALLABLE, f"evaluate is a {type_name(fn, self.detail_cap)}, not a function"
            else:
                kind, detail = CHECK_OK, None
        except SoftTimeout:
            kind, detail = CHECK_FAILED, "module code timed out"
        except BaseException as exc:
            kind, detail = CHECK_FAILED, describe_exception(exc, self.detail_cap)
        current[0] = -1
        self.write_record(HEADER_BYTES, CHECK_BASE + kind, detail)
        self.header[H_COUNT] = 1
        self.header[H_CLEAN] = 1
        return EXIT_CLEAN

    def write_record(self, offset, kind, detail):
        if not detail:
            self.shm[offset] = kind
            offset += 1
        else:
            data = detail.encode("utf-8", "surrogatepass")
            RECORD_HEAD.pack_into(self.shm, offset, DETAIL_FLAG | kind, len(data))
            start = offset + RECORD_HEAD.size
            offset = start + len(data)
            self.shm[start:offset] = data
        self.header[H_OFFSET] = offset
        return offset

    def child_main(self, code, text_at, lo, hi):
        """A fresh child's life: its first calls, then, while nothing changed, parked between the zygote's commands."""
        result = self.child_run(code, text_at, lo, hi)
        while result == EXIT_CLEAN and self.warm_cap and self.park_state() == self.birth_state \
                and time.process_time() - self.birth_cpu < self.child_cpu / 2 \
                and resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - self.birth_rss < WARM_MAX_GROWTH_KB:
            lo, hi, texts = self.park()
            result = self.child_run(code, lambda i: texts[i - lo], lo, hi)
        return result

    def park_state(self):
        """What a verifier could leave behind that the checks after each call do not see, and that would matter later."""
        handlers = tuple(_signal.getsignal(s) for s in PARK_SIGNALS)
        timers = tuple(signal.getitimer(t) for t in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF))
        return (handlers, frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, [])), timers,
                len(os.listdir("/proc/self/fd")), os.getcwd())

    def park(self):
        """Waits, stopped most of the time, for the zygote's next command; returns its call range and texts."""
        header = self.header
        me = os.getpid()
        header[H_PARKED] = 1
        # Stopped here until the zygote's SIGCONT; the zygote sees the stop in waitpid. Woken by anyone else, the child
        # waits on in sigwait, running, where the zygote's check for continued children finds it.
        os.kill(me, signal.SIGSTOP)
        while True:
            signal.sigwait({signal.SIGUSR1})
            if header[H_TARGET] == me:
                break
        header[H_PARKED] = 0
        lo, hi = header[H_LO], header[H_HI]
        buffer = self.inputs_shm
        unpack = INPUT_HEAD.unpack_from
        head = INPUT_HEAD.size
        texts = []
        offset = 0
        for _ in range(hi - lo):
            (length,) = unpack(buffer, offset)
            start = offset + head
            offset = start + length
            texts.append(buffer[start:offset].decode("utf-8", "surrogatepass"))
        return lo, hi, texts

    def child_run(self, code, text_at, lo, hi):
        capture, current, on_alarm = self.prepare_child_state()
        header = self.header
        shm = self.shm
        detail_cap = self.detail_cap
        output_cap = self.output_cap
        limit = self.shm_size - self.max_record
        pack_head = RECORD_HEAD.pack_into
        head_size = RECORD_HEAD.size
        timeout_detail = f"exceeded {self.soft:g} s"
        bdict = builtins.__dict__
        sdict = sys.__dict__
        versions = self.versions
        if versions is not None:
            builtins_version, sys_version = versions
            builtins_before = builtins_version.value
            sys_before = sys_version.value
        else:
            builtins_before = dict(bdict)
            sys_before = dict(sdict)
        path_before = list(sys.path)
        recursion_before = sys.getrecursionlimit()
        getrecursionlimit = sys.getrecursionlimit
        gettrace = sys.gettrace
        getprofile = sys.getprofile
        # The C function: signal.getsignal wraps the result in an enum, which costs microseconds per call.
        getsignal = _signal.getsignal
        sigalrm = signal.SIGALRM
        cpu_budget = self.child_cpu / 2
        process_time = time.process_time
        started_cpu = self.birth_cpu
        offset = HEADER_BYTES
        done = 0

        def call_once(text):
            try:
                namespace = {"__name__": "__verifier__", "__builtins__": bdict}
                exec(code, namespace)
                fn = namespace.get("evaluate")
                if fn is None:
                    return ERROR, "NameError: name 'evaluate' is not defined", False
                value = fn(text)
                if value is True:
                    return TRUE, None, False
                if value is False:
                    return FALSE, None, False
                if type(value) is int and (value == 0 or value == 1):
                    return (TRUE if value == 1 else FALSE), None, False
                return NOT_BOOL, not_bool_detail(value, detail_cap), False
            except SoftTimeout:
                return TIMEOUT, timeout_detail, True
            except (MemoryError, RecursionError) as exc:
                return ERROR, describe_exception(exc, detail_cap), True
            except Exception as exc:
                return ERROR, describe_exception(exc, detail_cap), False
            except BaseException as exc:
                return ERROR, describe_exception(exc, detail_cap), True

        for k in range(lo, hi):
            if offset > limit:
                header[H_CLEAN] = 1
                return EXIT_CLEAN
            text = text_at(k)
            if capture.size:
                capture.reset()
            current[0] = k
            try:
                kind, detail, retire = call_once(text)
            except SoftTimeout:
                kind, detail, retire = TIMEOUT, timeout_detail, True
            current[0] = -1
            if capture.size:
                try:
                    output = cap_text(capture.text(), output_cap)
                except BaseException:
                    output = "<unreadable output>"
                detail = cap_text(f"{detail}\n--- output ---\n{output}" if detail else output, detail_cap + output_cap)
            if detail is None:
                shm[offset] = kind
                offset += 1
            else:
                data = detail.encode("utf-8", "surrogatepass")
                pack_head(shm, offset, DETAIL_FLAG | kind, len(data))
                start = offset + head_size
                offset = start + len(data)
                shm[start:offset] = data
            header[H_OFFSET] = offset
            done += 1
            header[H_COUNT] = done
            # Anything that could change a later verdict of this source retires the child. Every check runs after every
            # call, so no verdict is ever computed in a process an earlier call changed.
            if (retire
                    or (builtins_version.value != builtins_before if versions is not None else bdict != builtins_before)
                    or (sys_version.value != sys_before if versions is not None else sdict != sys_before)
                    or sys.path != path_before
                    or getrecursionlimit() != recursion_before
                    or getsignal(sigalrm) is not on_alarm
                    or gettrace() is not None
                    or getprofile() is not None
                    or (done & 63 == 0 and process_time() - started_cpu > cpu_budget)):
                header[H_CLEAN] = 1
                return EXIT_RETIRED
        header[H_CLEAN] = 1
        return EXIT_CLEAN


def cap_recursion_limit(cap):
    """Makes sys.setrecursionlimit clamp its argument to cap; installed in the zygote, so every child has it."""
    set_limit = sys.setrecursionlimit

    def setrecursionlimit(limit):
        # operator.index gives a plain int (an int subclass cannot compare its way past the cap) and raises the same
        # TypeError as the original for anything else.
        set_limit(min(operator.index(limit), cap))

    setrecursionlimit.__doc__ = set_limit.__doc__
    sys.setrecursionlimit = setrecursionlimit


def apply_limits(cfg):
    mb = 1024 * 1024
    limits = (
        (resource.RLIMIT_AS, int(cfg["mem_mb"]) * mb),
        (resource.RLIMIT_NOFILE, int(cfg["nofile"])),
        (resource.RLIMIT_NPROC, int(cfg["nproc"])),
        (resource.RLIMIT_FSIZE, int(cfg["fsize_mb"]) * mb),
        (resource.RLIMIT_CORE, 0),
    )
    for which, value in limits:
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def main():
    cfg = json.loads(sys.argv[1])
    # As PID 1 of the sandbox, the zygote only receives signals it handles; keep it that way.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for name in PRELOAD:
        try:
            __import__(name)
        except Exception:
            pass
    cap_recursion_limit(MAX_RECURSION_LIMIT)
    zygote = Zygote(cfg)
    if zygote.prctl is not None:
        # Inherited by every child: no verifier can ptrace, or open the memory of, the zygote or a parked sibling.
        zygote.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    apply_limits(cfg)
    gc.collect()
    gc.freeze()
    gc.disable()
    zygote.serve()


if __name__ == "__main__":
    main()
