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
}
