namespace AutoIF.Core.Reports;

/// <summary>Why a verifier is listed on the Failing verifiers page. A verifier can fail in several ways and is listed under each.</summary>
public enum FailureKind
{
    /// <summary>Did not compile or defines no callable <c>evaluate</c>.</summary>
    CompileFailed = 0,
    /// <summary>Dropped at cross-validation: disagreed with the kept test cases.</summary>
    DisagreedWithCases = 1,
    /// <summary>Raised an exception, or returned something that is not a bool, on a test case or a response.</summary>
    Error = 2,
    Timeout = 3,
    Crashed = 4,
    /// <summary>The self-test found it accepts every probe text and kept case expecting False (decision 027).</summary>
    Vacuous = 5,
    /// <summary>The same verdict on every one of at least 20 responses of its run.</summary>
    Constant = 6,
    /// <summary>Timed out on every call of its probe, so its other calls of the run were skipped (decision 036).</summary>
    SkippedAfterTimeouts = 7,
}
