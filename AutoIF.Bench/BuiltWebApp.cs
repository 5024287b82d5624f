namespace AutoIF.Bench;

/// <summary>Where the web app built beside this benchmark lives, for the benchmarks that run it as its own process.</summary>
internal static class BuiltWebApp
{
    /// <summary>The built web app: bin/Release when the benchmark runs in Release, else bin/Debug.</summary>
    public static string Dll()
    {
        var baseDir = AppContext.BaseDirectory;
        var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(SolutionFolder(), "AutoIF.Web", "bin", configuration, "net10.0", "AutoIF.Web.dll");
    }

    public static string SolutionFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AutoIF.Web.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Run the benchmark from inside the AutoIF checkout.");
    }
}
