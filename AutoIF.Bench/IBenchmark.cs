namespace AutoIF.Bench;

/// <summary>A named benchmark. <c>quick</c> runs a small workload that proves the path works and asserts nothing about speed.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    /// <summary>Whether <c>all</c> (and so ./test.sh's <c>all --quick</c>) runs it; a benchmark whose quick mode is long is run by name.</summary>
    bool InAll => true;

    Task RunAsync(bool quick, CancellationToken cancellationToken);
}
