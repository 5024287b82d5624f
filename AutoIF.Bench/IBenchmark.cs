namespace AutoIF.Bench;

/// <summary>A named benchmark. <c>quick</c> runs a small workload that proves the path works and asserts nothing about speed.</summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(bool quick, CancellationToken cancellationToken);
}
