using System.Reflection;
using AutoIF.Bench;

// dotnet run -c Release --project AutoIF.Bench -- [NAME|all] [--quick]
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var quick = args.Contains("--quick");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
if (names.Count == 0)
{
    Console.WriteLine("usage: AutoIF.Bench NAME|all [--quick]");
    foreach (var b in benchmarks)
    {
        Console.WriteLine($"  {b.Name,-12} {b.Description}{(b.InAll ? "" : " (not in all: run it by name)")}");
    }
    return 1;
}

var selected = benchmarks.Where(b => names.Contains(b.Name) || (names.Contains("all") && b.InAll)).ToList();
var unknown = names.Where(n => n != "all" && benchmarks.All(b => b.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown benchmark: {string.Join(", ", unknown)}");
    return 2;
}

foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}{(quick ? " (quick)" : "")}: {benchmark.Description}");
    await benchmark.RunAsync(quick, CancellationToken.None);
}
return 0;
